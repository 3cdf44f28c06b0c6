import type { Format } from '../../contract/rules/documents';
import type { PagedDocument } from '../layout/document';
import { renderDocx } from './docx';
import { renderHtml } from './html';
import { renderPdf } from './pdf';
import { renderXlsx } from './xlsx';

/** Writes the laid-out pages to `file` in `format`; every format gets the same pages. */
export function renderDocument(doc: PagedDocument, format: Format, file: string): Promise<void> {
  switch (format) {
    case 'pdf':
      return renderPdf(doc, file);
    case 'docx':
      return renderDocx(doc, file);
    case 'xlsx':
      return renderXlsx(doc, file);
    case 'html':
      return renderHtml(doc, file);
  }
}

import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import { fontFaces } from '../layout/fonts';
import type { PagedDocument } from '../layout/document';
import { measurer, type Measurer } from '../layout/measure';
import type { TextStyle } from '../layout/page';
import { BORDER_WIDTH, footerBox, pagePrimitives } from '../layout/primitives';
import { FOOTER_STYLE } from '../layout/specs';

// PDF/A-2b with pdfkit: every font is embedded (subset) from the DejaVu files the layout measured with; pdfkit adds
// the XMP metadata with pdfaid:part 2 / conformance B and the sRGB output intent.

export function baselineY(m: Measurer, style: TextStyle, top: number): number {
  const { ascent, descent } = m.metrics(style.face);
  return top + (style.lineHeight - (ascent - descent) * style.size) / 2 + ascent * style.size;
}

export function renderPdf(doc: PagedDocument, file: string): Promise<void> {
  const m = measurer();
  const faces = fontFaces();
  const pdf = new PDFDocument({
    autoFirstPage: false,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'ru-RU',
    displayTitle: true,
    // the initial font must be an embedded one: PDF/A forbids the standard 14 fonts pdfkit starts with. Fonts are
    // selected by file path below, the key pdfkit caches them under.
    font: faces.cond.file,
    info: { Title: doc.title, Author: doc.author, Creator: 'Школьный журнал', Producer: 'Школьный журнал (pdfkit)' },
  });
  const stream = fs.createWriteStream(file);
  const done = new Promise<void>((resolve, reject) => {
    stream.on('finish', resolve);
    stream.on('error', reject);
    pdf.on('error', reject);
  });
  pdf.pipe(stream);
  for (const page of doc.pages) {
    pdf.addPage({ size: 'A4', layout: page.orientation, margin: 0 });
    pdf.lineWidth(BORDER_WIDTH).strokeColor('black');
    for (const p of pagePrimitives(m, page)) {
      if (p.kind === 'fill') {
        const g = Math.round(p.gray * 255);
        pdf.rect(p.x, p.y, p.w, p.h).fillColor([g, g, g]).fill();
      } else if (p.kind === 'line') pdf.moveTo(p.x1, p.y1).lineTo(p.x2, p.y2).stroke();
      else pdf.font(faces[p.style.face].file).fontSize(p.style.size).fillColor('black').text(p.text, p.x, baselineY(m, p.style, p.y), { lineBreak: false, baseline: 'alphabetic' });
    }
    const fb = footerBox(page, FOOTER_STYLE);
    const fw = m.width(page.footer, FOOTER_STYLE.face, FOOTER_STYLE.size);
    pdf.font(faces[FOOTER_STYLE.face].file).fontSize(FOOTER_STYLE.size).fillColor('black').text(page.footer, fb.x + (fb.width - fw) / 2, baselineY(m, FOOTER_STYLE, fb.y), { lineBreak: false, baseline: 'alphabetic' });
  }
  pdf.end();
  return done;
}

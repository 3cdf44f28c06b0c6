import { face, writePdfFile } from '../../kernel/pdf';
import type { PagedDocument } from '../layout/document';
import { measurer, type Measurer } from '../layout/measure';
import type { TextStyle } from '../layout/page';
import { BORDER_WIDTH, footerBox, pagePrimitives } from '../layout/primitives';
import { FOOTER_STYLE } from '../layout/specs';

// The laid-out pages drawn into a PDF/A-2b file (kernel/pdf.ts): every font is embedded (subset) from the DejaVu
// files the layout measured with.

function baselineY(m: Measurer, style: TextStyle, top: number): number {
  const { ascent, descent } = m.metrics(style.face);
  return top + (style.lineHeight - (ascent - descent) * style.size) / 2 + ascent * style.size;
}

export function renderPdf(doc: PagedDocument, file: string): Promise<void> {
  const m = measurer();
  return writePdfFile({ title: doc.title, author: doc.author }, file, (pdf) => {
    for (const page of doc.pages) {
      pdf.addPage({ size: 'A4', layout: page.orientation, margin: 0 });
      pdf.lineWidth(BORDER_WIDTH).strokeColor('black');
      for (const p of pagePrimitives(m, page)) {
        if (p.kind === 'fill') {
          const g = Math.round(p.gray * 255);
          pdf.rect(p.x, p.y, p.w, p.h).fillColor([g, g, g]).fill();
        } else if (p.kind === 'line') pdf.moveTo(p.x1, p.y1).lineTo(p.x2, p.y2).stroke();
        else
          face(pdf, p.style.face)
            .fontSize(p.style.size)
            .fillColor('black')
            .text(p.text, p.x, baselineY(m, p.style, p.y), { lineBreak: false, baseline: 'alphabetic' });
      }
      const fb = footerBox(page, FOOTER_STYLE);
      const fw = m.width(page.footer, FOOTER_STYLE.face, FOOTER_STYLE.size);
      face(pdf, FOOTER_STYLE.face)
        .fontSize(FOOTER_STYLE.size)
        .fillColor('black')
        .text(page.footer, fb.x + (fb.width - fw) / 2, baselineY(m, FOOTER_STYLE, fb.y), { lineBreak: false, baseline: 'alphabetic' });
    }
  });
}

import fs from 'node:fs';
import type { PagedDocument } from '../layout/document';
import type { Page } from '../layout/page';
import { DOCUMENT_FACES, fontBytes, fontFaces, type FaceId } from '../../kernel/fonts';
import { measurer } from '../layout/measure';
import { BORDER_WIDTH, footerBox, pagePrimitives } from '../layout/primitives';
import { FOOTER_STYLE } from '../layout/specs';

// Fixed-size HTML pages for Electron's print dialog and the browser's print: one absolutely positioned box per
// page, A4 in points, a named @page per orientation, a page break after each; the DejaVu fonts travel inside the
// file, so the browser draws with the fonts the layout measured.

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const n = (v: number) => Math.round(v * 100) / 100;

function fontFace(id: FaceId): string {
  const f = fontFaces()[id];
  return `@font-face{font-family:"SJ ${f.family}";font-weight:${f.bold ? 700 : 400};src:url(data:font/ttf;base64,${fontBytes(id).toString('base64')}) format("truetype");}`;
}

/** The four DejaVu faces as @font-face rules with data URLs (~3 MB): once per printed file or preview session. */
export function fontCss(): string {
  return DOCUMENT_FACES.map(fontFace).join('\n');
}

/** The page boxes' own rules, without fonts. */
export function pageCss(): string {
  return [
    '@page{size:A4 portrait;margin:0}',
    '@page landscape{size:A4 landscape;margin:0}',
    'html,body{margin:0;padding:0;background:#888}',
    '.page{position:relative;overflow:hidden;background:#fff;margin:0 auto 12pt;break-after:page;page:portrait}',
    '.page.landscape{page:landscape}',
    '.page:last-child{break-after:auto}',
    '.t{position:absolute;white-space:pre;color:#000;margin:0;padding:0}',
    `.l{position:absolute;background:#000}`,
    '.f{position:absolute}',
    '@media print{html,body{background:none}.page{margin:0}}',
  ].join('\n');
}

/** One page as a fixed-size box of absolutely placed texts, lines and fills. */
export function htmlPage(page: Page): string {
  const m = measurer();
  const faces = fontFaces();
  const out: string[] = [];
  const text = (x: number, y: number, s: string, face: FaceId, size: number, lh: number) => {
    const f = faces[face];
    return `<div class="t" style="left:${n(x)}pt;top:${n(y)}pt;font:${f.bold ? 700 : 400} ${size}pt/${lh}pt 'SJ ${f.family}'">${esc(s)}</div>`;
  };
  out.push(`<div class="page ${page.orientation}" data-page="${page.number}" style="width:${n(page.width)}pt;height:${n(page.height)}pt">`);
  for (const p of pagePrimitives(m, page)) {
    if (p.kind === 'fill') {
      const g = Math.round(p.gray * 255);
      out.push(
        `<div class="f" style="left:${n(p.x)}pt;top:${n(p.y)}pt;width:${n(p.w)}pt;height:${n(p.h)}pt;background:rgb(${g},${g},${g})"></div>`,
      );
    } else if (p.kind === 'line') {
      const w = BORDER_WIDTH;
      const x = Math.min(p.x1, p.x2) - w / 2;
      const y = Math.min(p.y1, p.y2) - w / 2;
      out.push(
        `<div class="l" style="left:${n(x)}pt;top:${n(y)}pt;width:${n(Math.abs(p.x2 - p.x1) + w)}pt;height:${n(Math.abs(p.y2 - p.y1) + w)}pt"></div>`,
      );
    } else out.push(text(p.x, p.y, p.text, p.style.face, p.style.size, p.style.lineHeight));
  }
  const fb = footerBox(page, FOOTER_STYLE);
  const fw = m.width(page.footer, FOOTER_STYLE.face, FOOTER_STYLE.size);
  out.push(text(fb.x + (fb.width - fw) / 2, fb.y, page.footer, FOOTER_STYLE.face, FOOTER_STYLE.size, FOOTER_STYLE.lineHeight));
  out.push('</div>');
  return out.join('\n');
}

/** A whole HTML file: fonts inside, a page box per page, ready for the browser's print. */
export function htmlDocument(doc: PagedDocument, pages: readonly Page[] = doc.pages): string {
  const out: string[] = [
    `<!DOCTYPE html><html lang="ru"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${fontCss()}\n${pageCss()}</style></head><body>`,
  ];
  for (const page of pages) out.push(htmlPage(page));
  out.push('</body></html>');
  return out.join('\n');
}

export async function renderHtml(doc: PagedDocument, file: string): Promise<void> {
  await fs.promises.writeFile(file, htmlDocument(doc));
}

import type { Measurer } from './measure';
import { CELL_VPAD } from './flow';
import type { Align, Page, TextStyle, VAlign } from './page';

// A page as positioned primitives: what the PDF and HTML renderers draw, with no layout decisions left.

export interface TextRun {
  kind: 'text';
  /** Left end of the text (alignment already applied) and the top of its line box. */
  x: number;
  y: number;
  width: number;
  text: string;
  style: TextStyle;
}

export interface Line {
  kind: 'line';
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

export interface Fill {
  kind: 'fill';
  x: number;
  y: number;
  w: number;
  h: number;
  /** 0 black … 1 white. */
  gray: number;
}

export type Primitive = TextRun | Line | Fill;

export const FILL_GRAY = { header: 0.93, closed: 0.8 } as const;
export const BORDER_WIDTH = 0.5;

function alignedX(m: Measurer, text: string, style: TextStyle, x: number, w: number, align: Align): number {
  if (align === 'left') return x;
  const tw = m.width(text, style.face, style.size);
  return align === 'center' ? x + (w - tw) / 2 : x + w - tw;
}

function textTop(lines: number, style: TextStyle, y: number, h: number, valign: VAlign): number {
  const th = lines * style.lineHeight;
  if (valign === 'top') return y + CELL_VPAD;
  if (valign === 'bottom') return y + h - CELL_VPAD - th;
  return y + (h - th) / 2;
}

export function pagePrimitives(m: Measurer, page: Page): Primitive[] {
  const fills: Primitive[] = [];
  const texts: Primitive[] = [];
  const lines = new Map<string, Line>();
  // a grid's shared edges are drawn once; keys in hundredths of a point (integers print far faster than toFixed)
  const r = (v: number) => Math.round(v * 100);
  const addLine = (x1: number, y1: number, x2: number, y2: number) => {
    const k = `${r(x1)},${r(y1)},${r(x2)},${r(y2)}`;
    if (!lines.has(k)) lines.set(k, { kind: 'line', x1, y1, x2, y2 });
  };
  for (const b of page.blocks) {
    if (b.kind === 'paragraph') {
      b.lines.forEach((text, i) => {
        if (text)
          texts.push({
            kind: 'text',
            x: alignedX(m, text, b.style, b.x, b.width, b.align),
            y: b.y + i * b.style.lineHeight,
            width: b.width,
            text,
            style: b.style,
          });
      });
      continue;
    }
    const colX: number[] = [b.x];
    for (const w of b.columns) colX.push(colX[colX.length - 1] + w);
    const rowY: number[] = [b.y];
    for (const r of b.rows) rowY.push(rowY[rowY.length - 1] + r.height);
    b.rows.forEach((r, ri) => {
      for (const c of r.cells) {
        const x = colX[c.col];
        const w = colX[c.col + c.colSpan] - x;
        const y = rowY[ri];
        const h = rowY[Math.min(ri + c.rowSpan, b.rows.length)] - y;
        if (c.fill) fills.push({ kind: 'fill', x, y, w, h, gray: FILL_GRAY[c.fill] });
        if (c.borders.top) addLine(x, y, x + w, y);
        if (c.borders.bottom) addLine(x, y + h, x + w, y + h);
        if (c.borders.left) addLine(x, y, x, y + h);
        if (c.borders.right) addLine(x + w, y, x + w, y + h);
        const top = textTop(c.lines.length, c.style, y, h, c.valign);
        c.lines.forEach((text, i) => {
          if (!text) return;
          const inner = w - 2 * b.padding;
          texts.push({
            kind: 'text',
            x: alignedX(m, text, c.style, x + b.padding, inner, c.align),
            y: top + i * c.style.lineHeight,
            width: inner,
            text,
            style: c.style,
          });
        });
      }
    });
  }
  return [...fills, ...lines.values(), ...texts];
}

/** Where the footer line is drawn: centred in the bottom margin. */
export function footerBox(page: Page, style: TextStyle) {
  return {
    x: page.margins.left,
    y: page.height - page.margins.bottom + (page.margins.bottom - style.lineHeight) / 2,
    width: page.width - page.margins.left - page.margins.right,
  };
}

import fs from 'node:fs';
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeightRule,
  LineRuleType,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { PagedDocument } from '../layout/document';
import { fontBytes, fontFaces } from '../../kernel/fonts';
import { CELL_VPAD } from '../layout/flow';
import {
  A4,
  blockHeight,
  type Align,
  type Borders,
  type LaidCell,
  type Page,
  type ParagraphBlock,
  type TableBlock,
  type TextStyle,
} from '../layout/page';
import { FILL_GRAY } from '../layout/primitives';
import { FOOTER_STYLE } from '../layout/specs';

// DOCX with `docx`: the pages the layout made, each starting with a paragraph that has «page break before», tables of
// fixed layout with exact row heights, paragraphs with exact line heights and the layout's own line breaks, one
// section per run of pages of one orientation. Word and LibreOffice then have nothing left to decide, so they break
// pages where the layout did. The DejaVu fonts are embedded in the file.

const tw = (pt: number) => Math.round(pt * 20);
const halfPoints = (pt: number) => Math.max(2, Math.round(pt * 2));

const ALIGN: Record<Align, (typeof AlignmentType)[keyof typeof AlignmentType]> = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
};

/**
 * Every text style the pages use becomes a paragraph style (font, size, exact line height), so a paragraph names its
 * style and its runs carry only text: a journal has tens of thousands of cells, and `docx` is memory-hungry per
 * property written.
 */
class Styles {
  private ids = new Map<string, TextStyle>();
  id(style: TextStyle): string {
    const id = `sj-${style.face}-${halfPoints(style.size)}-${tw(style.lineHeight)}`;
    if (!this.ids.has(id)) this.ids.set(id, style);
    return id;
  }
  definitions() {
    return [...this.ids.entries()].map(([id, st]) => {
      const f = fontFaces()[st.face];
      return {
        id,
        name: id,
        basedOn: 'Normal',
        run: { font: f.family, bold: f.bold, size: halfPoints(st.size) },
        paragraph: { spacing: exact(st.lineHeight), widowControl: false },
      };
    });
  }
}

function runs(lines: string[]): TextRun[] {
  return lines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : undefined }));
}

function exact(lineHeight: number) {
  return { line: tw(lineHeight), lineRule: LineRuleType.EXACT, before: 0, after: 0 };
}

/** An empty paragraph `height` points tall: space between blocks, and the anchor a page break hangs on. */
function spacer(height: number, pageBreakBefore: boolean): Paragraph {
  return new Paragraph({
    spacing: exact(Math.max(1, height)),
    pageBreakBefore,
    widowControl: false,
    children: [new TextRun({ text: '', size: 2 })],
  });
}

function paragraph(st: Styles, b: ParagraphBlock, page: Page, before: number, pageBreakBefore: boolean): Paragraph {
  const content = page.width - page.margins.left - page.margins.right;
  const left = b.x - page.margins.left;
  return new Paragraph({
    style: st.id(b.style),
    alignment: ALIGN[b.align],
    spacing: { ...exact(b.style.lineHeight), before: tw(before) },
    indent: { left: tw(left), right: tw(Math.max(0, content - left - b.width)) },
    pageBreakBefore,
    children: runs(b.lines),
  });
}

const LINE = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const NONE = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' } as const;
/** Only cells that differ from the table's all-lines default say so. */
function borders(b: Borders) {
  if (b.top && b.bottom && b.left && b.right) return undefined;
  return { top: b.top ? LINE : NONE, bottom: b.bottom ? LINE : NONE, left: b.left ? LINE : NONE, right: b.right ? LINE : NONE };
}

function gray(g: number): string {
  const h = Math.round(g * 255)
    .toString(16)
    .padStart(2, '0')
    .toUpperCase();
  return h + h + h;
}

function cell(st: Styles, c: LaidCell, colTw: number[]): TableCell {
  const width = colTw.slice(c.col, c.col + c.colSpan).reduce((a, b) => a + b, 0);
  return new TableCell({
    width: { size: width, type: WidthType.DXA },
    columnSpan: c.colSpan > 1 ? c.colSpan : undefined,
    rowSpan: c.rowSpan > 1 ? c.rowSpan : undefined,
    verticalAlign: c.valign === 'top' ? VerticalAlign.TOP : c.valign === 'bottom' ? VerticalAlign.BOTTOM : undefined,
    shading: c.fill ? { type: ShadingType.CLEAR, fill: gray(FILL_GRAY[c.fill]), color: 'auto' } : undefined,
    borders: borders(c.borders),
    children: [
      new Paragraph({ style: st.id(c.style), alignment: c.align === 'left' ? undefined : ALIGN[c.align], children: runs(c.lines) }),
    ],
  });
}

function table(st: Styles, t: TableBlock, page: Page): Table {
  const colTw = t.columns.map(tw);
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: colTw.reduce((a, b) => a + b, 0), type: WidthType.DXA },
    columnWidths: colTw,
    indent: { size: tw(t.x - page.margins.left), type: WidthType.DXA },
    margins: { top: tw(CELL_VPAD), bottom: tw(CELL_VPAD), left: tw(t.padding), right: tw(t.padding) },
    borders: { top: LINE, bottom: LINE, left: LINE, right: LINE, insideHorizontal: LINE, insideVertical: LINE },
    rows: t.rows.map(
      (r) =>
        new TableRow({
          height: { value: tw(r.height), rule: HeightRule.EXACT },
          cantSplit: true,
          children: r.cells.map((c) => cell(st, c, colTw)),
        }),
    ),
  });
}

function pageChildren(st: Styles, page: Page, breakBefore: boolean): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let cursor = page.margins.top;
  let pendingBreak = breakBefore;
  let lastWasTable = false;
  for (const b of page.blocks) {
    const gap = Math.max(0, b.y - cursor);
    if (b.kind === 'paragraph') {
      out.push(paragraph(st, b, page, gap, pendingBreak));
      lastWasTable = false;
    } else {
      // a table cannot carry the page break, and two tables in a row would be merged: a spacer goes between
      if (pendingBreak || gap > 0.5 || lastWasTable) out.push(spacer(gap, pendingBreak));
      out.push(table(st, b, page));
      lastWasTable = true;
    }
    pendingBreak = false;
    cursor = b.y + blockHeight(b);
  }
  if (pendingBreak || out.length === 0) out.push(spacer(1, pendingBreak));
  return out;
}

function footer(sided: PagedDocument['sided']): Footer {
  const f = fontFaces()[FOOTER_STYLE.face];
  const run = (text: string | (typeof PageNumber)[keyof typeof PageNumber]) =>
    new TextRun({ font: f.family, bold: f.bold, size: halfPoints(FOOTER_STYLE.size), children: [text] });
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        spacing: exact(FOOTER_STYLE.lineHeight),
        children: [run(sided === 'single' ? 'Лист ' : 'Страница '), run(PageNumber.CURRENT), run(' из '), run(PageNumber.TOTAL_PAGES)],
      }),
    ],
  });
}

export function docxDocument(doc: PagedDocument): Document {
  const sections: ISectionOptions[] = [];
  const st = new Styles();
  let i = 0;
  while (i < doc.pages.length) {
    const first = doc.pages[i];
    let j = i;
    while (j < doc.pages.length && doc.pages[j].orientation === first.orientation) j++;
    const m = first.margins;
    const children = doc.pages.slice(i, j).flatMap((p, k) => pageChildren(st, p, k > 0));
    sections.push({
      properties: {
        page: {
          size: {
            width: tw(A4.width),
            height: tw(A4.height),
            orientation: first.orientation === 'portrait' ? PageOrientation.PORTRAIT : PageOrientation.LANDSCAPE,
          },
          margin: {
            top: tw(m.top),
            right: tw(m.right),
            bottom: tw(m.bottom),
            left: tw(m.left),
            header: 0,
            footer: tw((m.bottom - FOOTER_STYLE.lineHeight) / 2),
          },
        },
      },
      footers: { default: footer(doc.sided) },
      children,
    });
    i = j;
  }
  const faces = fontFaces();
  return new Document({
    title: doc.title,
    creator: doc.author,
    fonts: [
      { name: faces.sans.family, data: fontBytes('sans'), bold: fontBytes('sansBold') },
      { name: faces.cond.family, data: fontBytes('cond'), bold: fontBytes('condBold') },
    ],
    styles: {
      default: {
        document: { run: { font: faces.cond.family, size: 16 }, paragraph: { spacing: { before: 0, after: 0 } } },
      },
      paragraphStyles: st.definitions(),
    },
    sections,
  });
}

export async function renderDocx(doc: PagedDocument, file: string): Promise<void> {
  const buf = await Packer.toBuffer(docxDocument(doc));
  await fs.promises.writeFile(file, buf);
}

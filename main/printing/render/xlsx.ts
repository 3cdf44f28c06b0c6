import ExcelJS from 'exceljs';
import type { PagedDocument } from '../layout/document';
import { fontFaces } from '../../kernel/fonts';
import type { Align, Block, LaidCell, Page, TableBlock, TextStyle } from '../layout/page';
import { blockHeight } from '../layout/page';
import { FILL_GRAY } from '../layout/primitives';
import { FOOTER_STYLE } from '../layout/specs';

// XLSX with exceljs: one sheet per section. A sheet's columns are the union of every column edge its pages use;
// every line of text and every table row is a sheet row of the exact height, cells spanning columns are merged, and
// a manual page break follows each page's last row. Scale is fixed at 100 % with "fit to page" off, because Excel
// ignores manual breaks when it fits to page. A sheet that is one table continued over pages writes its header
// once and repeats it as print titles. The footer reads «Лист 5 из 120» with the sheet's first page number set, so
// the numbers run on through the workbook.

/** Column edges closer than this are one edge. */
const SNAP = 1.5;
/** Excel's tallest row; a taller table row becomes several sheet rows merged. */
const MAX_ROW = 400;
/**
 * Column widths are counted in digits of the workbook's default font, Calibri 11. Excel rounds that digit to 7 px
 * (5.25 pt); LibreOffice takes Calibri's (or its metric twin Carlito's) exact advance, 1038/2048 em = 5.575 pt.
 * Widths are computed with the wider of the two, so a page's columns never exceed the printable width in either
 * program (in Excel they come out about 6 % narrower; single-line cells shrink to fit).
 */
const PT_PER_WIDTH_UNIT = (1038 / 2048) * 11;

const ptToWidth = (pt: number) => pt / PT_PER_WIDTH_UNIT;
const inch = (pt: number) => pt / 72;

function sheetName(title: string, used: Set<string>): string {
  const base =
    title
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 28) || 'Лист';
  let name = base;
  for (let k = 2; used.has(name.toLowerCase()); k++) name = `${base.slice(0, 26)} ${k}`;
  used.add(name.toLowerCase());
  return name;
}

function edgesOf(b: Block): number[] {
  if (b.kind === 'paragraph') return [b.x, b.x + b.width];
  const out = [b.x];
  for (const w of b.columns) out.push(out[out.length - 1] + w);
  return out;
}

/** The sheet's column grid: sorted distinct edges, near ones snapped together. */
function grid(pages: Page[]): number[] {
  const all = pages.flatMap((p) => p.blocks.flatMap(edgesOf)).sort((a, b) => a - b);
  const edges: number[] = [];
  for (const e of all) if (!edges.length || e - edges[edges.length - 1] >= SNAP) edges.push(e);
  return edges;
}

function colIndex(edges: number[], x: number): number {
  let best = 0;
  for (let i = 1; i < edges.length; i++) if (Math.abs(edges[i] - x) < Math.abs(edges[best] - x)) best = i;
  return best;
}

function font(style: TextStyle): Partial<ExcelJS.Font> {
  const f = fontFaces()[style.face];
  return { name: f.family, size: style.size, bold: f.bold };
}

const H: Record<Align, ExcelJS.Alignment['horizontal']> = { left: 'left', center: 'center', right: 'right' };
const THIN: ExcelJS.Border = { style: 'thin', color: { argb: 'FF000000' } };

function argbGray(g: number): string {
  const h = Math.round(g * 255)
    .toString(16)
    .padStart(2, '0')
    .toUpperCase();
  return `FF${h}${h}${h}`;
}

/** True when every page after the first begins with the repeated header of the table that opens page one. */
function printTitleRows(pages: Page[]): number {
  if (pages.length < 2) return 0;
  const first = pages[0].blocks[0];
  if (!first || first.kind !== 'table' || Math.abs(first.y - pages[0].margins.top) > 0.01) return 0;
  const h = first.rows.filter((r) => r.header).length;
  if (h === 0) return 0;
  for (const p of pages.slice(1)) {
    const b = p.blocks[0];
    if (!b || b.kind !== 'table' || Math.abs(b.y - p.margins.top) > 0.01) return 0;
    if (b.rows.slice(0, h).filter((r) => r.repeated).length !== h) return 0;
  }
  return h;
}

class SheetWriter {
  row = 0;
  constructor(
    readonly ws: ExcelJS.Worksheet,
    readonly edges: number[],
  ) {}

  addRow(height: number): number {
    this.row++;
    this.ws.getRow(this.row).height = Math.round(height * 100) / 100;
    return this.row;
  }

  put(
    r1: number,
    r2: number,
    c1: number,
    c2: number,
    lines: string[],
    style: TextStyle,
    align: Align,
    valign: LaidCell['valign'],
    borders: LaidCell['borders'] | null,
    fill: LaidCell['fill'],
    full?: string,
  ) {
    // exceljs columns and rows are 1-based; c2 is exclusive (an edge index)
    const cell = this.ws.getCell(r1, c1 + 1);
    // a cut cell keeps its whole text as the value (the printed lines end with «…»)
    if (full !== undefined) cell.value = full;
    else if (lines.length) cell.value = lines.join('\n');
    const alignment: Partial<ExcelJS.Alignment> = {
      horizontal: H[align],
      vertical: valign === 'middle' ? 'middle' : valign,
      wrapText: lines.length > 1,
      shrinkToFit: lines.length === 1,
    };
    const f = font(style);
    for (let r = r1; r <= r2; r++)
      for (let c = c1 + 1; c <= c2; c++) {
        const x = this.ws.getCell(r, c);
        x.font = f;
        x.alignment = alignment;
        if (fill) x.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argbGray(FILL_GRAY[fill]) } };
        if (borders) {
          const b: Partial<ExcelJS.Borders> = {};
          if (borders.top && r === r1) b.top = THIN;
          if (borders.bottom && r === r2) b.bottom = THIN;
          if (borders.left && c === c1 + 1) b.left = THIN;
          if (borders.right && c === c2) b.right = THIN;
          x.border = b;
        }
      }
    if (r2 > r1 || c2 > c1 + 1) this.ws.mergeCells(r1, c1 + 1, r2, c2);
  }

  table(t: TableBlock, skipRepeated: boolean) {
    const edges = [t.x];
    for (const w of t.columns) edges.push(edges[edges.length - 1] + w);
    const colAt = edges.map((x) => colIndex(this.edges, x));
    const rows = skipRepeated ? t.rows.filter((r) => !r.repeated) : t.rows;
    // each table row becomes one or more sheet rows; remember where each starts and ends
    const span: [number, number][] = rows.map((r) => {
      const parts = Math.ceil(r.height / MAX_ROW);
      const first = this.row + 1;
      for (let k = 0; k < parts; k++) this.addRow(r.height / parts);
      return [first, this.row];
    });
    rows.forEach((r, ri) => {
      for (const c of r.cells) {
        const last = Math.min(ri + c.rowSpan - 1, rows.length - 1);
        this.put(
          span[ri][0],
          span[last][1],
          colAt[c.col],
          colAt[c.col + c.colSpan],
          c.lines,
          c.style,
          c.align,
          c.valign,
          c.borders,
          c.fill,
          c.full,
        );
      }
    });
  }
}

function writeSheet(ws: ExcelJS.Worksheet, pages: Page[], doc: PagedDocument) {
  const edges = grid(pages);
  const w = new SheetWriter(ws, edges);
  ws.columns = edges.slice(1).map((e, i) => ({ width: Math.max(0.1, Math.round(ptToWidth(e - edges[i]) * 100) / 100) }));
  const titles = printTitleRows(pages);
  pages.forEach((p, pi) => {
    let cursor = p.margins.top;
    const start = w.row;
    for (const b of p.blocks) {
      const gap = b.y - cursor;
      if (gap > 0.25) w.addRow(gap);
      if (b.kind === 'paragraph') {
        const c1 = colIndex(edges, b.x);
        const c2 = colIndex(edges, b.x + b.width);
        for (const line of b.lines) {
          const r = w.addRow(b.style.lineHeight);
          w.put(r, r, c1, c2, line ? [line] : [], b.style, b.align, 'middle', null, null);
        }
      } else w.table(b, titles > 0 && pi > 0);
      cursor = b.y + blockHeight(b);
    }
    if (w.row === start) w.addRow(1);
    if (pi < pages.length - 1) ws.getRow(w.row).addPageBreak();
  });
  const first = pages[0];
  const m = first.margins;
  ws.pageSetup = {
    paperSize: 9,
    orientation: first.orientation,
    fitToPage: false,
    scale: 100,
    firstPageNumber: first.number,
    horizontalCentered: false,
    verticalCentered: false,
    margins: {
      left: inch(m.left),
      right: inch(m.right),
      top: inch(m.top),
      bottom: inch(m.bottom),
      header: 0,
      footer: inch((m.bottom - FOOTER_STYLE.lineHeight) / 2),
    },
    ...(titles ? { printTitlesRow: `1:${titles}` } : {}),
  } as Partial<ExcelJS.PageSetup>;
  const label = doc.sided === 'single' ? 'Лист' : 'Страница';
  const f = fontFaces()[FOOTER_STYLE.face];
  ws.headerFooter = { oddFooter: `&C&"${f.family},Regular"&${FOOTER_STYLE.size}${label} &P из ${doc.total}` };
  ws.views = [{ showGridLines: false }];
}

export function xlsxWorkbook(doc: PagedDocument): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = doc.author;
  wb.title = doc.title;
  const used = new Set<string>();
  let i = 0;
  while (i < doc.pages.length) {
    const p = doc.pages[i];
    let j = i;
    while (j < doc.pages.length && doc.pages[j].section === p.section && doc.pages[j].orientation === p.orientation) j++;
    writeSheet(wb.addWorksheet(sheetName(p.sectionTitle, used)), doc.pages.slice(i, j), doc);
    i = j;
  }
  return wb;
}

export async function renderXlsx(doc: PagedDocument, file: string): Promise<void> {
  await xlsxWorkbook(doc).xlsx.writeFile(file);
}

import type { DocumentFace } from '../../kernel/fonts';

// The page model: what the layout step produces and the renderers draw. All lengths are PostScript points
// (1/72 inch), origin at the page's top left corner, y growing downwards.

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MM = 72 / 25.4;

export type Orientation = 'portrait' | 'landscape';
export type Sided = 'single' | 'double';

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface TextStyle {
  face: DocumentFace;
  size: number;
  /** Distance between baselines; renderers set it as an exact line height. */
  lineHeight: number;
}

/** The page specification a section is laid out on. */
export interface PageSpec {
  orientation: Orientation;
  margins: Margins;
  /** Font faces and sizes the section's builders use. */
  styles: Record<StyleName, TextStyle>;
}

export type StyleName = 'title' | 'subtitle' | 'heading' | 'body' | 'bodyBold' | 'table' | 'tableBold' | 'cell' | 'small';

export type Align = 'left' | 'center' | 'right';
export type VAlign = 'top' | 'middle' | 'bottom';

export interface ParagraphBlock {
  kind: 'paragraph';
  x: number;
  y: number;
  width: number;
  lines: string[];
  style: TextStyle;
  align: Align;
}

export interface Borders {
  top: boolean;
  right: boolean;
  bottom: boolean;
  left: boolean;
}

export type CellFill = 'header' | 'closed' | null;

export interface LaidCell {
  col: number;
  colSpan: number;
  rowSpan: number;
  lines: string[];
  /** The whole text when `lines` had to be cut to fit (a fixed row height, a clipped cell): the XLSX keeps it as the value. */
  full?: string;
  style: TextStyle;
  align: Align;
  valign: VAlign;
  borders: Borders;
  fill: CellFill;
}

export interface LaidRow {
  height: number;
  /** Part of the table's header (repeated at the top of each page the table continues on). */
  header: boolean;
  /** A copy of the header on a continuation page. */
  repeated: boolean;
  cells: LaidCell[];
}

export interface TableBlock {
  kind: 'table';
  x: number;
  y: number;
  columns: number[];
  rows: LaidRow[];
  /** Horizontal padding inside cells. */
  padding: number;
}

export type Block = ParagraphBlock | TableBlock;

export interface Page {
  /** 1-based, in the order pages are printed. */
  number: number;
  orientation: Orientation;
  width: number;
  height: number;
  margins: Margins;
  /** Which section of the document the page belongs to (one sheet per section in XLSX). */
  section: string;
  sectionTitle: string;
  blocks: Block[];
  /** «Лист 5 из 120»: drawn centred in the bottom margin. */
  footer: string;
}

export function pageSize(o: Orientation) {
  return o === 'portrait' ? { width: A4.width, height: A4.height } : { width: A4.height, height: A4.width };
}

export function blockHeight(b: Block): number {
  return b.kind === 'paragraph' ? b.lines.length * b.style.lineHeight : b.rows.reduce((s, r) => s + r.height, 0);
}

export const ALL_BORDERS: Borders = { top: true, right: true, bottom: true, left: true };
export const NO_BORDERS: Borders = { top: false, right: false, bottom: false, left: false };

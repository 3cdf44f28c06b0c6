import { fitText, wrapText, type Measurer } from './measure';
import {
  ALL_BORDERS,
  blockHeight,
  pageSize,
  type Align,
  type Borders,
  type CellFill,
  type LaidCell,
  type LaidRow,
  type Page,
  type PageSpec,
  type StyleName,
  type TextStyle,
  type VAlign,
} from './page';

/**
 * Room kept free at the bottom of every page. The PDF and HTML draw exactly what the layout says; Word, LibreOffice
 * and Excel lay the same rows out themselves (an anchor paragraph at the top of a page, their rounding of twips and
 * column widths), and this margin keeps their result on the same page instead of spilling a row onto a new one.
 */
export const FLOW_SLACK = 10;
/** Vertical padding above and below a cell's text. */
export const CELL_VPAD = 1.5;
/** Line breaking uses a slightly narrower width than the box, so other renderers' rounding never re-wraps a line. */
export const WRAP_SAFETY = 1.5;
/** The smallest size 'shrink' goes down to; below it the text wraps instead. */
export const MIN_SHRINK = 4;

export interface CellInput {
  text: string;
  colSpan?: number;
  rowSpan?: number;
  style?: StyleName | TextStyle;
  align?: Align;
  valign?: VAlign;
  borders?: Borders;
  fill?: CellFill;
  /** 'wrap' (default) breaks into lines; 'shrink' lowers the size until one line fits; 'clip' cuts with «…». */
  fit?: 'wrap' | 'shrink' | 'clip';
}

export interface RowInput {
  cells: CellInput[];
  /** Exact height; text that does not fit is cut with «…». */
  height?: number;
  minHeight?: number;
  /** Keep this row on the same page as the next one (a student's rows in the ledger); a run longer than a page splits. */
  keepWithNext?: boolean;
}

export interface TableInput {
  columns: number[];
  header?: RowInput[];
  rows: RowInput[];
  /** Offset from the left margin. */
  x?: number;
  padding?: number;
}

export interface ParagraphOptions {
  style?: StyleName | TextStyle;
  align?: Align;
  spaceBefore?: number;
  /** From the left margin. */
  indent?: number;
  width?: number;
  /** Move the whole paragraph to the next page rather than splitting it. */
  keepTogether?: boolean;
}

export interface SectionInfo {
  id: string;
  title: string;
  spec: PageSpec;
}

export interface AnchorRange {
  first: number;
  last: number;
}

/** Lays blocks out top to bottom on pages of one section at a time, starting a page when the current one is full. */
export class Flow {
  private page: Page | null = null;
  private y = 0;
  private sectionInfo: SectionInfo | null = null;
  readonly anchors = new Map<string, AnchorRange>();
  private cellWidths = new Map<LaidCell, number>();

  constructor(
    readonly m: Measurer,
    readonly pages: Page[],
    readonly sided: 'single' | 'double',
  ) {}

  get spec(): PageSpec {
    if (!this.sectionInfo) throw new Error('Flow: no section');
    return this.sectionInfo.spec;
  }

  style(s: StyleName | TextStyle | undefined, fallback: StyleName = 'body'): TextStyle {
    return typeof s === 'object' ? s : this.spec.styles[s ?? fallback];
  }

  get contentWidth(): number {
    const { width } = pageSize(this.spec.orientation);
    return width - this.spec.margins.left - this.spec.margins.right;
  }

  get bodyHeight(): number {
    const { height } = pageSize(this.spec.orientation);
    return height - this.spec.margins.top - this.spec.margins.bottom - FLOW_SLACK;
  }

  /** Height left on the current page (a full page if none is open). */
  get remaining(): number {
    return this.page ? this.bodyHeight - this.y : this.bodyHeight;
  }

  get pageNumber(): number {
    return this.pages.length;
  }

  beginSection(s: SectionInfo): void {
    this.sectionInfo = s;
    this.page = null;
  }

  newPage(): Page {
    const s = this.sectionInfo;
    if (!s) throw new Error('Flow: no section');
    const size = pageSize(s.spec.orientation);
    this.page = {
      number: this.pages.length + 1,
      orientation: s.spec.orientation,
      width: size.width,
      height: size.height,
      margins: s.spec.margins,
      section: s.id,
      sectionTitle: s.title,
      blocks: [],
      footer: '',
    };
    this.pages.push(this.page);
    this.y = 0;
    return this.page;
  }

  private current(): Page {
    return this.page ?? this.newPage();
  }

  /**
   * Double-sided printing puts even pages on the left: a spread must begin on one, so a blank page is added when
   * the next page would be odd. Single-sided, every page is a leaf and nothing is added.
   */
  startLeftPage(): void {
    if (this.sided === 'double' && (this.pages.length + 1) % 2 === 1) {
      this.newPage();
      this.paragraph('Страница оставлена пустой', { style: 'small', align: 'center', spaceBefore: this.bodyHeight / 2 });
    }
    this.newPage();
  }

  /** Remember that `id` covers the current page (used by the contents page). */
  anchor(id: string): void {
    const n = this.current().number;
    const a = this.anchors.get(id);
    if (a) a.last = n;
    else this.anchors.set(id, { first: n, last: n });
  }

  space(h: number): void {
    if (h <= 0) return;
    if (!this.page || this.y + h > this.bodyHeight) {
      if (this.page) this.newPage();
      return; // space at the top of a page is dropped
    }
    this.y += h;
  }

  paragraph(text: string, o: ParagraphOptions = {}): void {
    const style = this.style(o.style);
    const indent = o.indent ?? 0;
    const width = o.width ?? this.contentWidth - indent;
    const lines = wrapText(this.m, text, style.face, style.size, width - WRAP_SAFETY);
    const before = o.spaceBefore ?? 0;
    const need = lines.length * style.lineHeight;
    if (o.keepTogether && this.page && this.y + before + need > this.bodyHeight && need <= this.bodyHeight) this.newPage();
    let page = this.current();
    if (this.y > 0 || before > 0) {
      if (this.y + before + style.lineHeight > this.bodyHeight) page = this.newPage();
      else this.y += before;
    }
    let i = 0;
    while (i < lines.length) {
      let fit = Math.floor((this.bodyHeight - this.y + 1e-6) / style.lineHeight);
      if (fit <= 0) {
        page = this.newPage();
        fit = Math.floor(this.bodyHeight / style.lineHeight);
      }
      const part = lines.slice(i, i + fit);
      page.blocks.push({
        kind: 'paragraph',
        x: this.spec.margins.left + indent,
        y: this.spec.margins.top + this.y,
        width,
        lines: part,
        style,
        align: o.align ?? 'left',
      });
      this.y += part.length * style.lineHeight;
      i += part.length;
    }
  }

  /** Measures rows: which column each cell starts at, its lines, and the row heights. */
  layoutRows(t: TableInput, rows: RowInput[], header: boolean): LaidRow[] {
    const padding = t.padding ?? 2;
    const occupied: number[] = new Array(t.columns.length).fill(0); // rows still covered by a rowSpan from above
    const laid: LaidRow[] = [];
    const spans: { row: number; cell: LaidCell; need: number }[] = [];
    const widths = new Map<LaidCell, number>();
    rows.forEach((r, ri) => {
      const covered = occupied.map((v) => v > 0);
      let col = 0;
      let natural = 0;
      const cells: LaidCell[] = [];
      for (const c of r.cells) {
        while (col < t.columns.length && covered[col]) col++;
        if (col >= t.columns.length) throw new Error(`Таблица: в строке ${ri + 1} больше ячеек, чем столбцов`);
        const colSpan = c.colSpan ?? 1;
        const rowSpan = c.rowSpan ?? 1;
        if (!header && rowSpan > 1) throw new Error('Таблица: объединение строк допускается только в заголовке');
        const width = t.columns.slice(col, col + colSpan).reduce((a, b) => a + b, 0) - 2 * padding - WRAP_SAFETY;
        let style = this.style(c.style, 'table');
        let lines: string[];
        if (c.fit === 'shrink') {
          const w = this.m.width(c.text, style.face, style.size);
          if (w > width && w > 0) style = { ...style, size: Math.max(MIN_SHRINK, Math.floor(((style.size * width) / w) * 4) / 4) };
          // still too wide at the smallest size: the text wraps (and a fixed row cuts it, recording the whole text)
          lines =
            this.m.width(c.text, style.face, style.size) <= width || r.height !== undefined
              ? [fitText(this.m, c.text, style.face, style.size, width)]
              : wrapText(this.m, c.text, style.face, style.size, width);
        } else if (c.fit === 'clip') lines = [fitText(this.m, c.text, style.face, style.size, width)];
        else lines = wrapText(this.m, c.text, style.face, style.size, width);
        if (lines.length === 1 && lines[0] === '') lines = [];
        const cell: LaidCell = {
          col,
          colSpan,
          rowSpan,
          lines,
          style,
          align: c.align ?? 'left',
          valign: c.valign ?? 'middle',
          borders: c.borders ?? ALL_BORDERS,
          fill: c.fill ?? null,
        };
        if (lines.length === 1 && lines[0] !== c.text && lines[0].endsWith('…')) cell.full = c.text;
        cells.push(cell);
        widths.set(cell, width);
        const need = lines.length * style.lineHeight + 2 * CELL_VPAD;
        if (rowSpan > 1) spans.push({ row: ri, cell, need });
        else natural = Math.max(natural, need);
        col += colSpan;
      }
      for (let k = 0; k < occupied.length; k++) if (covered[k]) occupied[k]--;
      for (const c of cells) if (c.rowSpan > 1) for (let k = c.col; k < c.col + c.colSpan; k++) occupied[k] = c.rowSpan - 1;
      const height = r.height ?? Math.max(natural, r.minHeight ?? 0);
      laid.push({ height, header, repeated: false, cells });
    });
    // a spanning header cell taller than its rows makes the last row it covers taller
    for (const s of spans) {
      const spanned = laid.slice(s.row, s.row + s.cell.rowSpan);
      const h = spanned.reduce((a, r) => a + r.height, 0);
      if (h < s.need) spanned[spanned.length - 1].height += s.need - h;
    }
    for (const r of laid) for (const c of r.cells) if (c.rowSpan === 1) clipCell(this.m, c, r.height, widths.get(c)!);
    this.cellWidths = widths;
    return laid;
  }

  /** Height the table's header and these rows would take. */
  measureTable(t: TableInput): { header: number; rows: number[] } {
    const header = this.layoutRows(t, t.header ?? [], true).reduce((a, r) => a + r.height, 0);
    return { header, rows: this.layoutRows(t, t.rows, false).map((r) => r.height) };
  }

  /**
   * Places a table, splitting it between rows across pages; the header rows are repeated at the top of every page
   * the table continues on. A row is never split: one taller than a whole page is cut with «…».
   */
  table(t: TableInput): void {
    const head = this.layoutRows(t, t.header ?? [], true);
    const body = this.layoutRows(t, t.rows, false);
    // (cellWidths now holds the body's cells, needed if a row has to be cut)
    const headH = head.reduce((a, r) => a + r.height, 0);
    const x = this.spec.margins.left + (t.x ?? 0);
    const maxRow = this.bodyHeight - headH;
    for (const r of body)
      if (r.height > maxRow) {
        r.height = maxRow;
        for (const c of r.cells) clipCell(this.m, c, r.height, this.cellWidths.get(c) ?? 0);
      }
    let block: { rows: LaidRow[] } | null = null;
    const open = (repeated: boolean) => {
      const page = this.current();
      const b = {
        kind: 'table' as const,
        x,
        y: this.spec.margins.top + this.y,
        columns: t.columns,
        rows: head.map((r) => ({ ...r, repeated })),
        padding: t.padding ?? 2,
      };
      page.blocks.push(b);
      this.y += headH;
      block = b;
    };
    let first = body[0]?.height ?? 0;
    for (let j = 0; j + 1 < body.length && t.rows[j].keepWithNext; j++) first += body[j + 1].height;
    if (first > maxRow) first = body[0]?.height ?? 0;
    if (this.page && this.y + headH + first > this.bodyHeight) this.newPage();
    open(false);
    body.forEach((r, i) => {
      let need = r.height;
      // the first row of a run kept together brings the whole run's height: the run moves to the next page whole
      if (t.rows[i].keepWithNext && (i === 0 || !t.rows[i - 1].keepWithNext)) {
        for (let j = i; j + 1 < body.length && t.rows[j].keepWithNext; j++) need += body[j + 1].height;
        if (need > maxRow) need = r.height;
      }
      if (this.y + need > this.bodyHeight) {
        this.newPage();
        open(true);
      }
      block!.rows.push(r);
      this.y += r.height;
    });
  }

  /** How many rows of `height` fit below the current position (after a header of `headerHeight`). */
  rowsThatFit(height: number, headerHeight = 0): number {
    return Math.max(0, Math.floor((this.remaining - headerHeight + 1e-6) / height));
  }

  /** The height of all blocks on the current page (for tests and checks). */
  usedHeight(): number {
    return this.page ? this.page.blocks.reduce((a, b) => a + blockHeight(b), 0) : 0;
  }
}

function clipCell(m: Measurer, c: LaidCell, rowHeight: number, width: number): void {
  const fit = Math.max(0, Math.floor((rowHeight - 2 * CELL_VPAD + 1e-6) / c.style.lineHeight));
  if (c.lines.length <= fit) return;
  const kept = c.lines.slice(0, fit);
  c.full ??= c.lines.join(' ');
  if (fit > 0) kept[fit - 1] = fitText(m, `${kept[fit - 1]}\u2060…`, c.style.face, c.style.size, width).replace('\u2060', '');
  c.lines = kept;
}

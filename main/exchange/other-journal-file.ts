import ExcelJS from 'exceljs';
import { invalid } from '../kernel/invalid';

// Reading another journal's XLSX export (issue 16, part 3), the layout most electronic journals give: a sheet per
// subject named by the subject, the students' names «Фамилия Имя» in the first column, a header row of lesson dates
// (Excel dates, or text «02.09» / «02.09.2026»), marks and absences in the cells, and optionally a row «Тема» /
// «Темы уроков» with the lessons' topics. Only reading here; matching to the class is other-journal.ts.

export interface FileColumn {
  col: number;
  /** Column letter, for messages: «F». */
  letter: string;
  /** The header as written. */
  text: string;
  /** ISO date, or null when the header is no date. */
  date: string | null;
}

export interface FileRow {
  row: number;
  name: string;
  /** Cell text by column number (only non-empty cells). */
  cells: Map<number, string>;
}

export interface FileSheet {
  name: string;
  columns: FileColumn[];
  rows: FileRow[];
  /** Topic by column number, when the sheet has a topics row. */
  topics: Map<number, string>;
}

const DATE_TEXT = /^(\d{1,2})\.(\d{1,2})(?:\.(\d{2}|\d{4}))?$/;
const TOPICS_ROW = /^тем[аы]/i;

export function columnLetter(col: number): string {
  let s = '';
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A header's date: a date cell, or «ДД.ММ» / «ДД.ММ.ГГГГ» text. Without a year, September to December belong to the
 * school year's first calendar year and January to August to its second.
 */
export function headerDate(v: ExcelJS.CellValue, yearStart: number): string | null {
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  const m = DATE_TEXT.exec(cellText(v));
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  const year = m[3] ? (m[3].length === 2 ? 2000 + Number(m[3]) : Number(m[3])) : month >= 8 ? yearStart : yearStart + 1;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

/** A cell's value as text: numbers as written, rich text joined, formulas by their result. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v)
      return v.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if ('result' in v) return cellText((v as { result?: ExcelJS.CellValue }).result ?? null);
    if ('text' in v) return String((v as { text: unknown }).text).trim();
  }
  return '';
}

/** The workbook's sheets as rows and dated columns; a sheet without a row of dates is left out. */
export async function readOtherJournal(data: Buffer, yearStart: number): Promise<FileSheet[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    invalid('Файл не читается как книга Excel (XLSX). Сохраните выгрузку другого журнала в формате XLSX.');
  }
  const sheets: FileSheet[] = [];
  for (const ws of wb.worksheets) {
    // The header: the first of the sheet's first rows that has a date after the names' column.
    let headerRow = 0;
    for (let r = 1; r <= Math.min(ws.rowCount, 15) && !headerRow; r++) {
      const row = ws.getRow(r);
      for (let c = 2; c <= row.cellCount; c++) if (headerDate(row.getCell(c).value, yearStart)) headerRow = r;
    }
    if (!headerRow) continue;
    const head = ws.getRow(headerRow);
    const columns: FileColumn[] = [];
    for (let c = 2; c <= head.cellCount; c++) {
      const v = head.getCell(c).value;
      const text = cellText(v);
      if (text === '' && !(v instanceof Date)) continue;
      columns.push({
        col: c,
        letter: columnLetter(c),
        text: v instanceof Date ? headerDate(v, yearStart)! : text,
        date: headerDate(v, yearStart),
      });
    }
    const rows: FileRow[] = [];
    const topics = new Map<number, string>();
    for (let r = headerRow + 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const name = cellText(row.getCell(1).value).replace(/\s+/g, ' ');
      if (!name) continue;
      const cells = new Map<number, string>();
      for (const c of columns) {
        const t = cellText(row.getCell(c.col).value);
        if (t) cells.set(c.col, t);
      }
      if (TOPICS_ROW.test(name)) for (const [c, t] of cells) topics.set(c, t);
      else rows.push({ row: r, name, cells });
    }
    sheets.push({ name: ws.name.trim(), columns, rows, topics });
  }
  if (!sheets.length) invalid('В файле нет ни одного листа со строкой дат уроков (даты — в первой строке над отметками).');
  return sheets;
}

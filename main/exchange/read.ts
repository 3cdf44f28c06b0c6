import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { unescapeCsvCell } from '../kernel/csv';
import { ruNumber } from '../contract/rules/numbers';
import { decodeText } from '../timetable/plan-file';

// Reading a roster file (issue 16, parts 1 and 4): XLSX through exceljs, CSV through papaparse in UTF-8 (with or
// without BOM) or Windows-1251, «;» or «,» found from the header line. Reading never throws for a bad file: a file that
// cannot be read at all gets `fatal`, a bad cell a problem of its row, so the preview can show every one.

/** Larger files are refused before they are read (a school's roster of 1 100 students with parents is ≈ 0,5 МБ). */
export const MAX_FILE_BYTES = 20 * 1024 * 1024;
/** Data rows: a school has at most a few thousand students; a file with more is the wrong file. */
export const MAX_ROWS = 20_000;
/** A longer cell is a row error (the longest field a roster takes is 2 000 characters). */
export const MAX_CELL = 10_000;

export interface SheetRow {
  /** The row's number in the file (1 = the first line), as the spreadsheet shows it. */
  row: number;
  cells: string[];
  /** What the reader found wrong in this row's cells (formula without a value, a huge cell, merged cells). */
  problems: string[];
}

export interface Sheet {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  delimiter: string | null;
  /** Why nothing can be read; null when the header and rows are there. */
  fatal: string | null;
  header: string[];
  rows: SheetRow[];
}

function failed(format: Sheet['format'], fatal: string, encoding: string | null = null): Sheet {
  return { format, encoding, delimiter: null, fatal, header: [], rows: [] };
}

const tooMany = (n: number | string) =>
  `В файле ${typeof n === 'number' ? ruNumber(n) : n} строк, а загрузить можно не больше ${ruNumber(MAX_ROWS)} за раз: ` +
  'проверьте, тот ли это файл, или разделите его на части';

/** Column letters for messages: 1 → A, 28 → AB. */
export function columnLetter(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(65 + ((k - 1) % 26)) + s;
  return s;
}

type CellOut = { text: string; problem: string | null };

function cellOut(v: ExcelJS.CellValue): CellOut {
  if (v === null || v === undefined) return { text: '', problem: null };
  // A date cell: exceljs gives the UTC midnight of the day the sheet shows.
  if (v instanceof Date) return { text: Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10), problem: null };
  if (typeof v === 'object') {
    if ('formula' in v || 'sharedFormula' in v) {
      const result = (v as ExcelJS.CellFormulaValue).result;
      if (result === undefined || result === null || (typeof result === 'object' && 'error' in result))
        return { text: '', problem: 'формула без вычисленного значения: откройте файл в Excel, пересчитайте и сохраните' };
      return cellOut(result as ExcelJS.CellValue);
    }
    if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), problem: null };
    if ('error' in v) return { text: '', problem: `ошибка в ячейке (${String(v.error)})` };
    if ('text' in v) return { text: String(v.text), problem: null };
    return { text: '', problem: null };
  }
  return { text: String(v), problem: null };
}

/** Counts the first sheet's rows by streaming, stopping past the limit, so 100 000 rows are refused without loading. */
async function xlsxRowCount(buf: Buffer): Promise<number> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([buf]), {
    sharedStrings: 'ignore',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
  });
  let n = 0;
  for await (const ws of reader) {
    for await (const _row of ws as unknown as AsyncIterable<unknown>) if (++n > MAX_ROWS + 1) return n;
    return n;
  }
  return n;
}

async function readXlsx(name: string, buf: Buffer): Promise<Sheet> {
  const unreadable = `Файл «${name}» не читается как книга Excel (XLSX): возможно, он повреждён или это другой формат`;
  try {
    if ((await xlsxRowCount(buf)) > MAX_ROWS + 1) return failed('xlsx', tooMany(`больше ${ruNumber(MAX_ROWS)}`));
  } catch {
    return failed('xlsx', unreadable);
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  } catch {
    return failed('xlsx', unreadable);
  }
  const ws = wb.worksheets[0];
  if (!ws) return failed('xlsx', 'В книге нет ни одного листа');
  const raw: { row: number; cells: string[]; problems: string[] }[] = [];
  ws.eachRow({ includeEmpty: false }, (r, n) => {
    const cells: string[] = [];
    const problems: string[] = [];
    r.eachCell({ includeEmpty: false }, (c, col) => {
      if (c.isMerged && c.master !== c) return; // a merged cell's value sits in its master
      const out = cellOut(c.value);
      cells[col - 1] = out.text;
      if (out.problem) problems.push(`ячейка ${columnLetter(col)}${n}: ${out.problem}`);
    });
    raw.push({ row: n, cells: Array.from(cells, (x) => x ?? ''), problems });
  });
  const merges = (ws.model.merges ?? []) as string[];
  const headerRow = raw.find((r) => r.cells.some((c) => c.trim() !== ''))?.row ?? 0;
  const mergedRows = new Map<number, string[]>();
  for (const m of merges) {
    const [from, to] = m.split(':');
    const r1 = Number(from.replace(/^[A-Z]+/, ''));
    const r2 = Number((to ?? from).replace(/^[A-Z]+/, ''));
    if (r1 <= headerRow && headerRow <= r2)
      return failed(
        'xlsx',
        `В строке заголовков объединены ячейки ${m}: у каждого столбца должен быть свой заголовок в одной ячейке. ` +
          'Разъедините ячейки (Главная → «Объединить и поместить в центре») и повторите',
      );
    for (let r = r1; r <= r2; r++) mergedRows.set(r, [...(mergedRows.get(r) ?? []), m]);
  }
  for (const r of raw) {
    const m = mergedRows.get(r.row);
    if (m) r.problems.push(`объединённые ячейки ${m.join(', ')}: разъедините их и заполните каждую`);
  }
  return finish({ format: 'xlsx', encoding: null, delimiter: null }, raw);
}

/** Control characters other than tab and line ends: a text file has none, a binary file many. */
function controlChars(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 && c !== 9 && c !== 10 && c !== 13) n++;
  }
  return n;
}

function readCsv(buf: Buffer): Sheet {
  const { text, encoding } = decodeText(buf);
  if (text.includes('\u0000') || controlChars(text.slice(0, 4096)) > 2)
    return failed('csv', 'Файл не похож ни на таблицу Excel (XLSX), ни на текстовый CSV: сохраните список как XLSX или CSV', encoding);
  // Count lines before parsing them all: 100 000 rows get a clear answer at once.
  let lines = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) if (++lines > MAX_ROWS + 1) break;
  if (lines > MAX_ROWS + 1) return failed('csv', tooMany(`больше ${ruNumber(MAX_ROWS)}`), encoding);
  // The separator the header line uses most: Russian Excel writes «;», others «,».
  const headerLine = text.split(/\r?\n/, 50).find((l) => l.trim() !== '') ?? '';
  const delimiter = [';', ',', '\t'].map((d) => ({ d, n: headerLine.split(d).length - 1 })).sort((a, b) => b.n - a.n)[0];
  const sep = delimiter.n > 0 ? delimiter.d : ';';
  const parsed = Papa.parse<string[]>(text, { delimiter: sep, skipEmptyLines: false });
  const raw = parsed.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => unescapeCsvCell(String(c ?? ''))), problems: [] }));
  return finish({ format: 'csv', encoding, delimiter: sep }, raw);
}

function finish(head: Pick<Sheet, 'format' | 'encoding' | 'delimiter'>, raw: SheetRow[]): Sheet {
  const isBlank = (r: SheetRow) => r.cells.every((c) => c.trim() === '');
  const h = raw.findIndex((r) => !isBlank(r));
  if (h < 0) return { ...head, fatal: 'В файле нет ни одной заполненной строки', header: [], rows: [] };
  const header = raw[h].cells.map((c) => c.trim().replace(/\s+/g, ' '));
  const rows = raw.slice(h + 1).filter((r) => !isBlank(r));
  if (rows.length > MAX_ROWS) return { ...head, fatal: tooMany(rows.length), header, rows: [] };
  if (rows.length === 0) return { ...head, fatal: 'В файле есть строка заголовков, но нет ни одной строки с данными', header, rows: [] };
  for (const r of rows)
    r.cells.forEach((c, i) => {
      if (c.length > MAX_CELL) {
        r.problems.push(
          `ячейка ${columnLetter(i + 1)}${r.row} длиннее ${ruNumber(MAX_CELL)} символов (${ruNumber(c.length)}): это не данные ученика`,
        );
        r.cells[i] = c.slice(0, 200);
      }
    });
  return { ...head, fatal: null, header, rows };
}

/** Reads a roster file; `name` only for messages. Never throws for the file's content. */
export async function readSheet(name: string, buf: Buffer): Promise<Sheet> {
  if (buf.length === 0) return failed('csv', `Файл «${name}» пустой`);
  if (buf.length > MAX_FILE_BYTES)
    return failed(
      'csv',
      `Файл больше ${ruNumber(MAX_FILE_BYTES / 1024 / 1024)} МБ: это не список учеников или сотрудников, проверьте файл`,
    );
  if (buf[0] === 0xd0 && buf[1] === 0xcf && buf[2] === 0x11 && buf[3] === 0xe0)
    return failed('xlsx', 'Файл в старом формате Excel 97–2003 (XLS): сохраните его как «Книга Excel (XLSX)» или CSV');
  if (buf[0] === 0x50 && buf[1] === 0x4b) return readXlsx(name, buf);
  if (buf[0] === 0x25 && buf[1] === 0x50 && buf[2] === 0x44 && buf[3] === 0x46)
    return failed('csv', `Файл «${name}» — документ PDF, а не таблица: нужен XLSX или CSV`);
  return readCsv(buf);
}

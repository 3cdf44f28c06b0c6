import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvFile, csvText } from '../kernel/csv';
import type { ExportColumn, ExportTable, ExportValue } from './table';

// The one writer of every export: tables as described in table.ts become one XLSX workbook (a sheet per table), CSV
// files (one per table, through kernel/csv.ts, in UTF-8 with BOM or Windows-1251) or one JSON document. Personal columns
// are dropped here, in one place, for a reader who may not see them. The roster's import templates and the files of its
// round trip are written here too (`writeTable`): what the import reads back is what the exports write.

/** The version of the JSON document; also in the schema file's name (docs/schema/year-export.v<N>.schema.json). */
export const SCHEMA_VERSION = 1;

export type ExportFormat = 'xlsx' | 'csv' | 'json';

/** A CSV file's encoding: UTF-8 with BOM, or Windows-1251 (what Excel on a Russian Windows writes and reads unasked). */
export type CsvEncoding = 'utf-8' | 'windows-1251';

/** A table with its rows read, and the columns this reader may see. */
export interface LoadedTable {
  table: ExportTable;
  columns: readonly ExportColumn[];
  rows: Record<string, ExportValue>[];
}

/** Tables as they are read: a list, or a generator that reads each table only when the writer comes to it. */
export type TableStream = Iterable<LoadedTable> | AsyncIterable<LoadedTable>;

export interface ExportMeta {
  school: string;
  year: string;
  exportedAt: Date;
}

export interface ExportFile {
  name: string;
  data: Buffer;
}

/** The columns a reader sees: without the personal ones unless `personal`. */
export function visibleColumns(table: ExportTable, personal: boolean): readonly ExportColumn[] {
  return personal ? table.columns : table.columns.filter((c) => !c.personal);
}

/** Keeps only the visible columns of each row, in the table's order (the SQL may read more). */
function cellsOf(t: LoadedTable, row: Record<string, ExportValue>): ExportValue[] {
  return t.columns.map((c) => row[c.key] ?? null);
}

function isoToDate(v: ExportValue): Date | ExportValue {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v)) return v;
  const [y, m, d] = v.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d));
}

/** A sheet's name: Excel allows 31 characters and none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  return title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31);
}

/**
 * One workbook, a sheet per table: Russian titles in a bold frozen header row, dates as real dates (shown
 * «02.12.2026»), numbers as numbers. Written with exceljs's streaming writer, so rows are not kept as cell objects.
 */
export async function xlsxFile(tables: TableStream): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    out.on('end', resolve);
    out.on('error', reject);
  });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  wb.creator = 'Школьный журнал';
  for await (const t of tables) {
    const ws = wb.addWorksheet(sheetName(t.table.title), { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.columns = t.columns.map((c) => ({
      key: c.key,
      width: c.type === 'date' ? 12 : c.type === 'number' ? 10 : Math.min(40, Math.max(12, c.title.length + 2)),
      // Text columns are text-formatted, so a SNILS or «001» typed into a template stays as typed.
      style: c.type === 'date' ? { numFmt: 'dd.mm.yyyy' } : c.type === 'number' ? {} : { numFmt: '@' },
    }));
    const head = ws.addRow(t.columns.map((c) => c.title));
    head.font = { bold: true };
    head.commit();
    const dates = t.columns.map((c) => c.type === 'date');
    for (const r of t.rows) ws.addRow(cellsOf(t, r).map((v, i) => (dates[i] ? isoToDate(v) : v))).commit();
    ws.commit();
  }
  await wb.commit();
  await done;
  return Buffer.concat(chunks);
}

/** A CSV file per table (`<key>.csv`), each through the one formula-safe writer; dates as «02.12.2026». */
export async function csvFiles(tables: TableStream, encoding: CsvEncoding = 'utf-8'): Promise<ExportFile[]> {
  const files: ExportFile[] = [];
  for await (const t of tables) {
    const dates = t.columns.map((c) => c.type === 'date');
    const rows = t.rows.map((r) => cellsOf(t, r).map((v, i) => (dates[i] && typeof v === 'string' ? ruIso(v) : v)));
    const header = t.columns.map((c) => c.title);
    // No BOM in Windows-1251: the encoding has none.
    const data = encoding === 'windows-1251' ? iconv.encode(csvText(header, rows), 'win1251') : csvFile(header, rows);
    files.push({ name: `${t.table.key}.csv`, data });
  }
  return files;
}

function ruIso(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : iso;
}

/** The JSON document (docs/schema/year-export.v1.schema.json): rows as objects keyed by the columns' latin keys. */
export async function jsonDocument(tables: TableStream, meta: ExportMeta): Promise<Buffer> {
  // Written table by table (each table's rows dropped once written) and row by row.
  const parts: Buffer[] = [];
  const head = [
    `{"schemaVersion":${SCHEMA_VERSION},"school":${JSON.stringify(meta.school)},"year":${JSON.stringify(meta.year)},` +
      `"exportedAt":${JSON.stringify(meta.exportedAt.toISOString())},"tables":{`,
  ];
  parts.push(Buffer.from(head[0], 'utf8'));
  let first = true;
  for await (const t of tables) {
    const table: string[] = [`${first ? '' : ','}${JSON.stringify(t.table.key)}:[`];
    first = false;
    t.rows.forEach((r, ri) => {
      const cells = cellsOf(t, r);
      if (ri) table.push(',');
      table.push(JSON.stringify(Object.fromEntries(t.columns.map((c, i) => [c.key, cells[i]]))));
    });
    table.push(']');
    parts.push(Buffer.from(table.join(''), 'utf8'));
  }
  parts.push(Buffer.from('}}', 'utf8'));
  return Buffer.concat(parts);
}

/** One table's file (an import template, a roster's round trip): XLSX, CSV in UTF-8 with BOM, or CSV in Windows-1251. */
export type TableFormat = 'xlsx' | 'csv' | 'csv-1251';

/** One table with all its columns and the given rows, as one file. */
export async function writeTable(table: ExportTable, rows: Record<string, ExportValue>[], format: TableFormat): Promise<Buffer> {
  const loaded: LoadedTable[] = [{ table, columns: table.columns, rows }];
  if (format === 'xlsx') return xlsxFile(loaded);
  return (await csvFiles(loaded, format === 'csv-1251' ? 'windows-1251' : 'utf-8'))[0].data;
}

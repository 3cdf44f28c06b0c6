import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { csvFile, csvText } from '../kernel/csv';
import type { ExportColumn, ExportTable, ExportValue } from './table';

// A minimal writer of one ExportTable (the roster's exports and templates): XLSX through exceljs, CSV through the
// program's one formula-safe CSV writer (kernel/csv.ts) in UTF-8 with BOM or Windows-1251. Every cell is written as
// text, so that a SNILS, a personal-file number or a date comes back exactly as it left.

export type TableFormat = 'xlsx' | 'csv' | 'csv-1251';

/** The columns a reader may see: personal ones only with the right to personal data. */
export function visibleColumns(table: Pick<ExportTable, 'columns'>, personal: boolean): ExportColumn[] {
  return table.columns.filter((c) => personal || !c.personal);
}

const cellText = (v: ExportValue | undefined) => (v === null || v === undefined ? '' : String(v));

export async function tableXlsx(
  table: Pick<ExportTable, 'title' | 'columns'>,
  rows: readonly Record<string, ExportValue>[],
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(table.title.slice(0, 31), { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = table.columns.map((c) => ({
    header: c.title,
    key: c.key,
    width: Math.min(40, Math.max(10, c.title.length + 2)),
    style: { numFmt: '@' },
  }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(Object.fromEntries(table.columns.map((c) => [c.key, cellText(r[c.key])])));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function tableCsv(
  table: Pick<ExportTable, 'columns'>,
  rows: readonly Record<string, ExportValue>[],
  encoding: 'utf-8' | 'windows-1251' = 'utf-8',
): Buffer {
  const header = table.columns.map((c) => c.title);
  const cells = rows.map((r) => table.columns.map((c) => cellText(r[c.key])));
  // Windows-1251: what Excel on a Russian Windows writes and reads without asking; no BOM in that encoding.
  if (encoding === 'windows-1251') return iconv.encode(csvText(header, cells), 'win1251');
  return csvFile(header, cells);
}

export async function writeTable(
  table: Pick<ExportTable, 'title' | 'columns'>,
  rows: readonly Record<string, ExportValue>[],
  format: TableFormat,
): Promise<Buffer> {
  if (format === 'xlsx') return tableXlsx(table, rows);
  return tableCsv(table, rows, format === 'csv-1251' ? 'windows-1251' : 'utf-8');
}

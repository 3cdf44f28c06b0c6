import ExcelJS from 'exceljs';
import type { ResultRow, ResultsReport } from '../contract/control';
import { RESULT_GROUPING_NAMES } from '../contract/control';

// The results report as a workbook: one sheet, the rows, the total and the formulas under the table. Rates are
// numbers (Excel shows them with the reader's decimal comma), not text.

const MARKS = ['5', '4', '3', '2', 'зач', 'незач', 'осв', 'н/а'] as const;

export async function resultsWorkbook(report: ResultsReport, schoolName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный журнал';
  const ws = wb.addWorksheet('Результаты');
  ws.addRow([schoolName]).font = { bold: true };
  ws.addRow([`Результаты: ${report.kindName}, ${report.yearName} учебный год, ${RESULT_GROUPING_NAMES[report.by]}`]);
  ws.addRow([]);
  const head = ws.addRow(['', 'Учеников', 'Успеваемость, %', 'Качество, %', 'Средний балл', ...MARKS.map((m) => `«${m}»`)]);
  head.font = { bold: true };
  const line = (r: ResultRow) => [r.name, r.students, r.success, r.quality, r.average, ...MARKS.map((m) => r.distribution[m] ?? 0)];
  for (const r of report.rows) ws.addRow(line(r));
  ws.addRow(line({ ...report.total, name: `Итого: ${report.total.name}` })).font = { bold: true };
  ws.addRow([]);
  for (const f of report.formulas) ws.addRow([f]);
  ws.getColumn(1).width = 34;
  for (let c = 2; c <= 5 + MARKS.length; c++) ws.getColumn(c).width = c <= 5 ? 15 : 8;
  ws.getColumn(3).numFmt = '0.0';
  ws.getColumn(4).numFmt = '0.0';
  ws.getColumn(5).numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

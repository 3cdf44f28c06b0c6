import ExcelJS from 'exceljs';
import type { ComparisonRow, ResultRow, ResultsComparison, ResultsReport } from '../contract/control';
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

/** A comparison as a workbook: a row per grouping, for each period or year its success, quality and average. */
export async function comparisonWorkbook(c: ResultsComparison, schoolName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный журнал';
  const ws = wb.addWorksheet('Сравнение');
  ws.addRow([schoolName]).font = { bold: true };
  ws.addRow([`Сравнение результатов: ${c.title}`]);
  ws.addRow([]);
  const top = ws.addRow(['', ...c.columns.flatMap((col) => [col.label, '', ''])]);
  top.font = { bold: true };
  c.columns.forEach((_, i) => ws.mergeCells(top.number, 2 + i * 3, top.number, 4 + i * 3));
  ws.addRow(['', ...c.columns.flatMap(() => ['Успеваемость, %', 'Качество, %', 'Средний балл'])]).font = { bold: true };
  const line = (r: ComparisonRow, name = r.name) => [
    name,
    ...r.cells.flatMap((x) => (x ? [x.success, x.quality, x.average] : [null, null, null])),
  ];
  for (const r of c.rows) ws.addRow(line(r));
  ws.addRow(line(c.total, `Итого: ${c.total.name}`)).font = { bold: true };
  ws.addRow([]);
  for (const f of c.formulas) ws.addRow([f]);
  ws.getColumn(1).width = 34;
  c.columns.forEach((_, i) => {
    for (let k = 0; k < 3; k++) {
      const col = ws.getColumn(2 + i * 3 + k);
      col.width = 14;
      col.numFmt = k === 2 ? '0.00' : '0.0';
    }
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

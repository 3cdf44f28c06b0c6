import ExcelJS from 'exceljs';
import type { ParsedInput } from '../contract/index';
import type { AuditEntryView, AuditExport } from '../contract/accounts-outputs';
import { changeLine, localTime } from '../contract/rules/audit-labels';
import type { Ctx } from '../kernel/context';
import { csvFile } from '../kernel/csv';
import { auditRows } from './audit-list';
import { schoolToday } from '../kernel/school-clock';

// The audit log as CSV (through the program's one CSV writer) or XLSX (exceljs), made from the rows the viewer shows:
// Russian names of actions, objects and outcomes, names instead of ids, the changes as «поле: было → стало», the
// time in the machine's local time. Personal values are already «скрыто» for a reader without the right.

const HEADER = ['№', 'Время', 'Пользователь', 'Действие', 'Объект', 'Название', 'Класс', 'Итог', 'Изменения'];

function cells(r: AuditEntryView): (string | number)[] {
  return [
    r.id,
    localTime(new Date(r.at)),
    r.actor,
    r.actionName,
    r.entityName,
    r.objectName ?? '',
    r.className ?? '',
    r.outcomeName,
    r.changes.map(changeLine).join('\n'),
  ];
}

async function xlsx(rows: AuditEntryView[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Журнал аудита', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = [8, 20, 34, 22, 22, 40, 8, 12, 70].map((width, i) => ({ header: HEADER[i], width }));
  ws.getRow(1).font = { bold: true };
  for (const r of rows) ws.addRow(cells(r));
  ws.getColumn(9).alignment = { wrapText: true, vertical: 'top' };
  ws.getColumn(6).alignment = { wrapText: true, vertical: 'top' };
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: HEADER.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function exportAudit(ctx: Ctx, f: ParsedInput<'audit.export'>): Promise<AuditExport> {
  const rows = await auditRows(ctx, f, f.limit);
  const day = await schoolToday(ctx);
  const file = f.format === 'xlsx' ? await xlsx(rows) : csvFile(HEADER, rows.map(cells));
  return { name: `журнал-аудита-${day}.${f.format}`, base64: file.toString('base64') };
}

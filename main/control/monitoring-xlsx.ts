import ExcelJS from 'exceljs';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { AttendanceRow, MonitoringFile } from '../contract/control-monitoring';
import { ABSENCE_REASONS } from '../contract/rules/cell-text';
import { ru } from '../contract/rules/dates';
import { getYear } from '../school/years';
import { attendanceReport } from './attendance';
import { programmeReport } from './curriculum';
import { controlWorkReport, listControlWorkResults, CONTROL_WORK_NOTES } from './monitoring';

// The monitoring reports as workbooks (exceljs): the same services as the screens, numbers as numbers (Excel shows
// them with the reader's decimal comma), the definitions under each table.

const MARKS = ['5', '4', '3', '2', 'зач', 'незач', 'осв', 'н/а'] as const;
const XLSX = 'xlsx';

async function book(ctx: Ctx, sheet: string, title: string) {
  const school = await ctx.db.selectFrom('school').select('full_name').executeTakeFirst();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный журнал';
  const ws = wb.addWorksheet(sheet);
  ws.addRow([school?.full_name ?? '']).font = { bold: true };
  ws.addRow([title]);
  ws.addRow([]);
  return { wb, ws };
}

function head(ws: ExcelJS.Worksheet, cells: string[]) {
  ws.addRow(cells).font = { bold: true };
}

function notes(ws: ExcelJS.Worksheet, lines: readonly string[]) {
  ws.addRow([]);
  for (const l of lines) ws.addRow([l]);
}

async function file(wb: ExcelJS.Workbook, name: string): Promise<MonitoringFile> {
  return { name: `${name}.${XLSX}`, base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

export async function exportControlWorks(ctx: Ctx, input: ParsedInput<'vshk.export'>): Promise<MonitoringFile> {
  const year = await getYear(ctx.db, input.yearId);
  if (input.id) {
    const r = await controlWorkReport(ctx, { id: input.id });
    const w = r.work;
    const { wb, ws } = await book(
      ctx,
      'Работа',
      `${w.kind}: ${w.subjectName}, ${w.className}, ${ru(w.date)}${w.title ? ` — ${w.title}` : ''}`,
    );
    head(ws, ['Должны были писать', 'Писали', 'Успеваемость, %', 'Качество, %', 'Средний балл', ...MARKS.map((m) => `«${m}»`)]);
    ws.addRow([w.due, w.wrote, w.success, w.quality, w.average, ...MARKS.map((m) => w.distribution[m] ?? 0)]);
    ws.addRow([]);
    head(ws, ['Ученик', 'Отметки', 'Пропуск']);
    for (const s of r.students)
      ws.addRow([s.name, s.marks.join('/') || 'не писал(а)', s.absence ? `${s.absence} — ${ABSENCE_REASONS[s.absence]}` : '']);
    notes(ws, r.notes);
    ws.getColumn(1).width = 30;
    for (let c = 2; c <= 5 + MARKS.length; c++) ws.getColumn(c).width = 14;
    return file(wb, `ВШК ${w.className} ${w.subjectName} ${w.date}`);
  }
  const rows = await listControlWorkResults(ctx, { yearId: input.yearId, classId: input.classId });
  const { wb, ws } = await book(ctx, 'Контрольные работы', `Внутришкольный контроль: контрольные работы, ${year.name} учебный год`);
  head(ws, [
    'Дата',
    'Класс',
    'Предмет',
    'Вид',
    'Тема',
    'Должны были',
    'Писали',
    'Успеваемость, %',
    'Качество, %',
    'Средний балл',
    ...MARKS.map((m) => `«${m}»`),
  ]);
  for (const w of rows)
    ws.addRow([
      ru(w.date),
      w.className,
      w.subjectName,
      w.kind,
      w.title,
      w.due,
      w.wrote,
      w.success,
      w.quality,
      w.average,
      ...MARKS.map((m) => w.distribution[m] ?? 0),
    ]);
  notes(ws, CONTROL_WORK_NOTES);
  for (const [c, width] of [14, 8, 22, 30, 30].entries()) ws.getColumn(c + 1).width = width;
  return file(wb, `ВШК контрольные работы ${year.name.replace('/', '-')}`);
}

const attendanceLine = (r: AttendanceRow) => [r.name, r.seats, r.н, r.б, r.у, r.total, r.attendance];
const ATTENDANCE_HEAD = ['', 'Ученико-уроков', '«н»', '«б»', '«у»', 'Пропусков', 'Посещаемость, %'];

export async function exportAttendance(ctx: Ctx, input: ParsedInput<'attendance.export'>): Promise<MonitoringFile> {
  const r = await attendanceReport(ctx, input);
  const { wb, ws } = await book(ctx, 'Посещаемость', `Посещаемость с ${ru(r.from)} по ${ru(r.to)}, ${r.yearName} учебный год`);
  const table = (title: string, rows: AttendanceRow[], total?: AttendanceRow) => {
    if (rows.length === 0) return;
    head(ws, [title, ...ATTENDANCE_HEAD.slice(1)]);
    for (const x of rows) ws.addRow(attendanceLine(x));
    if (total) ws.addRow(attendanceLine({ ...total, name: `Итого: ${total.name}` })).font = { bold: true };
    ws.addRow([]);
  };
  table('Класс', r.classes, r.total);
  table('Месяц', r.months);
  table('Ученик', r.students);
  table('День', r.days);
  head(ws, [`Посещаемость не отмечалась: ${r.notTakenCount}`, 'Урок', 'Класс', 'Предмет', 'Учитель']);
  for (const l of r.notTaken)
    ws.addRow([ru(l.date), l.lessonNumber, l.className, l.groupName ? `${l.subjectName} (${l.groupName})` : l.subjectName, l.teacher]);
  notes(ws, r.notes);
  ws.getColumn(1).width = 30;
  for (let c = 2; c <= 7; c++) ws.getColumn(c).width = 15;
  return file(wb, `Посещаемость ${r.from}–${r.to}`);
}

export async function exportProgramme(ctx: Ctx, input: ParsedInput<'programme.export'>): Promise<MonitoringFile> {
  const r = await programmeReport(ctx, input);
  const { wb, ws } = await book(ctx, 'Выполнение программы', `Выполнение программы на ${ru(r.today)}, ${r.yearName} учебный год`);
  head(ws, [
    'Класс',
    'Предмет',
    'Группа',
    'По расписанию на год',
    'Запланировано',
    'Дано',
    'Отменено',
    'Потеряно',
    'Выполнение, %',
    'Тем в плане',
    'Тем к сегодня',
    'Тем пройдено',
  ]);
  for (const x of [...r.rows, r.total])
    ws.addRow([
      x.className,
      x.subjectName,
      x.groupName ?? '',
      x.yearPlanned,
      x.planned,
      x.given,
      x.cancelled,
      x.lost,
      x.fulfilled,
      x.topicsPlanned,
      x.topicsDue,
      x.topicsPassed,
    ]);
  notes(ws, r.notes);
  for (const [c, width] of [10, 26, 22].entries()) ws.getColumn(c + 1).width = width;
  return file(wb, `Выполнение программы ${r.today}`);
}

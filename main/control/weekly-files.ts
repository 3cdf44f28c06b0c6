import ExcelJS from 'exceljs';
import {
  WEEKLY_KIND_NAMES,
  WEEKLY_KIND_SHORT,
  WEEKLY_KINDS,
  type WeeklyControl,
  type WeeklyCounts,
  type WeeklyLine,
} from '../contract/control-weekly';
import { ru } from '../contract/rules/dates';
import { ruNumber } from '../contract/rules/numbers';
import type { ParsedInput } from '../contract';
import type { WeeklyFile } from '../contract/control-weekly';
import type { Ctx } from '../kernel/context';
import { face, pdfBuffer, type Pdf } from '../kernel/pdf';
import { weeklyControl } from './weekly';

// The weekly control as a printed report (page 1: per teacher; then per teacher, class and subject, and how each list
// is made) and as a workbook (the table of lines, then every item of every list).

const title = (r: WeeklyControl) => `Еженедельный контроль ведения журнала: ${ru(r.from)} — ${ru(r.to)}`;
const subtitle = (r: WeeklyControl) =>
  `${r.yearName} учебный год; ${r.scope}; сроки проверены на ${ru(r.asOf.slice(0, 10))}; минимум текущих отметок — ${r.minMarks}`;
const journalName = (l: WeeklyLine) => (l.groupName ? `${l.subjectName} (${l.groupName})` : l.subjectName);
const share = (v: number | null) => (v === null ? '—' : ruNumber(v, 1, true));

const HEADS = ['Учитель', 'Класс', 'Предмет'];

export function weeklyPdf(r: WeeklyControl, schoolName: string): Promise<Buffer> {
  return pdfBuffer({ title: title(r), author: schoolName, subject: 'Еженедельный контроль' }, (pdf) => drawWeekly(pdf, r, schoolName));
}

/** The lines summed per teacher: the printed page's table. */
export function byTeacher(r: WeeklyControl): WeeklyLine[] {
  const out = new Map<string, WeeklyLine>();
  for (const l of r.lines) {
    const key = `${l.teacherId ?? ''}`;
    const t = out.get(key);
    if (!t) {
      out.set(key, { ...l, key, className: '', subjectName: '', groupName: null, items: [] });
      continue;
    }
    for (const k of WEEKLY_KINDS) t[k] += l[k];
    t.students += l.students;
    t.withoutMarks += l.withoutMarks;
  }
  return [...out.values()].map((t) => ({
    ...t,
    withoutMarksShare: t.students ? Math.round((t.withoutMarks / t.students) * 1000) / 10 : null,
  }));
}

interface Column {
  head: string;
  width: number;
  left?: boolean;
}

/** A ruled table from (x, y) with rows of `size`-point text; a new page (same size) when a row does not fit. */
function table(pdf: Pdf, y: number, columns: Column[], rows: { values: string[]; bold?: boolean }[], size: number): number {
  const margin = pdf.page.margins.left;
  const bottom = pdf.page.height - pdf.page.margins.bottom;
  const rowH = size + 3.5;
  const row = (values: string[], bold: boolean, h: number) => {
    if (y + h > bottom) {
      pdf.addPage({ size: 'A4', layout: pdf.page.width > pdf.page.height ? 'landscape' : 'portrait', margin });
      y = margin;
    }
    face(pdf, bold ? 'condBold' : 'cond').fontSize(size);
    let x = margin;
    values.forEach((v, i) => {
      const c = columns[i];
      pdf.rect(x, y, c.width, h).lineWidth(0.4).stroke('#888888');
      pdf
        .fillColor('#000000')
        .text(v, x + 2, y + 1.8, { width: c.width - 4, height: h - 1.5, ellipsis: true, align: c.left ? 'left' : 'center' });
      x += c.width;
    });
    y += h;
  };
  row(
    columns.map((c) => c.head),
    true,
    rowH * 2 + 2,
  );
  for (const r of rows) row(r.values, !!r.bold, rowH);
  return y;
}

const counts = (l: WeeklyCounts) => WEEKLY_KINDS.map((k) => (l[k] ? ruNumber(l[k]) : ''));

/**
 * Page 1 (A4 portrait): the week per teacher, what the director signs off on Friday (one page for a school of up to
 * ~80 teachers with debts). Then (A4 landscape) each teacher's lines by class and subject, and how the lists are made.
 */
function drawWeekly(pdf: Pdf, r: WeeklyControl, schoolName: string): void {
  const margin = 28;
  pdf.addPage({ size: 'A4', layout: 'portrait', margin });
  let width = pdf.page.width - 2 * margin;
  face(pdf, 'condBold').fontSize(10).text(schoolName, margin, margin, { width });
  pdf.fontSize(11).text(title(r), { width });
  face(pdf, 'cond').fontSize(7.5).text(subtitle(r), { width });
  pdf.moveDown(0.4);
  const teachers = byTeacher(r);
  const kindW = (width - 120 - 48) / WEEKLY_KINDS.length;
  const summaryColumns: Column[] = [
    { head: 'Учитель', width: 120, left: true },
    ...WEEKLY_KINDS.map((k) => ({ head: WEEKLY_KIND_SHORT[k], width: kindW })),
    { head: 'Без отметок, %', width: 48 },
  ];
  const size = teachers.length > 60 ? 5.8 : 7;
  let y = table(
    pdf,
    pdf.y,
    summaryColumns,
    [
      ...teachers.map((t) => ({ values: [t.teacher || '—', ...counts(t), share(t.withoutMarksShare)] })),
      { values: [`Итого (${ruNumber(teachers.length)} уч.)`, ...WEEKLY_KINDS.map((k) => ruNumber(r.totals[k])), ''], bold: true },
    ],
    size,
  );
  face(pdf, 'cond').fontSize(6);
  if (!r.lines.length) pdf.text('За неделю замечаний нет.', margin, y + 4, { width });
  else
    pdf.text(
      WEEKLY_KINDS.map((k) => `${WEEKLY_KIND_SHORT[k]} — ${WEEKLY_KIND_NAMES[k].toLowerCase()}`).join('; ') +
        '. По классам и предметам — на следующих страницах.',
      margin,
      y + 3,
      { width },
    );
  if (!r.lines.length) return;

  pdf.addPage({ size: 'A4', layout: 'landscape', margin });
  width = pdf.page.width - 2 * margin;
  face(pdf, 'condBold')
    .fontSize(9)
    .text(`${title(r)}: по учителям, классам и предметам`, margin, margin, { width });
  pdf.moveDown(0.3);
  const kindW2 = (width - 110 - 40 - 150 - 52) / WEEKLY_KINDS.length;
  y = table(
    pdf,
    pdf.y,
    [
      { head: 'Учитель', width: 110, left: true },
      { head: 'Класс', width: 40, left: true },
      { head: 'Предмет', width: 150, left: true },
      ...WEEKLY_KINDS.map((k) => ({ head: WEEKLY_KIND_SHORT[k], width: kindW2 })),
      { head: 'Без отметок, %', width: 52 },
    ],
    r.lines.map((l) => ({ values: [l.teacher, l.className, journalName(l), ...counts(l), share(l.withoutMarksShare)] })),
    6.5,
  );
  if (y + 60 > pdf.page.height - margin) {
    pdf.addPage({ size: 'A4', layout: 'landscape', margin });
    y = margin;
  }
  face(pdf, 'cond').fontSize(6.5);
  pdf.text(r.rules[0], margin, y + 6, { width });
  for (const rule of r.rules.slice(1)) pdf.text(rule, { width });
}

export async function weeklyWorkbook(r: WeeklyControl, schoolName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный журнал';
  const ws = wb.addWorksheet('Контроль');
  ws.addRow([schoolName]).font = { bold: true };
  ws.addRow([title(r)]).font = { bold: true };
  ws.addRow([subtitle(r)]);
  ws.addRow([]);
  ws.addRow([...HEADS.slice(0, 3), ...WEEKLY_KINDS.map((k) => WEEKLY_KIND_NAMES[k]), 'Учеников', 'Без отметок', 'Без отметок, %']).font = {
    bold: true,
  };
  for (const l of r.lines)
    ws.addRow([l.teacher, l.className, journalName(l), ...WEEKLY_KINDS.map((k) => l[k]), l.students, l.withoutMarks, l.withoutMarksShare]);
  ws.addRow(['Итого', '', '', ...WEEKLY_KINDS.map((k) => r.totals[k])]).font = { bold: true };
  ws.addRow([]);
  for (const rule of r.rules) ws.addRow([rule]);
  ws.getColumn(1).width = 24;
  ws.getColumn(2).width = 8;
  ws.getColumn(3).width = 28;
  for (let c = 4; c <= 3 + WEEKLY_KINDS.length + 3; c++) ws.getColumn(c).width = 14;
  ws.getColumn(3 + WEEKLY_KINDS.length + 3).numFmt = '0.0';

  const items = wb.addWorksheet('Подробно');
  items.addRow(['Учитель', 'Класс', 'Предмет', 'Список', 'Дата', 'Что']).font = { bold: true };
  for (const l of r.lines)
    for (const i of l.items)
      items.addRow([l.teacher, l.className, journalName(l), WEEKLY_KIND_NAMES[i.kind], i.date ? ru(i.date) : '', i.text]);
  [24, 8, 28, 44, 12, 50].forEach((w, i) => (items.getColumn(i + 1).width = w));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The report of the caller's scope as a file for the screen's «Печать» and «Excel» buttons. */
export async function weeklyFile(ctx: Ctx, input: ParsedInput<'controlWeekly.file'>): Promise<WeeklyFile> {
  const report = await weeklyControl(ctx, { week: input.week, classId: input.classId });
  const school = (await ctx.db.selectFrom('school').select('full_name').executeTakeFirst())?.full_name ?? '';
  const pdf = input.format === 'pdf';
  const data = pdf ? await weeklyPdf(report, school) : await weeklyWorkbook(report, school);
  return {
    name: `Контроль журнала ${ru(report.from)}—${ru(report.to)}.${input.format}`,
    mime: pdf ? 'application/pdf' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    base64: data.toString('base64'),
  };
}

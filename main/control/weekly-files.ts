import ExcelJS from 'exceljs';
import { WEEKLY_KIND_NAMES, WEEKLY_KIND_SHORT, WEEKLY_KINDS, type WeeklyControl, type WeeklyLine } from '../contract/control-weekly';
import { ru } from '../contract/rules/dates';
import { ruNumber } from '../contract/rules/numbers';
import type { ParsedInput } from '../contract';
import type { WeeklyFile } from '../contract/control-weekly';
import type { Ctx } from '../kernel/context';
import { face, pdfBuffer, type Pdf } from '../kernel/pdf';
import { weeklyControl } from './weekly';

// The weekly control as a printed page (A4 landscape: the table of lines, the totals and how each list is made; more
// pages only when a large school's lines do not fit) and as a workbook (the same table, then every item of every list).

const title = (r: WeeklyControl) => `Еженедельный контроль ведения журнала: ${ru(r.from)} — ${ru(r.to)}`;
const subtitle = (r: WeeklyControl) =>
  `${r.yearName} учебный год; ${r.scope}; сроки проверены на ${ru(r.asOf.slice(0, 10))}; минимум текущих отметок — ${r.minMarks}`;
const journalName = (l: WeeklyLine) => (l.groupName ? `${l.subjectName} (${l.groupName})` : l.subjectName);
const share = (v: number | null) => (v === null ? '—' : ruNumber(v, 1, true));

const HEADS = ['Учитель', 'Класс', 'Предмет', ...WEEKLY_KINDS.map((k) => WEEKLY_KIND_SHORT[k]), 'Без отметок, %'];
const cells = (l: WeeklyLine) => [
  l.teacher,
  l.className,
  journalName(l),
  ...WEEKLY_KINDS.map((k) => (l[k] ? String(l[k]) : '')),
  share(l.withoutMarksShare),
];

export function weeklyPdf(r: WeeklyControl, schoolName: string): Promise<Buffer> {
  return pdfBuffer({ title: title(r), author: schoolName, subject: 'Еженедельный контроль' }, (pdf) => drawWeekly(pdf, r, schoolName));
}

function drawWeekly(pdf: Pdf, r: WeeklyControl, schoolName: string): void {
  const margin = 28;
  pdf.addPage({ size: 'A4', layout: 'landscape', margin });
  const width = pdf.page.width - 2 * margin;
  const bottom = pdf.page.height - margin;
  face(pdf, 'condBold').fontSize(12).text(schoolName, margin, margin, { width });
  pdf.fontSize(11).text(title(r), { width });
  face(pdf, 'cond').fontSize(8).text(subtitle(r), { width });
  pdf.moveDown(0.5);
  const widths = [110, 40, 120, ...WEEKLY_KINDS.map(() => 0), 52];
  const fixed = widths.reduce((a, b) => a + b, 0);
  const rest = (width - fixed) / WEEKLY_KINDS.length;
  for (let i = 3; i < 3 + WEEKLY_KINDS.length; i++) widths[i] = rest;
  const size = r.lines.length > 40 ? 6.5 : 7.5;
  const rowH = size + 4;
  let y = pdf.y;
  const row = (values: string[], bold: boolean, head = false) => {
    const h = head ? rowH * 2.2 : rowH;
    if (y + h > bottom) {
      pdf.addPage({ size: 'A4', layout: 'landscape', margin });
      y = margin;
    }
    face(pdf, bold ? 'condBold' : 'cond').fontSize(size);
    let x = margin;
    values.forEach((v, i) => {
      pdf.rect(x, y, widths[i], h).lineWidth(0.4).stroke('#888888');
      pdf
        .fillColor('#000000')
        .text(v, x + 2, y + 2, { width: widths[i] - 4, height: h - 2, ellipsis: true, align: i < 3 ? 'left' : 'center' });
      x += widths[i];
    });
    y += h;
  };
  row(HEADS, true, true);
  for (const l of r.lines) row(cells(l), false);
  row(['Итого', '', `${ruNumber(r.lines.length)} строк`, ...WEEKLY_KINDS.map((k) => ruNumber(r.totals[k])), ''], true);
  if (!r.lines.length) row(['За неделю замечаний нет', '', '', ...WEEKLY_KINDS.map(() => ''), ''], false);
  y += 6;
  if (y + 60 > bottom) {
    pdf.addPage({ size: 'A4', layout: 'landscape', margin });
    y = margin;
  }
  face(pdf, 'cond').fontSize(6.5);
  pdf.text(WEEKLY_KINDS.map((k) => `${WEEKLY_KIND_SHORT[k]} — ${WEEKLY_KIND_NAMES[k].toLowerCase()}`).join('; ') + '.', margin, y, {
    width,
  });
  for (const rule of r.rules) pdf.text(rule, { width });
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

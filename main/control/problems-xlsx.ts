import { ABSENCE_REASONS } from '../contract/rules/cell-text';
import ExcelJS from 'exceljs';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { ProblemLists, ProblemsExport } from '../contract/control-problems';
import { ru } from '../contract/rules/dates';
import { problemLists } from './problems';

// The problem lists as a workbook: one sheet per list, a heading with the school, the year, the period and the day,
// and the rules under each table. Dates are real dates in the cells; averages are numbers.

const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

export async function problemsWorkbook(lists: ProblemLists, schoolName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Школьный журнал';
  const sheet = (name: string, title: string, head: string[], widths: number[]) => {
    const ws = wb.addWorksheet(name);
    ws.addRow([schoolName]).font = { bold: true };
    ws.addRow([`${title}: ${lists.periodName}, ${lists.yearName} учебный год, по ${ru(lists.asOf)}`]);
    ws.addRow([]);
    ws.addRow(head).font = { bold: true };
    widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
    return ws;
  };
  const tail = (ws: ExcelJS.Worksheet) => {
    ws.addRow([]);
    for (const r of lists.rules) ws.addRow([r]);
  };

  const marks = sheet(
    'Неудовлетворительные',
    'Неудовлетворительные отметки с темами уроков',
    ['Класс', 'Ученик', 'Предмет', 'Дата', 'Урок', 'Отметка', 'Вид работы', 'Тема урока'],
    [8, 28, 22, 11, 6, 9, 22, 50],
  );
  for (const m of lists.unsatisfactory)
    marks.addRow([m.className, m.student, m.subject, asDate(m.date), m.lessonNumber, m.value, m.workType, m.topic || 'тема не записана']);
  marks.getColumn(4).numFmt = 'dd.mm.yyyy';
  tail(marks);

  const missed = sheet(
    'Пропуски',
    'Пропущенные уроки с темами',
    ['Класс', 'Ученик', 'Предмет', 'Дата', 'Урок', 'Причина', 'Отработан', 'Тема урока'],
    [8, 28, 22, 11, 6, 14, 10, 50],
  );
  for (const m of lists.missed)
    missed.addRow([
      m.className,
      m.student,
      m.subject,
      asDate(m.date),
      m.lessonNumber,
      ABSENCE_REASONS[m.absence],
      m.madeUp ? 'да' : 'нет',
      m.topic || 'тема не записана',
    ]);
  missed.getColumn(4).numFmt = 'dd.mm.yyyy';
  tail(missed);

  const risks = sheet(
    'Риск «2» и «н-а»',
    'Ученики с риском «2» или «н/а»',
    ['Класс', 'Ученик', 'Предмет', 'Риск', 'Отметок', 'Средний балл', 'Прогноз', 'Пропущено', 'Уроков', 'Почему'],
    [8, 28, 22, 10, 9, 12, 9, 10, 8, 60],
  );
  for (const r of lists.risks)
    risks.addRow([
      r.className,
      r.student,
      r.subject,
      r.risks.map((k) => `«${k}»`).join(', '),
      r.marks,
      r.average,
      r.projected ?? '—',
      r.absences,
      r.lessons,
      r.reasons.join('; '),
    ]);
  risks.getColumn(6).numFmt = '0.00';
  tail(risks);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function problemsExport(ctx: Ctx, input: ParsedInput<'problems.export'>): Promise<ProblemsExport> {
  const lists = await problemLists(ctx, input);
  const school = await ctx.db.selectFrom('school').select('full_name').executeTakeFirst();
  const buffer = await problemsWorkbook(lists, school?.full_name ?? '');
  return { name: `Проблемные списки ${lists.asOf}.xlsx`, base64: buffer.toString('base64') };
}

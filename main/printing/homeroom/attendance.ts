import { addDays, format, getDaysInMonth, parseISO } from 'date-fns';
import type { DocumentSource, Section } from '../layout/document';
import type { CellInput, RowInput } from '../layout/flow';
import { NO_BORDERS, type Sided, type TextStyle } from '../layout/page';
import { pageSpec } from '../layout/specs';
import { groupDigits } from '../layout/numbers';
import { plural } from '../../contract/rules/plural';
import { classTitle, initials } from '../journal/sections';
import { totalAbsence, type DayAbsence, type LedgerAbsences, type LedgerData } from '../ledger/model';

// The homeroom teacher's attendance printouts (seed 000 §10): the report of the class's attendance by month (a page
// per month: students × days, lessons missed each day) and the summary ledger of attendance (students × periods,
// missed lessons by reason). Days without lessons and days a student was not in the class are grey.

const CELL: TextStyle = { face: 'cond', size: 7, lineHeight: 7.5 };
const CELL_BOLD: TextStyle = { face: 'condBold', size: 7, lineHeight: 7.5 };
const NUM = 16;
const NAME = 112;
/** 38 students, the class's total row and the signature fit one landscape page. */
const ROW = 10.5;

export const MONTHS_NOM = [
  'январь',
  'февраль',
  'март',
  'апрель',
  'май',
  'июнь',
  'июль',
  'август',
  'сентябрь',
  'октябрь',
  'ноябрь',
  'декабрь',
];

type Sum = { total: number; illness: number; excused: number; unexcused: number };
const zero = (): Sum => ({ total: 0, illness: 0, excused: 0, unexcused: 0 });
function add(s: Sum, a: DayAbsence | undefined): void {
  if (!a) return;
  s.total += totalAbsence(a);
  s.illness += a.illness;
  s.excused += a.excused;
  s.unexcused += a.unexcused;
}
const REASONS = ['всего', 'болезнь', 'уважит.', 'без уваж.'];
const num = (n: number) => (n ? String(n) : '');

export function inClassOn(st: LedgerData['students'][number], iso: string): boolean {
  return st.active.some((r) => r.start_date <= iso && iso <= r.end_date);
}

/** The last day of teaching: the end of the last period, or the year's end when the grade has no periods. */
export function teachingEnd(d: LedgerData): string {
  return d.periods.length ? d.periods[d.periods.length - 1].end : d.year.end;
}

/** «1 593 урока», «21 урок», «1 105 уроков». */
export function lessonsText(n: number): string {
  return `${groupDigits(n)} ${plural(n, ['урок', 'урока', 'уроков'])}`;
}

/** Months from the year's start to the end of teaching that have at least one day of lessons: `2025-09`, … */
export function teachingMonths(d: LedgerData): string[] {
  const out: string[] = [];
  const end = teachingEnd(d);
  for (let day = parseISO(d.year.start); format(day, 'yyyy-MM-dd') <= end; day = addDays(day, 1)) {
    const iso = format(day, 'yyyy-MM-dd');
    const m = iso.slice(0, 7);
    if (!d.daysOff.has(iso) && out[out.length - 1] !== m) out.push(m);
  }
  return out;
}

function monthTitle(m: string): string {
  return `${MONTHS_NOM[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;
}

function heading(text: string, span: number): RowInput {
  return { cells: [{ text, colSpan: span, style: 'heading', align: 'center', borders: NO_BORDERS, fit: 'shrink' }], height: 20 };
}

function signature(d: LedgerData): string {
  return `Классный руководитель  ______________________  /${d.cls.homeroom ? initials(d.cls.homeroom) : '________________'}/`;
}

function monthSection(d: LedgerData, a: LedgerAbsences | null, month: string): Section {
  return {
    id: `month:${month}`,
    title: monthTitle(month),
    spec: pageSpec('landscape'),
    build(f) {
      const days = getDaysInMonth(parseISO(`${month}-01`));
      const dayW = Math.min(15, Math.floor(((f.contentWidth - NUM - NAME - 4 * 28) / days) * 4) / 4);
      const cols = [NUM, NAME, ...Array<number>(days).fill(dayW), 28, 28, 28, 28];
      const iso = (k: number) => `${month}-${String(k).padStart(2, '0')}`;
      const header: RowInput[] = [
        heading(`Отчёт о посещаемости ${classTitle(d.cls)} класса за ${monthTitle(month)} (${d.year.name} учебный год)`, cols.length),
        {
          cells: [
            { text: '№', rowSpan: 2, align: 'center', style: 'tableBold' },
            { text: 'Фамилия, имя обучающегося', rowSpan: 2, align: 'center', style: 'tableBold' },
            { text: 'Пропущено уроков по дням месяца', colSpan: days, align: 'center', style: 'tableBold' },
            { text: 'Итого за месяц', colSpan: 4, align: 'center', style: 'tableBold' },
          ],
          minHeight: 13,
        },
        {
          cells: [
            ...Array.from({ length: days }, (_, i): CellInput => ({
              text: String(i + 1),
              align: 'center',
              style: 'small',
              fit: 'shrink',
              fill: d.daysOff.has(iso(i + 1)) ? 'closed' : null,
            })),
            ...REASONS.map((text): CellInput => ({ text, align: 'center', style: 'small', fit: 'shrink' })),
          ],
          minHeight: 20,
        },
      ];
      const perDay = Array.from({ length: days }, () => 0);
      const classSum = zero();
      const rows: RowInput[] = d.students
        .filter((st) => st.active.some((r) => r.start_date.slice(0, 7) <= month && month <= r.end_date.slice(0, 7)))
        .map((st, i) => {
          const mine = a?.days[st.id] ?? {};
          const sum = zero();
          const cells = Array.from({ length: days }, (_, k): CellInput => {
            const day = iso(k + 1);
            const v = mine[day];
            add(sum, v);
            perDay[k] += totalAbsence(v);
            const closed = d.daysOff.has(day) || !inClassOn(st, day);
            return { text: num(totalAbsence(v)), align: 'center', style: CELL, fit: 'shrink', fill: closed ? 'closed' : null };
          });
          add(classSum, sum.total ? { illness: sum.illness, excused: sum.excused, unexcused: sum.unexcused } : undefined);
          return {
            height: ROW,
            cells: [
              { text: String(i + 1), align: 'center', style: CELL },
              { text: `${st.lastName} ${st.firstName}`, style: CELL, fit: 'clip' },
              ...cells,
              ...[sum.total, sum.illness, sum.excused, sum.unexcused].map((n): CellInput => ({
                text: num(n),
                align: 'center',
                style: CELL_BOLD,
              })),
            ],
          };
        });
      rows.push({
        height: ROW,
        cells: [
          { text: 'Итого по классу', colSpan: 2, style: CELL_BOLD },
          ...perDay.map((n): CellInput => ({ text: num(n), align: 'center', style: CELL_BOLD, fit: 'shrink' })),
          ...[classSum.total, classSum.illness, classSum.excused, classSum.unexcused].map((n): CellInput => ({
            text: String(n),
            align: 'center',
            style: CELL_BOLD,
          })),
        ],
      });
      f.table({ columns: cols, header, rows, padding: 1.5 });
      f.paragraph(signature(d), { style: 'body', spaceBefore: 8, keepTogether: true });
    },
  };
}

export function attendanceByMonthTitle(d: LedgerData): string {
  return `Отчёт о посещаемости ${classTitle(d.cls)} класса по месяцам, ${d.year.name} учебный год`;
}

/** The class's attendance by month: one landscape page (or more for a large class) per month of teaching. */
export function attendanceByMonthSource(d: LedgerData, a: LedgerAbsences | null, sided: Sided): DocumentSource {
  return {
    title: attendanceByMonthTitle(d),
    author: d.school.shortName,
    sided,
    sections: teachingMonths(d).map((m) => monthSection(d, a, m)),
  };
}

export function attendanceLedgerTitle(d: LedgerData): string {
  return `Сводная ведомость учёта посещаемости ${classTitle(d.cls)} класса за ${d.year.name} учебный год`;
}

/** Students × (each period and the year) × (all, illness, other valid reason, no valid reason), with the class's totals. */
export function attendanceLedgerSource(d: LedgerData, a: LedgerAbsences | null, sided: Sided): DocumentSource {
  const spans = [
    ...d.periods.map((p) => ({ label: p.name, start: p.start, end: p.end })),
    { label: 'За год', start: d.year.start, end: d.year.end },
  ];
  const section: Section = {
    id: 'attendance-ledger',
    title: 'Сводная ведомость посещаемости',
    spec: pageSpec('landscape'),
    build(f) {
      const w = Math.min(28, Math.floor(((f.contentWidth - NUM - NAME) / (spans.length * 4)) * 4) / 4);
      const cols = [NUM, NAME, ...Array<number>(spans.length * 4).fill(w)];
      f.paragraph(d.school.fullName, { style: 'small', align: 'center' });
      const header: RowInput[] = [
        heading(attendanceLedgerTitle(d), cols.length),
        {
          cells: [
            { text: '№', rowSpan: 2, align: 'center', style: 'tableBold' },
            { text: 'Фамилия, имя обучающегося', rowSpan: 2, align: 'center', style: 'tableBold' },
            ...spans.map((s): CellInput => ({ text: s.label, colSpan: 4, align: 'center', style: 'tableBold', fit: 'shrink' })),
          ],
          minHeight: 13,
        },
        {
          cells: spans.flatMap(() => REASONS.map((text): CellInput => ({ text, align: 'center', style: 'small', fit: 'shrink' }))),
          minHeight: 20,
        },
      ];
      const classSums = spans.map(zero);
      const rows: RowInput[] = d.students.map((st, i) => {
        const mine = a?.days[st.id] ?? {};
        const sums = spans.map(zero);
        for (const [day, v] of Object.entries(mine))
          spans.forEach((s, k) => {
            if (s.start <= day && day <= s.end) {
              add(sums[k], v);
              add(classSums[k], v);
            }
          });
        return {
          height: ROW,
          cells: [
            { text: String(i + 1), align: 'center', style: CELL },
            { text: `${st.lastName} ${st.firstName}`, style: CELL, fit: 'clip' },
            ...sums.flatMap((s, k) =>
              [s.total, s.illness, s.excused, s.unexcused].map((n): CellInput => ({
                text: num(n),
                align: 'center',
                style: k === spans.length - 1 ? CELL_BOLD : CELL,
              })),
            ),
          ],
        };
      });
      rows.push({
        height: ROW,
        cells: [
          { text: 'Итого по классу', colSpan: 2, style: CELL_BOLD },
          ...classSums.flatMap((s) =>
            [s.total, s.illness, s.excused, s.unexcused].map((n): CellInput => ({ text: String(n), align: 'center', style: CELL_BOLD })),
          ),
        ],
      });
      f.table({ columns: cols, header, rows, padding: 1.5 });
      const year = classSums[classSums.length - 1];
      const counted = d.students.length || 1;
      f.paragraph(
        `Пропущено за год ${lessonsText(year.total)}, из них по болезни ${groupDigits(year.illness)}, по другим уважительным причинам ${groupDigits(year.excused)}, без уважительной причины ${groupDigits(year.unexcused)}; в среднем ${(year.total / counted).toFixed(1).replace('.', ',')} урока на обучающегося.`,
        { style: 'body', spaceBefore: 10 },
      );
      f.paragraph(signature(d), { style: 'body', spaceBefore: 12, keepTogether: true });
    },
  };
  return { title: attendanceLedgerTitle(d), author: d.school.shortName, sided, sections: [section] };
}

import type { Section } from '../layout/document';
import { WRAP_SAFETY, type Flow, type RowInput, type TableInput } from '../layout/flow';
import { NO_BORDERS } from '../layout/page';
import { pageSpec } from '../layout/specs';
import type { LessonColumn, SubjectPagesData } from './model';
import { ABSENCE_CODES } from '../../contract/rules/cell-text';

// A subject's spreads. Left page: students × lesson dates with marks and absence codes. Right page: the same lessons
// as rows with date, topic, hours and homework. A spread holds as many lessons as fit both: the left page's date
// columns and the right page's rows (long topics make rows taller, so fewer lessons per spread). A class too large
// for one left page continues on another spread of the same lessons, its right page repeated and marked so.

export const SPREAD = {
  numWidth: 16,
  nameWidth: 118,
  dateWidth: 15,
  studentRow: 13.5,
  rightDateWidth: 36,
  rightHoursWidth: 26,
  homeworkShare: 0.34,
  blankRightRow: 16,
} as const;

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
const MONTHS_SHORT = ['янв.', 'фев.', 'март', 'апр.', 'май', 'июнь', 'июль', 'авг.', 'сен.', 'окт.', 'нояб.', 'дек.'];
const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI', 'XII'];

export function spreadTitle(d: SubjectPagesData): string {
  return d.group ? `${d.subject} (${d.group})` : d.subject;
}

const ABSENCE = new Set(ABSENCE_CODES.map((a) => a.code as string));

/**
 * A cell as printed: absence codes in capitals («Н», «Б», «У», «Б/3»), because a small «б» in the print font reads as
 * the digit «6». Marks are printed as entered.
 */
export function printedCell(text: string): string {
  return text
    .split('/')
    .map((t) => (ABSENCE.has(t) ? t.toUpperCase() : t))
    .join('/');
}

function isActive(ranges: SubjectPagesData['students'][number]['active'], date: string): boolean {
  return ranges.some((r) => r.start_date <= date && date <= r.end_date);
}

/** Months over the date columns: consecutive lessons of one month share a heading cell. */
function monthCells(f: Flow, lessons: (LessonColumn | null)[]): RowInput['cells'] {
  const cells: RowInput['cells'] = [];
  const style = f.style('tableBold');
  let i = 0;
  const monthOf = (l: LessonColumn | null) => (l && !l.summary ? Number(l.date.slice(5, 7)) - 1 : -1);
  while (i < lessons.length) {
    const l = lessons[i];
    const month = monthOf(l);
    let j = i + 1;
    // a column of period marks heads itself (its heading spans both rows' worth: the month row is left empty)
    if (!l?.summary) while (j < lessons.length && !lessons[j]?.summary && monthOf(lessons[j]) === month) j++;
    const width = (j - i) * SPREAD.dateWidth - 4;
    let text = '';
    if (month >= 0)
      text = [MONTHS[month], MONTHS_SHORT[month], ROMAN[month]].find((t) => f.m.width(t, style.face, style.size) <= width) ?? ROMAN[month];
    cells.push({ text, colSpan: j - i, style: 'tableBold', align: 'center', fit: 'shrink' });
    i = j;
  }
  return cells;
}

function leftTable(
  f: Flow,
  d: SubjectPagesData,
  lessons: LessonColumn[],
  budget: number,
  from: number,
  students: SubjectPagesData['students'],
  continued: boolean,
): TableInput {
  const slots: (LessonColumn | null)[] = [...lessons];
  const widths = lessons.map((l) => slotWidth(f, l));
  let used = widths.reduce((a, b) => a + b, 0);
  while (used + SPREAD.dateWidth <= budget + 1e-6) {
    slots.push(null);
    widths.push(SPREAD.dateWidth);
    used += SPREAD.dateWidth;
  }
  const all = [SPREAD.numWidth, SPREAD.nameWidth, ...widths];
  const title = `${spreadTitle(d)}${continued ? ' — продолжение списка' : ''}`;
  return {
    columns: all,
    header: [
      { cells: [{ text: title, colSpan: all.length, style: 'heading', borders: NO_BORDERS }], minHeight: 20 },
      {
        cells: [
          { text: '№', rowSpan: 2, align: 'center', style: 'tableBold' },
          { text: 'Фамилия, имя обучающегося', rowSpan: 2, align: 'center', style: 'tableBold' },
          ...monthCells(f, slots),
        ],
        minHeight: 12,
      },
      {
        cells: slots.map((l) => ({
          text: l ? (l.summary ?? l.date.slice(8, 10)) : '',
          align: 'center' as const,
          style: l?.summary ? ('small' as const) : ('tableBold' as const),
          fit: 'shrink' as const,
          fill: l?.summary ? ('header' as const) : null,
        })),
        minHeight: 12,
      },
    ],
    rows: students.map((s, i) => ({
      height: SPREAD.studentRow,
      cells: [
        { text: String(from + i + 1), align: 'center' as const, style: 'cell' as const },
        { text: s.name, style: 'cell' as const, fit: 'clip' as const },
        ...slots.map((l) => {
          if (!l) return { text: '' };
          const mark = l.summary ? ('tableBold' as const) : ('cell' as const);
          if (!l.summary && !isActive(s.active, l.date)) return { text: '', fill: 'closed' as const };
          return { text: printedCell(l.cells[s.id] ?? ''), align: 'center' as const, style: mark, fit: 'shrink' as const };
        }),
      ],
    })),
  };
}

function rightTable(f: Flow, d: SubjectPagesData, continued: boolean): Omit<TableInput, 'rows'> {
  const rest = f.contentWidth - SPREAD.rightDateWidth - SPREAD.rightHoursWidth;
  const homework = Math.round(rest * SPREAD.homeworkShare);
  const columns = [SPREAD.rightDateWidth, rest - homework, SPREAD.rightHoursWidth, homework];
  const title = `${spreadTitle(d)} — учитель ${d.teacher || '________________'}${continued ? ' (продолжение списка обучающихся на левой странице)' : ''}`;
  return {
    columns,
    header: [
      { cells: [{ text: title, colSpan: 4, style: 'heading', borders: NO_BORDERS }], minHeight: 20 },
      {
        cells: ['Дата', 'Что пройдено на уроке (тема)', 'Часы', 'Домашнее задание'].map((text) => ({
          text,
          align: 'center' as const,
          style: 'tableBold' as const,
          fit: 'shrink' as const,
        })),
        minHeight: 14,
      },
    ],
  };
}

function rightRows(lessons: LessonColumn[]): RowInput[] {
  return lessons
    .filter((l) => !l.summary)
    .map((l) => ({
      minHeight: 13.5,
      cells: [
        { text: `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}`, align: 'center', style: 'cell', valign: 'top' },
        { text: l.topic, style: 'cell', valign: 'top' },
        { text: String(l.hours), align: 'center', style: 'cell', valign: 'top' },
        { text: l.homework, style: 'cell', valign: 'top' },
      ],
    }));
}

/**
 * A date column's width: as wide as its widest cell or heading needs («безотм», «незач»), at least the form's
 * `dateWidth`: marks are never cut.
 */
export function slotWidth(f: Flow, l: LessonColumn): number {
  // a lesson's cells may shrink to 5 pt («незач», «зач/зач» of a pass/fail subject widen their date's column), marks
  // of a period to 6 pt
  const need = (text: string, style: 'small' | 'tableBold' | 'cell', min: number) => {
    const st = f.style(style);
    return Math.ceil(f.m.width(text, st.face, Math.min(st.size, min)) + 2 * 2 + WRAP_SAFETY + 1);
  };
  let w: number = SPREAD.dateWidth;
  for (const t of Object.values(l.cells))
    if (t.length > 2) w = Math.max(w, l.summary ? need(t, 'tableBold', 6) : need(printedCell(t), 'cell', 5));
  return l.summary ? Math.max(w, need(l.summary, 'small', 6)) : w;
}

/** The width the date columns of a left page share. */
export function dateColumnsWidth(f: Flow): number {
  return f.contentWidth - SPREAD.numWidth - SPREAD.nameWidth;
}

/** Splits the lessons into spreads: as many as the left page's date columns hold, and no more than the right page holds. */
export function chunkLessons(f: Flow, d: SubjectPagesData, budget: number): LessonColumn[][] {
  if (d.lessons.length === 0) return [[]];
  const base = rightTable(f, d, true);
  const { header, rows } = f.measureTable({ ...base, rows: rightRows(d.lessons) });
  const room = f.bodyHeight - header;
  const chunks: LessonColumn[][] = [];
  let cur: LessonColumn[] = [];
  let used = 0;
  let row = 0;
  let usedWidth = 0;
  d.lessons.forEach((l) => {
    // a column of period marks takes a column on the left page and no row on the right
    const h = l.summary ? 0 : Math.min(rows[row++], room);
    const w = slotWidth(f, l);
    if (cur.length && (usedWidth + w > budget + 1e-6 || used + h > room)) {
      chunks.push(cur);
      cur = [];
      used = 0;
      usedWidth = 0;
    }
    cur.push(l);
    used += h;
    usedWidth += w;
  });
  chunks.push(cur);
  return chunks;
}

export function subjectSection(d: SubjectPagesData): Section {
  return {
    id: `subject:${d.key}`,
    title: spreadTitle(d),
    spec: pageSpec('portrait'),
    startsOnLeftPage: true,
    build(f) {
      const budget = dateColumnsWidth(f);
      const cols = Math.floor(budget / SPREAD.dateWidth);
      // a long title wraps: the taller of the first page's and a continuation's header
      const headerH = Math.max(
        ...[false, true].map((continued) => f.measureTable({ ...leftTable(f, d, [], budget, 0, [], continued), rows: [] }).header),
      );
      const perPage = Math.max(1, Math.floor((f.bodyHeight - headerH) / SPREAD.studentRow));
      const slices: SubjectPagesData['students'][] = [];
      for (let i = 0; i < Math.max(1, d.students.length); i += perPage) slices.push(d.students.slice(i, i + perPage));
      let first = true;
      for (const lessons of chunkLessons(f, d, budget))
        slices.forEach((students, si) => {
          if (!first) f.startLeftPage();
          first = false;
          f.table(leftTable(f, d, lessons, budget, si * perPage, students, si > 0));
          f.newPage();
          const rows = lessons.some((l) => !l.summary)
            ? rightRows(lessons)
            : Array.from({ length: cols }, () => ({
                height: SPREAD.blankRightRow,
                cells: [{ text: '' }, { text: '' }, { text: '' }, { text: '' }],
              }));
          f.table({ ...rightTable(f, d, si > 0), rows });
        });
    },
  };
}

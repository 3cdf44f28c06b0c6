import type { Section } from '../layout/document';
import type { Flow, RowInput, TableInput } from '../layout/flow';
import { NO_BORDERS } from '../layout/page';
import { pageSpec } from '../layout/specs';
import type { LessonColumn, SubjectPagesData } from './model';

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

function isActive(ranges: SubjectPagesData['students'][number]['active'], date: string): boolean {
  return ranges.some((r) => r.start_date <= date && date <= r.end_date);
}

/** Months over the date columns: consecutive lessons of one month share a heading cell. */
function monthCells(f: Flow, lessons: (LessonColumn | null)[]): RowInput['cells'] {
  const cells: RowInput['cells'] = [];
  const style = f.style('tableBold');
  let i = 0;
  while (i < lessons.length) {
    const l = lessons[i];
    const month = l ? Number(l.date.slice(5, 7)) - 1 : -1;
    let j = i + 1;
    while (j < lessons.length && (lessons[j] ? Number(lessons[j]!.date.slice(5, 7)) - 1 : -1) === month) j++;
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
  cols: number,
  from: number,
  students: SubjectPagesData['students'],
  continued: boolean,
): TableInput {
  const slots: (LessonColumn | null)[] = [...lessons, ...Array<null>(cols - lessons.length).fill(null)];
  const all = [SPREAD.numWidth, SPREAD.nameWidth, ...Array<number>(cols).fill(SPREAD.dateWidth)];
  const title = `${spreadTitle(d)}${continued ? ' — продолжение списка' : ''}`;
  return {
    columns: all,
    header: [
      { cells: [{ text: title, colSpan: all.length, style: 'heading', borders: NO_BORDERS, fit: 'clip' }], height: 20 },
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
          text: l ? l.date.slice(8, 10) : '',
          align: 'center' as const,
          style: 'tableBold' as const,
          fit: 'shrink' as const,
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
          if (!isActive(s.active, l.date)) return { text: '', fill: 'closed' as const };
          return { text: l.cells[s.id] ?? '', align: 'center' as const, style: 'cell' as const, fit: 'shrink' as const };
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
      { cells: [{ text: title, colSpan: 4, style: 'heading', borders: NO_BORDERS, fit: 'clip' }], height: 20 },
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
  return lessons.map((l) => ({
    minHeight: 13.5,
    cells: [
      { text: `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}`, align: 'center', style: 'cell', valign: 'top' },
      { text: l.topic, style: 'cell', valign: 'top' },
      { text: String(l.hours), align: 'center', style: 'cell', valign: 'top' },
      { text: l.homework, style: 'cell', valign: 'top' },
    ],
  }));
}

/** Splits the lessons into spreads: at most `cols` per spread, and no more than the right page holds. */
export function chunkLessons(f: Flow, d: SubjectPagesData, cols: number): LessonColumn[][] {
  if (d.lessons.length === 0) return [[]];
  const base = rightTable(f, d, true);
  const { header, rows } = f.measureTable({ ...base, rows: rightRows(d.lessons) });
  const room = f.bodyHeight - header;
  const chunks: LessonColumn[][] = [];
  let cur: LessonColumn[] = [];
  let used = 0;
  d.lessons.forEach((l, i) => {
    const h = Math.min(rows[i], room);
    if (cur.length && (cur.length >= cols || used + h > room)) {
      chunks.push(cur);
      cur = [];
      used = 0;
    }
    cur.push(l);
    used += h;
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
      const cols = Math.floor((f.contentWidth - SPREAD.numWidth - SPREAD.nameWidth) / SPREAD.dateWidth);
      const headerH = f.measureTable({ ...leftTable(f, d, [], cols, 0, [], false), rows: [] }).header;
      const perPage = Math.max(1, Math.floor((f.bodyHeight - headerH) / SPREAD.studentRow));
      const slices: SubjectPagesData['students'][] = [];
      for (let i = 0; i < Math.max(1, d.students.length); i += perPage) slices.push(d.students.slice(i, i + perPage));
      let first = true;
      for (const lessons of chunkLessons(f, d, cols))
        slices.forEach((students, si) => {
          if (!first) f.startLeftPage();
          first = false;
          f.table(leftTable(f, d, lessons, cols, si * perPage, students, si > 0));
          f.newPage();
          const rows = lessons.length
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

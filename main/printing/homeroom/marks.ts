import type { DocumentSource, Section } from '../layout/document';
import type { CellInput, RowInput } from '../layout/flow';
import { NO_BORDERS, type Sided, type TextStyle } from '../layout/page';
import { pageSpec } from '../layout/specs';
import { classTitle, initials } from '../journal/sections';
import type { LedgerData, LedgerMarks, LedgerSubject, MarkColumn } from '../ledger/model';
import { inClassOn } from './attendance';

// The homeroom teacher's summary ledger of the class's marks (seed 000 §10), for each period and the year: students ×
// subjects, each student's count of «5», «4», «3», «2» and average, each subject's success and quality, and the class's
// rates as the deputy counts them (DOMAIN.md): success = students whose marks are all at least «3» (or «зач»),
// quality = students whose marks are all «4» or «5», each over the students in the class at the period's end.

const CELL: TextStyle = { face: 'cond', size: 7.5, lineHeight: 9 };
const CELL_BOLD: TextStyle = { face: 'condBold', size: 7.5, lineHeight: 9 };
const NUM = 16;
const NAME = 112;
const STAT = 17;
const AVG = 26;
const ROW = 13;

export interface MarkStats {
  counted: number;
  excellent: number;
  good: number;
  successful: number;
  failing: number;
  /** Percent, one decimal. */
  success: number;
  quality: number;
}

const PASS = new Set(['зач', 'зачёт', 'осв.', 'осв']);

/** A student's marks judged as the rates need them: null when the student has no marks at all. */
function judge(marks: string[]): { success: boolean; quality: boolean; excellent: boolean } | null {
  const given = marks.map((m) => m.trim()).filter(Boolean);
  if (given.length === 0) return null;
  const numeric = given.filter((m) => /^[1-5]$/.test(m)).map(Number);
  const failed = given.some((m) => !PASS.has(m) && !/^[1-5]$/.test(m)) || numeric.some((n) => n < 3);
  return {
    success: !failed,
    quality: !failed && numeric.every((n) => n >= 4),
    excellent: !failed && numeric.length > 0 && numeric.every((n) => n === 5),
  };
}

const pct = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 10 : 0);
const pctText = (n: number) => `${String(n).replace('.', ',')} %`;

/** The class's rates over the students in the class on `onDate`, from one column of marks. */
export function markStats(d: LedgerData, marks: LedgerMarks | null, column: MarkColumn, onDate: string): MarkStats {
  const students = d.students.filter((s) => inClassOn(s, onDate));
  let excellent = 0;
  let good = 0;
  let successful = 0;
  let failing = 0;
  for (const st of students) {
    const j = judge((marks?.subjects ?? []).map((s) => s.marks[st.id]?.[column] ?? ''));
    if (!j) continue;
    if (j.excellent) excellent++;
    else if (j.quality) good++;
    if (j.success) successful++;
    else failing++;
  }
  return {
    counted: students.length,
    excellent,
    good,
    successful,
    failing,
    success: pct(successful, students.length),
    quality: pct(excellent + good, students.length),
  };
}

function columnSection(d: LedgerData, marks: LedgerMarks | null, key: MarkColumn, label: string, onDate: string): Section {
  const subjects: (LedgerSubject & { marks?: LedgerMarks['subjects'][number]['marks'] })[] = marks?.subjects.length
    ? marks.subjects
    : d.catalogue;
  return {
    id: `marks:${key}`,
    title: label,
    spec: pageSpec('landscape'),
    build(f) {
      const room = f.contentWidth - NUM - NAME - 4 * STAT - AVG;
      const w = Math.min(34, Math.floor((room / Math.max(1, subjects.length)) * 4) / 4);
      const cols = [NUM, NAME, ...subjects.map(() => w), STAT, STAT, STAT, STAT, AVG];
      f.paragraph(d.school.fullName, { style: 'small', align: 'center' });
      const header: RowInput[] = [
        {
          cells: [
            {
              text: `Сводная ведомость учёта успеваемости ${classTitle(d.cls)} класса: ${label} (${d.year.name} учебный год)`,
              colSpan: cols.length,
              style: 'heading',
              align: 'center',
              borders: NO_BORDERS,
              fit: 'shrink',
            },
          ],
          height: 20,
        },
        {
          cells: [
            { text: '№', align: 'center', style: 'tableBold' },
            { text: 'Фамилия, имя обучающегося', align: 'center', style: 'tableBold' },
            ...subjects.map((s): CellInput => ({ text: s.short, align: 'center', style: 'small' })),
            ...['«5»', '«4»', '«3»', '«2»'].map((text): CellInput => ({ text, align: 'center', style: 'small' })),
            { text: 'Сред. балл', align: 'center', style: 'small' },
          ],
          minHeight: 30,
        },
      ];
      const perSubject = subjects.map(() => ({ given: 0, pass: 0, quality: 0 }));
      const rows: RowInput[] = d.students.map((st, i) => {
        const present = inClassOn(st, onDate);
        const ms = subjects.map((s) => s.marks?.[st.id]?.[key] ?? '');
        const numeric = ms.filter((m) => /^[1-5]$/.test(m)).map(Number);
        ms.forEach((m, k) => {
          if (!m || !present) return;
          const j = judge([m])!;
          perSubject[k].given++;
          if (j.success) perSubject[k].pass++;
          if (j.quality) perSubject[k].quality++;
        });
        const count = (n: number) => numeric.filter((x) => x === n).length;
        const avg = numeric.length ? (numeric.reduce((a, b) => a + b, 0) / numeric.length).toFixed(2).replace('.', ',') : '';
        return {
          height: ROW,
          cells: [
            { text: String(i + 1), align: 'center', style: CELL },
            {
              text: `${st.lastName} ${st.firstName}${present ? '' : ' (выбыл' + (st.gender === 'ж' ? 'а' : '') + ')'}`,
              style: CELL,
              fit: 'clip',
              fill: present ? null : 'closed',
            },
            ...ms.map((m): CellInput => ({ text: m, align: 'center', style: CELL, fit: 'shrink' })),
            ...[5, 4, 3, 2].map((n): CellInput => ({ text: count(n) ? String(count(n)) : '', align: 'center', style: CELL })),
            { text: avg, align: 'center', style: CELL_BOLD },
          ],
        };
      });
      const tail = (label: string, value: (k: number) => string): RowInput => ({
        height: ROW,
        cells: [
          { text: label, colSpan: 2, style: CELL_BOLD },
          ...subjects.map((_, k): CellInput => ({ text: value(k), align: 'center', style: CELL, fit: 'shrink' })),
          { text: '', colSpan: 5 },
        ],
      });
      rows.push(
        tail('Успеваемость, %', (k) => (perSubject[k].given ? String(pct(perSubject[k].pass, perSubject[k].given)).replace('.', ',') : '')),
        tail('Качество, %', (k) => (perSubject[k].given ? String(pct(perSubject[k].quality, perSubject[k].given)).replace('.', ',') : '')),
      );
      f.table({ columns: cols, header, rows, padding: 1.5 });
      const s = markStats(d, marks, key, onDate);
      const rates =
        s.successful + s.failing
          ? `Успеваемость: ${pctText(s.success)}, качество знаний: ${pctText(s.quality)}.`
          : 'Отметок за период нет.';
      f.paragraph(
        `Обучающихся на конец периода: ${s.counted}. На «5»: ${s.excellent}; на «4» и «5»: ${s.good}; неуспевающих: ${s.failing}. ${rates}`,
        { style: 'body', spaceBefore: 10 },
      );
      f.paragraph(`Классный руководитель  ______________________  /${d.cls.homeroom ? initials(d.cls.homeroom) : '________________'}/`, {
        style: 'body',
        spaceBefore: 12,
        keepTogether: true,
      });
    },
  };
}

export function marksLedgerTitle(d: LedgerData): string {
  return `Сводная ведомость учёта успеваемости ${classTitle(d.cls)} класса по периодам, ${d.year.name} учебный год`;
}

/** Each period's marks and the year's, a section each; `only` picks one column (`p2`, `year`). */
export function marksLedgerSource(d: LedgerData, marks: LedgerMarks | null, sided: Sided, only?: MarkColumn): DocumentSource {
  const spans: { key: MarkColumn; label: string; end: string }[] = [
    ...d.periods.map((p) => ({ key: `p${p.number}` as MarkColumn, label: p.name, end: p.end })),
    { key: 'year', label: 'год', end: d.periods.length ? d.periods[d.periods.length - 1].end : d.year.end },
  ];
  const chosen = only ? spans.filter((s) => s.key === only) : spans;
  return {
    title: marksLedgerTitle(d),
    author: d.school.shortName,
    sided,
    sections: chosen.map((s) => columnSection(d, marks, s.key, s.label, s.end)),
  };
}

import type { Section } from '../layout/document';
import { WRAP_SAFETY, type CellInput, type Flow, type RowInput } from '../layout/flow';
import { NO_BORDERS, type StyleName } from '../layout/page';
import { pageSpec } from '../layout/specs';
import type { AttendanceData, FinalMarksData, JournalData } from './model';

// The journal's summary pages, filled from providers: final marks per subject and period, and lessons missed by
// month. Both are tables the flow splits by rows; the final marks also split by subject groups across pages.

const NUM = 18;
const NAME = 130;
const MARK = 14;

/** The width of a column that shows `text` in `style` shrunk at most to 6 pt (padding and the wrap margin included). */
function needWidth(f: Flow, text: string, style: StyleName): number {
  const st = f.style(style);
  return Math.ceil(f.m.width(text, st.face, Math.min(st.size, 6)) + 2 * 2 + WRAP_SAFETY + 1);
}

export function finalMarksSection(d: JournalData, fm: FinalMarksData): Section {
  return {
    id: 'final-marks',
    title: 'Сводная ведомость итоговых отметок',
    spec: pageSpec('landscape'),
    build(f) {
      const perGroup = fm.columns.length;
      // each column as wide as its widest mark or heading needs («безотм», «незач», «1 пол.»): nothing is cut
      const widths = fm.columns.map((c, k) => {
        let w = Math.max(MARK, needWidth(f, c, 'small'));
        for (const s of fm.subjects) for (const m of Object.values(s.marks)) if (m[k]) w = Math.max(w, needWidth(f, m[k], 'cell'));
        return w;
      });
      const groupWidth = widths.reduce((a, b) => a + b, 0);
      const subjectsPerPage = Math.max(1, Math.floor((f.contentWidth - NUM - NAME) / groupWidth));
      const groups: FinalMarksData['subjects'][] = [];
      for (let i = 0; i < Math.max(1, fm.subjects.length); i += subjectsPerPage) groups.push(fm.subjects.slice(i, i + subjectsPerPage));
      groups.forEach((subjects, gi) => {
        if (gi > 0) f.newPage();
        const cols = [NUM, NAME, ...subjects.flatMap(() => widths)];
        const header: RowInput[] = [
          {
            cells: [
              { text: 'СВОДНАЯ ВЕДОМОСТЬ ИТОГОВЫХ ОТМЕТОК', colSpan: cols.length, style: 'heading', align: 'center', borders: NO_BORDERS },
            ],
            minHeight: 22,
          },
          {
            cells: [
              { text: '№', rowSpan: 2, align: 'center', style: 'tableBold' },
              { text: 'Фамилия, имя обучающегося', rowSpan: 2, align: 'center', style: 'tableBold' },
              ...subjects.map((s): CellInput => ({ text: s.name, colSpan: perGroup, align: 'center', style: 'tableBold' })),
            ],
            minHeight: 24,
          },
          {
            cells: subjects.flatMap(() => fm.columns.map((c): CellInput => ({ text: c, align: 'center', style: 'small', fit: 'shrink' }))),
            minHeight: 12,
          },
        ];
        f.table({
          columns: cols,
          header,
          rows: d.students.map((st, i) => ({
            height: 13.5,
            cells: [
              { text: String(i + 1), align: 'center', style: 'cell' },
              { text: `${st.lastName} ${st.firstName}`, style: 'cell', fit: 'clip' },
              ...subjects.flatMap((s) =>
                fm.columns.map((_, k): CellInput => ({ text: s.marks[st.id]?.[k] ?? '', align: 'center', style: 'cell', fit: 'shrink' })),
              ),
            ],
          })),
        });
      });
    },
  };
}

export function attendanceSection(d: JournalData, a: AttendanceData): Section {
  return {
    id: 'attendance',
    title: 'Сведения о пропущенных уроках',
    spec: pageSpec('landscape'),
    build(f) {
      const rest = f.contentWidth - NUM - NAME;
      const w = Math.min(24, Math.floor(rest / ((a.months.length + 1) * 2)));
      const cols = [NUM, NAME, ...Array<number>((a.months.length + 1) * 2).fill(w)];
      const header: RowInput[] = [
        {
          cells: [
            {
              text: 'СВЕДЕНИЯ О КОЛИЧЕСТВЕ УРОКОВ, ПРОПУЩЕННЫХ ОБУЧАЮЩИМИСЯ',
              colSpan: cols.length,
              style: 'heading',
              align: 'center',
              borders: NO_BORDERS,
            },
          ],
          minHeight: 22,
        },
        {
          cells: [
            { text: '№', rowSpan: 2, align: 'center', style: 'tableBold' },
            { text: 'Фамилия, имя обучающегося', rowSpan: 2, align: 'center', style: 'tableBold' },
            ...a.months.map((m): CellInput => ({ text: m.name, colSpan: 2, align: 'center', style: 'tableBold', fit: 'shrink' })),
            { text: 'За год', colSpan: 2, align: 'center', style: 'tableBold' },
          ],
          minHeight: 14,
        },
        {
          cells: [...a.months, null].flatMap(() =>
            ['всего', 'уваж.'].map((t): CellInput => ({ text: t, align: 'center', style: 'small', fit: 'shrink' })),
          ),
          minHeight: 12,
        },
      ];
      const sums = Array<number>((a.months.length + 1) * 2).fill(0);
      const rows: RowInput[] = d.students.map((st, i) => {
        const per = a.missed[st.id] ?? {};
        let total = 0;
        let excused = 0;
        const cells: CellInput[] = a.months.flatMap((m, k) => {
          const v = per[m.key];
          total += v?.total ?? 0;
          excused += v?.excused ?? 0;
          sums[2 * k] += v?.total ?? 0;
          sums[2 * k + 1] += v?.excused ?? 0;
          return [
            { text: v ? String(v.total) : '', align: 'center', style: 'cell' },
            { text: v ? String(v.excused) : '', align: 'center', style: 'cell' },
          ];
        });
        sums[sums.length - 2] += total;
        sums[sums.length - 1] += excused;
        return {
          height: 13.5,
          cells: [
            { text: String(i + 1), align: 'center', style: 'cell' },
            { text: `${st.lastName} ${st.firstName}`, style: 'cell', fit: 'clip' },
            ...cells,
            { text: String(total), align: 'center', style: 'cell' },
            { text: String(excused), align: 'center', style: 'cell' },
          ],
        };
      });
      // the class's totals under the students: per month and for the year
      rows.push({
        height: 13.5,
        cells: [
          { text: 'Итого по классу', colSpan: 2, style: 'tableBold' },
          ...sums.map((n): CellInput => ({ text: String(n), align: 'center', style: 'tableBold', fit: 'shrink' })),
        ],
      });
      f.table({ columns: cols, header, rows });
    },
  };
}

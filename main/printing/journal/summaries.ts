import type { Section } from '../layout/document';
import type { CellInput, RowInput } from '../layout/flow';
import { NO_BORDERS } from '../layout/page';
import { pageSpec } from '../layout/specs';
import type { AttendanceData, FinalMarksData, JournalData } from './model';

// The journal's summary pages, filled from providers: final marks per subject and period, and lessons missed by
// month. Both are tables the flow splits by rows; the final marks also split by subject groups across pages.

const NUM = 18;
const NAME = 130;
const MARK = 14;

export function finalMarksSection(d: JournalData, fm: FinalMarksData): Section {
  return {
    id: 'final-marks',
    title: 'Сводная ведомость итоговых отметок',
    spec: pageSpec('landscape'),
    build(f) {
      const perGroup = fm.columns.length;
      const subjectsPerPage = Math.max(1, Math.floor((f.contentWidth - NUM - NAME) / (perGroup * MARK)));
      const groups: FinalMarksData['subjects'][] = [];
      for (let i = 0; i < Math.max(1, fm.subjects.length); i += subjectsPerPage) groups.push(fm.subjects.slice(i, i + subjectsPerPage));
      groups.forEach((subjects, gi) => {
        if (gi > 0) f.newPage();
        const cols = [NUM, NAME, ...subjects.flatMap(() => Array<number>(perGroup).fill(MARK))];
        const header: RowInput[] = [
          {
            cells: [
              { text: 'СВОДНАЯ ВЕДОМОСТЬ ИТОГОВЫХ ОТМЕТОК', colSpan: cols.length, style: 'heading', align: 'center', borders: NO_BORDERS },
            ],
            height: 22,
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
          height: 22,
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
      f.table({
        columns: cols,
        header,
        rows: d.students.map((st, i) => {
          const per = a.missed[st.id] ?? {};
          let total = 0;
          let excused = 0;
          const cells: CellInput[] = a.months.flatMap((m) => {
            const v = per[m.key];
            total += v?.total ?? 0;
            excused += v?.excused ?? 0;
            return [
              { text: v ? String(v.total) : '', align: 'center', style: 'cell' },
              { text: v ? String(v.excused) : '', align: 'center', style: 'cell' },
            ];
          });
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
        }),
      });
    },
  };
}

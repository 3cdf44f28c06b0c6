import { addDays, format, parseISO } from 'date-fns';
import type { LedgerAbsences, LedgerData, LedgerMarks, LedgerPeriod, TransferDecision } from '../../main/printing/ledger/model';
import { makeJournalData } from './journal-fixture';

// Ledger data made up in the test itself (the marks tables do not exist yet): a class of the journal fixture, the
// demo's quarters and holidays, a curriculum of the 5th grade, marks by a fixed rule, some absences.

export const QUARTERS: LedgerPeriod[] = [
  { number: 1, name: '1 четверть', short: '1 ч.', start: '2025-09-01', end: '2025-10-24' },
  { number: 2, name: '2 четверть', short: '2 ч.', start: '2025-11-05', end: '2025-12-26' },
  { number: 3, name: '3 четверть', short: '3 ч.', start: '2026-01-12', end: '2026-03-20' },
  { number: 4, name: '4 четверть', short: '4 ч.', start: '2026-03-30', end: '2026-05-26' },
];

export const GRADE5: { name: string; short: string }[] = [
  ['Русский язык', 'Рус. яз.'],
  ['Литература', 'Лит-ра'],
  ['Иностранный язык (английский)', 'Англ. яз.'],
  ['Математика', 'Матем.'],
  ['История', 'История'],
  ['География', 'Геогр.'],
  ['Биология', 'Биол.'],
  ['Основы духовно-нравственной культуры народов России', 'ОДНКНР'],
  ['Изобразительное искусство', 'ИЗО'],
  ['Музыка', 'Музыка'],
  ['Труд (технология)', 'Труд'],
  ['Физическая культура', 'Физ-ра'],
].map(([name, short]) => ({ name, short }));

const HOLIDAYS: [string, string][] = [
  ['2025-10-25', '2025-11-04'],
  ['2025-12-27', '2026-01-11'],
  ['2026-03-21', '2026-03-29'],
  ['2026-05-27', '2026-08-31'],
];

export function makeLedgerData(n = 38, catalogue = GRADE5): LedgerData {
  const base = makeJournalData(n);
  const daysOff = new Set<string>();
  for (let d = parseISO(base.year.start); format(d, 'yyyy-MM-dd') <= base.year.end; d = addDays(d, 1)) {
    const iso = format(d, 'yyyy-MM-dd');
    if (d.getDay() === 0 || d.getDay() === 6 || HOLIDAYS.some(([a, b]) => a <= iso && iso <= b)) daysOff.add(iso);
  }
  return { ...base, periods: QUARTERS, catalogue, daysOff, weekDays: 5 };
}

const MARKS = ['5', '4', '4', '3', '5', '4', '2', '5', '3', '4'];

/** Mark of student index `si` in subject `k`, column index `c` (periods, year, exam, final). */
export function markOf(si: number, k: number, c: number): string {
  return MARKS[(si * 3 + k * 7 + c) % MARKS.length];
}

export function makeMarks(d: LedgerData, subjects = GRADE5): LedgerMarks {
  const keys = [...d.periods.map((p) => `p${p.number}`), 'year', 'exam', 'final'] as const;
  return {
    subjects: subjects.map((s, k) => ({
      ...s,
      marks: Object.fromEntries(
        d.students.map((st, si) => [st.id, Object.fromEntries(keys.map((key, c) => [key, key === 'exam' ? '' : markOf(si, k, c)]))]),
      ),
    })),
  };
}

export function makeDecisions(d: LedgerData): Record<number, TransferDecision> {
  return Object.fromEntries(
    d.students.map((st, i) => [st.id, { kind: i === 7 ? 'conditional' : i === 11 ? 'retained' : 'promoted' } as TransferDecision]),
  );
}

/** Each student misses lessons on a few school days; the student at index 2 is ill for a week in November. */
export function makeAbsences(d: LedgerData): LedgerAbsences {
  const school: string[] = [];
  for (let day = parseISO(d.year.start); format(day, 'yyyy-MM-dd') <= '2026-05-26'; day = addDays(day, 1)) {
    const iso = format(day, 'yyyy-MM-dd');
    if (!d.daysOff.has(iso)) school.push(iso);
  }
  const days: Record<number, Record<string, { illness: number; excused: number; unexcused: number }>> = {};
  d.students.forEach((st, si) => {
    const mine: Record<string, { illness: number; excused: number; unexcused: number }> = {};
    for (let k = si % 7; k < school.length; k += 23 + (si % 5)) mine[school[k]] = { illness: 0, excused: si % 2, unexcused: 1 };
    if (si === 2)
      for (const iso of ['2025-11-10', '2025-11-11', '2025-11-12', '2025-11-13', '2025-11-14'])
        mine[iso] = { illness: 6, excused: 0, unexcused: 0 };
    days[st.id] = mine;
  });
  return { days };
}

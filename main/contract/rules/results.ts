import { markNumber } from './cell-text';

// Success and quality of a set of students' period or year marks (seed 001, deputy §13; issue 12, part 4). The one
// definition: the results report, the CLI and the screen all call `rates()`, and `RESULT_FORMULAS` is printed with
// every report so a reader sees how the figures were made.

export const RESULT_FORMULAS: readonly string[] = [
  'Учитываются отметки выбранного вида (за период или за год); «безотм» (безотметочное обучение) не учитывается.',
  'Учеников — обучающиеся, у которых есть хотя бы одна учитываемая отметка.',
  'Успеваемость = ученики, у которых все отметки «3», «4», «5», «зач» или «осв», ÷ учеников × 100 %.',
  'Качество = ученики, у которых есть хотя бы одна отметка по пятибалльной системе, все такие отметки «4» или «5» и нет «н/а», ÷ учеников × 100 % (зачётные предметы и освобождения не влияют).',
  'Средний балл — среднее отметок по пятибалльной системе.',
];

const POSITIVE_CODES = new Set(['зач', 'осв']);

export interface Rates {
  students: number;
  /** Percent, one decimal; null when no student has a mark. */
  success: number | null;
  quality: number | null;
  average: number | null;
  /** How many marks of each value: «5», «4», «3», «2», «зач», «незач», «осв», «н/а». */
  distribution: Record<string, number>;
}

const percent = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);

/** Does this mark pass (a «3»–«5», «зач», «осв»)? */
export function isPositive(value: string): boolean {
  const n = markNumber(value);
  return n !== null ? n >= 3 : POSITIVE_CODES.has(value);
}

/** The rates of students given each student's considered marks (a student's marks of one kind in the grouping). */
export function rates(marksByStudent: Iterable<readonly string[]>): Rates {
  let students = 0;
  let success = 0;
  let quality = 0;
  let sum = 0;
  let count = 0;
  const distribution: Record<string, number> = {};
  for (const all of marksByStudent) {
    const marks = all.filter((m) => m !== 'безотм');
    if (marks.length === 0) continue;
    students++;
    if (marks.every(isPositive)) success++;
    const numeric = marks.map(markNumber).filter((n): n is number => n !== null);
    if (numeric.length > 0 && numeric.every((n) => n >= 4) && !marks.includes('н/а')) quality++;
    for (const n of numeric) {
      sum += n;
      count++;
    }
    for (const m of marks) {
      const key = markNumber(m) !== null ? String(markNumber(m)) : m;
      distribution[key] = (distribution[key] ?? 0) + 1;
    }
  }
  return {
    students,
    success: percent(success, students),
    quality: percent(quality, students),
    average: count ? Math.round((sum / count) * 100) / 100 : null,
    distribution,
  };
}

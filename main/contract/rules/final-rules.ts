import type { GradingSystem } from '../unions';
import { markNumber } from './cell-text';

// Period, year, exam and final marks (seed 001, teacher §5): a five-point mark or, for pass/fail subjects, «зач» /
// «незач»; and the codes «осв» (exempt), «н/а» (not assessed), «безотм» (taught without marks, e.g. grade 1).

export const FINAL_KIND_NAMES: Record<'year' | 'exam' | 'final', string> = { year: 'Годовая', exam: 'Экзаменационная', final: 'Итоговая' };

/** Grade 1 is taught without marks (безотметочное обучение): no minimum of current marks, no suggested mark. */
export function taughtWithoutMarks(grade: number): boolean {
  return grade === 1;
}

export type FinalParse = { ok: true; value: string | null } | { ok: false; message: string };

/** Empty text clears the mark. */
export function parseFinalMark(input: string, grading: GradingSystem): FinalParse {
  const t = input.trim().toLowerCase().replace(/ё/g, 'е').replace(/\.$/, '');
  if (t === '') return { ok: true, value: null };
  if (t === 'осв') return { ok: true, value: 'осв' };
  if (t === 'н/а' || t === 'на' || t === 'н\\а') return { ok: true, value: 'н/а' };
  if (t === 'безотм' || t === 'б/о') return { ok: true, value: 'безотм' };
  if (grading === 'pass') {
    if (t === 'зач' || t === 'зачет') return { ok: true, value: 'зач' };
    if (t === 'незач' || t === 'незачет') return { ok: true, value: 'незач' };
    return { ok: false, message: `«${input.trim()}»: по этому предмету итоговая отметка «зач», «незач», «осв» или «н/а»` };
  }
  if (/^[2-5]$/.test(t)) return { ok: true, value: t };
  if (t === '1') return { ok: false, message: '«1»: итоговая отметка ставится от 2 до 5' };
  return { ok: false, message: `«${input.trim()}»: итоговая отметка от 2 до 5 или «осв», «н/а», «безотм»` };
}

export interface WeightedMark {
  value: string;
  weight: number;
}

/** Weighted average of the numeric marks; null without any. Weights are 1 when the school does not use them. */
export function weightedAverage(marks: readonly WeightedMark[], useWeights: boolean): number | null {
  let sum = 0;
  let total = 0;
  for (const m of marks) {
    const n = markNumber(m.value);
    if (n === null) continue;
    const w = useWeights ? m.weight : 1;
    sum += n * w;
    total += w;
  }
  return total > 0 ? sum / total : null;
}

/**
 * The mark the average suggests: 3.5 and above → 4 (the threshold is the school's setting, 0.5 by default).
 * Computed in hundredths so that 3.4999999 from floating sums does not flip the result.
 */
export function suggestedMark(average: number | null, threshold = 0.5): string | null {
  if (average === null) return null;
  const hundredths = Math.round(average * 100);
  const whole = Math.floor(hundredths / 100);
  const frac = hundredths - whole * 100;
  const mark = frac >= Math.round(threshold * 100) ? whole + 1 : whole;
  return String(Math.min(5, Math.max(2, mark)));
}

/** Pass/fail subjects: «зач» when the last «зач»/«незач» mark of the period is «зач». */
export function suggestedPass(marks: readonly { value: string }[]): string | null {
  const last = [...marks].reverse().find((m) => m.value === 'зач' || m.value === 'незач');
  return last ? last.value : null;
}

export interface PeriodMarkRules {
  useWeights: boolean;
  minMarks: number;
  /** The fraction from which the average rounds up (the school's setting `journal.roundFrom`). */
  roundFrom: number;
}

export interface PeriodFigures {
  /** The (weighted) average rounded to hundredths, null without numeric marks. */
  average: number | null;
  suggested: string | null;
  count: number;
  tooFew: boolean;
}

/**
 * A student's figures for a period from their current marks: the average, the mark it suggests, the count and whether
 * it is below the school's minimum. The journal grid in main and the grid's live update in the renderer both use it.
 */
export function periodFigures(marks: readonly WeightedMark[], grading: GradingSystem, rules: PeriodMarkRules): PeriodFigures {
  const average = weightedAverage(marks, rules.useWeights);
  return {
    average: average === null ? null : Math.round(average * 100) / 100,
    suggested: grading === 'pass' ? suggestedPass(marks) : suggestedMark(average, rules.roundFrom),
    count: marks.length,
    tooFew: marks.length < rules.minMarks,
  };
}

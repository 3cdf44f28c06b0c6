import { suggestedMark, weightedAverage, type WeightedMark } from '../contract/rules/final-rules';
import { markNumber } from '../contract/rules/cell-text';
import type { Rng } from './journal';

// The demo's period marks as a teacher sets them. The journal suggests the rounded (weighted) average; when that
// average lies near a rounding boundary (within 0,2 of «x,5»), a teacher often decides by the latest work instead: if
// the mean of the last three marks is on the other side of the boundary, about half of the teachers follow it (a «3,45»
// with the last marks «4, 5, 4» becomes «4»; a «3,55» ending «3, 2, 3» becomes «3»). Without this every demo period
// mark would equal the rounded average, and a forecast measured against them would be measured against itself.

const NEAR = 0.2;
const FOLLOW_TREND = 0.5;

export function teacherPeriodMark(marks: readonly WeightedMark[], r: Rng): string | null {
  const average = weightedAverage(marks, true);
  const suggested = suggestedMark(average, 0.5);
  if (average === null || suggested === null) return suggested;
  const boundary = Math.min(4.5, Math.max(2.5, Math.round(average - 0.5) + 0.5));
  if (Math.abs(average - boundary) > NEAR) return suggested;
  const last = marks
    .map((m) => markNumber(m.value))
    .filter((n): n is number => n !== null)
    .slice(-3);
  if (last.length === 0) return suggested;
  const recent = last.reduce((a, b) => a + b, 0) / last.length;
  const follow = r() < FOLLOW_TREND;
  if (follow && average < boundary && recent > boundary) return String(Math.ceil(boundary));
  if (follow && average >= boundary && recent < boundary) return String(Math.floor(boundary));
  return suggested;
}

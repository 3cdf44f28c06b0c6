import { AppError } from '../../db/index';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import { FORECAST_EXPLANATION, type Certainty, type ClassForecast, type StudentForecast } from '../contract/control-problems';
import { periodFigures, type PeriodMarkRules, type WeightedMark } from '../contract/rules/final-rules';
import { markNumber } from '../contract/rules/cell-text';
import { rates } from '../contract/rules/results';
import type { GradingSystem } from '../contract/unions';
import { getYear } from '../school/years';
import {
  analysisScope,
  classesOf,
  classPeriod,
  lessonsOf,
  loadPeriodJournal,
  markRules,
  SCOPE_FORBIDDEN,
  type PeriodJournal,
  type PJStudent,
} from './period-journal';
import { schoolToday } from '../kernel/school-clock';

// The forecast of period marks (seed 003 §2.7; issue 12, part 7). The projected mark is the one the journal would
// suggest if the average did not change (`periodFigures`, the school's weights and rounding); its certainty compares
// how far the average is from a rounding boundary (the margin) with how far the expected remaining marks could move
// it (the shift: each expected mark one point off the average). docs/CONTROL.md and FORECAST_EXPLANATION say it in words.

export interface Forecast {
  average: number | null;
  projected: string | null;
  certainty: Certainty | null;
  count: number;
  expectedMore: number;
  margin: number | null;
  shift: number;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * A student's forecast from the marks so far. `held`: the student's lessons of the period up to the cut-off; `left`:
 * those after it. Expected further marks = marks × left ÷ held (rounded).
 */
export function forecastMark(
  marks: readonly WeightedMark[],
  grading: GradingSystem,
  rules: PeriodMarkRules,
  lessons: { held: number; left: number },
): Forecast {
  const f = periodFigures(marks, grading, rules);
  const counted =
    grading === 'pass'
      ? marks.filter((m) => m.value === 'зач' || m.value === 'незач').length
      : marks.filter((m) => markNumber(m.value) !== null).length;
  const expectedMore = lessons.held > 0 ? Math.round((counted * lessons.left) / lessons.held) : 0;
  const shift = counted + expectedMore > 0 ? round2(expectedMore / (counted + expectedMore)) : 0;
  if (f.suggested === null)
    return { average: f.average, projected: null, certainty: null, count: f.count, expectedMore, margin: null, shift };
  let margin: number | null = null;
  let certainty: Certainty;
  if (grading === 'pass') certainty = f.tooFew ? 'low' : expectedMore === 0 ? 'high' : 'medium';
  else {
    const average = f.average!;
    margin = round2(Math.min(...[2, 3, 4].map((k) => Math.abs(average - (k + rules.roundFrom)))));
    certainty = f.tooFew ? 'low' : expectedMore === 0 || margin > shift ? 'high' : margin > shift / 2 ? 'medium' : 'low';
  }
  return { average: f.average, projected: f.suggested, certainty, count: f.count, expectedMore, margin, shift };
}

/** The forecast of one student in one subject of a period journal, from the lessons up to `asOf` (inclusive). */
export function studentForecast(
  pj: PeriodJournal,
  student: PJStudent,
  subject: { id: number; grading: GradingSystem },
  asOf: string,
  rules: PeriodMarkRules,
): Forecast & { marks: WeightedMark[]; lessonIds: Set<number>; held: number; left: number } {
  const lessons = lessonsOf(pj, student, subject.id);
  const past = lessons.filter((l) => l.date <= asOf);
  const lessonIds = new Set(past.map((l) => l.id));
  const marks = pj.marks.filter((m) => m.studentId === student.id && lessonIds.has(m.lessonId));
  const held = past.length;
  const left = lessons.length - held;
  return { ...forecastMark(marks, subject.grading, rules, { held, left }), marks, lessonIds, held, left };
}

export async function classForecast(ctx: Ctx, input: ParsedInput<'forecast.report'>): Promise<ClassForecast> {
  const year = await getYear(ctx.db, input.yearId);
  const [cls] = await classesOf(ctx, input.yearId, input.classId);
  const scope = await analysisScope(ctx, input.yearId);
  if (!scope.mayClass(cls.id) || (input.subjectId !== null && !scope.may(cls.id, input.subjectId)))
    throw new AppError('FORBIDDEN', SCOPE_FORBIDDEN);
  const today = await schoolToday(ctx);
  const period = await classPeriod(ctx, input.yearId, cls.grade, input.period, today);
  const asOf = today < period.end ? today : period.end;
  const pj = await loadPeriodJournal(ctx, cls.id, period);
  const subjects = pj.subjects.filter((s) => (input.subjectId === null || s.id === input.subjectId) && scope.may(cls.id, s.id));
  const rules = await markRules(ctx);
  return {
    yearName: year.name,
    className: cls.name,
    periodName: period.name,
    asOf,
    subjects: subjects.map((s) => {
      const students: StudentForecast[] = [];
      let held = 0;
      let left = 0;
      for (const st of pj.students) {
        const f = studentForecast(pj, st, s, asOf, rules);
        if (f.held + f.left === 0) continue;
        held = Math.max(held, f.held);
        left = Math.max(left, f.left);
        students.push({
          studentId: st.id,
          student: st.name,
          marks: f.marks.map((m) => m.value),
          average: f.average,
          projected: f.projected,
          certainty: f.certainty,
          expectedMore: f.expectedMore,
          margin: f.margin,
          shift: f.shift,
        });
      }
      return {
        subjectId: s.id,
        subject: s.name,
        grading: s.grading,
        lessonsHeld: held,
        lessonsLeft: left,
        students,
        projected: rates(students.map((x) => (x.projected ? [x.projected] : []))),
      };
    }),
    explanation: FORECAST_EXPLANATION,
  };
}

import { z } from 'zod';
import { id } from './fields';
import type { Rates } from './rules/results';
import type { AbsenceCode, GradingSystem } from './unions';

// Problem lists and the forecast of period marks (issue 12, parts 5 and 7; seed 001 deputy §13, seed 003 §2.7):
// unsatisfactory marks and missed lessons with their topics per student, students at risk of «2» or «н/а» in a period,
// and each student's projected period mark with its certainty.

/** «н/а» risk: a student who missed more than this share of the period's lessons so far (a school's usual rule). */
export const RISK_ABSENCE_SHARE = 0.5;

export type Certainty = 'high' | 'medium' | 'low';
export const CERTAINTY_NAMES: Record<Certainty, string> = { high: 'высокая', medium: 'средняя', low: 'низкая' };

/** How the forecast is made, in plain words: shown under the forecast and printed in the CLI's help. */
export const FORECAST_EXPLANATION: readonly string[] = [
  'Прогноз — отметка, которую предложит журнал, если средний балл до конца периода не изменится: средний балл (с весами, если они включены) округляется по правилу школы, как при выставлении отметки за период.',
  'Ожидается ещё отметок — столько, сколько ученик получал бы на оставшихся уроках периода с той же частотой, что и до сих пор.',
  'Запас — насколько средний балл отстоит от ближайшей границы округления (2,5; 3,5; 4,5 при округлении с 0,5).',
  'Сдвиг — насколько изменится средний балл, если каждая ожидаемая отметка будет на балл выше или ниже среднего: ожидаемых ÷ (имеющихся + ожидаемых).',
  'Надёжность высокая: отметок не меньше минимума и запас больше сдвига (или уроков в периоде больше нет) — прогноз изменится, только если ученик начнёт учиться заметно иначе.',
  'Надёжность средняя: отметок не меньше минимума и запас больше половины сдвига — прогноз изменится, если примерно половина оставшихся отметок будет на балл выше или ниже.',
  'Надёжность низкая: отметок меньше минимума или средний балл у самой границы — итоговая отметка может оказаться любой из соседних.',
  'Успеваемость и качество класса считаются по прогнозным отметкам по тем же правилам, что и в отчёте «Успеваемость и качество».',
];

const period = z
  .number()
  .int()
  .min(1, 'Период: от 1 до 4')
  .max(4, 'Период: от 1 до 4')
  .nullable()
  .default(null)
  .describe('Null: the period holding today');

const listInput = z.object({
  yearId: id,
  /** Null: every class in the reader's scope. */
  classId: id.nullable().default(null),
  period,
});

export const controlProblemsSchemas = {
  'problems.list': listInput,
  'problems.export': listInput,
  'forecast.report': z.object({ yearId: id, classId: id, subjectId: id.nullable().default(null), period }),
} as const;

export interface ProblemStudent {
  studentId: number;
  student: string;
  classId: number;
  className: string;
  subjectId: number;
  subject: string;
}

export interface UnsatisfactoryMark extends ProblemStudent {
  date: string;
  lessonNumber: number;
  value: string;
  /** The lesson's topic; empty when the teacher has not written it. */
  topic: string;
  workType: string;
}

export interface MissedLesson extends ProblemStudent {
  date: string;
  lessonNumber: number;
  topic: string;
  absence: AbsenceCode;
  /** A mark was given in that lesson later (the topic made up, seed 001 teacher §2). */
  madeUp: boolean;
}

export type RiskKind = '2' | 'н/а';

export interface RiskRow extends ProblemStudent {
  risks: RiskKind[];
  /** Why, in Russian: «2 отметки при минимуме 3», «пропущено 9 из 14 уроков (64 %)», «средний балл 2,33 — прогноз «2»». */
  reasons: string[];
  marks: number;
  average: number | null;
  projected: string | null;
  absences: number;
  lessons: number;
}

export interface ProblemLists {
  yearName: string;
  /** «2-я четверть» or several names when classes of different schemes are listed. */
  periodName: string;
  /** The lists look at lessons up to this day (today, or the period's end when it is over). */
  asOf: string;
  minMarks: number;
  unsatisfactory: UnsatisfactoryMark[];
  missed: MissedLesson[];
  risks: RiskRow[];
  /** The rules of the lists, printed with them. */
  rules: string[];
}

export interface ProblemsExport {
  name: string;
  base64: string;
}

export interface StudentForecast {
  studentId: number;
  student: string;
  /** Marks so far in date order, as written («4», «3-», «зач»). */
  marks: string[];
  average: number | null;
  projected: string | null;
  certainty: Certainty | null;
  /** Marks the student is expected to get in the period's remaining lessons. */
  expectedMore: number;
  /** Distance of the average to the nearest rounding boundary; null for pass/fail subjects or without marks. */
  margin: number | null;
  /** The average's move if every expected mark is one point off: expectedMore ÷ (marks + expectedMore). */
  shift: number;
}

export interface SubjectForecast {
  subjectId: number;
  subject: string;
  grading: GradingSystem;
  lessonsHeld: number;
  lessonsLeft: number;
  students: StudentForecast[];
  /** Success and quality of the projected marks (`rates()`). */
  projected: Rates;
}

export interface ClassForecast {
  yearName: string;
  className: string;
  periodName: string;
  asOf: string;
  subjects: SubjectForecast[];
  explanation: readonly string[];
}

export interface ControlProblemsOutputs {
  'problems.list': ProblemLists;
  'problems.export': ProblemsExport;
  'forecast.report': ClassForecast;
}

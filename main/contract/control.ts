import { z } from 'zod';
import { id } from './fields';
import type { Rates } from './rules/results';

// The administration's control and analysis (issue 12): results of period and year marks by student, class, grade,
// subject, teacher and school.

export const RESULT_GROUPINGS = ['student', 'class', 'grade', 'subject', 'teacher', 'school'] as const;
export type ResultGrouping = (typeof RESULT_GROUPINGS)[number];
export const RESULT_KINDS = ['p1', 'p2', 'p3', 'p4', 'year'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const RESULT_GROUPING_NAMES: Record<ResultGrouping, string> = {
  student: 'по ученикам',
  class: 'по классам',
  grade: 'по параллелям',
  subject: 'по предметам',
  teacher: 'по учителям',
  school: 'по школе',
};

export const controlSchemas = {
  'results.report': z.object({
    yearId: id,
    kind: z.enum(RESULT_KINDS, { message: 'Вид отметок: за период (1–4) или за год' }),
    by: z.enum(RESULT_GROUPINGS, { message: 'Группировка: ученики, классы, параллели, предметы, учителя или школа' }),
    /** Only this class's students (any grouping). */
    classId: id.nullable().default(null),
  }),
} as const;

export interface ResultRow extends Rates {
  key: string;
  name: string;
  /** The class of a student's or a class's row; null for the other groupings. */
  classId: number | null;
}

export interface ResultsReport {
  yearName: string;
  kindName: string;
  by: ResultGrouping;
  rows: ResultRow[];
  /** The whole selection in one row (the school, or the class when one was chosen). */
  total: ResultRow;
  /** How the figures are made, printed with the report. */
  formulas: readonly string[];
}

export interface ControlOutputs {
  'results.report': ResultsReport;
}

import { z } from 'zod';
import { id } from './fields';
import type { Rates } from './rules/results';

// The administration's control and analysis (issue 12): results of period and year marks by student, class, grade,
// subject, teacher and school.

export const RESULT_GROUPINGS = ['student', 'class', 'grade', 'subject', 'teacher', 'school'] as const;
export type ResultGrouping = (typeof RESULT_GROUPINGS)[number];
export const RESULT_KINDS = ['p1', 'p2', 'p3', 'p4', 'year'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];

export const RESULT_COMPARISONS = ['periods', 'years'] as const;
export type ResultComparison = (typeof RESULT_COMPARISONS)[number];

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
  /** The same grouping side by side: the periods and the year of one year, or one kind of marks over the years. */
  'results.compare': z.object({
    yearId: id,
    compare: z.enum(RESULT_COMPARISONS, { message: 'Сравнение: по периодам года или по годам' }),
    /** For `years`: which marks to compare (the year's, or one period's); ignored for `periods`. */
    kind: z.enum(RESULT_KINDS, { message: 'Вид отметок: за период (1–4) или за год' }).default('year'),
    by: z.enum(RESULT_GROUPINGS, { message: 'Группировка: ученики, классы, параллели, предметы, учителя или школа' }),
    classId: id.nullable().default(null),
  }),
  /** The printable results report (PDF): formulas, table and charts; with `compare`, the comparison instead. */
  'results.pdf': z.object({
    yearId: id,
    kind: z.enum(RESULT_KINDS, { message: 'Вид отметок: за период (1–4) или за год' }),
    by: z.enum(RESULT_GROUPINGS, { message: 'Группировка: ученики, классы, параллели, предметы, учителя или школа' }),
    classId: id.nullable().default(null),
    compare: z.enum(RESULT_COMPARISONS).nullable().default(null),
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

/** One column of a comparison: a period or the year of one year, or one year. */
export interface ComparisonColumn {
  key: string;
  /** «1-й период», «Год», «2024/2025». */
  label: string;
  yearId: number;
  kind: ResultKind;
}

export interface ComparisonRow {
  key: string;
  name: string;
  /** The rates of each column, in the order of `columns`; null where the row has no marks in that column. */
  cells: (Rates | null)[];
}

export interface ResultsComparison {
  compare: ResultComparison;
  /** «периоды и год 2025/2026 учебного года», «годовые отметки по годам». */
  title: string;
  by: ResultGrouping;
  columns: ComparisonColumn[];
  rows: ComparisonRow[];
  total: ComparisonRow;
  formulas: readonly string[];
}

export interface ResultsPdf {
  name: string;
  base64: string;
  pages: number;
}

export interface ControlOutputs {
  'results.report': ResultsReport;
  'results.compare': ResultsComparison;
  'results.pdf': ResultsPdf;
}

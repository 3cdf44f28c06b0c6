import { z } from 'zod';
import { id, isoDate } from './fields';
import type { FinalMarkKind } from './unions';

// The weekly control of the journal (issue 12 parts 2–3; seed 001 director §14, deputy §10; seed 003 §4.5.5): per
// teacher, class and subject, what is missing or late in the week Monday…Sunday containing `week`. The deputy and the
// director see the school, a teacher the lessons they taught, a homeroom teacher also their class (main decides).

export const controlWeeklySchemas = {
  'controlWeekly.report': z.object({
    /** Any day of the week; the report covers its Monday…Sunday. */
    week: isoDate('Неделя'),
    classId: id.nullable().default(null),
  }),
  /** The report as a file: a printed page (PDF) or a workbook (XLSX). */
  'controlWeekly.file': z.object({
    week: isoDate('Неделя'),
    classId: id.nullable().default(null),
    format: z.enum(['pdf', 'xlsx'], { message: 'Формат: pdf или xlsx' }),
  }),
  /** The «Требует внимания» panel of the home screen: the current week's figures in the caller's scope. */
  'controlWeekly.status': z.object({}),
} as const;

/** The lists of the report, in print order. */
export const WEEKLY_KINDS = ['noTopic', 'noHomework', 'noAttendance', 'late', 'fewMarks', 'unmarkedWork', 'noPeriodMark'] as const;
export type WeeklyKind = (typeof WEEKLY_KINDS)[number];

export const WEEKLY_KIND_NAMES: Record<WeeklyKind, string> = {
  noTopic: 'Без темы урока',
  noHomework: 'Без домашнего задания',
  noAttendance: 'Без отметки посещаемости',
  late: 'Записи позже срока',
  fewMarks: 'Мало отметок для отметки за период',
  unmarkedWork: 'Контрольные и письменные работы без отметок после срока',
  noPeriodMark: 'Нет отметок за период',
};

/** Short column heads of the printed table. */
export const WEEKLY_KIND_SHORT: Record<WeeklyKind, string> = {
  noTopic: 'Без темы',
  noHomework: 'Без д/з',
  noAttendance: 'Без посещ.',
  late: 'Позже срока',
  fewMarks: 'Мало отметок',
  unmarkedWork: 'Работы без отметок',
  noPeriodMark: 'Нет отметки за период',
};

export type WeeklyCounts = Record<WeeklyKind, number>;

/** One thing to look at: a journal cell (lesson × student), a lesson's column, or a student's period mark. */
export interface WeeklyItem {
  kind: WeeklyKind;
  /** The lesson to open; null for a period mark (the journal opens at the period, the student's row). */
  lessonId: number | null;
  studentId: number | null;
  date: string | null;
  /** The period of the journal to open: 'p1'…'p4'. */
  periodKind: FinalMarkKind | null;
  text: string;
}

export interface WeeklyLine extends WeeklyCounts {
  key: string;
  teacherId: number | null;
  teacher: string;
  classId: number;
  className: string;
  subjectId: number;
  subjectName: string;
  groupId: number | null;
  groupName: string | null;
  /** Students of the journal in the current period (those of the group, for a group's journal). */
  students: number;
  /** Of them, without a single current mark in the period. */
  withoutMarks: number;
  /** withoutMarks ÷ students × 100, one decimal; null without students. */
  withoutMarksShare: number | null;
  /** The first items of each list (at most 20 per list): what the screen drills down to. */
  items: WeeklyItem[];
}

export interface WeeklyControl {
  /** Monday and Sunday of the week. */
  from: string;
  to: string;
  /** The moment the deadlines were judged at: now, or the end of the week for a past week (UTC ISO). */
  asOf: string;
  yearId: number;
  yearName: string;
  /** Whose lines: «вся школа», «класс 5А», «мои уроки и класс 5А». */
  scope: string;
  /** The minimum of current marks for a period mark (setting journal.minMarks). */
  minMarks: number;
  lines: WeeklyLine[];
  totals: WeeklyCounts;
  /** How each list is made, printed with the report. */
  rules: readonly string[];
}

export interface WeeklyStatus {
  from: string;
  to: string;
  scope: string;
  /** null when there is no school year for today. */
  totals: WeeklyCounts | null;
  /** Lines (teacher × class × subject) with anything in them. */
  lines: number;
}

export interface WeeklyFile {
  name: string;
  mime: string;
  base64: string;
}

export interface ControlWeeklyOutputs {
  'controlWeekly.report': WeeklyControl;
  'controlWeekly.file': WeeklyFile;
  'controlWeekly.status': WeeklyStatus;
}

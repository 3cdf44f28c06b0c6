import { z } from 'zod';
import { id, isoDate, optId, required } from './fields';

// Inspection remarks on keeping the journal (issue 12 part 9, seed 003 §6.2): the deputy or the director writes a
// remark on a class's journal — the whole class, one subject (or group), one lesson, one cell — with a date to fix it
// by; the teacher of that journal (the homeroom teacher for a class-wide remark) answers; the deputy marks it fixed.
// The printed journal's page «Замечания по ведению журнала» lists them.

export const REMARK_STATES = ['open', 'answered', 'fixed'] as const;
export type RemarkState = (typeof REMARK_STATES)[number];

export const REMARK_STATE_NAMES: Record<RemarkState, string> = {
  open: 'ждёт ответа',
  answered: 'есть ответ',
  fixed: 'исправлено',
};

export const journalRemarkSchemas = {
  /**
   * The remarks the caller may see in a year: the deputy, the director and the office every one; a teacher those on
   * the journals they keep (and on their lessons), a homeroom teacher also those on their whole class. Unanswered first.
   */
  'remarks.list': z.object({
    yearId: id,
    classId: optId,
    /** Only remarks in this state; every state when absent. */
    state: z.enum(REMARK_STATES).nullable().optional(),
  }),
  /** A remark on a journal: the class, and optionally its subject (group), a lesson of it, a student's cell. */
  'remarks.write': z.object({
    classId: id,
    subjectId: optId,
    groupId: optId,
    lessonId: optId,
    studentId: optId,
    text: required('Замечание', 1000),
    /** The date to fix it by; none when nothing has to be fixed (a suggestion). */
    dueDate: isoDate('Срок исправления').nullable().optional(),
  }),
  /** The teacher's answer (may be rewritten until the remark is marked fixed). */
  'remarks.answer': z.object({ id, answer: required('Ответ', 1000) }),
  /** The deputy's mark that the remark is fixed, or its removal (`fixed: false`). */
  'remarks.fix': z.object({ id, fixed: z.boolean().default(true) }),
} as const;

export interface RemarkRow {
  id: number;
  yearId: number;
  classId: number;
  className: string;
  subjectId: number | null;
  /** '' for a remark on the whole class. */
  subjectName: string;
  groupId: number | null;
  groupName: string | null;
  lessonId: number | null;
  lessonDate: string | null;
  lessonNumber: number | null;
  studentId: number | null;
  studentName: string | null;
  /** «5А · Математика, урок 12.10.2025 (2-й), Иванов Иван»: what the remark is about, in words. */
  where: string;
  /** The remark's date (ISO). */
  date: string;
  text: string;
  dueDate: string | null;
  /** Not fixed and the date to fix it by has passed (on the school's clock). */
  overdue: boolean;
  writtenBy: string;
  writtenAt: string;
  answer: string | null;
  answeredBy: string | null;
  answeredAt: string | null;
  fixedBy: string | null;
  fixedAt: string | null;
  state: RemarkState;
  /** «ждёт ответа», «есть ответ», «исправлено». */
  stateName: string;
  /** The caller keeps this journal: may answer (until it is fixed). */
  canAnswer: boolean;
  /** The caller inspects journals: may mark it fixed or take the mark back. */
  canFix: boolean;
}

export interface RemarksList {
  rows: RemarkRow[];
  /** Of the rows: without an answer (a teacher's «to do»), answered but not fixed (the deputy's). */
  unanswered: number;
  answeredNotFixed: number;
}

export interface JournalRemarkOutputs {
  'remarks.list': RemarksList;
  'remarks.write': RemarkRow;
  'remarks.answer': RemarkRow;
  'remarks.fix': RemarkRow;
}

import { z } from 'zod';
import { id, isoDate, required, text } from './fields';
import type { CouncilDecisionKind, FinalMarkKind } from './unions';

// Closing a school year (issue 14): the checklist, the pedagogical council's decisions, marks deferred for an ill
// student, the director's close and reopen.

const finalKind = z.string().regex(/^(p[1-6]|year|exam|final)$/, 'Неизвестный вид итоговой отметки');
export const COUNCIL_DECISIONS = ['promoted', 'conditional', 'retained', 'graduated'] as const;

export const yearCloseSchemas = {
  'yearClose.checklist': z.object({ yearId: id }),
  /** Decisions for some students of one class (the same protocol); `kind: null` removes a student's decision. */
  'yearClose.saveDecisions': z.object({
    yearId: id,
    classId: id,
    protocol: text(100),
    decisions: z
      .array(z.object({ studentId: id, kind: z.enum(COUNCIL_DECISIONS).nullable(), note: text(200) }))
      .min(1)
      .max(60),
  }),
  'yearClose.decisions': z.object({ yearId: id, classId: id }),
  /** A mark deferred for an ill student until `dueDate` (seed 001, teacher §12). */
  'yearClose.defer': z.object({
    yearId: id,
    classId: id,
    subjectId: id,
    studentId: id,
    kind: finalKind,
    reason: required('Причина', 300),
    dueDate: isoDate('Срок'),
  }),
  'yearClose.undefer': z.object({ id }),
  'yearClose.close': z.object({ yearId: id }),
  'yearClose.reopen': z.object({ yearId: id, reason: required('Причина', 300) }),
} as const;

/** What the checklist found: one missing thing, or a deferral that stands in for it. */
export type ChecklistItemKind = 'periods' | 'mark' | 'decision';
/** A deferred mark: waiting (due date ahead), overdue, or set since. */
export type DeferralState = 'deferred' | 'overdue' | 'set';

export interface ChecklistItem {
  kind: ChecklistItemKind;
  classId: number | null;
  className: string;
  subjectId: number | null;
  subject: string;
  studentId: number | null;
  student: string;
  /** The final mark's kind for `mark`: p1…, year, exam, final. */
  markKind: FinalMarkKind | null;
  /** «5А, Алгебра, Иванов Иван: нет отметки за 2 четверть». */
  message: string;
  /** Set when the item is an accepted exception (a mark deferred for an ill student). */
  deferral: Deferral | null;
}

export interface Deferral {
  id: number;
  reason: string;
  dueDate: string;
  state: DeferralState;
  /** «отсрочена до 15.09.2026», «срок истёк 15.09.2026», «выставлена». */
  stateName: string;
  createdBy: string;
}

export interface YearChecklist {
  year: { id: number; name: string; closed: boolean; closedAt: string | null; closedBy: string | null };
  /** What is missing and not excused: the year cannot be closed while this list is not empty. */
  failures: ChecklistItem[];
  /** Missing marks that are deferred for an ill student (and deferrals since fulfilled). */
  exceptions: ChecklistItem[];
  /** Counts that were checked: classes, students, marks expected, decisions expected. */
  checked: { classes: number; students: number; marks: number; decisions: number };
  canClose: boolean;
}

export interface DecisionRow {
  studentId: number;
  student: string;
  kind: CouncilDecisionKind | null;
  /** «переведён в 6 класс». */
  text: string;
  protocol: string;
  note: string;
  recordedBy: string | null;
  recordedAt: string | null;
  /** The student's year marks below «3» or «н/а»: a hint for «условно переведён». */
  debts: string[];
}

export interface ClassDecisions {
  classId: number;
  className: string;
  grade: number;
  /** The students who were in the class at the end of the year. */
  rows: DecisionRow[];
}

export interface YearCloseOutputs {
  'yearClose.checklist': YearChecklist;
  'yearClose.saveDecisions': ClassDecisions;
  'yearClose.decisions': ClassDecisions;
  'yearClose.defer': Deferral;
  'yearClose.undefer': true;
  'yearClose.close': YearChecklist;
  'yearClose.reopen': YearChecklist;
}

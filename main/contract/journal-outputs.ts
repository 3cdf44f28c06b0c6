import type { AbsenceCode, FinalMarkKind, GradingSystem } from './unions';
import type { DateRange } from './rules/dates';

// What the journal's channels return. Plain data: the renderer imports these types only.

export interface CellMark {
  value: string;
  workTypeId: number;
  weight: number;
}

export interface Cell {
  lessonId: number;
  studentId: number;
  marks: CellMark[];
  absence: AbsenceCode | null;
  comment: string;
  /** As shown and printed: «н/5», «4/5». */
  text: string;
  /** When the cell was first filled (ISO timestamp). */
  enteredAt: string;
}

export interface GridLesson {
  id: number;
  date: string;
  lessonNumber: number;
  topic: string;
  homework: string;
  workKind: string;
  planTopicId: number | null;
  status: 'held' | 'cancelled' | 'moved';
  teacher: string;
  /** The teacher who took the lesson instead, or null. */
  substitute: string | null;
  /** «нет темы», «нет домашнего задания» once the school's deadline has passed. */
  warnings: string[];
  /** The lesson is after today: it takes a topic and homework ahead, but no marks or absences yet. */
  future: boolean;
}

export interface GridStudent {
  id: number;
  /** «Иванов Иван». */
  name: string;
  /** Dates the student belongs to the class (and group): cells outside them are closed. */
  active: DateRange[];
}

export interface StudentFinal {
  /** The mark set for the period (or year, exam, final), or null. */
  value: string | null;
  /** The (weighted) average of the period's current marks, rounded to hundredths. */
  average: number | null;
  /** What the average suggests. */
  suggested: string | null;
  /** Current marks in the period. */
  count: number;
  /** Fewer current marks than the school's minimum. */
  tooFew: boolean;
}

export interface LockInfo {
  id: number;
  kind: FinalMarkKind;
  lockedAt: string;
  lockedBy: string;
}

export interface JournalRef {
  classId: number;
  className: string;
  subjectId: number;
  subjectName: string;
  groupId: number | null;
  groupName: string | null;
  teacher: string;
}

export interface PeriodRef {
  id: number;
  number: number;
  name: string;
  start: string;
  end: string;
  /** The final-mark kind of this period: 'p1'…'p4'. */
  kind: FinalMarkKind;
}

export interface JournalGrid extends JournalRef {
  yearId: number;
  grading: GradingSystem;
  period: PeriodRef;
  periods: PeriodRef[];
  lessons: GridLesson[];
  students: GridStudent[];
  /**
   * Students whose parents chose paper (refused the electronic form, seed 004 §3.3) as of today: the teacher informs
   * them through the paper diary and the weekly extracts. The grid marks them.
   */
  paperChoice: number[];
  /** Keyed `${studentId}:${lessonId}`; missing = empty cell. */
  cells: Record<string, Cell>;
  /** Period marks per student id. */
  finals: Record<number, StudentFinal>;
  /** The lock on this period, if its marks are set. */
  lock: LockInfo | null;
  /** The caller may type into this journal now (owns it, or is the deputy; the period is not locked). */
  canEdit: boolean;
  /** Why not, when canEdit is false. */
  readOnlyReason: string | null;
  /**
   * A substitute who is not this journal's teacher writes only the lessons they took (seed 001 teacher §8): their ids
   * here; null when canEdit covers every lesson.
   */
  onlyLessonIds: number[] | null;
  canUnlock: boolean;
  workTypes: { id: number; name: string; short: string; weight: number }[];
  absenceCodes: { code: AbsenceCode; name: string }[];
  /** The school's mark rules; the renderer recomputes the period figures with them as marks are typed. */
  rules: { plusMinus: boolean; useWeights: boolean; minMarks: number; roundFrom: number };
}

export interface CellHistoryEntry {
  at: string;
  actor: string;
  before: string | null;
  after: string | null;
}

export interface YearFinals extends JournalRef {
  yearId: number;
  grading: GradingSystem;
  students: GridStudent[];
  /** Columns: each period of the grade, then year, exam, final. */
  columns: { kind: FinalMarkKind; label: string; locked: LockInfo | null }[];
  /** Per student id, per kind. */
  marks: Record<number, Partial<Record<FinalMarkKind, string>>>;
  /** Year average of current marks per student, and what it suggests for the year mark. */
  suggested: Record<number, { average: number | null; suggested: string | null }>;
  canEdit: boolean;
  canUnlock: boolean;
}

export interface HomeroomSubjectRow {
  subjectId: number;
  subjectName: string;
  /** Current marks of the period, in date order, as text. */
  marks: string[];
  average: number | null;
  periodMark: string | null;
  missed: number;
}

export interface HomeroomView {
  classId: number;
  className: string;
  period: PeriodRef;
  periods: PeriodRef[];
  subjects: { id: number; name: string }[];
  students: (GridStudent & { rows: HomeroomSubjectRow[]; missed: number; missedIllness: number; missedExcused: number })[];
}

export interface StudentCard {
  studentId: number;
  name: string;
  className: string;
  yearName: string;
  subjects: {
    subjectId: number;
    subjectName: string;
    entries: { date: string; lessonId: number; text: string; workTypes: string[]; comment: string }[];
    finals: Partial<Record<FinalMarkKind, string>>;
    average: number | null;
  }[];
  /** The grade's periods, for the finals' column headings. */
  periods: PeriodRef[];
}

export interface ClassAttendance {
  classId: number;
  className: string;
  from: string;
  to: string;
  days: string[];
  students: (GridStudent & { days: Record<string, { н: number; б: number; у: number }>; total: number })[];
  /** Each absence of the period by lesson, for the homeroom teacher's reasons (seed 003 §4.3.8). */
  absences: AttendanceAbsence[];
}

export interface AttendanceAbsence {
  lessonId: number;
  studentId: number;
  date: string;
  lessonNumber: number;
  subject: string;
  absence: 'н' | 'б' | 'у';
}

/** A pasted cell that is empty after saving. */
export interface ClearedCell {
  lessonId: number;
  studentId: number;
  cleared: true;
}

/** A pasted block, saved all together. */
export interface SavedCells {
  /** Cells that changed. */
  saved: number;
  /** Every pasted cell as it is now. */
  cells: (Cell | ClearedCell)[];
}

/** A topic of the thematic plan, offered for a lesson. */
export interface PlanTopicOption {
  id: number;
  position: number;
  title: string;
  homework: string;
  /** Some lesson of the class and subject already has this topic. */
  used: boolean;
}

export interface SavedFinals {
  /** Marks that changed. */
  saved: number;
  /** The period's lock set by this call, or null. */
  lockId: number | null;
}

/**
 * A line of the corrections report: a change to a mark or absence already entered, made after the lesson's day or
 * after a period's lock; or a first entry (mark, absence, topic, homework) made after its deadline.
 */
export interface Correction {
  /** Unique within the report. */
  key: string;
  kind: 'correction' | 'late';
  /** The audit row of a correction; null for a late first entry. */
  auditId: number | null;
  at: string;
  actor: string;
  className: string;
  subjectName: string;
  lessonDate: string;
  /** Empty for a lesson's topic or homework. */
  student: string;
  /** «отметка», «пропуск», «тема урока», «домашнее задание»; «исправление» for a change. */
  what: string;
  before: string;
  after: string;
  /** «после дня урока», «после выставления итоговых отметок», «первая запись позже срока». */
  when: string;
  /** The unlock reason when the period had been locked. */
  reason: string;
  /** Minutes past the deadline on the school's clock (late first entries), else null. */
  delayMinutes: number | null;
  /** «на 2 дн. 3 ч»; empty for corrections. */
  delay: string;
}

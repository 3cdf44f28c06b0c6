import type { Ctx } from '../../kernel/context';
import type { DateRange } from '../../contract/rules/dates';

// What the class journal document is built from. The school, class and students come from the database now; the
// subject pages, final marks and attendance come from providers the journal module supplies (they plug in here).

export interface JournalGuardian {
  relation: string;
  name: string;
  phone: string;
  workplace: string;
}

export interface JournalStudent {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  gender: 'м' | 'ж';
  /** The dates the student was in this class this year (a moved student has several, or ends early). */
  active: DateRange[];
  personalFileNo: string;
  address: string;
  phone: string;
  healthGroup: string;
  peGroup: string;
  healthNotes: string;
  guardians: JournalGuardian[];
  /** Numbers of the orders of the student's movements this year, by the order's date (ISO). */
  orders?: Readonly<Record<string, string>>;
}

export interface JournalData {
  school: { fullName: string; shortName: string; address: string; directorName: string };
  year: { id: number; name: string; start: string; end: string };
  cls: { id: number; name: string; grade: number; letter: string; homeroom: string | null };
  students: JournalStudent[];
}

/** A student as a subject's left page lists them: a subgroup lists only its members. */
export interface SpreadStudent {
  id: number;
  /** As printed: «Иванов Иван». */
  name: string;
  active: DateRange[];
}

/** One lesson: a column on the left page and a row on the right page. */
export interface LessonColumn {
  /** ISO date. */
  date: string;
  /**
   * Set on a column of period marks, not a lesson: its heading («1 ч.», «Год»). It stands after the period's last
   * lesson on the left page (its `date` is the period's last day) and has no row on the right page.
   */
  summary?: string;
  /** The mark column's key: `p1`…, `year`. */
  summaryKey?: string;
  /** Cell text per student id: «5», «н», «4/5», «зач»; missing = empty cell. */
  cells: Readonly<Record<number, string>>;
  topic: string;
  hours: number;
  homework: string;
}

/** Everything a subject's (or a subgroup's) spreads show. */
export interface SubjectPagesData {
  /** Stable and unique within the journal, e.g. `math` or `english-1`. */
  key: string;
  subject: string;
  /** The subject's id in the database (subject copies and a teacher's own subjects are chosen by it). */
  subjectId?: number;
  /** Who taught or is assigned the page's lessons (a teacher prints the pages of their own subjects). */
  staffIds?: number[];
  /** «1 подгруппа» for a subgroup, null for the whole class. */
  group: string | null;
  teacher: string;
  students: SpreadStudent[];
  /** In date order. */
  lessons: LessonColumn[];
}

/** «Сводная ведомость итоговых отметок»: per subject, per student, the marks of each column. */
export interface FinalMarksData {
  /** Column headings: «1 ч.», «2 ч.», «3 ч.», «4 ч.», «Год», «Экз.», «Итог». */
  columns: string[];
  subjects: { name: string; marks: Readonly<Record<number, readonly string[]>> }[];
}

/** Lessons missed per student per month; `excused` of them for a valid reason. */
export interface AttendanceData {
  months: { key: string; name: string }[];
  missed: Readonly<Record<number, Readonly<Record<string, { total: number; excused: number }>>>>;
}

/** An inspection remark as the page «Замечания по ведению журнала» prints it (issue 12 part 9). */
export interface RemarkLine {
  /** ISO date of the remark. */
  date: string;
  /** What it is about in the class's journal: «Математика, урок 12.10.2025 (2-й), Иванов Иван»; '' for the whole class. */
  about: string;
  text: string;
  dueDate: string | null;
  /** Who checked (the inspector signs beside the name). */
  inspector: string;
  /** The teacher's answer, who gave it and on which day (ISO date, the school's clock), or null. */
  answer: { text: string; by: string; date: string } | null;
  /** The deputy's mark that it is fixed: who and on which day (ISO date, the school's clock), or null. */
  fixed: { by: string; date: string } | null;
}

/** The journal module fills these in; until then a journal has no subject pages, final marks or attendance. */
export interface JournalProviders {
  subjects(ctx: Ctx, data: JournalData): Promise<SubjectPagesData[]>;
  finalMarks?(ctx: Ctx, data: JournalData): Promise<FinalMarksData | null>;
  /** Within `range` only (a period's copy): its months, its absences. */
  attendance?(ctx: Ctx, data: JournalData, range?: DateRange): Promise<AttendanceData | null>;
  /** The inspection remarks on the class's journal of its year, in date order. */
  remarks?(ctx: Ctx, data: JournalData): Promise<RemarkLine[]>;
}

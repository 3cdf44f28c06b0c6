import type { LessonOrigin, LessonStatus, SubjectComponent, SubstitutionKind, TopicKind } from './unions';

// What the channels of the curriculum, teaching load, timetable, lessons, substitutions, thematic
// plans and control works return. Plain camelCase data: the renderer imports these types only, and
// main/timetable maps its database rows onto them.

// --- curriculum ---

/** One row of the curriculum: a subject's weekly hours for a grade, or a class, for the year or one period. */
export interface CurriculumHours {
  grade: number;
  subjectId: number;
  /** null: the whole grade. */
  classId: number | null;
  /** null: the whole year. */
  periodNumber: number | null;
  hours: number;
}

export interface CurriculumClass {
  id: number;
  name: string;
  grade: number;
  weekDays: number;
}

export interface CurriculumPeriod {
  id: number;
  number: number;
  name: string;
  startDate: string;
  endDate: string;
}

export interface CurriculumSubject {
  id: number;
  name: string;
  shortName: string;
  component: SubjectComponent;
}

export interface CurriculumClassTotals {
  classId: number;
  name: string;
  /** Weekly hours by period number, and 'year' for the year's rows. */
  byPeriod: Record<string, number>;
}

/** The curriculum screen of one grade. */
export interface CurriculumView {
  grade: number;
  rows: CurriculumHours[];
  classes: CurriculumClass[];
  periods: CurriculumPeriod[];
  subjects: CurriculumSubject[];
  totals: { grade: Record<string, number>; classes: CurriculumClassTotals[] };
  /** The weekly limits of the grade (СанПиН) for five- and six-day weeks. */
  maxWeekly: { five: number; six: number };
  warnings: string[];
}

export interface CurriculumSaved {
  /** Entries written. */
  saved: number;
  warnings: string[];
}

// --- teaching load and qualifications ---

export interface LoadEntry {
  id: number;
  staffId: number;
  classId: number;
  groupId: number | null;
  subjectId: number;
  hours: number;
  className: string;
  grade: number;
  subjectName: string;
  groupName: string | null;
  /** «Иванова А. П.». */
  teacher: string;
}

export type LoadWarningKind = 'uncovered' | 'mismatch' | 'groups' | 'not-qualified' | 'overload' | 'extra';

export interface LoadWarning {
  kind: LoadWarningKind;
  message: string;
  classId: number | null;
  staffId: number | null;
}

export interface TeacherLoad {
  staffId: number;
  teacher: string;
  /** Weekly hours. */
  hours: number;
  /** «5А, 6Б». */
  classes: string;
  /** Hours ÷ 18, rounded to hundredths. */
  rates: number;
  overload: boolean;
}

export interface LoadCheck {
  warnings: LoadWarning[];
  teachers: TeacherLoad[];
  maxHours: number;
}

export interface Qualification {
  staffId: number;
  subjectId: number;
}

// --- timetable ---

export interface TimetableVersion {
  id: number;
  yearId: number;
  name: string;
  validFrom: string;
  /** The next version's start (this one ends the day before), or null. */
  validTo: string | null;
  /** Number of slots. */
  slots: number;
}

export interface TimetableSlot {
  id: number;
  classId: number;
  groupId: number | null;
  weekday: number;
  lessonNumber: number;
  subjectId: number;
  staffId: number;
  roomId: number | null;
  className: string;
  grade: number;
  subjectName: string;
  subjectShort: string;
  roomNumber: string | null;
  groupName: string | null;
  /** From the class's bells; null when the class has no such lesson number. */
  startTime: string | null;
  endTime: string | null;
  teacher: string;
  /** Messages of the conflicts this slot is part of. */
  conflicts: string[];
}

export interface SlotList {
  slots: TimetableSlot[];
  /** Conflicts and slots outside the bells in the whole version. */
  conflictCount: number;
}

export interface SlotSaved {
  id: number;
  /** The saved slot's conflicts: they do not block saving. */
  conflicts: string[];
  warnings: string[];
}

export type TimetableConflictKind = 'teacher' | 'room' | 'class' | 'subgroup' | 'students';

export interface SlotConflictReport {
  kind: TimetableConflictKind;
  weekday: number;
  slotIds: [number, number];
  message: string;
}

export interface NoBellSlot {
  slotId: number;
  message: string;
}

export interface VersionConflicts {
  versionId: number;
  conflicts: SlotConflictReport[];
  noBell: NoBellSlot[];
  /** Where the timetable's hours differ from the teaching load. */
  loadMismatches: string[];
}

export interface TimetablePdf {
  name: string;
  base64: string;
  pages: number;
}

// --- the year's lessons ---

export type GenerationConflictKind =
  /** A lesson with data is no longer in the timetable: kept as it is. */
  | 'obsolete-kept'
  /** A lesson with data differs from the timetable (teacher or room): kept as it is. */
  | 'changed-kept'
  /** The timetable asks for a lesson at a time a kept lesson with data occupies: not created. */
  | 'blocked';

export interface GenerationConflict {
  kind: GenerationConflictKind;
  lessonId: number | null;
  date: string;
  lessonNumber: number;
  message: string;
}

export interface ClassGeneration {
  classId: number;
  className: string;
  added: number;
  moved: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Lessons whose thematic-plan topic changed. */
  topics: number;
  conflicts: GenerationConflict[];
}

export interface GenerationTotals {
  added: number;
  moved: number;
  updated: number;
  removed: number;
  unchanged: number;
  topics: number;
  conflicts: number;
}

export interface GenerationReport {
  classes: ClassGeneration[];
  totals: GenerationTotals;
  ms: number;
}

/** A lesson of the year as the timetable screens list it. */
export interface ScheduledLesson {
  id: number;
  classId: number;
  groupId: number | null;
  subjectId: number;
  staffId: number;
  substituteStaffId: number | null;
  roomId: number | null;
  date: string;
  lessonNumber: number;
  status: LessonStatus;
  origin: LessonOrigin;
  topic: string;
  homework: string;
  planTopicId: number | null;
  topicKind: TopicKind | null;
  className: string;
  subjectName: string;
  roomNumber: string | null;
  groupName: string | null;
  startTime: string | null;
  endTime: string | null;
  teacher: string;
  /** The substituting teacher, or null. */
  substitute: string | null;
}

/** Planned hours against the lessons held, per class, subject, group and period. */
export interface HoursRow {
  classId: number;
  className: string;
  subjectId: number;
  subject: string;
  groupId: number | null;
  group: string | null;
  period: string;
  periodId: number;
  weeks: number;
  planned: number;
  scheduled: number;
  diff: number;
}

// --- substitutions and moves ---

export interface SubstitutionEntry {
  id: number;
  kind: SubstitutionKind;
  reason: string;
  createdBy: string;
  createdAt: string;
  lessonId: number;
  date: string;
  lessonNumber: number;
  classId: number;
  staffId: number;
  substituteStaffId: number | null;
  className: string;
  subjectName: string;
  teacher: string;
  substitute: string | null;
  /** Where a moved lesson went. */
  newDate: string | null;
  newLessonNumber: number | null;
}

/** A teacher free at the lesson to be substituted. */
export interface SubstitutionCandidate {
  staffId: number;
  name: string;
  /**
   * How well they fit: teaches this subject this year, is qualified for it, teaches this class, or none of these.
   * The list is sorted by it.
   */
  match: 'subject' | 'qualified' | 'class' | 'none';
  /** The subjects they teach this year. */
  subjects: string[];
  /** Held lessons they already have that day. */
  lessonsThatDay: number;
}

export interface SubstitutionCheck {
  /** Why the change would be refused; empty when it can be saved. */
  problems: string[];
}

export interface SubstitutionTeacherTotals {
  staffId: number;
  teacher: string;
  /** Lessons of this teacher someone else took. */
  replaced: number;
  /** Lessons this teacher took for others. */
  gave: number;
  cancelled: number;
  moved: number;
}

export interface SubstitutionClassTotals {
  classId: number;
  className: string;
  substituted: number;
  cancelled: number;
  moved: number;
}

export interface SubstitutionReport {
  teachers: SubstitutionTeacherTotals[];
  classes: SubstitutionClassTotals[];
  total: number;
}

// --- thematic plans ---

export interface PlanSummary {
  id: number;
  subjectId: number;
  grade: number;
  classId: number | null;
  name: string;
  updatedAt: string;
  subjectName: string;
  className: string | null;
  /** Number of topics. */
  topics: number;
  hours: number;
  curriculumHours: number;
  /** The plan's hours differ from the curriculum's. */
  warning: string | null;
}

export interface PlanTopic {
  id: number;
  planId: number;
  position: number;
  title: string;
  hours: number;
  kind: TopicKind;
  homework: string;
}

export interface PlanDetail {
  id: number;
  yearId: number;
  subjectId: number;
  grade: number;
  classId: number | null;
  name: string;
  updatedAt: string;
  topics: PlanTopic[];
}

export interface ParsedTopic {
  /** The row of the file. */
  row: number;
  position: number;
  title: string;
  hours: number;
  kind: TopicKind;
  homework: string;
}

export interface PlanFileResult {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  /** A problem with the whole file (format, columns, size): nothing can be imported. */
  fatal: string | null;
  topics: ParsedTopic[];
  errors: { row: number; message: string }[];
  notices: string[];
  rowCount: number;
  totalHours: number;
}

export interface PlanImported {
  planId: number;
  /** Lessons whose topic changed. */
  lessonsUpdated: number;
  topics: number;
  hours: number;
  warning: string | null;
  notices: string[];
}

export interface PlanExport {
  name: string;
  base64: string;
}

// --- control-work schedule ---

export interface ControlWork {
  id: number;
  classId: number;
  subjectId: number;
  date: string;
  lessonNumber: number | null;
  kind: string;
  title: string;
  createdBy: string;
  className: string;
  grade: number;
  subjectName: string;
}

export interface ControlLimits {
  perDay: number;
  perWeek: number;
}

export interface ControlCheck {
  limits: ControlLimits;
  problems: string[];
}

import { z } from 'zod';
import { id, isoDate } from './fields';
import type { AbsenceCode } from './unions';
import type { Rates } from './rules/results';

// Internal monitoring (ВШК) per control work, attendance and the curriculum's fulfilment (issue 12, parts 6 and 8).
// Every figure is counted up to «today» on the school's clock (setting school.timeZone); lessons after today do not
// count. The definitions are in docs/CONTROL.md and are printed under each report (`notes`).

const optClass = id.nullable().default(null);

export const monitoringSchemas = {
  /** The year's control works with their results in one line each. */
  'vshk.list': z.object({ yearId: id, classId: optClass }),
  /** One control work: its marks' distribution, success, quality and who did not write it. */
  'vshk.report': z.object({ id }),
  /** The year's control works (one sheet) or one work with its students (classId ignored) as XLSX. */
  'vshk.export': z.object({ yearId: id, id: id.nullable().default(null), classId: optClass }),
  /** Absences by class, month and reason; with a class: by day and by student; lessons where attendance was never taken. */
  'attendance.report': z.object({
    yearId: id,
    classId: optClass,
    from: isoDate('С даты').nullable().default(null),
    to: isoDate('По дату').nullable().default(null),
  }),
  'attendance.export': z.object({
    yearId: id,
    classId: optClass,
    from: isoDate('С даты').nullable().default(null),
    to: isoDate('По дату').nullable().default(null),
  }),
  /** Hours planned, given and lost and thematic-plan topics per class and subject up to today. */
  'programme.report': z.object({ yearId: id, classId: optClass }),
  'programme.export': z.object({ yearId: id, classId: optClass }),
} as const;

// --- ВШК ---

export interface ControlWorkResult extends Rates {
  id: number;
  date: string;
  lessonNumber: number | null;
  classId: number;
  className: string;
  subjectName: string;
  kind: string;
  title: string;
  /** Students who had to write it: in the class (and the lesson's group) on the work's date. */
  due: number;
  /** Of them, how many have a mark for it; `students` (from rates) counts the same set. */
  wrote: number;
  /** The work's date is after today: no results are expected yet. */
  future: boolean;
}

export interface ControlWorkStudent {
  studentId: number;
  name: string;
  /** The marks given for the work (several where a work is marked twice, «4/3»). */
  marks: string[];
  /** The absence written on the work's lesson, if any. */
  absence: AbsenceCode | null;
}

export interface ControlWorkReport {
  work: ControlWorkResult;
  /** The lessons that hold the work (one per group where the class is split). */
  lessons: { id: number; lessonNumber: number; groupName: string | null; teacher: string }[];
  students: ControlWorkStudent[];
  /** Students due who have no mark for the work, with their absence on that lesson. */
  missing: ControlWorkStudent[];
  notes: readonly string[];
}

// --- attendance ---

export interface AbsenceCounts {
  н: number;
  б: number;
  у: number;
  total: number;
}

export interface AttendanceRow extends AbsenceCounts {
  key: string;
  name: string;
  /** Student-lessons: each held lesson once for each student who had to be there. */
  seats: number;
  /** (seats − absences) ÷ seats × 100, one decimal; null without lessons. */
  attendance: number | null;
}

export interface NotTakenLesson {
  lessonId: number;
  date: string;
  lessonNumber: number;
  className: string;
  subjectName: string;
  groupName: string | null;
  teacher: string;
}

export interface AttendanceReport {
  yearName: string;
  from: string;
  /** The last day counted: the earlier of the chosen end and today. */
  to: string;
  today: string;
  classes: AttendanceRow[];
  /** Month by month («2026-09» keys), for the chart of the year. */
  months: AttendanceRow[];
  total: AttendanceRow;
  /** With a class: its days with absences and its students. */
  days: AttendanceRow[];
  students: AttendanceRow[];
  /** Held lessons before today with nothing written: no topic, no mark, no absence. */
  notTaken: NotTakenLesson[];
  notTakenCount: number;
  notes: readonly string[];
}

// --- curriculum fulfilment ---

export interface ProgrammeRow {
  key: string;
  classId: number;
  className: string;
  subjectName: string;
  groupName: string | null;
  /** Lessons of the timetable in the whole year (replacements of moved lessons not counted twice). */
  yearPlanned: number;
  /** The same up to today. */
  planned: number;
  /** Lessons held up to today (with replacements of moved lessons and extra lessons). */
  given: number;
  /** Cancelled lessons up to today. */
  cancelled: number;
  /** max(planned − given, 0). */
  lost: number;
  /** given ÷ planned × 100, one decimal; null when nothing was planned yet. */
  fulfilled: number | null;
  /** The thematic plan that applies (the class's own, else the grade's); null: none. */
  planName: string | null;
  topicsPlanned: number;
  /** Plan topics that fall on lessons held up to today. */
  topicsDue: number;
  /** Of them, topics of a lesson whose record the teacher has written. */
  topicsPassed: number;
}

export interface ProgrammeReport {
  yearName: string;
  today: string;
  rows: ProgrammeRow[];
  total: Omit<ProgrammeRow, 'planName' | 'groupName'> & { planName: null; groupName: null };
  notes: readonly string[];
}

export interface MonitoringFile {
  name: string;
  base64: string;
}

export interface MonitoringOutputs {
  'vshk.list': ControlWorkResult[];
  'vshk.report': ControlWorkReport;
  'vshk.export': MonitoringFile;
  'attendance.report': AttendanceReport;
  'attendance.export': MonitoringFile;
  'programme.report': ProgrammeReport;
  'programme.export': MonitoringFile;
}

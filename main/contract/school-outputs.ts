import type { GradingSystem, GroupKind, HolidayKind, MovementKind, NoticeKind, PeriodKind, SubjectComponent } from './unions';

// What the channels of the school's structure, students and parents' notices return. Plain camelCase data: the
// renderer imports these types only, and the school's services map their rows to them.

export interface SchoolInfo {
  fullName: string;
  shortName: string;
  address: string;
  directorName: string;
  phone: string;
  email: string;
  inn: string;
}

/** The school's clock (setting school.timeZone): the one «today» of main and the renderer. */
export interface SchoolClock {
  /** Today on the school's clock, YYYY-MM-DD. */
  today: string;
  /** The school's IANA time zone, e.g. «Europe/Moscow»: the renderer computes the day from it after midnight. */
  timeZone: string;
}

export interface YearRow {
  id: number;
  /** «2025/2026». */
  name: string;
  startDate: string;
  endDate: string;
  closed: boolean;
}

export interface StudyPeriod {
  id: number;
  /** 1, 2, … within the scheme. */
  number: number;
  name: string;
  startDate: string;
  endDate: string;
}

/** Quarters, halves or trimesters, with the grades that study by them. */
export interface PeriodScheme {
  id: number;
  yearId: number;
  name: string;
  kind: PeriodKind;
  periods: StudyPeriod[];
  grades: number[];
}

export interface Holiday {
  id: number;
  yearId: number;
  name: string;
  kind: HolidayKind;
  startDate: string;
  endDate: string;
  /** The grades it applies to; empty: every grade. */
  grades: number[];
}

export interface Bell {
  lessonNumber: number;
  /** «08:00». */
  startTime: string;
  endTime: string;
}

export interface BellSchedule {
  id: number;
  yearId: number;
  name: string;
  shift: number;
  bells: Bell[];
}

export interface Subject {
  id: number;
  name: string;
  shortName: string;
  component: SubjectComponent;
  grading: GradingSystem;
}

export interface Room {
  id: number;
  number: string;
  name: string;
  capacity: number;
}

export interface StaffMember {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string;
  position: string;
  birthDate: string | null;
  snils: string | null;
  phone: string;
  email: string;
  active: boolean;
}

export interface ClassRow {
  id: number;
  yearId: number;
  grade: number;
  letter: string;
  /** «5А». */
  name: string;
  homeroomStaffId: number | null;
  bellScheduleId: number | null;
  weekDays: number;
  shift: number;
  roomId: number | null;
  /** The homeroom teacher's full name, or null. */
  homeroomName: string | null;
  studentCount: number;
}

/** One enrollment interval of a student in a class (a student who moved shows once per class). */
export interface StudentListRow {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string;
  gender: 'м' | 'ж';
  classId: number;
  className: string;
  startDate: string;
  endDate: string | null;
  /** In the class on the asked date. */
  active: boolean;
}

export interface Enrollment {
  classId: number;
  className: string;
  startDate: string;
  endDate: string | null;
}

/** Personal data (152-FZ, seed 000 §6), shown only to those who may see it. */
export interface StudentPersonal {
  birthDate: string;
  citizenship: string;
  snils: string | null;
  birthCertSeries: string;
  birthCertNumber: string;
  passportSeries: string;
  passportNumber: string;
  passportIssued: string;
  addressRegistered: string;
  addressTemporary: string;
  addressActual: string;
  phone: string;
  healthGroup: string;
  peGroup: string;
  healthNotes: string;
  lifeSituation: string;
  personalFileNo: string;
}

export interface Guardian {
  id: number;
  studentId: number;
  /** «мать», «отец», «опекун»… */
  relation: string;
  lastName: string;
  firstName: string;
  middleName: string;
  phone: string;
  email: string;
  address: string;
  workplace: string;
}

export interface StudentDetails {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string;
  gender: 'м' | 'ж';
  enrollments: Enrollment[];
  /** Null when personal data was not asked for. */
  personal: StudentPersonal | null;
  guardians: Guardian[] | null;
}

export interface MovementEntry {
  id: number;
  kind: MovementKind;
  /** «Прибытие», «Перевод», «Выбытие». */
  kindName: string;
  date: string;
  orderNumber: string;
  reason: string;
  createdBy: string;
  createdAt: string;
  fromClass: string | null;
  toClass: string | null;
}

export interface Group {
  id: number;
  classId: number;
  subjectId: number | null;
  name: string;
  kind: GroupKind;
  subjectName: string | null;
  /** Members on the date asked for. */
  studentIds: number[];
  /** Every membership of the group, oldest first: a student who left and came back has two. */
  members: GroupMembership[];
}

export interface GroupMembership {
  studentId: number;
  startDate: string;
  /** Null: still a member. */
  endDate: string | null;
}

/** What the database holds, for `stats --json` and the start screen. */
export interface DatabaseStats {
  students: number;
  classes: number;
  staff: number;
  subjects: number;
  periods: number;
  holidays: number;
  rooms: number;
  groups: number;
  users: number;
  auditRows: number;
  lessons: number;
  substitutions: number;
  planTopics: number;
  marks: number;
  absences: number;
  finalMarks: number;
}

/** A parent's consent, refusal or acknowledgement on file (seeds 001 §8, §20; 004 §3.3–3.4). */
export interface GuardianNotice {
  id: number;
  studentId: number;
  guardianId: number | null;
  guardianName: string;
  kind: NoticeKind;
  kindName: string;
  date: string;
  document: string;
  note: string;
  createdBy: string;
  createdAt: string;
  /** The school-local day it was entered into the program. */
  enteredOn: string;
  /** Days past the 3-day term (seed 004 §3.3) between the notice's date and its entry; 0 when in time. */
  daysLate: number;
}

/** A student whose parents refused any information about progress and attendance (seed 004 §3.3–3.4). */
export interface RefusalRow {
  studentId: number;
  name: string;
  classId: number;
  className: string;
  /** The guardians whose refusal is in force. */
  guardians: string[];
  /** The earliest date of those refusals. */
  since: string;
  documents: string[];
}

export interface RefusalsList {
  date: string;
  /** The caller sees every class (social pedagogue, director, deputy), not only the class they lead. */
  wholeSchool: boolean;
  /** The school's social pedagogue by the settings, or null when nobody is named. */
  socialPedagogue: string | null;
  rows: RefusalRow[];
}

export interface SocialPedagogue {
  staffId: number | null;
  name: string | null;
}

/** One student in the monthly check of a class's personal data. */
export interface PersonalCheckRow {
  studentId: number;
  name: string;
  /** The school-local date of the latest check, or null. */
  checkedOn: string | null;
  checkedBy: string | null;
  checkedThisMonth: boolean;
}

export interface PersonalChecks {
  classId: number;
  className: string;
  /** Today on the school's clock. */
  today: string;
  /** «в декабре 2026 г.» */
  month: string;
  rows: PersonalCheckRow[];
  /** Students not checked this calendar month. */
  unchecked: number;
}

/** The home screen's reminder for one class the caller leads. */
export interface CheckReminder {
  classId: number;
  className: string;
  total: number;
  unchecked: number;
  month: string;
}

/** One student of a class in the parents' notices report. */
export interface NoticesReportRow {
  studentId: number;
  name: string;
  pdConsent: boolean;
  /** Parents refused the electronic form: weekly paper extracts. */
  paperExtracts: boolean;
  /** Parents refused any information: the social pedagogue must be told. */
  refusedInformation: boolean;
  lastAcknowledged: string | null;
}

export interface SchoolOutputs {
  'school.get': SchoolInfo | null;
  'school.clock': SchoolClock;
  'school.save': number;
  'years.list': YearRow[];
  'years.save': number;
  'schemes.list': PeriodScheme[];
  'schemes.save': number;
  'schemes.delete': number;
  'holidays.list': Holiday[];
  'holidays.save': number;
  'holidays.delete': number;
  'bells.list': BellSchedule[];
  'bells.save': number;
  'subjects.list': Subject[];
  'subjects.save': number;
  'rooms.list': Room[];
  'rooms.save': number;
  'staff.list': StaffMember[];
  'staff.save': number;
  'classes.list': ClassRow[];
  'classes.save': number;
  'students.list': StudentListRow[];
  'students.get': StudentDetails;
  'students.create': number;
  'students.update': number;
  'movement.history': MovementEntry[];
  'movement.transfer': number;
  'movement.withdraw': number;
  'movement.arrive': number;
  'groups.list': Group[];
  'groups.save': number;
  'groups.delete': number;
  'stats.get': DatabaseStats;
  'notices.list': GuardianNotice[];
  'notices.record': number;
  'notices.report': NoticesReportRow[];
  'notices.refusals': RefusalsList;
  'notices.socialPedagogue': SocialPedagogue;
  'notices.setSocialPedagogue': SocialPedagogue;
  'students.checks': PersonalChecks;
  'students.markChecked': number;
  'students.checkReminders': CheckReminder[];
}

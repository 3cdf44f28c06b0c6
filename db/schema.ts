import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type {
  PeriodKind,
  HolidayKind,
  SubjectComponent,
  GradingSystem,
  MovementKind,
  GroupKind,
  LessonStatus,
  LessonOrigin,
  SubstitutionKind,
  TopicKind,
  NoticeKind,
  BackupDestinationKind,
  BackupTrigger,
  BackupKind,
  BackupMode,
  AbsenceCode,
  FinalMarkKind,
  CouncilDecisionKind,
} from '../main/contract/unions';

export type * from '../main/contract/unions';

// Kysely's view of the database. One interface per table, named as the table.
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface SettingTable {
  key: string;
  value: string;
}

export interface SchoolTable {
  id: number;
  full_name: string;
  short_name: string;
  address: Defaulted<string>;
  director_name: Defaulted<string>;
  phone: Defaulted<string>;
  email: Defaulted<string>;
  inn: Defaulted<string>;
}

export interface AcademicYearTable {
  id: Generated<number>;
  name: string;
  start_date: string;
  end_date: string;
  closed: Defaulted<number>;
  /** When and by whom the year was closed (null while open). */
  closed_at: Defaulted<string | null>;
  closed_by: Defaulted<string | null>;
}

export interface PeriodSchemeTable {
  id: Generated<number>;
  year_id: number;
  name: string;
  kind: PeriodKind;
}

export interface StudyPeriodTable {
  id: Generated<number>;
  scheme_id: number;
  number: number;
  name: string;
  start_date: string;
  end_date: string;
}

export interface GradeSchemeTable {
  year_id: number;
  grade: number;
  scheme_id: number;
}

export interface HolidayTable {
  id: Generated<number>;
  year_id: number;
  name: string;
  kind: HolidayKind;
  start_date: string;
  end_date: string;
  grades: Defaulted<string>;
}

export interface BellScheduleTable {
  id: Generated<number>;
  year_id: number;
  name: string;
  shift: Defaulted<number>;
}

export interface BellTable {
  schedule_id: number;
  lesson_number: number;
  start_time: string;
  end_time: string;
}

export interface StaffTable {
  id: Generated<number>;
  last_name: string;
  first_name: string;
  middle_name: Defaulted<string>;
  position: string;
  birth_date: string | null;
  snils: string | null;
  phone: Defaulted<string>;
  email: Defaulted<string>;
  active: Defaulted<number>;
}

export interface SubjectTable {
  id: Generated<number>;
  name: string;
  short_name: string;
  component: SubjectComponent;
  grading: Defaulted<GradingSystem>;
}

export interface RoomTable {
  id: Generated<number>;
  number: string;
  name: Defaulted<string>;
  capacity: Defaulted<number>;
}

export interface ClassTable {
  id: Generated<number>;
  year_id: number;
  grade: number;
  letter: string;
  name: string;
  homeroom_staff_id: number | null;
  bell_schedule_id: number | null;
  week_days: Defaulted<number>;
  shift: Defaulted<number>;
  room_id: number | null;
}

export interface StudentTable {
  id: Generated<number>;
  last_name: string;
  first_name: string;
  middle_name: Defaulted<string>;
  birth_date: string;
  gender: 'м' | 'ж';
  citizenship: Defaulted<string>;
  snils: string | null;
  birth_cert_series: Defaulted<string>;
  birth_cert_number: Defaulted<string>;
  passport_series: Defaulted<string>;
  passport_number: Defaulted<string>;
  passport_issued: Defaulted<string>;
  address_registered: Defaulted<string>;
  address_temporary: Defaulted<string>;
  address_actual: Defaulted<string>;
  phone: Defaulted<string>;
  health_group: Defaulted<string>;
  pe_group: Defaulted<string>;
  health_notes: Defaulted<string>;
  life_situation: Defaulted<string>;
  personal_file_no: Defaulted<string>;
}

export interface GuardianTable {
  id: Generated<number>;
  student_id: number;
  relation: string;
  last_name: string;
  first_name: string;
  middle_name: Defaulted<string>;
  phone: Defaulted<string>;
  email: Defaulted<string>;
  address: Defaulted<string>;
  workplace: Defaulted<string>;
}

export interface MovementTable {
  id: Generated<number>;
  student_id: number;
  kind: MovementKind;
  date: string;
  from_class_id: number | null;
  to_class_id: number | null;
  order_number: string;
  reason: Defaulted<string>;
  created_by: string;
  created_at: string;
}

export interface EnrollmentTable {
  id: Generated<number>;
  student_id: number;
  class_id: number;
  start_date: string;
  end_date: string | null;
}

export interface StudyGroupTable {
  id: Generated<number>;
  class_id: number;
  subject_id: number | null;
  name: string;
  kind: GroupKind;
}

/** A student's membership of a group from `start_date` to `end_date` (inclusive; null: still a member). */
export interface GroupMemberTable {
  id: Generated<number>;
  group_id: number;
  student_id: number;
  start_date: string;
  end_date: string | null;
}

export interface AppUserTable {
  id: Generated<number>;
  login: string;
  display_name: string;
  staff_id: number | null;
  password_hash: string | null;
  activation_hash: string | null;
  failed_attempts: Defaulted<number>;
  locked_until: string | null;
  disabled: Defaulted<number>;
  compromised_at: string | null;
  created_at: string;
}

/** A logged-in session (kernel/sessions.ts): only the token's SHA-256 is kept. */
export interface AppSessionTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: string;
  last_seen: string;
  revoked_at: Defaulted<string | null>;
}

/** Failed attempts against a login nobody has, locked like a real account's (accounts/users.ts). */
export interface LoginAttemptTable {
  /** hex SHA-256 of the typed login */
  login_hash: string;
  failed_attempts: Defaulted<number>;
  locked_until: Defaulted<string | null>;
  last_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  class_id: number | null;
  before: string | null;
  after: string | null;
  outcome: Defaulted<string>;
  prev_hash: string;
  hash: string;
}

export interface TeacherSubjectTable {
  staff_id: number;
  subject_id: number;
}

export interface CurriculumHoursTable {
  id: Generated<number>;
  year_id: number;
  grade: number;
  subject_id: number;
  /** A class's own hours instead of its grade's. */
  class_id: number | null;
  /** Hours for one study period (by number) instead of the whole year's. */
  period_number: number | null;
  hours: number;
}

export interface TeachingLoadTable {
  id: Generated<number>;
  year_id: number;
  staff_id: number;
  class_id: number;
  group_id: number | null;
  subject_id: number;
  hours: number;
}

export interface TimetableVersionTable {
  id: Generated<number>;
  year_id: number;
  valid_from: string;
  name: string;
}

export interface TimetableSlotTable {
  id: Generated<number>;
  version_id: number;
  class_id: number;
  group_id: number | null;
  /** 1 = Monday … 6 = Saturday. */
  weekday: number;
  lesson_number: number;
  subject_id: number;
  staff_id: number;
  room_id: number | null;
}

export interface LessonTable {
  id: Generated<number>;
  class_id: number;
  group_id: number | null;
  subject_id: number;
  staff_id: number;
  substitute_staff_id: Defaulted<number | null>;
  room_id: number | null;
  date: string;
  lesson_number: number;
  period_id: number | null;
  origin: Defaulted<LessonOrigin>;
  slot_id: number | null;
  status: Defaulted<LessonStatus>;
  moved_from_id: Defaulted<number | null>;
  topic: Defaulted<string>;
  homework: Defaulted<string>;
  plan_topic_id: Defaulted<number | null>;
  /** Set when a teacher types the topic or homework: the lesson then has data. */
  entered_at: Defaulted<string | null>;
  /** When the topic and the homework were typed (deadline warnings, timeliness report). */
  topic_at: Defaulted<string | null>;
  homework_at: Defaulted<string | null>;
  /** When attendance was first taken: the lesson's first entry (a cell or its details), kept through later edits. */
  attendance_at: Defaulted<string | null>;
  /** Kinds of work done in the lesson, free text: «самостоятельная работа, устный опрос». */
  work_kind: Defaulted<string>;
}

export interface SubstitutionTable {
  id: Generated<number>;
  lesson_id: number;
  kind: SubstitutionKind;
  substitute_staff_id: number | null;
  new_lesson_id: number | null;
  reason: string;
  created_by: string;
  created_at: string;
}

export interface ThematicPlanTable {
  id: Generated<number>;
  year_id: number;
  subject_id: number;
  grade: number;
  class_id: number | null;
  name: string;
  updated_at: string;
}

export interface PlanTopicTable {
  id: Generated<number>;
  plan_id: number;
  position: number;
  title: string;
  hours: number;
  kind: TopicKind;
  homework: Defaulted<string>;
}

export interface ControlWorkTable {
  id: Generated<number>;
  year_id: number;
  class_id: number;
  subject_id: number;
  date: string;
  lesson_number: number | null;
  kind: string;
  title: Defaulted<string>;
  created_by: string;
  created_at: string;
}

export interface GuardianNoticeTable {
  id: Generated<number>;
  student_id: number;
  guardian_id: number | null;
  guardian_name: string;
  kind: NoticeKind;
  date: string;
  document: Defaulted<string>;
  note: Defaulted<string>;
  created_by: string;
  created_at: string;
}

export interface BackupDestinationTable {
  id: Generated<number>;
  kind: BackupDestinationKind;
  path: Defaulted<string>;
  drive_id: string | null;
  label: string;
  enabled: Defaulted<number>;
  created_at: string;
}

export interface BackupRunTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  trigger: BackupTrigger;
  kind: BackupKind;
  mode: BackupMode;
  status: 'ok' | 'failed';
  destination_id: number | null;
  destination: string;
  file: string | null;
  db_bytes: number | null;
  file_bytes: number | null;
  sha256: string | null;
  schema_version: number | null;
  audit_head: string | null;
  verified: Defaulted<number>;
  /** JSON list of older files removed by rotation after this one verified. */
  rotated: string | null;
  message: Defaulted<string>;
  actor: string;
}

export interface BackupCheckTable {
  id: Generated<number>;
  at: string;
  kind: 'drill' | 'restore';
  file: string;
  ok: number;
  message: string;
  details: string | null;
  actor: string;
}

export interface WorkTypeTable {
  id: Generated<number>;
  name: string;
  short: string;
  weight: Defaulted<number>;
  position: number;
}

export interface MarkTable {
  id: Generated<number>;
  lesson_id: number;
  student_id: number;
  position: number;
  /** '1'…'5', with '+'/'-' where the school allows them; 'зач' / 'незач' for pass/fail subjects. */
  value: string;
  work_type_id: number;
  weight: number;
  entered_at: string;
  entered_by: string;
}

/** н: no reason given, б: illness, у: excused. */

export interface JournalCellTable {
  lesson_id: number;
  student_id: number;
  absence: AbsenceCode | null;
  comment: Defaulted<string>;
  entered_at: string;
  entered_by: string;
}

/** p1…p4 (periods in the grade's order), year, exam, final. */

export interface FinalMarkTable {
  id: Generated<number>;
  year_id: number;
  class_id: number;
  subject_id: number;
  student_id: number;
  kind: FinalMarkKind;
  value: string;
  entered_at: string;
  entered_by: string;
}

export interface JournalLockTable {
  id: Generated<number>;
  class_id: number;
  subject_id: number;
  group_id: number | null;
  kind: FinalMarkKind;
  locked_at: string;
  locked_by: string;
  unlocked_at: string | null;
  unlocked_by: string | null;
  unlock_reason: string | null;
}

/** A printed paper extract for a student's parents and its hand-over (issue 13). */
export interface ParentExtractTable {
  id: Generated<number>;
  student_id: number;
  class_id: number;
  kind: Defaulted<'extract' | 'notice'>;
  span_from: string;
  span_to: string;
  printed_at: string;
  printed_by: string;
  file_sha256: string;
  pages: number;
  handed_at: string | null;
  handed_to: Defaulted<string>;
  handed_recorded_by: string | null;
  handed_recorded_at: string | null;
}

export interface PersonalDataCheckTable {
  id: Generated<number>;
  student_id: number;
  class_id: number;
  /** The school-local date of the check. */
  checked_on: string;
  checked_at: string;
  checked_by: string;
}

/** The pedagogical council's decision about a student at the end of a year (issue 14). */
export interface CouncilDecisionTable {
  id: Generated<number>;
  year_id: number;
  class_id: number;
  student_id: number;
  kind: CouncilDecisionKind;
  /** «протокол № 12 от 29.05.2026». */
  protocol: Defaulted<string>;
  note: Defaulted<string>;
  recorded_by: string;
  recorded_at: string;
}

/** A final mark deferred for an ill student (seed 001, teacher §12): due by `due_date`. */
export interface DeferredMarkTable {
  id: Generated<number>;
  year_id: number;
  class_id: number;
  subject_id: number;
  student_id: number;
  kind: FinalMarkKind;
  reason: string;
  due_date: string;
  created_by: string;
  created_at: string;
}

/** An inspection remark on keeping a class's journal (issue 12 part 9): written by the deputy, answered by the teacher. */
export interface JournalRemarkTable {
  id: Generated<number>;
  year_id: number;
  class_id: number;
  /** null: the whole class's journal. */
  subject_id: number | null;
  group_id: number | null;
  lesson_id: number | null;
  student_id: number | null;
  /** The remark's date on the school's clock. */
  date: string;
  text: string;
  /** The date to fix it by. */
  due_date: string | null;
  written_by: string;
  written_at: string;
  answer: string | null;
  answered_by: string | null;
  answered_at: string | null;
  fixed_by: string | null;
  fixed_at: string | null;
}

export interface ArchiveDestructionActTable {
  id: Generated<number>;
  number: string;
  drawn_at: string;
  drawn_by: string;
  file_sha256: string | null;
  signed_on: string | null;
  signed_recorded_by: string | null;
  signed_recorded_at: string | null;
}

export interface ArchiveDocumentTable {
  id: Generated<number>;
  kind: string;
  year_id: number;
  class_id: number | null;
  period: string | null;
  format: string;
  pages: number;
  file_name: Defaulted<string>;
  file_sha256: string;
  printed_at: string;
  printed_by: string;
  laced_at: string | null;
  laced_by: string | null;
  signed_at: string | null;
  signed_by: string | null;
  sealed_at: string | null;
  sealed_by: string | null;
  storage_place: Defaulted<string>;
  act_id: number | null;
  destroyed_on: string | null;
}

export interface ArchivePackageTable {
  id: Generated<number>;
  year_id: number;
  folder: string;
  files: number;
  bytes: number;
  manifest_sha256: string;
  created_at: string;
  created_by: string;
}

export interface ArchiveCheckTable {
  id: Generated<number>;
  package_id: number;
  checked_at: string;
  ok: number;
  problems: Defaulted<string>;
}

export interface DB {
  setting: SettingTable;
  school: SchoolTable;
  academic_year: AcademicYearTable;
  period_scheme: PeriodSchemeTable;
  study_period: StudyPeriodTable;
  grade_scheme: GradeSchemeTable;
  holiday: HolidayTable;
  bell_schedule: BellScheduleTable;
  bell: BellTable;
  staff: StaffTable;
  subject: SubjectTable;
  room: RoomTable;
  class: ClassTable;
  student: StudentTable;
  guardian: GuardianTable;
  movement: MovementTable;
  enrollment: EnrollmentTable;
  study_group: StudyGroupTable;
  group_member: GroupMemberTable;
  app_user: AppUserTable;
  user_role: UserRoleTable;
  app_session: AppSessionTable;
  login_attempt: LoginAttemptTable;
  audit_log: AuditLogTable;
  guardian_notice: GuardianNoticeTable;
  teacher_subject: TeacherSubjectTable;
  curriculum_hours: CurriculumHoursTable;
  teaching_load: TeachingLoadTable;
  timetable_version: TimetableVersionTable;
  timetable_slot: TimetableSlotTable;
  lesson: LessonTable;
  substitution: SubstitutionTable;
  thematic_plan: ThematicPlanTable;
  plan_topic: PlanTopicTable;
  control_work: ControlWorkTable;
  backup_destination: BackupDestinationTable;
  backup_run: BackupRunTable;
  backup_check: BackupCheckTable;
  work_type: WorkTypeTable;
  mark: MarkTable;
  journal_cell: JournalCellTable;
  final_mark: FinalMarkTable;
  journal_lock: JournalLockTable;
  parent_extract: ParentExtractTable;
  personal_data_check: PersonalDataCheckTable;
  council_decision: CouncilDecisionTable;
  deferred_mark: DeferredMarkTable;
  archive_destruction_act: ArchiveDestructionActTable;
  archive_document: ArchiveDocumentTable;
  archive_package: ArchivePackageTable;
  archive_check: ArchiveCheckTable;
  journal_remark: JournalRemarkTable;
}

export type Row<T extends keyof DB> = Selectable<DB[T]>;
export type NewRow<T extends keyof DB> = Insertable<DB[T]>;
export type RowUpdate<T extends keyof DB> = Updateable<DB[T]>;

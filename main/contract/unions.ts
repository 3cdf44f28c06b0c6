// The string unions of the database's columns: the values main stores and the renderer shows. The contract owns them
// (runtime-neutral); db/schema.ts uses them for its column types.

export type PeriodKind = 'quarter' | 'half' | 'trimester';
export type HolidayKind = 'autumn' | 'winter' | 'spring' | 'summer' | 'extra' | 'public';
export type SubjectComponent = 'federal' | 'school';
export type GradingSystem = 'five' | 'pass';
export type MovementKind = 'arrival' | 'transfer' | 'withdrawal';
export type GroupKind = 'subgroup' | 'stream' | 'iup';
export type LessonStatus = 'held' | 'cancelled' | 'moved';
export type LessonOrigin = 'timetable' | 'manual';
export type SubstitutionKind = 'substitute' | 'cancel' | 'move';
export type TopicKind = 'ordinary' | 'practical' | 'laboratory' | 'control' | 'excursion';
export type NoticeKind = 'pd_consent' | 'pd_refusal' | 'electronic_refusal' | 'electronic_consent' | 'info_refusal' | 'acknowledged';
export type BackupDestinationKind = 'folder' | 'drive';
export type BackupTrigger = 'manual' | 'scheduled' | 'cli';
export type BackupKind = 'regular' | 'archive';
export type BackupMode = 'recipient' | 'passphrase';
export type AbsenceCode = 'н' | 'б' | 'у';
export type FinalMarkKind = `p${number}` | 'year' | 'exam' | 'final';
/** The pedagogical council's decision: «переведён», «условно переведён», «оставлен на повторное обучение», «выпущен». */
export type CouncilDecisionKind = 'promoted' | 'conditional' | 'retained' | 'graduated';

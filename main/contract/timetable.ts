import { z } from 'zod';
import { id, isoDate, optId, required, text } from './fields';
import type * as T from './timetable-outputs';

// Channels of the curriculum, teaching load, timetable, lessons, substitutions, thematic plans
// and the control-work schedule.

const hours = z
  .number({ message: 'Часы: число' })
  .min(0, 'Часы не могут быть отрицательными')
  .max(40, 'Не больше 40 часов в неделю')
  .refine((h) => Number.isInteger(h * 2), { message: 'Часы: целое число или с половиной (0,5)' });
const weekday = z
  .number()
  .int()
  .min(1, 'День недели от 1 (понедельник) до 6 (суббота)')
  .max(6, 'День недели от 1 (понедельник) до 6 (суббота)');
const lessonNumber = z.number().int().min(0, 'Номер урока от 0 до 12').max(12, 'Номер урока от 0 до 12');
/** A file sent from the renderer: its name and content in base64 (at most 6 MB after decoding). */
const upload = z.object({
  name: required('Имя файла', 255),
  base64: z.string().max(8_000_000, 'Файл больше 6 МБ: разделите его'),
});

export const timetableSchemas = {
  // --- curriculum ---
  'curriculum.get': z.object({ yearId: id, grade: z.number().int().min(1).max(11) }),
  'curriculum.save': z.object({
    yearId: id,
    grade: z.number().int().min(1, 'Параллель от 1 до 11').max(11, 'Параллель от 1 до 11'),
    classId: optId,
    periodNumber: z.number().int().min(1).max(6).nullable().optional(),
    entries: z.array(z.object({ subjectId: id, hours: hours.nullable() })).max(100),
  }),

  // --- teaching load and qualifications ---
  'load.list': z.object({ yearId: id }),
  'load.save': z.object({
    id: optId,
    yearId: id,
    staffId: id,
    classId: id,
    groupId: optId,
    subjectId: id,
    hours: hours.refine((h) => h > 0, 'Часы: больше нуля'),
  }),
  'load.delete': z.object({ id }),
  'load.check': z.object({ yearId: id }),
  'qualifications.list': z.object({}).strict().optional().default({}),
  'qualifications.set': z.object({ staffId: id, subjectIds: z.array(id).max(60) }),

  // --- timetable ---
  'timetable.versions': z.object({ yearId: id }),
  'timetable.saveVersion': z.object({
    id: optId,
    yearId: id,
    name: required('Название', 100),
    valid_from: isoDate('Действует с'),
    /** A new version starts as a copy of this one. */
    copyFrom: optId,
  }),
  'timetable.deleteVersion': z.object({ id }),
  'timetable.slots': z.object({ versionId: id, classId: optId, staffId: optId, roomId: optId }),
  'timetable.saveSlot': z.object({
    id: optId,
    versionId: id,
    classId: id,
    groupId: optId,
    weekday,
    lesson_number: lessonNumber,
    subjectId: id,
    staffId: id,
    roomId: optId,
  }),
  'timetable.deleteSlot': z.object({ id }),
  'timetable.conflicts': z.object({ versionId: id }),
  'timetable.pdf': z.object({ versionId: id, classIds: z.array(id).max(100).optional(), staffIds: z.array(id).max(200).optional() }),

  // --- the year's lessons ---
  'lessons.generate': z.object({ yearId: id, classIds: z.array(id).max(200).optional(), from: isoDate('С даты').optional() }),
  'lessons.list': z.object({ classId: optId, staffId: optId, from: isoDate('С даты'), to: isoDate('По дату') }),
  'lessons.hours': z.object({ yearId: id, classId: optId }),

  // --- substitutions and moves ---
  'subs.substitute': z.object({ lessonId: id, staffId: id, reason: required('Причина замены') }),
  'subs.cancel': z.object({ lessonId: id, reason: required('Причина отмены') }),
  'subs.move': z.object({
    lessonId: id,
    date: isoDate('Новая дата'),
    lesson_number: lessonNumber,
    roomId: optId,
    reason: required('Причина переноса'),
  }),
  'subs.list': z.object({ yearId: id, from: isoDate('С даты').optional(), to: isoDate('По дату').optional() }),
  /** The teachers free at that lesson, best suited first. */
  'subs.candidates': z.object({ lessonId: id }),
  /** What the saving call would refuse, asked before saving. */
  'subs.check': z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('substitute'), lessonId: id, staffId: id }),
    z.object({ kind: z.literal('move'), lessonId: id, date: isoDate('Новая дата'), lesson_number: lessonNumber, roomId: optId }),
  ]),
  'subs.report': z.object({ yearId: id, from: isoDate('С даты').optional(), to: isoDate('По дату').optional() }),

  // --- thematic plans ---
  'plans.list': z.object({ yearId: id }),
  'plans.get': z.object({ id }),
  'plans.preview': z.object({ file: upload }),
  'plans.import': z.object({
    yearId: id,
    subjectId: id,
    grade: z.number().int().min(1).max(11),
    classId: optId,
    name: text(200).optional(),
    file: upload,
  }),
  'plans.export': z.object({ id, format: z.enum(['xlsx', 'csv']) }),
  'plans.delete': z.object({ id }),

  // --- control-work schedule ---
  'control.list': z.object({ yearId: id, from: isoDate('С даты').optional(), to: isoDate('По дату').optional(), classId: optId }),
  'control.save': z.object({
    id: optId,
    yearId: id,
    classId: id,
    subjectId: id,
    date: isoDate('Дата'),
    lesson_number: lessonNumber.nullable().optional(),
    kind: required('Вид работы', 100),
    title: text(300),
  }),
  'control.delete': z.object({ id }),
  'control.check': z.object({ yearId: id }),
  'control.limits': z.object({}).strict().optional().default({}),
  'control.setLimits': z.object({
    perDay: z.number().int().min(1, 'Не меньше 1 в день').max(5),
    perWeek: z.number().int().min(1, 'Не меньше 1 в неделю').max(20),
  }),
} as const;

export interface TimetableOutputs {
  'curriculum.get': T.CurriculumView;
  'curriculum.save': T.CurriculumSaved;
  'load.list': T.LoadEntry[];
  'load.save': number;
  'load.delete': number;
  'load.check': T.LoadCheck;
  'qualifications.list': T.Qualification[];
  'qualifications.set': number;
  'timetable.versions': T.TimetableVersion[];
  'timetable.saveVersion': number;
  'timetable.deleteVersion': number;
  'timetable.slots': T.SlotList;
  'timetable.saveSlot': T.SlotSaved;
  'timetable.deleteSlot': number;
  'timetable.conflicts': T.VersionConflicts;
  'timetable.pdf': T.TimetablePdf;
  'lessons.generate': T.GenerationReport;
  'lessons.list': T.ScheduledLesson[];
  'lessons.hours': T.HoursRow[];
  'subs.substitute': number;
  'subs.cancel': number;
  'subs.move': number;
  'subs.list': T.SubstitutionEntry[];
  'subs.candidates': T.SubstitutionCandidate[];
  'subs.check': T.SubstitutionCheck;
  'subs.report': T.SubstitutionReport;
  'plans.list': T.PlanSummary[];
  'plans.get': T.PlanDetail;
  'plans.preview': T.PlanFileResult;
  'plans.import': T.PlanImported;
  'plans.export': T.PlanExport;
  'plans.delete': number;
  'control.list': T.ControlWork[];
  'control.save': number;
  'control.delete': number;
  'control.check': T.ControlCheck;
  'control.limits': T.ControlLimits;
  'control.setLimits': number;
}

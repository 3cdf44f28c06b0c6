import { z } from 'zod';
import { empty, id, isoDate, optId, patchOf, required, snils, text, time } from './fields';

// Channels of the school's structure: the school, years, periods, holidays, bells, subjects, rooms, staff, classes,
// students, movement, groups and parents' notices.

export const studentFields = z.object({
  last_name: required('Фамилия', 100),
  first_name: required('Имя', 100),
  middle_name: text(100),
  birth_date: isoDate('Дата рождения'),
  gender: z.enum(['м', 'ж'], { message: 'Пол: «м» или «ж»' }),
  citizenship: text(100),
  snils,
  birth_cert_series: text(20),
  birth_cert_number: text(20),
  passport_series: text(10),
  passport_number: text(20),
  passport_issued: text(),
  address_registered: text(),
  address_temporary: text(),
  address_actual: text(),
  phone: text(60),
  health_group: text(20),
  pe_group: text(40),
  health_notes: text(2000),
  life_situation: text(2000),
  personal_file_no: text(40),
});

export const guardianFields = z.object({
  relation: required('Кем приходится', 60),
  last_name: required('Фамилия родителя', 100),
  first_name: required('Имя родителя', 100),
  middle_name: text(100),
  phone: text(60),
  email: text(200),
  address: text(),
  workplace: text(),
});

export const schoolSchemas = {
  // --- school and year ---
  'school.get': empty,
  'school.clock': empty,
  'school.save': z.object({
    full_name: required('Полное наименование'),
    short_name: required('Краткое наименование', 200),
    address: text(),
    director_name: text(200),
    phone: text(60),
    email: text(200),
    inn: z
      .string()
      .trim()
      .regex(/^(\d{10}|\d{12}|)$/, 'ИНН: 10 или 12 цифр'),
  }),
  'years.list': empty,
  'years.save': z.object({
    id: optId,
    name: z
      .string()
      .trim()
      .regex(/^\d{4}\/\d{4}$/, 'Учебный год в виде 2025/2026'),
    start_date: isoDate('Начало года'),
    end_date: isoDate('Конец года'),
  }),
  'schemes.list': z.object({ yearId: id }),
  'schemes.save': z.object({
    id: optId,
    yearId: id,
    name: required('Название схемы', 100),
    kind: z.enum(['quarter', 'half', 'trimester']),
    grades: z.array(z.number().int().min(1).max(11)).min(1, 'Выберите хотя бы одну параллель'),
    periods: z
      .array(
        z.object({
          name: required('Название периода', 100),
          start_date: isoDate('Начало периода'),
          end_date: isoDate('Конец периода'),
        }),
      )
      .min(1, 'Добавьте хотя бы один период')
      .max(6),
  }),
  'schemes.delete': z.object({ id }),
  'holidays.list': z.object({ yearId: id }),
  'holidays.save': z.object({
    id: optId,
    yearId: id,
    name: required('Название', 200),
    kind: z.enum(['autumn', 'winter', 'spring', 'summer', 'extra', 'public']),
    start_date: isoDate('Начало каникул'),
    end_date: isoDate('Конец каникул'),
    grades: z.array(z.number().int().min(1).max(11)).default([]),
  }),
  'holidays.delete': z.object({ id }),
  'bells.list': z.object({ yearId: id }),
  'bells.save': z.object({
    id: optId,
    yearId: id,
    name: required('Название', 100),
    shift: z.number().int().min(1).max(2),
    bells: z
      .array(z.object({ lesson_number: z.number().int().min(0).max(12), start_time: time('Начало'), end_time: time('Конец') }))
      .min(1, 'Добавьте хотя бы один урок'),
  }),
  'subjects.list': empty,
  'subjects.save': z.object({
    id: optId,
    name: required('Предмет', 200),
    short_name: required('Краткое название', 40),
    component: z.enum(['federal', 'school']),
    grading: z.enum(['five', 'pass']),
  }),
  'rooms.list': empty,
  'rooms.save': z.object({
    id: optId,
    number: required('Номер', 20),
    name: text(200),
    capacity: z.number().int().min(1).max(500),
  }),
  'staff.list': empty,
  'staff.save': z.object({
    id: optId,
    last_name: required('Фамилия', 100),
    first_name: required('Имя', 100),
    middle_name: text(100),
    position: required('Должность', 200),
    birth_date: isoDate('Дата рождения').nullable().optional(),
    snils,
    phone: text(60),
    email: text(200),
    active: z.boolean().default(true),
  }),
  'classes.list': z.object({ yearId: id }),
  'classes.save': z.object({
    id: optId,
    yearId: id,
    grade: z.number().int().min(1, 'Параллель от 1 до 11').max(11, 'Параллель от 1 до 11'),
    letter: z
      .string()
      .trim()
      .regex(/^[А-ЯЁ]{1,2}$/u, 'Литера класса: одна-две заглавные русские буквы'),
    homeroom_staff_id: optId,
    bell_schedule_id: optId,
    week_days: z.union([z.literal(5), z.literal(6)]),
    shift: z.number().int().min(1).max(2),
    room_id: optId,
  }),

  // --- students, groups and movement ---
  'students.list': z.object({
    classId: optId,
    date: isoDate('Дата').optional(),
    search: text(100).optional(),
    includeLeft: z.boolean().default(false),
  }),
  // Personal fields are asked for explicitly, so that a forged request for them is refused and logged.
  'students.get': z.object({ id, withPersonal: z.boolean().default(false) }),
  'students.create': z.object({
    student: studentFields,
    classId: id,
    date: isoDate('Дата зачисления'),
    order_number: required('Номер приказа', 60),
    guardians: z.array(guardianFields).max(6).default([]),
  }),
  // Only the fields sent change; personal fields and guardians need «students.personal» (refused, not dropped).
  'students.update': z.object({
    id,
    student: patchOf(studentFields),
    guardians: z.array(guardianFields).max(6).optional(),
  }),
  'movement.history': z.object({ studentId: id }),
  'movement.transfer': z.object({
    studentId: id,
    toClassId: id,
    date: isoDate('Дата перевода'),
    order_number: required('Номер приказа', 60),
    reason: text(),
    /** The new class's groups (subgroups) the student joins on the date. */
    groupIds: z.array(id).max(30).optional(),
  }),
  'movement.withdraw': z.object({
    studentId: id,
    date: isoDate('Дата выбытия'),
    order_number: required('Номер приказа', 60),
    reason: required('Причина выбытия'),
  }),
  'movement.arrive': z.object({
    studentId: id,
    classId: id,
    date: isoDate('Дата прибытия'),
    order_number: required('Номер приказа', 60),
    reason: text(),
  }),
  // Members on `date` (today if not given); each group also lists its whole membership history.
  'groups.list': z.object({ classId: id, date: isoDate('Дата').optional() }),
  'groups.save': z.object({
    id: optId,
    classId: id,
    subjectId: optId,
    name: required('Название группы', 100),
    kind: z.enum(['subgroup', 'stream', 'iup']),
    /** The members from `date` on; the membership before it stays as it was. */
    studentIds: z.array(id).max(60),
    /** When the change takes effect: a new group's members from the year's start, an edit's from today if not given. */
    date: isoDate('Дата изменения состава').optional(),
  }),
  'groups.delete': z.object({ id }),
  'stats.get': empty,

  // --- parents' consents, refusals and acknowledgements (seeds 001 §8, §20; 004 §3.3–3.4) ---
  'notices.list': z.object({ studentId: id }),
  'notices.record': z.object({
    studentId: id,
    guardianId: id,
    kind: z.enum(['pd_consent', 'pd_refusal', 'electronic_consent', 'electronic_refusal', 'info_refusal', 'acknowledged']),
    date: isoDate('Дата'),
    document: text(200),
    note: text(1000),
  }),
  'notices.report': z.object({ classId: id, date: isoDate('Дата') }),
  // Students whose parents refused any information (seed 004 §3.4): the social pedagogue's list.
  'notices.refusals': z.object({ date: isoDate('Дата').optional() }),
  'notices.socialPedagogue': empty,
  'notices.setSocialPedagogue': z.object({ staffId: id.nullable() }),

  // --- the monthly check of the class's personal data (seed 000, homeroom §7) ---
  'students.checks': z.object({ classId: id }),
  /** Without studentIds: every student of the class today. */
  'students.markChecked': z.object({ classId: id, studentIds: z.array(id).min(1).max(80).optional() }),
  'students.checkReminders': empty,
} as const;

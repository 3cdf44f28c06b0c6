import type { Db } from '../../db/index';
import type { Ctx } from '../../main/kernel/context';
import * as bells from '../../main/school/bells';
import * as catalog from '../../main/school/catalog';
import * as classes from '../../main/school/classes';
import * as groups from '../../main/school/groups';
import * as staff from '../../main/school/staff';
import * as students from '../../main/school/students';
import * as years from '../../main/school/years';
import * as load from '../../main/timetable/load';
import * as lessons from '../../main/timetable/lessons';
import * as timetable from '../../main/timetable/timetable';

// A small school for timetable tests: quarters for grades 1 and 5, half-years for 10, a six-day
// week in 10А, a second shift in 2А, English subgroups in 5А.

export const HOLIDAYS = [
  { name: 'Осенние', kind: 'autumn', start_date: '2025-10-25', end_date: '2025-11-04', grades: [] as number[] },
  { name: 'Зимние', kind: 'winter', start_date: '2025-12-27', end_date: '2026-01-11', grades: [] },
  { name: 'Доп. для 1 классов', kind: 'extra', start_date: '2026-02-14', end_date: '2026-02-22', grades: [1] },
  { name: 'День защитника Отечества', kind: 'public', start_date: '2026-02-23', end_date: '2026-02-23', grades: [] },
  { name: 'Весенние', kind: 'spring', start_date: '2026-03-21', end_date: '2026-03-29', grades: [] },
  { name: 'Летние', kind: 'summer', start_date: '2026-05-27', end_date: '2026-08-31', grades: [] },
] as const;

/** A student's fields with only the name and birth date filled: for test schools. */
export function student(last: string, first: string, birth: string) {
  return {
    last_name: last,
    first_name: first,
    middle_name: '',
    birth_date: birth,
    gender: 'м' as const,
    citizenship: '',
    snils: null,
    birth_cert_series: '',
    birth_cert_number: '',
    passport_series: '',
    passport_number: '',
    passport_issued: '',
    address_registered: '',
    address_temporary: '',
    address_actual: '',
    phone: '',
    health_group: '',
    pe_group: '',
    health_notes: '',
    life_situation: '',
    personal_file_no: '',
  };
}

export async function smallSchool(ctx: Ctx) {
  const yearId = await years.saveYear(ctx, { id: null, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31' });
  for (const h of HOLIDAYS) await years.saveHoliday(ctx, { id: null, yearId, ...h, grades: [...h.grades] });
  await years.saveScheme(ctx, {
    id: null,
    yearId,
    name: 'Четверти',
    kind: 'quarter',
    grades: [1, 2, 5],
    periods: [
      { name: '1 четверть', start_date: '2025-09-01', end_date: '2025-10-24' },
      { name: '2 четверть', start_date: '2025-11-05', end_date: '2025-12-26' },
      { name: '3 четверть', start_date: '2026-01-12', end_date: '2026-03-20' },
      { name: '4 четверть', start_date: '2026-03-30', end_date: '2026-05-26' },
    ],
  });
  await years.saveScheme(ctx, {
    id: null,
    yearId,
    name: 'Полугодия',
    kind: 'half',
    grades: [10],
    periods: [
      { name: '1 полугодие', start_date: '2025-09-01', end_date: '2025-12-26' },
      { name: '2 полугодие', start_date: '2026-01-12', end_date: '2026-05-26' },
    ],
  });
  const t = (h: number, m: number) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
  const first = await bells.saveBellSchedule(ctx, {
    id: null,
    yearId,
    name: 'Первая смена',
    shift: 1,
    bells: [1, 2, 3, 4, 5, 6].map((n) => ({ lesson_number: n, start_time: t(7 + n, 0), end_time: t(7 + n, 40) })),
  });
  const second = await bells.saveBellSchedule(ctx, {
    id: null,
    yearId,
    name: 'Вторая смена',
    shift: 2,
    bells: [1, 2, 3, 4, 5].map((n) => ({ lesson_number: n, start_time: t(13 + n, 0), end_time: t(13 + n, 40) })),
  });
  const subject = async (name: string) =>
    catalog.saveSubject(ctx, { id: null, name, short_name: name.slice(0, 6), component: 'federal', grading: 'five' });
  const math = await subject('Математика');
  const russian = await subject('Русский язык');
  const english = await subject('Английский язык');
  const pe = await subject('Физическая культура');
  const room = async (number: string) => catalog.saveRoom(ctx, { id: null, number, name: '', capacity: 30 });
  const r101 = await room('101');
  const r102 = await room('102');
  const r103 = await room('103');
  const gym = await room('Спортзал');
  const person = async (last: string, position: string) =>
    staff.saveStaff(ctx, {
      id: null,
      last_name: last,
      first_name: 'Анна',
      middle_name: 'Петровна',
      position,
      birth_date: null,
      snils: null,
      phone: '',
      email: '',
      active: true,
    });
  const mathT = await person('Иванова', 'Учитель математики');
  const rusT = await person('Петрова', 'Учитель русского языка');
  const engA = await person('Сидорова', 'Учитель английского языка');
  const engB = await person('Кузнецова', 'Учитель английского языка');
  const peT = await person('Смирнова', 'Учитель физкультуры');
  const cls = async (grade: number, week_days: 5 | 6, bell: number, shift = 1) =>
    classes.saveClass(ctx, {
      id: null,
      yearId,
      grade,
      letter: 'А',
      homeroom_staff_id: null,
      bell_schedule_id: bell,
      week_days,
      shift,
      room_id: null,
    });
  const c1 = await cls(1, 5, first);
  const c2 = await cls(2, 5, second, 2);
  const c5 = await cls(5, 5, first);
  const c10 = await cls(10, 6, first);
  const kids: number[] = [];
  for (const [i, name] of ['Антонов', 'Борисов', 'Васильев', 'Григорьев'].entries())
    kids.push(
      await students.createStudent(ctx, {
        classId: c5,
        date: '2025-09-01',
        order_number: '1-у',
        guardians: [],
        student: student(name, 'Иван', `2014-0${i + 1}-10`),
      }),
    );
  const g1 = await groups.saveGroup(ctx, {
    id: null,
    classId: c5,
    subjectId: english,
    name: 'Англ. — 1 подгруппа',
    kind: 'subgroup',
    studentIds: kids.slice(0, 2),
    date: '2025-09-01',
  });
  const g2 = await groups.saveGroup(ctx, {
    id: null,
    classId: c5,
    subjectId: english,
    name: 'Англ. — 2 подгруппа',
    kind: 'subgroup',
    studentIds: kids.slice(2),
    date: '2025-09-01',
  });
  const versionId = await timetable.saveVersion(ctx, { id: null, yearId, name: 'Основное', valid_from: '2025-09-01', copyFrom: null });
  return {
    yearId,
    first,
    second,
    subjects: { math, russian, english, pe },
    rooms: { r101, r102, r103, gym },
    staff: { mathT, rusT, engA, engB, peT },
    classes: { c1, c2, c5, c10 },
    groups: { g1, g2 },
    kids,
    versionId,
  };
}

export type SmallSchool = Awaited<ReturnType<typeof smallSchool>>;

/** The mathematics teacher's load in 5А: `hours` a week of mathematics (what the journal's rights hang on). */
export async function mathTeacherLoad(ctx: Ctx, s: SmallSchool, hours: number) {
  await load.saveLoad(ctx, {
    id: null,
    yearId: s.yearId,
    staffId: s.staff.mathT,
    classId: s.classes.c5,
    subjectId: s.subjects.math,
    groupId: null,
    hours,
  });
}

/** The small school with its plain week, its lessons generated and 5А mathematics loaded (3 hours): a journal to write in. */
export async function schoolWithMathLessons(ctx: Ctx): Promise<SmallSchool> {
  const s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  await lessons.generateLessons(ctx, { yearId: s.yearId });
  await mathTeacherLoad(ctx, s, 3);
  return s;
}

/** The first lesson of 5А mathematics. */
export async function firstMathLesson(db: Db, s: SmallSchool): Promise<{ id: number; date: string }> {
  return db
    .selectFrom('lesson')
    .select(['id', 'date'])
    .where('class_id', '=', s.classes.c5)
    .where('subject_id', '=', s.subjects.math)
    .orderBy('date')
    .executeTakeFirstOrThrow();
}

/** A plain week for 1А, 5А (with English subgroups) and 10А (with Saturday). */
export async function plainWeek(ctx: Ctx, s: SmallSchool) {
  const slot = (
    classId: number,
    weekday: number,
    lesson_number: number,
    subjectId: number,
    staffId: number,
    roomId: number | null,
    groupId: number | null = null,
  ) => ({ class_id: classId, group_id: groupId, weekday, lesson_number, subject_id: subjectId, staff_id: staffId, room_id: roomId });
  const slots = [
    ...[1, 2, 3, 4, 5].map((d) => slot(s.classes.c5, d, 1, s.subjects.math, s.staff.mathT, s.rooms.r101)),
    ...[1, 3, 5].map((d) => slot(s.classes.c5, d, 2, s.subjects.russian, s.staff.rusT, s.rooms.r102)),
    slot(s.classes.c5, 2, 2, s.subjects.english, s.staff.engA, s.rooms.r102, s.groups.g1),
    slot(s.classes.c5, 2, 2, s.subjects.english, s.staff.engB, s.rooms.r103, s.groups.g2),
    ...[1, 2, 3, 4, 5].map((d) => slot(s.classes.c1, d, 2, s.subjects.math, s.staff.mathT, s.rooms.r101)),
    ...[1, 2, 3, 4, 5, 6].map((d) => slot(s.classes.c10, d, 3, s.subjects.russian, s.staff.rusT, s.rooms.r102)),
  ];
  await timetable.replaceClassSlots(ctx, s.versionId, slots);
  return slots;
}

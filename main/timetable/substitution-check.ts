import type { Db } from '../../db/index';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { SubstitutionCandidate, SubstitutionCheck } from '../contract/timetable-outputs';
import { ru } from '../contract/rules/dates';
import { shortName } from '../contract/rules/names';
import { notFound } from '../kernel/invalid';
import { parseGrades, periodsForGrade } from '../school/years';
import { studyDays } from './calendar';
import { minutes } from './conflicts';

// What stands in the way of a substitution or a move, asked BEFORE saving (the dialog shows it while the deputy
// chooses) and again by the saving service itself, so both say the same; and who is free to take a lesson, best
// suited first.

export async function lessonFor(db: Db, id: number) {
  const l = await db
    .selectFrom('lesson as l')
    .innerJoin('class as c', 'c.id', 'l.class_id')
    .leftJoin('bell as b', (j) => j.onRef('b.schedule_id', '=', 'c.bell_schedule_id').onRef('b.lesson_number', '=', 'l.lesson_number'))
    .selectAll('l')
    .select(['c.name as class_name', 'c.grade', 'c.week_days', 'c.year_id', 'c.bell_schedule_id', 'b.start_time', 'b.end_time'])
    .where('l.id', '=', id)
    .executeTakeFirst();
  if (!l) notFound('Урок');
  return l;
}

export type LessonRow = Awaited<ReturnType<typeof lessonFor>>;

/** Held lessons on a date that overlap [start, end) (by each class's bells), except the given ones. */
async function overlapping(db: Db, date: string, start: string, end: string, except: number[]) {
  const rows = await db
    .selectFrom('lesson as l')
    .innerJoin('class as c', 'c.id', 'l.class_id')
    .innerJoin('bell as b', (j) => j.onRef('b.schedule_id', '=', 'c.bell_schedule_id').onRef('b.lesson_number', '=', 'l.lesson_number'))
    .select([
      'l.id',
      'l.staff_id',
      'l.substitute_staff_id',
      'l.room_id',
      'c.name as class_name',
      'l.lesson_number',
      'b.start_time',
      'b.end_time',
    ])
    .where('l.date', '=', date)
    .where('l.status', '=', 'held')
    .where('l.id', 'not in', except.length ? except : [0])
    .execute();
  const s = minutes(start);
  const e = minutes(end);
  return rows.filter((r) => minutes(r.start_time) < e && s < minutes(r.end_time));
}

/** Held lessons on a date that overlap [start, end) and involve the teacher (as scheduled or substitute) or the room. */
export async function busy(
  db: Db,
  date: string,
  start: string,
  end: string,
  who: { staffId?: number; roomId?: number | null },
  except: number[],
) {
  const rows = await overlapping(db, date, start, end, except);
  return {
    teacher: who.staffId ? rows.find((r) => (r.substitute_staff_id ?? r.staff_id) === who.staffId) : undefined,
    room: who.roomId ? rows.find((r) => r.room_id === who.roomId) : undefined,
  };
}

/** Why this teacher cannot take this lesson (empty when they can). */
export async function substitutionProblems(db: Db, l: LessonRow, staffId: number) {
  const problems: string[] = [];
  if (l.status !== 'held') problems.push('Урок отменён или перенесён: замена невозможна');
  if (staffId === l.staff_id) problems.push('Заменяющий учитель совпадает с учителем по расписанию');
  const teacher = await db.selectFrom('staff').selectAll().where('id', '=', staffId).executeTakeFirst();
  if (!teacher) notFound('Учитель');
  if (!teacher.active) problems.push(`${shortName(teacher)} не работает в школе (неактивный сотрудник)`);
  if (l.start_time && l.end_time) {
    const b = await busy(db, l.date, l.start_time, l.end_time, { staffId: teacher.id }, [l.id]);
    if (b.teacher)
      problems.push(`${shortName(teacher)} в это время ведёт урок в ${b.teacher.class_name} (${b.teacher.lesson_number} урок)`);
  }
  return { problems, teacher };
}

/** Why the lesson cannot go to that date and lesson number (empty when it can), with the study day and room it would get. */
export async function moveProblems(db: Db, l: LessonRow, to: { date: string; lesson_number: number; roomId?: number | null }) {
  const problems: string[] = [];
  const roomId = to.roomId ?? l.room_id;
  if (l.status !== 'held') problems.push('Урок уже отменён или перенесён');
  if (to.date === l.date && to.lesson_number === l.lesson_number) problems.push('Новые дата и номер урока совпадают с прежними');
  const holidays = (
    await db.selectFrom('holiday').select(['start_date', 'end_date', 'grades']).where('year_id', '=', l.year_id).execute()
  ).map((h) => ({ ...h, grades: parseGrades(h.grades) }));
  const day = studyDays(await periodsForGrade(db, l.year_id, l.grade), holidays, l.grade, l.week_days).find((d) => d.date === to.date);
  if (!day) problems.push(`${ru(to.date)} у ${l.class_name} нет уроков (выходной, каникулы или вне учебных периодов)`);
  const bell = l.bell_schedule_id
    ? await db
        .selectFrom('bell')
        .selectAll()
        .where('schedule_id', '=', l.bell_schedule_id)
        .where('lesson_number', '=', to.lesson_number)
        .executeTakeFirst()
    : undefined;
  if (!bell) problems.push(`Урока №${to.lesson_number} нет в расписании звонков класса ${l.class_name}`);
  const same = await db
    .selectFrom('lesson')
    .select(['id', 'group_id'])
    .where('class_id', '=', l.class_id)
    .where('date', '=', to.date)
    .where('lesson_number', '=', to.lesson_number)
    .where('status', '=', 'held')
    .where('id', '!=', l.id)
    .execute();
  if (same.some((o) => o.group_id === null || l.group_id === null || o.group_id === l.group_id))
    problems.push(`У ${l.class_name} ${ru(to.date)} на ${to.lesson_number} уроке уже есть урок`);
  if (bell) {
    const teacherId = l.substitute_staff_id ?? l.staff_id;
    const b = await busy(db, to.date, bell.start_time, bell.end_time, { staffId: teacherId, roomId }, [l.id]);
    if (b.teacher) problems.push(`Учитель в это время ведёт урок в ${b.teacher.class_name} (${b.teacher.lesson_number} урок)`);
    if (b.room) problems.push(`Кабинет в это время занят: ${b.room.class_name}, ${b.room.lesson_number} урок`);
  }
  return { problems, day, roomId };
}

/** The same checks the saving services make, asked before saving. */
export async function checkSubstitution(ctx: Ctx, input: ParsedInput<'subs.check'>): Promise<SubstitutionCheck> {
  const l = await lessonFor(ctx.db, input.lessonId);
  if (input.kind === 'substitute') return { problems: (await substitutionProblems(ctx.db, l, input.staffId)).problems };
  return { problems: (await moveProblems(ctx.db, l, input)).problems };
}

const MATCH_RANK: Record<SubstitutionCandidate['match'], number> = { subject: 0, qualified: 1, class: 2, none: 3 };

/**
 * The teachers free at that lesson: active staff who teach this year or are qualified for a subject, without a held
 * lesson overlapping it (as teacher or substitute). Best suited first: teaches this subject this year, is qualified for
 * it, teaches this class, anyone else; then the fewest lessons that day, then by name.
 */
export async function substitutionCandidates(ctx: Ctx, input: ParsedInput<'subs.candidates'>): Promise<SubstitutionCandidate[]> {
  const l = await lessonFor(ctx.db, input.lessonId);
  const [loads, qualified, staff, dayLessons] = await Promise.all([
    ctx.db
      .selectFrom('teaching_load as t')
      .innerJoin('class as c', 'c.id', 't.class_id')
      .innerJoin('subject as s', 's.id', 't.subject_id')
      .select(['t.staff_id', 't.subject_id', 't.class_id', 's.name as subject_name'])
      .where('c.year_id', '=', l.year_id)
      .execute(),
    ctx.db.selectFrom('teacher_subject').select(['staff_id', 'subject_id']).execute(),
    ctx.db.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('active', '=', 1).execute(),
    ctx.db
      .selectFrom('lesson')
      .select(['id', 'staff_id', 'substitute_staff_id', 'lesson_number'])
      .where('date', '=', l.date)
      .where('status', '=', 'held')
      .execute(),
  ]);
  const teaching = new Set([...loads.map((r) => r.staff_id), ...qualified.map((r) => r.staff_id)]);
  const busyIds = new Set<number>();
  if (l.start_time && l.end_time)
    for (const r of await overlapping(ctx.db, l.date, l.start_time, l.end_time, [l.id])) busyIds.add(r.substitute_staff_id ?? r.staff_id);
  else
    for (const r of dayLessons) if (r.id !== l.id && r.lesson_number === l.lesson_number) busyIds.add(r.substitute_staff_id ?? r.staff_id);
  const lessonsThatDay = new Map<number, number>();
  for (const r of dayLessons) {
    const who = r.substitute_staff_id ?? r.staff_id;
    lessonsThatDay.set(who, (lessonsThatDay.get(who) ?? 0) + 1);
  }
  const out: SubstitutionCandidate[] = [];
  for (const s of staff) {
    if (s.id === l.staff_id || !teaching.has(s.id) || busyIds.has(s.id)) continue;
    const mine = loads.filter((r) => r.staff_id === s.id);
    const match: SubstitutionCandidate['match'] = mine.some((r) => r.subject_id === l.subject_id)
      ? 'subject'
      : qualified.some((q) => q.staff_id === s.id && q.subject_id === l.subject_id)
        ? 'qualified'
        : mine.some((r) => r.class_id === l.class_id)
          ? 'class'
          : 'none';
    out.push({
      staffId: s.id,
      name: shortName(s),
      match,
      subjects: [...new Set(mine.map((r) => r.subject_name))].sort((a, b) => a.localeCompare(b, 'ru')),
      lessonsThatDay: lessonsThatDay.get(s.id) ?? 0,
    });
  }
  return out.sort(
    (a, b) => MATCH_RANK[a.match] - MATCH_RANK[b.match] || a.lessonsThatDay - b.lessonsThatDay || a.name.localeCompare(b.name, 'ru'),
  );
}

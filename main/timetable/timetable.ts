import type { Db } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import type {
  SlotConflictReport,
  SlotList,
  SlotSaved,
  TimetableSlot,
  TimetableVersion,
  VersionConflicts,
} from '../contract/timetable-outputs';
import { ru } from '../contract/rules/dates';
import { schoolToday } from '../kernel/school-clock';
import { shortName } from '../contract/rules/names';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import { getYear } from '../school/years';
import { CONFLICT_NAMES, findConflicts, minutes, WEEKDAYS_SHORT, type SlotConflict, type TimedSlot } from './conflicts';
import { loadIndex } from './load';

// The weekly timetable: school-wide versions, each in force from its valid_from date until the
// next one starts; the slots of a version (class or group × day × lesson number → subject,
// teacher, room); conflicts; views by class, teacher and room.

export async function listVersions(ctx: Ctx, yearId: number): Promise<TimetableVersion[]> {
  const versions = await ctx.db
    .selectFrom('timetable_version as v')
    .select([
      'v.id',
      'v.year_id',
      'v.valid_from',
      'v.name',
      (eb) =>
        eb
          .selectFrom('timetable_slot')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('version_id', '=', 'v.id')
          .as('slots'),
    ])
    .where('v.year_id', '=', yearId)
    .orderBy('v.valid_from')
    .execute();
  return versions.map((v, i) => ({
    id: v.id,
    yearId: v.year_id,
    name: v.name,
    validFrom: v.valid_from,
    validTo: versions[i + 1] ? versions[i + 1].valid_from : null,
    slots: Number(v.slots),
  }));
}

async function getVersion(db: Db, id: number) {
  return (await db.selectFrom('timetable_version').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Версия расписания');
}

export async function saveVersion(ctx: Ctx, input: ParsedInput<'timetable.saveVersion'>): Promise<number> {
  const year = await getYear(ctx.db, input.yearId);
  if (input.valid_from < year.start_date || input.valid_from > year.end_date)
    invalid(`Дата начала действия ${ru(input.valid_from)} вне учебного года ${year.name}`);
  if (input.copyFrom) {
    const src = await getVersion(ctx.db, input.copyFrom);
    if (src.year_id !== year.id) invalid('Копировать можно только расписание этого же учебного года');
  }
  const dup = `Версия расписания с ${ru(input.valid_from)} уже есть`;
  const values = { year_id: year.id, name: input.name, valid_from: input.valid_from };
  return mutate(ctx, async (w) => {
    if (input.id) {
      const before = await getVersion(w.trx, input.id);
      await w.trx
        .updateTable('timetable_version')
        .set(values)
        .where('id', '=', input.id)
        .execute()
        .catch((e) => uniqueMessage(e, dup));
      await w.audit({ action: 'update', entity: 'timetable_version', entityId: input.id, before, after: values });
      return input.id;
    }
    const r = await w.trx
      .insertInto('timetable_version')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, dup));
    let copied = 0;
    if (input.copyFrom) {
      const slots = await w.trx.selectFrom('timetable_slot').selectAll().where('version_id', '=', input.copyFrom).execute();
      for (let i = 0; i < slots.length; i += 500)
        await w.trx
          .insertInto('timetable_slot')
          .values(slots.slice(i, i + 500).map(({ id: _id, ...s }) => ({ ...s, version_id: r.id })))
          .execute();
      copied = slots.length;
    }
    await w.audit({
      action: 'create',
      entity: 'timetable_version',
      entityId: r.id,
      after: { ...values, copyFrom: input.copyFrom ?? null, copied },
    });
    return r.id;
  });
}

export async function deleteVersion(ctx: Ctx, id: number): Promise<number> {
  return mutate(ctx, async (w) => {
    const before = await getVersion(w.trx, id);
    const n = await w.trx
      .selectFrom('timetable_slot')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('version_id', '=', id)
      .executeTakeFirstOrThrow();
    await w.trx.deleteFrom('timetable_version').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'timetable_version', entityId: id, before: { ...before, slots: Number(n.n) } });
    return id;
  });
}

/** Slots of a version with names and bell times (null when the class has no such bell). */
async function versionSlots(db: Db, versionId: number) {
  const rows = await db
    .selectFrom('timetable_slot as t')
    .innerJoin('class as c', 'c.id', 't.class_id')
    .innerJoin('subject as s', 's.id', 't.subject_id')
    .innerJoin('staff as st', 'st.id', 't.staff_id')
    .leftJoin('room as r', 'r.id', 't.room_id')
    .leftJoin('study_group as g', 'g.id', 't.group_id')
    .leftJoin('bell as b', (j) => j.onRef('b.schedule_id', '=', 'c.bell_schedule_id').onRef('b.lesson_number', '=', 't.lesson_number'))
    .select([
      't.id',
      't.class_id',
      't.group_id',
      't.weekday',
      't.lesson_number',
      't.subject_id',
      't.staff_id',
      't.room_id',
      'c.name as class_name',
      'c.grade',
      's.name as subject_name',
      's.short_name as subject_short',
      'st.last_name',
      'st.first_name',
      'st.middle_name',
      'r.number as room_number',
      'g.name as group_name',
      'b.start_time',
      'b.end_time',
    ])
    .where('t.version_id', '=', versionId)
    .orderBy('c.grade')
    .orderBy('c.letter')
    .orderBy('t.weekday')
    .orderBy('t.lesson_number')
    .execute();
  return rows.map(({ last_name, first_name, middle_name, ...r }) => ({ ...r, teacher: shortName({ last_name, first_name, middle_name }) }));
}
type SlotRow = Awaited<ReturnType<typeof versionSlots>>[number];

function toSlot(r: SlotRow, conflicts: string[]): TimetableSlot {
  return {
    id: r.id,
    classId: r.class_id,
    groupId: r.group_id,
    weekday: r.weekday,
    lessonNumber: r.lesson_number,
    subjectId: r.subject_id,
    staffId: r.staff_id,
    roomId: r.room_id,
    className: r.class_name,
    grade: r.grade,
    subjectName: r.subject_name,
    subjectShort: r.subject_short,
    roomNumber: r.room_number,
    groupName: r.group_name,
    startTime: r.start_time,
    endTime: r.end_time,
    teacher: r.teacher,
    conflicts,
  };
}

/** Members of the classes' groups on `date` (a student who changed subgroups is in one of them on a day). */
async function groupMembers(db: Db, classIds: number[], date: string) {
  const rows = await db
    .selectFrom('group_member')
    .innerJoin('study_group', 'study_group.id', 'group_member.group_id')
    .select(['group_member.group_id', 'group_member.student_id'])
    .where('study_group.class_id', 'in', classIds.length ? classIds : [0])
    .where('group_member.start_date', '<=', date)
    .where((e) => e.or([e('group_member.end_date', 'is', null), e('group_member.end_date', '>=', date)]))
    .execute();
  const m = new Map<number, Set<number>>();
  for (const r of rows) {
    const s = m.get(r.group_id) ?? new Set<number>();
    s.add(r.student_id);
    m.set(r.group_id, s);
  }
  return m;
}

function timed(rows: SlotRow[]): TimedSlot[] {
  return rows.filter((r) => r.start_time && r.end_time).map((r) => ({ ...r, start: minutes(r.start_time!), end: minutes(r.end_time!) }));
}

function slotLabel(s: SlotRow): string {
  return `${s.class_name}${s.group_name ? ` (${s.group_name})` : ''}: ${s.subject_name}, ${s.teacher}${s.room_number ? `, каб. ${s.room_number}` : ''}`;
}

function describe(c: SlotConflict, a: SlotRow, b: SlotRow): string {
  const head =
    c.kind === 'teacher'
      ? `учитель ${a.teacher} ведёт два урока одновременно`
      : c.kind === 'room'
        ? `кабинет ${a.room_number} занят дважды`
        : CONFLICT_NAMES[c.kind];
  return `${WEEKDAYS_SHORT[c.weekday]}, ${a.lesson_number} урок (${a.start_time}–${a.end_time}): ${head} — ${slotLabel(a)} и ${slotLabel(b)}`;
}

/** Every conflict of a version, and slots whose lesson number is not in the class's bells. */
export async function versionConflicts(ctx: Ctx, versionId: number): Promise<VersionConflicts> {
  const v = await getVersion(ctx.db, versionId);
  const rows = await versionSlots(ctx.db, versionId);
  const byId = new Map(rows.map((r) => [r.id, r]));
  // shared students are judged on the day the version takes effect, or today if it is already in force
  const today = await schoolToday(ctx);
  const members = await groupMembers(ctx.db, [...new Set(rows.map((r) => r.class_id))], today > v.valid_from ? today : v.valid_from);
  const conflicts: SlotConflictReport[] = findConflicts(timed(rows), members).map((c) => ({
    kind: c.kind,
    weekday: c.weekday,
    slotIds: [c.a, c.b],
    message: describe(c, byId.get(c.a)!, byId.get(c.b)!),
  }));
  const noBell = rows
    .filter((r) => !r.start_time)
    .map((r) => ({
      slotId: r.id,
      message: `${r.class_name}: ${WEEKDAYS_SHORT[r.weekday]}, урока №${r.lesson_number} нет в расписании звонков класса`,
    }));
  // The timetable against the load: each class/group/subject/teacher gets its load's hours.
  const load = await loadIndex(ctx, v.year_id);
  const counted = new Map<string, { n: number; row: SlotRow }>();
  for (const r of rows) {
    const k = `${r.class_id}|${r.group_id ?? 0}|${r.subject_id}|${r.staff_id}`;
    const c = counted.get(k) ?? { n: 0, row: r };
    c.n++;
    counted.set(k, c);
  }
  const loadMismatches: string[] = [];
  if (load.size > 0) {
    for (const [k, c] of counted) {
      const want = load.get(k);
      if (want === undefined) loadMismatches.push(`${slotLabel(c.row)}: ${c.n} ч в расписании, в нагрузке такого нет`);
      else if (Math.ceil(want) !== c.n) loadMismatches.push(`${slotLabel(c.row)}: ${c.n} ч в расписании, в нагрузке ${want} ч`);
    }
  }
  return { versionId, conflicts, noBell, loadMismatches };
}

/** A version's slots for one class, teacher or room (all when no filter), each with its conflicts. */
export async function listSlots(ctx: Ctx, input: ParsedInput<'timetable.slots'>): Promise<SlotList> {
  const all = await versionSlots(ctx.db, input.versionId);
  const { conflicts, noBell } = await versionConflicts(ctx, input.versionId);
  const byslot = new Map<number, string[]>();
  for (const c of conflicts) for (const id of c.slotIds) byslot.set(id, [...(byslot.get(id) ?? []), c.message]);
  for (const n of noBell) byslot.set(n.slotId, [...(byslot.get(n.slotId) ?? []), n.message]);
  const slots = all
    .filter(
      (s) =>
        (!input.classId || s.class_id === input.classId) &&
        (!input.staffId || s.staff_id === input.staffId) &&
        (!input.roomId || s.room_id === input.roomId),
    )
    .map((s) => toSlot(s, byslot.get(s.id) ?? []));
  return { slots, conflictCount: conflicts.length + noBell.length };
}

/** Saves one slot. Conflicts do not block saving (a timetable is built step by step): they are returned and shown. */
export async function saveSlot(ctx: Ctx, input: ParsedInput<'timetable.saveSlot'>): Promise<SlotSaved> {
  const v = await getVersion(ctx.db, input.versionId);
  const cls = await ctx.db.selectFrom('class').selectAll().where('id', '=', input.classId).executeTakeFirst();
  if (!cls || cls.year_id !== v.year_id) invalid('Класс не найден в учебном году этого расписания');
  if (input.weekday > cls.week_days) invalid(`${cls.name} учится ${cls.week_days} дней в неделю: в субботу уроков нет`);
  if (!cls.bell_schedule_id) invalid(`У класса ${cls.name} не выбрано расписание звонков: сначала укажите его в карточке класса`);
  const bells = await ctx.db
    .selectFrom('bell')
    .select('lesson_number')
    .where('schedule_id', '=', cls.bell_schedule_id)
    .orderBy('lesson_number')
    .execute();
  if (!bells.some((b) => b.lesson_number === input.lesson_number))
    invalid(
      `Урока №${input.lesson_number} нет в расписании звонков класса ${cls.name} (есть уроки ${bells.map((b) => b.lesson_number).join(', ')})`,
    );
  if (input.groupId) {
    const g = await ctx.db.selectFrom('study_group').select(['class_id']).where('id', '=', input.groupId).executeTakeFirst();
    if (!g || g.class_id !== cls.id) invalid(`Группа не относится к классу ${cls.name}`);
  }
  const subject = await ctx.db.selectFrom('subject').select(['id', 'name']).where('id', '=', input.subjectId).executeTakeFirst();
  if (!subject) notFound('Предмет');
  const teacher = await ctx.db.selectFrom('staff').selectAll().where('id', '=', input.staffId).executeTakeFirst();
  if (!teacher) notFound('Учитель');
  if (!teacher.active) invalid(`${shortName(teacher)} не работает в школе (неактивный сотрудник)`);
  if (input.roomId && !(await ctx.db.selectFrom('room').select('id').where('id', '=', input.roomId).executeTakeFirst()))
    notFound('Кабинет');
  const values = {
    version_id: v.id,
    class_id: cls.id,
    group_id: input.groupId ?? null,
    weekday: input.weekday,
    lesson_number: input.lesson_number,
    subject_id: input.subjectId,
    staff_id: input.staffId,
    room_id: input.roomId ?? null,
  };
  const id = await mutate(ctx, async (w) => {
    if (input.id) {
      const before =
        (await w.trx.selectFrom('timetable_slot').selectAll().where('id', '=', input.id).executeTakeFirst()) ?? notFound('Урок расписания');
      if (before.version_id !== v.id) invalid('Урок относится к другой версии расписания');
      await w.trx.updateTable('timetable_slot').set(values).where('id', '=', input.id).execute();
      await w.audit({ action: 'update', entity: 'timetable_slot', entityId: input.id, classId: cls.id, before, after: values });
      return input.id;
    }
    const r = await w.trx.insertInto('timetable_slot').values(values).returning('id').executeTakeFirstOrThrow();
    await w.audit({ action: 'create', entity: 'timetable_slot', entityId: r.id, classId: cls.id, after: values });
    return r.id;
  });
  const { conflicts } = await versionConflicts(ctx, v.id);
  const warnings: string[] = [];
  const qualified = await ctx.db
    .selectFrom('teacher_subject')
    .select('staff_id')
    .where('staff_id', '=', teacher.id)
    .where('subject_id', '=', subject.id)
    .executeTakeFirst();
  if (!qualified) warnings.push(`${shortName(teacher)} не отмечен(а) как преподающий(ая) предмет «${subject.name}»`);
  return { id, conflicts: conflicts.filter((c) => c.slotIds.includes(id)).map((c) => c.message), warnings };
}

export async function deleteSlot(ctx: Ctx, id: number): Promise<number> {
  return mutate(ctx, async (w) => {
    const before =
      (await w.trx.selectFrom('timetable_slot').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Урок расписания');
    await w.trx.deleteFrom('timetable_slot').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'timetable_slot', entityId: id, classId: before.class_id, before });
    return id;
  });
}

export { versionSlots };

export interface SlotInput {
  class_id: number;
  group_id: number | null;
  weekday: number;
  lesson_number: number;
  subject_id: number;
  staff_id: number;
  room_id: number | null;
}

/**
 * Replaces the slots of the given classes in a version at once (a built or imported timetable):
 * one transaction, one audit row per class. Lesson numbers must exist in each class's bells.
 */
export async function replaceClassSlots(ctx: Ctx, versionId: number, slots: readonly SlotInput[]) {
  const v = await getVersion(ctx.db, versionId);
  const classIds = [...new Set(slots.map((s) => s.class_id))];
  const classes = await ctx.db
    .selectFrom('class')
    .select(['id', 'name', 'year_id', 'week_days', 'bell_schedule_id'])
    .where('id', 'in', classIds.length ? classIds : [0])
    .execute();
  const bells = await ctx.db.selectFrom('bell').select(['schedule_id', 'lesson_number']).execute();
  const problems: string[] = [];
  for (const s of slots) {
    const c = classes.find((x) => x.id === s.class_id);
    if (!c || c.year_id !== v.year_id) problems.push('Класс не найден в учебном году этого расписания');
    else if (s.weekday > c.week_days) problems.push(`${c.name}: уроки в ${WEEKDAYS_SHORT[s.weekday]}, а класс учится ${c.week_days} дней`);
    else if (!bells.some((b) => b.schedule_id === c.bell_schedule_id && b.lesson_number === s.lesson_number))
      problems.push(`${c.name}: урока №${s.lesson_number} нет в расписании звонков класса`);
  }
  if (problems.length) invalid([...new Set(problems)].slice(0, 20));
  return mutate(ctx, async (w) => {
    for (const c of classes) {
      const mine = slots.filter((s) => s.class_id === c.id);
      const removed = await w.trx
        .deleteFrom('timetable_slot')
        .where('version_id', '=', v.id)
        .where('class_id', '=', c.id)
        .executeTakeFirst();
      for (let i = 0; i < mine.length; i += 500)
        await w.trx
          .insertInto('timetable_slot')
          .values(mine.slice(i, i + 500).map((s) => ({ ...s, version_id: v.id })))
          .execute();
      await w.audit({
        action: 'replace',
        entity: 'timetable_slot',
        entityId: v.id,
        classId: c.id,
        before: { slots: Number(removed.numDeletedRows) },
        after: { slots: mine.length },
      });
    }
    return slots.length;
  });
}

import { sql } from 'kysely';
import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import type { LoadCheck, LoadEntry, LoadWarning, Qualification } from '../contract/timetable-outputs';
import { shortName } from '../contract/rules/names';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { getYear, periodsForGrade } from '../school/years';
import { curriculumRows, fmt, resolveHours, subjectsOf } from './curriculum';
import { schoolToday } from '../kernel/school-clock';

// Teaching load (нагрузка): who teaches which subject to which class or group, how many hours a
// week; and teachers' qualifications (which subjects they may teach).

export async function listLoad(ctx: Ctx, yearId: number): Promise<LoadEntry[]> {
  const rows = await ctx.db
    .selectFrom('teaching_load as l')
    .innerJoin('staff as s', 's.id', 'l.staff_id')
    .innerJoin('class as c', 'c.id', 'l.class_id')
    .innerJoin('subject as sub', 'sub.id', 'l.subject_id')
    .leftJoin('study_group as g', 'g.id', 'l.group_id')
    .select([
      'l.id',
      'l.staff_id',
      'l.class_id',
      'l.group_id',
      'l.subject_id',
      'l.hours',
      's.last_name',
      's.first_name',
      's.middle_name',
      'c.name as class_name',
      'c.grade',
      'sub.name as subject_name',
      'g.name as group_name',
    ])
    .where('l.year_id', '=', yearId)
    .orderBy('c.grade')
    .orderBy('c.letter')
    .orderBy('sub.name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    staffId: r.staff_id,
    classId: r.class_id,
    groupId: r.group_id,
    subjectId: r.subject_id,
    hours: r.hours,
    className: r.class_name,
    grade: r.grade,
    subjectName: r.subject_name,
    groupName: r.group_name,
    teacher: shortName(r),
  }));
}

export async function saveLoad(ctx: Ctx, input: ParsedInput<'load.save'>): Promise<number> {
  await getYear(ctx.db, input.yearId);
  const cls = await ctx.db.selectFrom('class').select(['id', 'year_id', 'name']).where('id', '=', input.classId).executeTakeFirst();
  if (!cls || cls.year_id !== input.yearId) invalid('Класс не найден в этом учебном году');
  if (input.groupId) {
    const g = await ctx.db
      .selectFrom('study_group')
      .select(['class_id', 'subject_id', 'name'])
      .where('id', '=', input.groupId)
      .executeTakeFirst();
    if (!g || g.class_id !== input.classId) invalid(`Группа не относится к классу ${cls.name}`);
    if (g.subject_id && g.subject_id !== input.subjectId) invalid(`Группа «${g.name}» создана для другого предмета`);
  }
  const teacher = await ctx.db.selectFrom('staff').select(['active']).where('id', '=', input.staffId).executeTakeFirst();
  if (!teacher) notFound('Сотрудник');
  if (!teacher.active) invalid('Сотрудник не работает в школе (отмечен как неактивный)');
  const values = {
    year_id: input.yearId,
    staff_id: input.staffId,
    class_id: input.classId,
    group_id: input.groupId ?? null,
    subject_id: input.subjectId,
    hours: input.hours,
  };
  const dup = 'Эта нагрузка (учитель, класс или группа, предмет) уже есть: измените часы в ней';
  return mutate(ctx, async (w) => {
    if (input.id) {
      const before =
        (await w.trx.selectFrom('teaching_load').selectAll().where('id', '=', input.id).executeTakeFirst()) ?? notFound('Нагрузка');
      await w.trx
        .updateTable('teaching_load')
        .set(values)
        .where('id', '=', input.id)
        .execute()
        .catch((e) => uniqueMessage(e, dup));
      await w.audit({ action: 'update', entity: 'teaching_load', entityId: input.id, classId: input.classId, before, after: values });
      return input.id;
    }
    const r = await w.trx
      .insertInto('teaching_load')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, dup));
    await w.audit({ action: 'create', entity: 'teaching_load', entityId: r.id, classId: input.classId, after: values });
    return r.id;
  });
}

export async function deleteLoad(ctx: Ctx, id: number): Promise<number> {
  return mutate(ctx, async (w) => {
    const before = (await w.trx.selectFrom('teaching_load').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Нагрузка');
    await w.trx.deleteFrom('teaching_load').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'teaching_load', entityId: id, classId: before.class_id, before });
    return id;
  });
}

export async function listQualifications(ctx: Ctx): Promise<Qualification[]> {
  const rows = await ctx.db.selectFrom('teacher_subject').select(['staff_id', 'subject_id']).execute();
  return rows.map((r) => ({ staffId: r.staff_id, subjectId: r.subject_id }));
}

export async function setQualifications(ctx: Ctx, input: ParsedInput<'qualifications.set'>): Promise<number> {
  const ids = [...new Set(input.subjectIds)];
  const known = await ctx.db
    .selectFrom('subject')
    .select('id')
    .where('id', 'in', ids.length ? ids : [0])
    .execute();
  if (known.length !== ids.length) invalid('Предмет не найден');
  if (!(await ctx.db.selectFrom('staff').select('id').where('id', '=', input.staffId).executeTakeFirst())) notFound('Сотрудник');
  return mutate(ctx, async (w) => {
    const before = (await w.trx.selectFrom('teacher_subject').select('subject_id').where('staff_id', '=', input.staffId).execute()).map(
      (r) => r.subject_id,
    );
    await w.trx.deleteFrom('teacher_subject').where('staff_id', '=', input.staffId).execute();
    if (ids.length)
      await w.trx
        .insertInto('teacher_subject')
        .values(ids.map((s) => ({ staff_id: input.staffId, subject_id: s })))
        .execute();
    await w.audit({ action: 'update', entity: 'teacher_subject', entityId: input.staffId, before, after: ids });
    return input.staffId;
  });
}

/**
 * Checks the load against the curriculum: every curriculum hour has a teacher, the whole class's
 * hours plus each subgroup's hours equal the curriculum's, subgroups of a subject cover the whole
 * class; teachers are qualified and not overloaded.
 */
export async function checkLoad(ctx: Ctx, yearId: number): Promise<LoadCheck> {
  const year = await getYear(ctx.db, yearId);
  const load = await listLoad(ctx, yearId);
  const rows = await curriculumRows(ctx.db, yearId);
  const classes = await ctx.db
    .selectFrom('class')
    .select(['id', 'name', 'grade'])
    .where('year_id', '=', yearId)
    .orderBy('grade')
    .orderBy('letter')
    .execute();
  const subjects = new Map((await ctx.db.selectFrom('subject').select(['id', 'name']).execute()).map((s) => [s.id, s.name]));
  const qualified = new Set((await listQualifications(ctx)).map((q) => `${q.staffId}|${q.subjectId}`));
  const maxHours = await getSetting(ctx.db, 'load.maxHoursPerWeek');
  const on = await schoolToday(ctx);
  const date = on < year.start_date ? year.start_date : on > year.end_date ? year.end_date : on;
  const roster = await ctx.db
    .selectFrom('enrollment')
    .select(['class_id', 'student_id'])
    .innerJoin('class', 'class.id', 'enrollment.class_id')
    .where('class.year_id', '=', yearId)
    .where('enrollment.start_date', '<=', date)
    .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', date)]))
    .execute();
  const members = await ctx.db
    .selectFrom('group_member')
    .innerJoin('study_group', 'study_group.id', 'group_member.group_id')
    .innerJoin('class', 'class.id', 'study_group.class_id')
    .select(['group_member.group_id', 'group_member.student_id'])
    .where('class.year_id', '=', yearId)
    .where('group_member.start_date', '<=', date)
    .where((e) => e.or([e('group_member.end_date', 'is', null), e('group_member.end_date', '>=', date)]))
    .execute();

  const warnings: LoadWarning[] = [];
  for (const c of classes) {
    const periods = await periodsForGrade(ctx.db, yearId, c.grade);
    const numbers: (number | null)[] = periods.length ? periods.map((p) => p.number) : [null];
    const mine = load.filter((l) => l.classId === c.id);
    const subjectIds = new Set([...subjectsOf(rows, c), ...mine.map((l) => l.subjectId)]);
    for (const s of subjectIds) {
      const name = subjects.get(s) ?? '?';
      const perPeriod = numbers.map((n) => resolveHours(rows, c, n, s));
      const want = Math.max(...perPeriod);
      const whole = mine.filter((l) => l.subjectId === s && l.groupId === null).reduce((a, l) => a + l.hours, 0);
      const groupIds = [...new Set(mine.filter((l) => l.subjectId === s && l.groupId !== null).map((l) => l.groupId!))];
      if (want === 0) {
        warnings.push({
          kind: 'extra',
          message: `${c.name}, ${name}: нагрузка есть, а в учебном плане часов нет`,
          classId: c.id,
          staffId: null,
        });
        continue;
      }
      const differs = (have: number) => perPeriod.some((h) => h !== have);
      const hoursText = new Set(perPeriod).size === 1 ? `${fmt(want)} ч` : `${perPeriod.map(fmt).join('/')} ч по периодам`;
      if (whole === 0 && groupIds.length === 0) {
        warnings.push({
          kind: 'uncovered',
          message: `${c.name}, ${name}: ${hoursText} по учебному плану, учитель не назначен`,
          classId: c.id,
          staffId: null,
        });
        continue;
      }
      if (groupIds.length === 0) {
        if (differs(whole))
          warnings.push({
            kind: 'mismatch',
            message: `${c.name}, ${name}: в нагрузке ${fmt(whole)} ч, по учебному плану ${hoursText}`,
            classId: c.id,
            staffId: null,
          });
        continue;
      }
      for (const g of groupIds) {
        const have = whole + mine.filter((l) => l.subjectId === s && l.groupId === g).reduce((a, l) => a + l.hours, 0);
        const gName = mine.find((l) => l.groupId === g)?.groupName ?? '';
        if (differs(have))
          warnings.push({
            kind: 'mismatch',
            message: `${c.name}, ${name}, «${gName}»: в нагрузке ${fmt(have)} ч, по учебному плану ${hoursText}`,
            classId: c.id,
            staffId: null,
          });
      }
      const inGroups = new Set(members.filter((m) => groupIds.includes(m.group_id)).map((m) => m.student_id));
      const outside = roster.filter((r) => r.class_id === c.id && !inGroups.has(r.student_id)).length;
      if (outside > 0)
        warnings.push({
          kind: 'groups',
          message: `${c.name}, ${name}: ${outside} уч. не входят ни в одну подгруппу, у которой есть учитель`,
          classId: c.id,
          staffId: null,
        });
    }
  }
  for (const l of load)
    if (!qualified.has(`${l.staffId}|${l.subjectId}`))
      warnings.push({
        kind: 'not-qualified',
        message: `${l.teacher} не отмечен(а) как преподающий(ая) предмет «${l.subjectName}» (${l.className})`,
        classId: l.classId,
        staffId: l.staffId,
      });

  const byTeacher = new Map<number, { staffId: number; teacher: string; hours: number; classes: Set<string> }>();
  for (const l of load) {
    const t = byTeacher.get(l.staffId) ?? { staffId: l.staffId, teacher: l.teacher, hours: 0, classes: new Set<string>() };
    t.hours += l.hours;
    t.classes.add(l.className);
    byTeacher.set(l.staffId, t);
  }
  const teachers = [...byTeacher.values()]
    .map((t) => ({
      staffId: t.staffId,
      teacher: t.teacher,
      hours: t.hours,
      classes: [...t.classes].join(', '),
      rates: Math.round((t.hours / 18) * 100) / 100,
      overload: t.hours > maxHours,
    }))
    .sort((a, b) => a.teacher.localeCompare(b.teacher, 'ru'));
  for (const t of teachers)
    if (t.overload)
      warnings.push({
        kind: 'overload',
        message: `${t.teacher}: ${fmt(t.hours)} ч в неделю, больше допустимых ${maxHours} ч`,
        classId: null,
        staffId: t.staffId,
      });
  return { warnings, teachers, maxHours };
}

/** Hours of load per (class, group, subject, teacher), for comparing a timetable with the load. */
export async function loadIndex(ctx: Ctx, yearId: number) {
  const rows = await ctx.db
    .selectFrom('teaching_load')
    .select(['class_id', 'group_id', 'subject_id', 'staff_id', sql<number>`sum(hours)`.as('hours')])
    .where('year_id', '=', yearId)
    .groupBy(['class_id', 'group_id', 'subject_id', 'staff_id'])
    .execute();
  return new Map(rows.map((r) => [`${r.class_id}|${r.group_id ?? 0}|${r.subject_id}|${r.staff_id}`, Number(r.hours)]));
}

import type { Ctx } from '../kernel/context';
import { mutate, type Trx, type Writer } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import type { Group } from '../contract/school-outputs';
import { prevDay, ru } from '../contract/rules/dates';
import { schoolToday } from '../kernel/school-clock';
import { getClass } from './classes';
import { getYear } from './years';
import { assertMayChangeGroup } from './rights';

// Groups of a class and their members over time. A membership has dates like a class enrolment: a change of the
// members takes effect on a date, ends the memberships of those who leave the day before and opens new ones for those
// who join, and never rewrites what was before that date (each group's journal shows a student for their own dates).

const covering = (date: string) => (r: { start_date: string; end_date: string | null }) =>
  r.start_date <= date && (r.end_date === null || r.end_date >= date);

export async function listGroups(ctx: Ctx, classId: number, date?: string): Promise<Group[]> {
  const on = date ?? (await schoolToday(ctx));
  const groups = await ctx.db
    .selectFrom('study_group')
    .leftJoin('subject', 'subject.id', 'study_group.subject_id')
    .select([
      'study_group.id',
      'study_group.class_id',
      'study_group.subject_id',
      'study_group.name',
      'study_group.kind',
      'subject.name as subject_name',
    ])
    .where('class_id', '=', classId)
    .orderBy('subject.name')
    .orderBy('study_group.name')
    .execute();
  const members = await ctx.db
    .selectFrom('group_member')
    .select(['group_id', 'student_id', 'start_date', 'end_date'])
    .where('group_id', 'in', groups.length ? groups.map((g) => g.id) : [0])
    .orderBy('start_date')
    .orderBy('id')
    .execute();
  return groups.map((g) => {
    const mine = members.filter((m) => m.group_id === g.id);
    return {
      id: g.id,
      classId: g.class_id,
      subjectId: g.subject_id,
      name: g.name,
      kind: g.kind,
      subjectName: g.subject_name,
      studentIds: [...new Set(mine.filter(covering(on)).map((m) => m.student_id))],
      members: mine.map((m) => ({ studentId: m.student_id, startDate: m.start_date, endDate: m.end_date })),
    };
  });
}

/** Ends the student's memberships in these groups the day before `date`; one that starts on or after it is dropped. */
async function leaveGroups(trx: Trx, studentId: number, groupIds: readonly number[], date: string): Promise<number[]> {
  if (!groupIds.length) return [];
  const rows = await trx
    .selectFrom('group_member')
    .select(['id', 'group_id', 'start_date'])
    .where('student_id', '=', studentId)
    .where('group_id', 'in', [...groupIds])
    .where((e) => e.or([e('end_date', 'is', null), e('end_date', '>=', date)]))
    .execute();
  for (const r of rows) {
    if (r.start_date >= date) await trx.deleteFrom('group_member').where('id', '=', r.id).execute();
    else
      await trx
        .updateTable('group_member')
        .set({ end_date: prevDay(date) })
        .where('id', '=', r.id)
        .execute();
  }
  return [...new Set(rows.map((r) => r.group_id))];
}

/** Opens the student's membership of the group from `date`, continuing one that ended the day before. */
async function joinGroup(trx: Trx, studentId: number, groupId: number, date: string): Promise<void> {
  // a membership planned to start later is replaced by this one
  await trx
    .deleteFrom('group_member')
    .where('group_id', '=', groupId)
    .where('student_id', '=', studentId)
    .where('start_date', '>', date)
    .execute();
  const open = await trx
    .selectFrom('group_member')
    .select(['id', 'start_date', 'end_date'])
    .where('group_id', '=', groupId)
    .where('student_id', '=', studentId)
    .where((e) => e.or([e('end_date', 'is', null), e('end_date', '>=', prevDay(date))]))
    .where('start_date', '<=', date)
    .executeTakeFirst();
  if (open) {
    if (open.end_date !== null) await trx.updateTable('group_member').set({ end_date: null }).where('id', '=', open.id).execute();
    return;
  }
  await trx.insertInto('group_member').values({ group_id: groupId, student_id: studentId, start_date: date, end_date: null }).execute();
}

/** The other subgroups of the same subject in the class: a student is in one of them at a time. */
async function siblingSubgroups(trx: Trx | Ctx['db'], classId: number, subjectId: number, exceptId: number): Promise<number[]> {
  const rows = await trx
    .selectFrom('study_group')
    .select('id')
    .where('class_id', '=', classId)
    .where('subject_id', '=', subjectId)
    .where('kind', '=', 'subgroup')
    .where('id', '!=', exceptId)
    .execute();
  return rows.map((r) => r.id);
}

async function membershipDate(ctx: Ctx, classId: number, isNew: boolean, date: string | undefined): Promise<string> {
  const cls = await getClass(ctx.db, classId);
  const year = await getYear(ctx.db, cls.year_id);
  if (date === undefined) {
    if (isNew) return year.start_date;
    const today = await schoolToday(ctx);
    return today < year.start_date ? year.start_date : today > year.end_date ? year.end_date : today;
  }
  if (date < year.start_date || date > year.end_date) invalid(`Дата изменения состава ${ru(date)} вне учебного года ${year.name}`);
  return date;
}

/**
 * Saves a group and its members from `date` on. A student who joins a subgroup leaves the other subgroup of the same
 * subject that day (a move: both journals keep him for their own dates).
 */
export async function saveGroup(ctx: Ctx, input: ParsedInput<'groups.save'>) {
  const ids = [...new Set(input.studentIds)];
  const stored = input.id
    ? ((await ctx.db.selectFrom('study_group').selectAll().where('id', '=', input.id).executeTakeFirst()) ?? notFound('Группа'))
    : null;
  const onlyMembers =
    !!stored &&
    stored.class_id === input.classId &&
    stored.subject_id === (input.subjectId ?? null) &&
    stored.name === input.name &&
    stored.kind === input.kind;
  await assertMayChangeGroup(ctx, { classId: input.classId, subjectId: input.subjectId ?? null }, stored, onlyMembers);
  const on = await membershipDate(ctx, input.classId, !input.id, input.date);
  if (ids.length) {
    const enrolled = await ctx.db
      .selectFrom('enrollment')
      .select('student_id')
      .distinct()
      .where('class_id', '=', input.classId)
      .where('student_id', 'in', ids)
      .execute();
    if (enrolled.length !== ids.length) invalid('В группу можно включить только учеников этого класса');
  }
  const values = { class_id: input.classId, subject_id: input.subjectId ?? null, name: input.name, kind: input.kind };
  const dup = `Группа «${input.name}» в этом классе уже есть`;
  return mutate(ctx, async (w) => {
    let id = input.id ?? 0;
    let before: Record<string, unknown> | null = null;
    if (input.id) {
      const row = (await w.trx.selectFrom('study_group').selectAll().where('id', '=', input.id).executeTakeFirst()) ?? notFound('Группа');
      if (row.class_id !== input.classId) invalid('Группа относится к другому классу');
      const was = await w.trx
        .selectFrom('group_member')
        .select(['student_id', 'start_date', 'end_date'])
        .where('group_id', '=', id)
        .execute();
      before = { ...row, date: on, studentIds: [...new Set(was.filter(covering(on)).map((m) => m.student_id))] };
      await w.trx
        .updateTable('study_group')
        .set(values)
        .where('id', '=', input.id)
        .execute()
        .catch((e) => uniqueMessage(e, dup));
      const leaving = [...new Set(was.filter((m) => m.end_date === null || m.end_date >= on).map((m) => m.student_id))].filter(
        (s) => !ids.includes(s),
      );
      for (const s of leaving) await leaveGroups(w.trx, s, [id], on);
    } else {
      const r = await w.trx
        .insertInto('study_group')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((e) => uniqueMessage(e, dup));
      id = r.id;
    }
    const moved: { studentId: number; fromGroupId: number }[] = [];
    const siblings = input.kind === 'subgroup' && input.subjectId ? await siblingSubgroups(w.trx, input.classId, input.subjectId, id) : [];
    for (const s of ids) {
      for (const g of await leaveGroups(w.trx, s, siblings, on)) moved.push({ studentId: s, fromGroupId: g });
      await joinGroup(w.trx, s, id, on);
    }
    const after = { ...values, date: on, studentIds: ids, ...(moved.length ? { moved } : {}) };
    await w.audit({ action: input.id ? 'update' : 'create', entity: 'study_group', entityId: id, classId: input.classId, before, after });
    return id;
  });
}

/**
 * A class transfer's side of the groups: on `date` the student leaves every group of the old class and joins the given
 * groups of the new one (checked: they belong to it, one subgroup per subject).
 */
export async function moveGroupsWithClass(
  w: Writer,
  studentId: number,
  fromClassId: number | null,
  toClassId: number | null,
  groupIds: readonly number[],
  date: string,
): Promise<void> {
  if (fromClassId !== null) {
    const old = await w.trx.selectFrom('study_group').select('id').where('class_id', '=', fromClassId).execute();
    await leaveGroups(
      w.trx,
      studentId,
      old.map((g) => g.id),
      date,
    );
  }
  if (!groupIds.length) return;
  const groups = await w.trx
    .selectFrom('study_group')
    .select(['id', 'class_id', 'subject_id', 'kind', 'name'])
    .where('id', 'in', [...groupIds])
    .execute();
  if (groups.length !== new Set(groupIds).size || groups.some((g) => g.class_id !== toClassId))
    invalid('Можно выбрать только группы нового класса');
  const subjects = new Set<number>();
  for (const g of groups.filter((x) => x.kind === 'subgroup' && x.subject_id !== null)) {
    if (subjects.has(g.subject_id!)) invalid(`По одному предмету ученик входит в одну подгруппу: лишняя «${g.name}»`);
    subjects.add(g.subject_id!);
  }
  for (const g of groups) await joinGroup(w.trx, studentId, g.id, date);
}

export async function deleteGroup(ctx: Ctx, id: number) {
  const stored = (await ctx.db.selectFrom('study_group').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Группа');
  await assertMayChangeGroup(ctx, { classId: stored.class_id, subjectId: stored.subject_id }, stored, false);
  return mutate(ctx, async (w) => {
    const before = (await w.trx.selectFrom('study_group').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Группа');
    const lessons = await w.trx
      .selectFrom('lesson')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('group_id', '=', id)
      .executeTakeFirstOrThrow();
    if (Number(lessons.n) > 0)
      invalid(
        `У группы «${before.name}» есть уроки года (${lessons.n}): уберите её из расписания и пересоздайте уроки; уроки с отметками остаются в журнале, и тогда группу удалить нельзя`,
      );
    await w.trx.deleteFrom('study_group').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'study_group', entityId: id, classId: before.class_id, before });
    return id;
  });
}

import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import type { Group } from '../contract/school-outputs';

export async function listGroups(ctx: Ctx, classId: number): Promise<Group[]> {
  const groups = await ctx.db
    .selectFrom('study_group')
    .leftJoin('subject', 'subject.id', 'study_group.subject_id')
    .select(['study_group.id', 'study_group.class_id', 'study_group.subject_id', 'study_group.name', 'study_group.kind', 'subject.name as subject_name'])
    .where('class_id', '=', classId)
    .orderBy('subject.name')
    .orderBy('study_group.name')
    .execute();
  const members = await ctx.db
    .selectFrom('group_member')
    .select(['group_id', 'student_id'])
    .where('group_id', 'in', groups.length ? groups.map((g) => g.id) : [0])
    .execute();
  return groups.map((g) => ({
    id: g.id,
    classId: g.class_id,
    subjectId: g.subject_id,
    name: g.name,
    kind: g.kind,
    subjectName: g.subject_name,
    studentIds: members.filter((m) => m.group_id === g.id).map((m) => m.student_id),
  }));
}

export async function saveGroup(ctx: Ctx, input: ParsedInput<'groups.save'>) {
  const ids = [...new Set(input.studentIds)];
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
  if (input.kind === 'subgroup' && input.subjectId) {
    // A student belongs to one subgroup of a subject.
    const clash = await ctx.db
      .selectFrom('group_member')
      .innerJoin('study_group', 'study_group.id', 'group_member.group_id')
      .innerJoin('student', 'student.id', 'group_member.student_id')
      .select(['student.last_name', 'student.first_name', 'study_group.name'])
      .where('study_group.class_id', '=', input.classId)
      .where('study_group.subject_id', '=', input.subjectId)
      .where('study_group.kind', '=', 'subgroup')
      .where('study_group.id', '!=', input.id ?? 0)
      .where('group_member.student_id', 'in', ids.length ? ids : [0])
      .execute();
    if (clash.length) invalid(clash.map((c) => `${c.last_name} ${c.first_name} уже в подгруппе «${c.name}» по этому предмету`));
  }
  const values = { class_id: input.classId, subject_id: input.subjectId ?? null, name: input.name, kind: input.kind };
  const dup = `Группа «${input.name}» в этом классе уже есть`;
  return mutate(ctx, async (w) => {
    let id = input.id ?? 0;
    if (input.id) {
      const before = (await w.trx.selectFrom('study_group').selectAll().where('id', '=', input.id).executeTakeFirst()) ?? notFound('Группа');
      await w.trx.updateTable('study_group').set(values).where('id', '=', input.id).execute().catch((e) => uniqueMessage(e, dup));
      await w.trx.deleteFrom('group_member').where('group_id', '=', input.id).execute();
      await w.audit({ action: 'update', entity: 'study_group', entityId: id, classId: input.classId, before, after: { ...values, studentIds: ids } });
    } else {
      const r = await w.trx.insertInto('study_group').values(values).returning('id').executeTakeFirstOrThrow().catch((e) => uniqueMessage(e, dup));
      id = r.id;
      await w.audit({ action: 'create', entity: 'study_group', entityId: id, classId: input.classId, after: { ...values, studentIds: ids } });
    }
    if (ids.length) await w.trx.insertInto('group_member').values(ids.map((s) => ({ group_id: id, student_id: s }))).execute();
    return id;
  });
}

export async function deleteGroup(ctx: Ctx, id: number) {
  return mutate(ctx, async (w) => {
    const before = (await w.trx.selectFrom('study_group').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Группа');
    const lessons = await w.trx.selectFrom('lesson').select((e) => e.fn.countAll<number>().as('n')).where('group_id', '=', id).executeTakeFirstOrThrow();
    if (Number(lessons.n) > 0)
      invalid(`У группы «${before.name}» есть уроки года (${lessons.n}): уберите её из расписания и пересоздайте уроки; уроки с отметками остаются в журнале, и тогда группу удалить нельзя`);
    await w.trx.deleteFrom('study_group').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'study_group', entityId: id, classId: before.class_id, before });
    return id;
  });
}

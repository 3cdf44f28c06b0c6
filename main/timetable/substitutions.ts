import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import type {
  SubstitutionClassTotals,
  SubstitutionEntry,
  SubstitutionReport,
  SubstitutionTeacherTotals,
} from '../contract/timetable-outputs';
import { recordedPerson, shortName } from '../contract/rules/names';
import { invalid, notFound } from '../kernel/invalid';
import { getYear } from '../school/years';
import { lessonFor, moveProblems, substitutionProblems } from './substitution-check';
import { assertMayChangeTimetable } from '../school/rights';

// Substitutions (замены), cancellations and moved lessons (переносы), registered by the deputy, the journal administrator
// or the class's homeroom teacher (main/school/rights.ts) with a reason. Each is a row of history; the lesson shows the substitute or its new status.

/** The class of the lesson, for the rights check before the change's transaction. */
async function assertMayChangeLesson(ctx: Ctx, lessonId: number): Promise<void> {
  const l = (await ctx.db.selectFrom('lesson').select('class_id').where('id', '=', lessonId).executeTakeFirst()) ?? notFound('Урок');
  await assertMayChangeTimetable(ctx, l.class_id);
}

export async function substitute(ctx: Ctx, input: ParsedInput<'subs.substitute'>): Promise<number> {
  await assertMayChangeLesson(ctx, input.lessonId);
  return mutate(ctx, async (w) => {
    const l = await lessonFor(w.trx, input.lessonId);
    const { problems, teacher: t } = await substitutionProblems(w.trx, l, input.staffId);
    if (problems.length) invalid(problems[0]);
    const before = { substitute_staff_id: l.substitute_staff_id };
    await w.trx.updateTable('lesson').set({ substitute_staff_id: t.id }).where('id', '=', l.id).execute();
    const r = await w.trx
      .insertInto('substitution')
      .values({
        lesson_id: l.id,
        kind: 'substitute',
        substitute_staff_id: t.id,
        new_lesson_id: null,
        reason: input.reason,
        created_by: personOf(ctx.actor),
        created_at: w.at.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      action: 'substitute',
      entity: 'lesson',
      entityId: l.id,
      classId: l.class_id,
      before,
      after: { substitute_staff_id: t.id, reason: input.reason },
    });
    return r.id;
  });
}

export async function cancelLesson(ctx: Ctx, input: ParsedInput<'subs.cancel'>): Promise<number> {
  await assertMayChangeLesson(ctx, input.lessonId);
  return mutate(ctx, async (w) => {
    const l = await lessonFor(w.trx, input.lessonId);
    if (l.status !== 'held') invalid('Урок уже отменён или перенесён');
    await w.trx.updateTable('lesson').set({ status: 'cancelled' }).where('id', '=', l.id).execute();
    const r = await w.trx
      .insertInto('substitution')
      .values({
        lesson_id: l.id,
        kind: 'cancel',
        substitute_staff_id: null,
        new_lesson_id: null,
        reason: input.reason,
        created_by: personOf(ctx.actor),
        created_at: w.at.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      action: 'cancel',
      entity: 'lesson',
      entityId: l.id,
      classId: l.class_id,
      before: { status: 'held' },
      after: { status: 'cancelled', reason: input.reason },
    });
    return r.id;
  });
}

/** Moves a lesson to another day or lesson number: the old one stays as «перенесён», a new one is created. */
export async function moveLesson(ctx: Ctx, input: ParsedInput<'subs.move'>): Promise<number> {
  await assertMayChangeLesson(ctx, input.lessonId);
  return mutate(ctx, async (w) => {
    const l = await lessonFor(w.trx, input.lessonId);
    const check = await moveProblems(w.trx, l, input);
    if (check.problems.length) invalid(check.problems[0]);
    const { day, roomId } = check;
    const moved = await w.trx
      .insertInto('lesson')
      .values({
        class_id: l.class_id,
        group_id: l.group_id,
        subject_id: l.subject_id,
        staff_id: l.staff_id,
        substitute_staff_id: l.substitute_staff_id,
        room_id: roomId,
        date: input.date,
        lesson_number: input.lesson_number,
        period_id: day!.periodId,
        origin: 'manual',
        slot_id: null,
        status: 'held',
        moved_from_id: l.id,
        topic: l.topic,
        homework: l.homework,
        plan_topic_id: l.plan_topic_id,
        entered_at: l.entered_at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.trx.updateTable('lesson').set({ status: 'moved' }).where('id', '=', l.id).execute();
    await w.trx
      .insertInto('substitution')
      .values({
        lesson_id: l.id,
        kind: 'move',
        substitute_staff_id: null,
        new_lesson_id: moved.id,
        reason: input.reason,
        created_by: personOf(ctx.actor),
        created_at: w.at.toISOString(),
      })
      .execute();
    await w.audit({
      action: 'move',
      entity: 'lesson',
      entityId: l.id,
      classId: l.class_id,
      before: { date: l.date, lesson_number: l.lesson_number, status: 'held' },
      after: { newLessonId: moved.id, date: input.date, lesson_number: input.lesson_number, room_id: roomId, reason: input.reason },
    });
    return moved.id;
  });
}

async function substitutionRows(ctx: Ctx, input: ParsedInput<'subs.list'>): Promise<SubstitutionEntry[]> {
  await getYear(ctx.db, input.yearId);
  let q = ctx.db
    .selectFrom('substitution as x')
    .innerJoin('lesson as l', 'l.id', 'x.lesson_id')
    .innerJoin('class as c', 'c.id', 'l.class_id')
    .innerJoin('subject as s', 's.id', 'l.subject_id')
    .innerJoin('staff as t', 't.id', 'l.staff_id')
    .leftJoin('staff as sub', 'sub.id', 'x.substitute_staff_id')
    .leftJoin('lesson as nl', 'nl.id', 'x.new_lesson_id')
    .select([
      'x.id',
      'x.kind',
      'x.reason',
      'x.created_by',
      'x.created_at',
      'l.id as lesson_id',
      'l.date',
      'l.lesson_number',
      'l.class_id',
      'l.staff_id',
      'x.substitute_staff_id',
      'c.name as class_name',
      's.name as subject_name',
      't.last_name',
      't.first_name',
      't.middle_name',
      'sub.last_name as sub_last',
      'sub.first_name as sub_first',
      'sub.middle_name as sub_middle',
      'nl.date as new_date',
      'nl.lesson_number as new_lesson_number',
    ])
    .where('c.year_id', '=', input.yearId);
  if (input.from) q = q.where('l.date', '>=', input.from);
  if (input.to) q = q.where('l.date', '<=', input.to);
  const rows = await q.orderBy('l.date').orderBy('l.lesson_number').orderBy('x.id').execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    reason: r.reason,
    createdBy: recordedPerson(r.created_by),
    createdAt: r.created_at,
    lessonId: r.lesson_id,
    date: r.date,
    lessonNumber: r.lesson_number,
    classId: r.class_id,
    staffId: r.staff_id,
    substituteStaffId: r.substitute_staff_id,
    className: r.class_name,
    subjectName: r.subject_name,
    teacher: shortName(r),
    substitute: r.sub_last ? shortName({ last_name: r.sub_last, first_name: r.sub_first ?? '', middle_name: r.sub_middle ?? '' }) : null,
    newDate: r.new_date,
    newLessonNumber: r.new_lesson_number,
  }));
}

export async function listSubstitutions(ctx: Ctx, input: ParsedInput<'subs.list'>): Promise<SubstitutionEntry[]> {
  return substitutionRows(ctx, input);
}

/** Substituted, cancelled and moved lessons per teacher and per class. */
export async function substitutionReport(ctx: Ctx, input: ParsedInput<'subs.report'>): Promise<SubstitutionReport> {
  const rows = await substitutionRows(ctx, input);
  const teachers = new Map<number, SubstitutionTeacherTotals>();
  const classes = new Map<number, SubstitutionClassTotals>();
  const t = (id: number, name: string) => {
    if (!teachers.has(id)) teachers.set(id, { staffId: id, teacher: name, replaced: 0, gave: 0, cancelled: 0, moved: 0 });
    return teachers.get(id)!;
  };
  for (const r of rows) {
    const c = classes.get(r.classId) ?? { classId: r.classId, className: r.className, substituted: 0, cancelled: 0, moved: 0 };
    classes.set(r.classId, c);
    if (r.kind === 'substitute') {
      t(r.staffId, r.teacher).replaced++;
      if (r.substituteStaffId) t(r.substituteStaffId, r.substitute ?? '').gave++;
      c.substituted++;
    } else if (r.kind === 'cancel') {
      t(r.staffId, r.teacher).cancelled++;
      c.cancelled++;
    } else {
      t(r.staffId, r.teacher).moved++;
      c.moved++;
    }
  }
  return {
    teachers: [...teachers.values()].sort((a, b) => a.teacher.localeCompare(b.teacher, 'ru')),
    classes: [...classes.values()].sort((a, b) => a.className.localeCompare(b.className, 'ru', { numeric: true })),
    total: rows.length,
  };
}

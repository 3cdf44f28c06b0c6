import { personOf, requirePermission, type Ctx } from '../kernel/context';
import { mutate, type Writer } from '../kernel/mutate';
import type { MovementKind } from '../../db/schema';
import type { ParsedInput } from '../contract/index';
import { prevDay, ru } from '../contract/rules/dates';
import { getClass } from './classes';
import { invalid, notFound } from '../kernel/invalid';
import { getYear } from './years';
import type { MovementEntry } from '../contract/school-outputs';
import { moveGroupsWithClass } from './groups';
import { recordedPerson } from '../contract/rules/names';

const KIND_NAMES = { arrival: 'Прибытие', transfer: 'Перевод', withdrawal: 'Выбытие' } as const;

export async function movementHistory(ctx: Ctx, studentId: number): Promise<MovementEntry[]> {
  const rows = await ctx.db
    .selectFrom('movement')
    .leftJoin('class as f', 'f.id', 'movement.from_class_id')
    .leftJoin('class as t', 't.id', 'movement.to_class_id')
    .select([
      'movement.id',
      'movement.kind',
      'movement.date',
      'movement.order_number',
      'movement.reason',
      'movement.created_by',
      'movement.created_at',
      'f.name as from_class',
      't.name as to_class',
    ])
    .where('movement.student_id', '=', studentId)
    .orderBy('movement.date')
    .orderBy('movement.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    kindName: KIND_NAMES[r.kind],
    date: r.date,
    orderNumber: r.order_number,
    reason: r.reason,
    createdBy: recordedPerson(r.created_by),
    createdAt: r.created_at,
    fromClass: r.from_class,
    toClass: r.to_class,
  }));
}

async function lastMovement(ctx: Ctx, studentId: number) {
  return ctx.db
    .selectFrom('movement')
    .selectAll()
    .where('student_id', '=', studentId)
    .orderBy('date', 'desc')
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function openEnrollment(ctx: Ctx, studentId: number) {
  return ctx.db.selectFrom('enrollment').selectAll().where('student_id', '=', studentId).where('end_date', 'is', null).executeTakeFirst();
}

async function assertDateAfterHistory(ctx: Ctx, studentId: number, date: string, what: string) {
  const last = await lastMovement(ctx, studentId);
  if (!last) notFound('Ученик');
  if (date <= last.date)
    invalid(
      `${what} ${ru(date)} не может быть раньше или в один день с последним движением ученика (${KIND_NAMES[last.kind].toLowerCase()} ${ru(last.date)})`,
    );
}

async function assertDateInClassYear(ctx: Ctx, classId: number, date: string) {
  const cls = await getClass(ctx.db, classId);
  const year = await getYear(ctx.db, cls.year_id);
  if (date < year.start_date || date > year.end_date) invalid(`Дата ${ru(date)} вне учебного года ${year.name} класса ${cls.name}`);
  return cls;
}

type ClassRow = Awaited<ReturnType<typeof getClass>>;

interface Move {
  studentId: number;
  kind: MovementKind;
  date: string;
  from: ClassRow | null;
  to: ClassRow | null;
  order_number: string;
  reason: string;
  /** The open enrollment that ends the day before `date`. */
  closeEnrollmentId?: number;
  /** Groups of the new class the student joins on `date` (the old class's groups are left that day). */
  groupIds?: readonly number[];
}

const ACTIONS: Record<MovementKind, string> = { arrival: 'arrive', transfer: 'transfer', withdrawal: 'withdraw' };

/**
 * One movement inside a writer's transaction: the history row, the enrollment intervals derived
 * from it, and the audit row. Creating a student uses it for the first arrival too.
 */
export async function writeMovement(w: Writer, actorName: string, m: Move): Promise<number> {
  if (m.closeEnrollmentId)
    await w.trx
      .updateTable('enrollment')
      .set({ end_date: prevDay(m.date) })
      .where('id', '=', m.closeEnrollmentId)
      .execute();
  if (m.to)
    await w.trx
      .insertInto('enrollment')
      .values({ student_id: m.studentId, class_id: m.to.id, start_date: m.date, end_date: null })
      .execute();
  await moveGroupsWithClass(w, m.studentId, m.from?.id ?? null, m.to?.id ?? null, m.groupIds ?? [], m.date);
  const row = await w.trx
    .insertInto('movement')
    .values({
      student_id: m.studentId,
      kind: m.kind,
      date: m.date,
      from_class_id: m.from?.id ?? null,
      to_class_id: m.to?.id ?? null,
      order_number: m.order_number,
      reason: m.reason,
      created_by: actorName,
      created_at: w.at.toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await w.audit({
    action: ACTIONS[m.kind],
    entity: 'student',
    entityId: m.studentId,
    classId: (m.from ?? m.to)!.id,
    before: m.from ? { class: m.from.name } : null,
    after: {
      class: m.to?.name ?? null,
      date: m.date,
      order_number: m.order_number,
      reason: m.reason,
      movement_id: row.id,
      ...(m.groupIds?.length ? { groupIds: m.groupIds } : {}),
    },
  });
  return row.id;
}

export async function transferStudent(ctx: Ctx, input: ParsedInput<'movement.transfer'>) {
  requirePermission(ctx.actor, 'movement.write');
  const open = await openEnrollment(ctx, input.studentId);
  if (!open) invalid('Ученик сейчас не числится ни в одном классе: оформите прибытие');
  if (open.class_id === input.toClassId) invalid('Ученик уже учится в этом классе');
  await assertDateAfterHistory(ctx, input.studentId, input.date, 'Дата перевода');
  const to = await assertDateInClassYear(ctx, input.toClassId, input.date);
  const from = await getClass(ctx.db, open.class_id);
  return mutate(ctx, (w) =>
    writeMovement(w, personOf(ctx.actor), {
      studentId: input.studentId,
      kind: 'transfer',
      date: input.date,
      from,
      to,
      order_number: input.order_number,
      reason: input.reason,
      closeEnrollmentId: open.id,
      groupIds: input.groupIds ?? [],
    }),
  );
}

export async function withdrawStudent(ctx: Ctx, input: ParsedInput<'movement.withdraw'>) {
  requirePermission(ctx.actor, 'movement.write');
  const open = await openEnrollment(ctx, input.studentId);
  if (!open) invalid('Ученик уже выбыл');
  await assertDateAfterHistory(ctx, input.studentId, input.date, 'Дата выбытия');
  const from = await assertDateInClassYear(ctx, open.class_id, input.date);
  return mutate(ctx, (w) =>
    writeMovement(w, personOf(ctx.actor), {
      studentId: input.studentId,
      kind: 'withdrawal',
      date: input.date,
      from,
      to: null,
      order_number: input.order_number,
      reason: input.reason,
      closeEnrollmentId: open.id,
    }),
  );
}

export async function arriveStudent(ctx: Ctx, input: ParsedInput<'movement.arrive'>) {
  requirePermission(ctx.actor, 'movement.write');
  if (await openEnrollment(ctx, input.studentId)) invalid('Ученик уже числится в классе: оформите перевод');
  await assertDateAfterHistory(ctx, input.studentId, input.date, 'Дата прибытия');
  const to = await assertDateInClassYear(ctx, input.classId, input.date);
  return mutate(ctx, (w) =>
    writeMovement(w, personOf(ctx.actor), {
      studentId: input.studentId,
      kind: 'arrival',
      date: input.date,
      from: null,
      to,
      order_number: input.order_number,
      reason: input.reason,
    }),
  );
}

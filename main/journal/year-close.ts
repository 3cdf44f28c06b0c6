import { AppError } from '../../db/index';
import { personOf, requirePermission, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { countOf } from '../contract/rules/plural';
import { decisionWording } from '../contract/rules/council';
import { schoolToday } from '../kernel/school-clock';
import type { ParsedInput } from '../contract/index';
import type { FinalMarkKind } from '../contract/unions';
import type { ClassDecisions, Deferral, YearChecklist } from '../contract/year-close';
import { deferralOf, yearChecklist, yearShape } from './year-checklist';
import { recordedPerson } from '../contract/rules/names';

// Closing a school year (issue 14 part 2): the director closes it once the checklist has no failures (missing marks
// deferred for an ill student are accepted exceptions); from then on the database refuses every write of the year's
// rows (db/migrations/0014_year_close.ts), whoever asks. Reopening is the director's too, with a reason, audited.
// The deputy and the director record the council's decisions and the deferrals while the year is open.

const FAILURES = ['недочёт', 'недочёта', 'недочётов'] as const;

export async function checklist(ctx: Ctx, yearId: number): Promise<YearChecklist> {
  requirePermission(ctx.actor, 'year.council');
  return yearChecklist(ctx, yearId);
}

/** The refusal that lists what is missing: the first twenty lines, and how many more. */
export function failuresMessage(c: YearChecklist): string {
  const shown = c.failures.slice(0, 20).map((f) => `• ${f.message}`);
  const more = c.failures.length - shown.length;
  return [
    `Учебный год ${c.year.name} нельзя закрыть: ${countOf(c.failures.length, FAILURES)} в проверке.`,
    ...shown,
    ...(more > 0 ? [`…и ещё ${more}`] : []),
  ].join('\n');
}

export async function closeYear(ctx: Ctx, yearId: number): Promise<YearChecklist> {
  requirePermission(ctx.actor, 'year.close');
  const c = await yearChecklist(ctx, yearId);
  if (c.year.closed) invalid(`Учебный год ${c.year.name} уже закрыт`);
  if (c.failures.length) throw new AppError('INVALID', failuresMessage(c), { failures: c.failures });
  const at = ctx.now().toISOString();
  await mutate(ctx, async (w) => {
    await w.trx
      .updateTable('academic_year')
      .set({ closed: 1, closed_at: at, closed_by: personOf(ctx.actor) })
      .where('id', '=', yearId)
      .execute();
    await w.audit({
      action: 'year.close',
      entity: 'academic_year',
      entityId: yearId,
      before: { closed: false },
      after: { closed: true, year: c.year.name, checked: c.checked, exceptions: c.exceptions.map((e) => e.message) },
    });
  });
  return yearChecklist(ctx, yearId);
}

export async function reopenYear(ctx: Ctx, yearId: number, reason: string): Promise<YearChecklist> {
  requirePermission(ctx.actor, 'year.close');
  const year =
    (await ctx.db.selectFrom('academic_year').selectAll().where('id', '=', yearId).executeTakeFirst()) ?? notFound('Учебный год');
  if (!year.closed) invalid(`Учебный год ${year.name} не закрыт`);
  if (!reason.trim()) invalid('Укажите причину, по которой год открывается заново');
  await mutate(ctx, async (w) => {
    await w.trx.updateTable('academic_year').set({ closed: 0, closed_at: null, closed_by: null }).where('id', '=', yearId).execute();
    await w.audit({
      action: 'year.reopen',
      entity: 'academic_year',
      entityId: yearId,
      before: { closed: true, closedAt: year.closed_at, closedBy: year.closed_by },
      after: { closed: false, year: year.name, reason: reason.trim() },
    });
  });
  return yearChecklist(ctx, yearId);
}

export async function classDecisions(ctx: Ctx, yearId: number, classId: number): Promise<ClassDecisions> {
  requirePermission(ctx.actor, 'year.council');
  const { shapes, inClassOn, nameOf } = await yearShape(ctx, yearId);
  const shape = shapes.find((s) => s.cls.id === classId) ?? notFound('Класс этого учебного года');
  const students = inClassOn(classId, shape.lastEnd);
  const [rows, debts] = await Promise.all([
    ctx.db.selectFrom('council_decision').selectAll().where('year_id', '=', yearId).where('class_id', '=', classId).execute(),
    ctx.db
      .selectFrom('final_mark as f')
      .innerJoin('subject as s', 's.id', 'f.subject_id')
      .select(['f.student_id', 's.name', 'f.value'])
      .where('f.year_id', '=', yearId)
      .where('f.class_id', '=', classId)
      .where('f.kind', '=', 'year')
      .where('f.value', 'in', ['1', '2', 'н/а', 'незач'])
      .orderBy('s.name')
      .execute(),
  ]);
  const byStudent = new Map(rows.map((r) => [r.student_id, r]));
  return {
    classId,
    className: shape.cls.name,
    grade: shape.cls.grade,
    rows: students.map((e) => {
      const d = byStudent.get(e.student_id);
      return {
        studentId: e.student_id,
        student: nameOf(e),
        kind: d?.kind ?? null,
        text: d ? decisionWording(d.kind, shape.cls.grade, e.gender) : '',
        protocol: d?.protocol ?? '',
        note: d?.note ?? '',
        recordedBy: recordedPerson(d?.recorded_by ?? null),
        recordedAt: d?.recorded_at ?? null,
        debts: debts.filter((x) => x.student_id === e.student_id).map((x) => `${x.name}: ${x.value}`),
      };
    }),
  };
}

export async function saveDecisions(ctx: Ctx, input: ParsedInput<'yearClose.saveDecisions'>): Promise<ClassDecisions> {
  requirePermission(ctx.actor, 'year.council');
  const current = await classDecisions(ctx, input.yearId, input.classId);
  const inClass = new Map(current.rows.map((r) => [r.studentId, r]));
  const stranger = input.decisions.find((d) => !inClass.has(d.studentId));
  if (stranger) invalid(`Ученик не числится в классе ${current.className} в конце учебного года`);
  if (input.decisions.some((d) => d.kind === 'graduated') && current.grade !== 9 && current.grade !== 11)
    invalid(`«Выпущен» — решение для 9 и 11 классов, а ${current.className} — ${current.grade} класс`);
  const at = ctx.now().toISOString();
  await mutate(ctx, async (w) => {
    for (const d of input.decisions) {
      const before = inClass.get(d.studentId)!;
      if (before.kind === d.kind && before.note === d.note && before.protocol === input.protocol) continue;
      await w.trx.deleteFrom('council_decision').where('year_id', '=', input.yearId).where('student_id', '=', d.studentId).execute();
      if (d.kind)
        await w.trx
          .insertInto('council_decision')
          .values({
            year_id: input.yearId,
            class_id: input.classId,
            student_id: d.studentId,
            kind: d.kind,
            protocol: input.protocol,
            note: d.note,
            recorded_by: personOf(ctx.actor),
            recorded_at: at,
          })
          .execute();
      await w.audit({
        action: before.kind ? (d.kind ? 'update' : 'delete') : 'create',
        entity: 'council_decision',
        entityId: d.studentId,
        classId: input.classId,
        before: before.kind ? { kind: before.kind, protocol: before.protocol, note: before.note } : null,
        after: d.kind ? { kind: d.kind, protocol: input.protocol, note: d.note } : null,
      });
    }
  });
  return classDecisions(ctx, input.yearId, input.classId);
}

export async function deferMark(ctx: Ctx, input: ParsedInput<'yearClose.defer'>): Promise<Deferral> {
  requirePermission(ctx.actor, 'year.council');
  const kind = input.kind as FinalMarkKind;
  const cls =
    (await ctx.db
      .selectFrom('class')
      .select(['id', 'name', 'year_id'])
      .where('id', '=', input.classId)
      .where('year_id', '=', input.yearId)
      .executeTakeFirst()) ?? notFound('Класс этого учебного года');
  const enrolled = await ctx.db
    .selectFrom('enrollment')
    .select('id')
    .where('class_id', '=', cls.id)
    .where('student_id', '=', input.studentId)
    .executeTakeFirst();
  if (!enrolled) invalid(`Ученик не учился в классе ${cls.name}`);
  const subject =
    (await ctx.db.selectFrom('subject').select('name').where('id', '=', input.subjectId).executeTakeFirst()) ?? notFound('Предмет');
  const existing = await ctx.db
    .selectFrom('deferred_mark')
    .select('id')
    .where('year_id', '=', input.yearId)
    .where('class_id', '=', input.classId)
    .where('subject_id', '=', input.subjectId)
    .where('student_id', '=', input.studentId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  if (existing) invalid(`Эта отметка по предмету «${subject.name}» уже отсрочена`);
  const at = ctx.now().toISOString();
  const row = await mutate(ctx, async (w) => {
    const r = await w.trx
      .insertInto('deferred_mark')
      .values({
        year_id: input.yearId,
        class_id: input.classId,
        subject_id: input.subjectId,
        student_id: input.studentId,
        kind,
        reason: input.reason,
        due_date: input.dueDate,
        created_by: personOf(ctx.actor),
        created_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await w.audit({
      action: 'defer',
      entity: 'deferred_mark',
      entityId: input.studentId,
      classId: input.classId,
      before: null,
      after: { subject: subject.name, kind: input.kind, reason: input.reason, dueDate: input.dueDate },
    });
    return r;
  });
  const has = await ctx.db
    .selectFrom('final_mark')
    .select('id')
    .where('year_id', '=', input.yearId)
    .where('class_id', '=', input.classId)
    .where('subject_id', '=', input.subjectId)
    .where('student_id', '=', input.studentId)
    .where('kind', '=', kind)
    .executeTakeFirst();
  return deferralOf(row, !!has, await schoolToday(ctx));
}

export async function undefer(ctx: Ctx, id: number): Promise<true> {
  requirePermission(ctx.actor, 'year.council');
  const row = (await ctx.db.selectFrom('deferred_mark').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Отсрочка');
  await mutate(ctx, async (w) => {
    await w.trx.deleteFrom('deferred_mark').where('id', '=', id).execute();
    await w.audit({
      action: 'undefer',
      entity: 'deferred_mark',
      entityId: row.student_id,
      classId: row.class_id,
      before: { kind: row.kind, reason: row.reason, dueDate: row.due_date },
      after: null,
    });
  });
  return true;
}

/** The council's decisions of a class's students and their protocols, for the summary ledger (printing checks access). */
export async function decisionsOfClass(ctx: Ctx, classId: number) {
  return ctx.db
    .selectFrom('council_decision')
    .select(['student_id', 'kind', 'protocol', 'note'])
    .where('class_id', '=', classId)
    .orderBy('id')
    .execute();
}

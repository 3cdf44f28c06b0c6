import { AppError, type Db } from '../../db/index';
import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid } from '../kernel/invalid';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { checkedThisMonth, inMonth } from '../contract/rules/personal-data';
import { fullName, recordedPerson } from '../contract/rules/names';
import type { ParsedInput } from '../contract/index';
import type { CheckReminder, PersonalChecks } from '../contract/school-outputs';
import { getClass } from './classes';
import { assertCanEditStudent } from './students';
import { schoolToday } from '../kernel/school-clock';

// Seed 000 (homeroom §7): the homeroom teacher checks the class's personal data at least once a month and corrects
// what changed. «Проверено» is recorded per student (table personal_data_check, audited): who confirmed and on which
// school-local day. «This month» is the calendar month of the school's clock (setting school.timeZone), not UTC's.

const collator = new Intl.Collator('ru');

/** The class's students on `on`, by name. */
export async function classPupils(db: Db, classId: number, on: string) {
  const rows = await db
    .selectFrom('enrollment')
    .innerJoin('student', 'student.id', 'enrollment.student_id')
    .select(['student.id', 'student.last_name', 'student.first_name', 'student.middle_name'])
    .where('enrollment.class_id', '=', classId)
    .where('enrollment.start_date', '<=', on)
    .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', on)]))
    .execute();
  const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
  return unique.sort((a, b) => collator.compare(a.last_name, b.last_name) || collator.compare(a.first_name, b.first_name) || a.id - b.id);
}

/** The latest check of each student: school-local date and who. */
async function lastChecks(db: Db, studentIds: readonly number[]) {
  const out = new Map<number, { checked_on: string; checked_by: string }>();
  if (!studentIds.length) return out;
  const rows = await db
    .selectFrom('personal_data_check')
    .select(['student_id', 'checked_on', 'checked_by'])
    .where('student_id', 'in', [...studentIds])
    .orderBy('checked_at')
    .orderBy('id')
    .execute();
  for (const r of rows) out.set(r.student_id, r);
  return out;
}

/** The homeroom teacher of the class, a deputy, the director and the office read it; other homeroom teachers do not. */
async function assertReadsChecks(ctx: Ctx, classId: number) {
  const c = await getClass(ctx.db, classId);
  if (ctx.actor.system || !personalScopeIsOwnClass(ctx.actor.roles)) return c;
  if (c.homeroom_staff_id === null || c.homeroom_staff_id !== ctx.actor.staffId)
    throw new AppError('FORBIDDEN', 'Классный руководитель видит сведения только своего класса.');
  return c;
}

export async function personalChecks(ctx: Ctx, classId: number): Promise<PersonalChecks> {
  const c = await assertReadsChecks(ctx, classId);
  const today = await schoolToday(ctx);
  const pupils = await classPupils(ctx.db, classId, today);
  const last = await lastChecks(
    ctx.db,
    pupils.map((p) => p.id),
  );
  const rows = pupils.map((p) => {
    const l = last.get(p.id);
    return {
      studentId: p.id,
      name: fullName(p),
      checkedOn: l?.checked_on ?? null,
      checkedBy: recordedPerson(l?.checked_by ?? null),
      checkedThisMonth: checkedThisMonth(l?.checked_on ?? null, today),
    };
  });
  return {
    classId,
    className: c.name,
    today,
    month: inMonth(today),
    rows,
    unchecked: rows.filter((r) => !r.checkedThisMonth).length,
  };
}

/**
 * «Данные проверены»: the students given (or the whole class on today) are recorded as checked today, by the caller.
 * The class's homeroom teacher and a deputy may (the same rule as changing the students' data).
 */
export async function markChecked(ctx: Ctx, input: ParsedInput<'students.markChecked'>): Promise<number> {
  const c = await getClass(ctx.db, input.classId);
  await assertCanEditStudent(ctx, null, c.id);
  const today = await schoolToday(ctx);
  const pupils = await classPupils(ctx.db, c.id, today);
  const inClass = new Set(pupils.map((p) => p.id));
  const ids = input.studentIds ?? [...inClass];
  for (const id of ids) if (!inClass.has(id)) invalid(`Ученик ${id} не учится в ${c.name} классе сегодня`);
  if (!ids.length) invalid(`В ${c.name} классе сегодня нет учеников`);
  return mutate(ctx, async (w) => {
    for (const studentId of ids)
      await w.trx
        .insertInto('personal_data_check')
        .values({
          student_id: studentId,
          class_id: c.id,
          checked_on: today,
          checked_at: w.at.toISOString(),
          checked_by: personOf(ctx.actor),
        })
        .execute();
    await w.audit({
      action: 'update',
      entity: 'personal_data_check',
      classId: c.id,
      after: { checkedOn: today, studentIds: ids, wholeClass: input.studentIds === undefined },
    });
    return ids.length;
  });
}

/** The year whose days hold today, or else the latest one begun before it. */
export async function currentYearId(db: Db, today: string): Promise<number | null> {
  const y = await db
    .selectFrom('academic_year')
    .select(['id', 'start_date', 'end_date'])
    .where('start_date', '<=', today)
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
  return y?.id ?? null;
}

/** The home screen's reminder: the caller's own classes (as homeroom teacher) with students not checked this month. */
export async function checkReminders(ctx: Ctx): Promise<CheckReminder[]> {
  if (ctx.actor.staffId === null) return [];
  const today = await schoolToday(ctx);
  const yearId = await currentYearId(ctx.db, today);
  if (yearId === null) return [];
  const own = await ctx.db
    .selectFrom('class')
    .select(['id', 'name'])
    .where('year_id', '=', yearId)
    .where('homeroom_staff_id', '=', ctx.actor.staffId)
    .orderBy('grade')
    .orderBy('letter')
    .execute();
  const out: CheckReminder[] = [];
  for (const c of own) {
    const pupils = await classPupils(ctx.db, c.id, today);
    const last = await lastChecks(
      ctx.db,
      pupils.map((p) => p.id),
    );
    const unchecked = pupils.filter((p) => !checkedThisMonth(last.get(p.id)?.checked_on ?? null, today)).length;
    out.push({ classId: c.id, className: c.name, total: pupils.length, unchecked, month: inMonth(today) });
  }
  return out;
}

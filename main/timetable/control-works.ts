import type { Db } from '../../db/index';
import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import type { ControlCheck, ControlLimits, ControlWork } from '../contract/timetable-outputs';
import { ru } from '../contract/rules/dates';
import { invalid, notFound } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { getYear, parseGrades, periodsForGrade } from '../school/years';
import { studyDays, weekStart } from './calendar';
import { recordedPerson } from '../contract/rules/names';

// The school's control-work schedule (график контрольных работ, ВШК) and the limits the school
// sets on how many a class may write per day and per week.

export async function getLimits(ctx: Ctx): Promise<ControlLimits> {
  return {
    perDay: Number(await getSetting(ctx.db, 'controlWorks.perDay')),
    perWeek: Number(await getSetting(ctx.db, 'controlWorks.perWeek')),
  };
}

export async function setLimits(ctx: Ctx, input: ParsedInput<'control.setLimits'>): Promise<number> {
  if (input.perDay > input.perWeek) invalid('В день не может быть больше работ, чем в неделю');
  return mutate(ctx, async (w) => {
    const before = await getLimits({ ...ctx, db: w.trx });
    for (const [key, value] of [
      ['controlWorks.perDay', input.perDay],
      ['controlWorks.perWeek', input.perWeek],
    ] as const)
      await w.trx
        .insertInto('setting')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) }))
        .execute();
    await w.audit({ action: 'update', entity: 'setting', before, after: input });
    return 1;
  });
}

export async function listControlWorks(ctx: Ctx, input: ParsedInput<'control.list'>): Promise<ControlWork[]> {
  await getYear(ctx.db, input.yearId);
  let q = ctx.db
    .selectFrom('control_work as w')
    .innerJoin('class as c', 'c.id', 'w.class_id')
    .innerJoin('subject as s', 's.id', 'w.subject_id')
    .select([
      'w.id',
      'w.class_id',
      'w.subject_id',
      'w.date',
      'w.lesson_number',
      'w.kind',
      'w.title',
      'w.created_by',
      'c.name as class_name',
      'c.grade',
      's.name as subject_name',
    ])
    .where('w.year_id', '=', input.yearId);
  if (input.from) q = q.where('w.date', '>=', input.from);
  if (input.to) q = q.where('w.date', '<=', input.to);
  if (input.classId) q = q.where('w.class_id', '=', input.classId);
  const rows = await q.orderBy('w.date').orderBy('c.grade').orderBy('c.letter').execute();
  return rows.map((r) => ({
    id: r.id,
    classId: r.class_id,
    subjectId: r.subject_id,
    date: r.date,
    lessonNumber: r.lesson_number,
    kind: r.kind,
    title: r.title,
    createdBy: recordedPerson(r.created_by),
    className: r.class_name,
    grade: r.grade,
    subjectName: r.subject_name,
  }));
}

interface WorkRef {
  id: number;
  classId: number;
  date: string;
}

/** Which works break the limits: more than perDay on a class's day or perWeek in its week. */
export function limitViolations<T extends WorkRef>(works: readonly T[], limits: ControlLimits) {
  const day = new Map<string, T[]>();
  const week = new Map<string, T[]>();
  for (const w of works) {
    const d = `${w.classId}|${w.date}`;
    const k = `${w.classId}|${weekStart(w.date)}`;
    day.set(d, [...(day.get(d) ?? []), w]);
    week.set(k, [...(week.get(k) ?? []), w]);
  }
  return {
    days: [...day.values()].filter((l) => l.length > limits.perDay),
    weeks: [...week.values()].filter((l) => l.length > limits.perWeek),
  };
}

async function checkNewWork(db: Db, work: WorkRef, limits: ControlLimits, className: string) {
  const ws = weekStart(work.date);
  const others = await db
    .selectFrom('control_work')
    .select(['id', 'class_id', 'date'])
    .where('class_id', '=', work.classId)
    .where('date', '>=', ws)
    .where('date', '<=', new Date(Date.parse(`${ws}T00:00:00Z`) + 6 * 86_400_000).toISOString().slice(0, 10))
    .where('id', '!=', work.id)
    .execute();
  const sameDay = others.filter((o) => o.date === work.date).length + 1;
  if (sameDay > limits.perDay)
    invalid(`У ${className} ${ru(work.date)} уже ${sameDay - 1} контрольн. работ(ы): школа разрешает не больше ${limits.perDay} в день`);
  if (others.length + 1 > limits.perWeek)
    invalid(
      `У ${className} на неделе с ${ru(ws)} уже ${others.length} контрольн. работ(ы): школа разрешает не больше ${limits.perWeek} в неделю`,
    );
}

export async function saveControlWork(ctx: Ctx, input: ParsedInput<'control.save'>): Promise<number> {
  const year = await getYear(ctx.db, input.yearId);
  const cls = await ctx.db.selectFrom('class').selectAll().where('id', '=', input.classId).executeTakeFirst();
  if (!cls || cls.year_id !== year.id) invalid('Класс не найден в этом учебном году');
  if (!(await ctx.db.selectFrom('subject').select('id').where('id', '=', input.subjectId).executeTakeFirst())) notFound('Предмет');
  const holidays = (
    await ctx.db.selectFrom('holiday').select(['start_date', 'end_date', 'grades']).where('year_id', '=', year.id).execute()
  ).map((h) => ({ ...h, grades: parseGrades(h.grades) }));
  const days = studyDays(await periodsForGrade(ctx.db, year.id, cls.grade), holidays, cls.grade, cls.week_days);
  if (!days.some((d) => d.date === input.date))
    invalid(`${ru(input.date)} у ${cls.name} нет уроков (выходной, каникулы или вне учебных периодов)`);
  if (input.lesson_number !== null && input.lesson_number !== undefined) {
    const bell = cls.bell_schedule_id
      ? await ctx.db
          .selectFrom('bell')
          .select('lesson_number')
          .where('schedule_id', '=', cls.bell_schedule_id)
          .where('lesson_number', '=', input.lesson_number)
          .executeTakeFirst()
      : undefined;
    if (!bell) invalid(`Урока №${input.lesson_number} нет в расписании звонков класса ${cls.name}`);
  }
  await checkNewWork(ctx.db, { id: input.id ?? 0, classId: cls.id, date: input.date }, await getLimits(ctx), cls.name);
  const values = {
    year_id: year.id,
    class_id: cls.id,
    subject_id: input.subjectId,
    date: input.date,
    lesson_number: input.lesson_number ?? null,
    kind: input.kind,
    title: input.title,
  };
  return mutate(ctx, async (w) => {
    if (input.id) {
      const before =
        (await w.trx.selectFrom('control_work').selectAll().where('id', '=', input.id).executeTakeFirst()) ??
        notFound('Контрольная работа');
      await w.trx.updateTable('control_work').set(values).where('id', '=', input.id).execute();
      await w.audit({ action: 'update', entity: 'control_work', entityId: input.id, classId: cls.id, before, after: values });
      return input.id;
    }
    const r = await w.trx
      .insertInto('control_work')
      .values({ ...values, created_by: personOf(ctx.actor), created_at: w.at.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({ action: 'create', entity: 'control_work', entityId: r.id, classId: cls.id, after: values });
    return r.id;
  });
}

export async function deleteControlWork(ctx: Ctx, id: number): Promise<number> {
  return mutate(ctx, async (w) => {
    const before =
      (await w.trx.selectFrom('control_work').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Контрольная работа');
    await w.trx.deleteFrom('control_work').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'control_work', entityId: id, classId: before.class_id, before });
    return id;
  });
}

/** Every day and week where a class has more control works than the limits allow (e.g. after the limits were lowered). */
export async function checkControlWorks(ctx: Ctx, yearId: number): Promise<ControlCheck> {
  const works = await listControlWorks(ctx, { yearId });
  const limits = await getLimits(ctx);
  const v = limitViolations(works, limits);
  return {
    limits,
    problems: [
      ...v.days.map(
        (l) =>
          `${l[0].className}, ${ru(l[0].date)}: ${l.length} работ(ы) в день (${l.map((x) => x.subjectName).join(', ')}), допустимо ${limits.perDay}`,
      ),
      ...v.weeks.map((l) => `${l[0].className}, неделя с ${ru(weekStart(l[0].date))}: ${l.length} работ(ы), допустимо ${limits.perWeek}`),
    ],
  };
}

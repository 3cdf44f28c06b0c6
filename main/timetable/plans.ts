import type { Db } from '../../db/index';
import type { TopicKind } from '../../db/schema';
import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import type { PlanDetail, PlanExport, PlanFileResult, PlanImported, PlanSummary } from '../contract/timetable-outputs';
import { invalid, notFound } from '../kernel/invalid';
import { getYear, parseGrades, periodsForGrade } from '../school/years';
import { studyDays } from './calendar';
import { curriculumRows, fmt, resolveHours } from './curriculum';
import { reassignTopics } from './lessons';
import { assertMayPlacePlan } from '../school/rights';

// exceljs, papaparse and iconv-lite load only when a file is read or written: start-up stays quick.
const planFile = () => import('./plan-file');

// Thematic plans (КТП): ordered topics with hours and kind, per subject and grade, or for one
// class. Their topics go onto the lessons in order (lessons.ts: assignClassTopics).

/**
 * Hours the curriculum gives a subject over the year: weekly hours of each period × its study
 * weeks (study days ÷ working days a week), for the class, or the grade's first class.
 */
export async function curriculumYearHours(db: Db, yearId: number, subjectId: number, grade: number, classId: number | null) {
  let q = db.selectFrom('class').select(['id', 'grade', 'week_days']).where('year_id', '=', yearId).where('grade', '=', grade);
  if (classId) q = q.where('id', '=', classId);
  const cls = (await q.orderBy('letter').executeTakeFirst()) ?? { id: 0, grade, week_days: 5 };
  const rows = await curriculumRows(db, yearId);
  const periods = await periodsForGrade(db, yearId, grade);
  const holidays = (
    await db.selectFrom('holiday').select(['start_date', 'end_date', 'grades']).where('year_id', '=', yearId).execute()
  ).map((h) => ({ ...h, grades: parseGrades(h.grades) }));
  const days = studyDays(periods, holidays, grade, cls.week_days);
  let total = 0;
  const parts: string[] = [];
  for (const p of periods) {
    const h = resolveHours(rows, cls, p.number, subjectId);
    const weeks = days.filter((d) => d.periodId === p.id).length / cls.week_days;
    total += h * weeks;
    parts.push(`${fmt(h)} ч × ${fmt(Math.round(weeks * 10) / 10)} нед.`);
  }
  return { hours: Math.round(total), explanation: parts.join(' + ') };
}

function hoursWarning(planHours: number, cur: { hours: number; explanation: string }): string | null {
  if (cur.hours === 0) return `По учебному плану у этого предмета нет часов, а в тематическом плане ${planHours} ч`;
  if (planHours !== cur.hours) return `В тематическом плане ${planHours} ч, а по учебному плану ${cur.hours} ч (${cur.explanation})`;
  return null;
}

export async function listPlans(ctx: Ctx, yearId: number): Promise<PlanSummary[]> {
  await getYear(ctx.db, yearId);
  const plans = await ctx.db
    .selectFrom('thematic_plan as p')
    .innerJoin('subject as s', 's.id', 'p.subject_id')
    .leftJoin('class as c', 'c.id', 'p.class_id')
    .select([
      'p.id',
      'p.subject_id',
      'p.grade',
      'p.class_id',
      'p.name',
      'p.updated_at',
      's.name as subject_name',
      'c.name as class_name',
      (eb) =>
        eb
          .selectFrom('plan_topic')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('plan_id', '=', 'p.id')
          .as('topics'),
      (eb) =>
        eb
          .selectFrom('plan_topic')
          .select((e) => e.fn.sum<number>('hours').as('h'))
          .whereRef('plan_id', '=', 'p.id')
          .as('hours'),
    ])
    .where('p.year_id', '=', yearId)
    .orderBy('p.grade')
    .orderBy('s.name')
    .execute();
  const out: PlanSummary[] = [];
  for (const p of plans) {
    const cur = await curriculumYearHours(ctx.db, yearId, p.subject_id, p.grade, p.class_id);
    const hours = Number(p.hours ?? 0);
    out.push({
      id: p.id,
      subjectId: p.subject_id,
      grade: p.grade,
      classId: p.class_id,
      name: p.name,
      updatedAt: p.updated_at,
      subjectName: p.subject_name,
      className: p.class_name,
      topics: Number(p.topics),
      hours,
      curriculumHours: cur.hours,
      warning: hoursWarning(hours, cur),
    });
  }
  return out;
}

export async function getPlan(ctx: Ctx, id: number): Promise<PlanDetail> {
  const plan =
    (await ctx.db.selectFrom('thematic_plan').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Тематический план');
  const topics = await ctx.db.selectFrom('plan_topic').selectAll().where('plan_id', '=', id).orderBy('position').execute();
  return {
    id: plan.id,
    yearId: plan.year_id,
    subjectId: plan.subject_id,
    grade: plan.grade,
    classId: plan.class_id,
    name: plan.name,
    updatedAt: plan.updated_at,
    topics: topics.map((t) => ({
      id: t.id,
      planId: t.plan_id,
      position: t.position,
      title: t.title,
      hours: t.hours,
      kind: t.kind,
      homework: t.homework,
    })),
  };
}

function decode(file: { name: string; base64: string }): Buffer {
  if (!/^[A-Za-z0-9+/=\r\n]*$/.test(file.base64)) invalid('Файл передан повреждённым');
  return Buffer.from(file.base64, 'base64');
}

/** Reads an uploaded plan file and lists every problem; saves nothing. */
export async function previewPlanFile(_ctx: Ctx, file: { name: string; base64: string }): Promise<PlanFileResult> {
  return (await planFile()).parsePlanFile(file.name, decode(file));
}

export interface TopicInput {
  position: number;
  title: string;
  hours: number;
  kind: TopicKind;
  homework: string;
}

/** Replaces the topics of the plan for (subject, grade, class) and re-assigns topics on lessons. */
export async function savePlanTopics(
  ctx: Ctx,
  p: { yearId: number; subjectId: number; grade: number; classId: number | null; name: string; topics: TopicInput[]; source: string },
) {
  return mutate(ctx, async (w) => {
    const existing = await w.trx
      .selectFrom('thematic_plan')
      .selectAll()
      .where('year_id', '=', p.yearId)
      .where('subject_id', '=', p.subjectId)
      .where('grade', '=', p.grade)
      .where('class_id', p.classId === null ? 'is' : '=', p.classId)
      .executeTakeFirst();
    let planId: number;
    let before: unknown = null;
    if (existing) {
      planId = existing.id;
      const old = await w.trx.selectFrom('plan_topic').select(['hours']).where('plan_id', '=', planId).execute();
      before = { name: existing.name, topics: old.length, hours: old.reduce((a, t) => a + t.hours, 0) };
      await w.trx.updateTable('thematic_plan').set({ name: p.name, updated_at: w.at.toISOString() }).where('id', '=', planId).execute();
      await w.trx.deleteFrom('plan_topic').where('plan_id', '=', planId).execute();
    } else {
      planId = (
        await w.trx
          .insertInto('thematic_plan')
          .values({
            year_id: p.yearId,
            subject_id: p.subjectId,
            grade: p.grade,
            class_id: p.classId,
            name: p.name,
            updated_at: w.at.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id;
    }
    const ordered = [...p.topics].sort((a, b) => a.position - b.position);
    for (let i = 0; i < ordered.length; i += 500)
      await w.trx
        .insertInto('plan_topic')
        .values(
          ordered
            .slice(i, i + 500)
            .map((t, j) => ({ plan_id: planId, position: i + j + 1, title: t.title, hours: t.hours, kind: t.kind, homework: t.homework })),
        )
        .execute();
    const lessonsUpdated = await reassignTopics(w.trx, p.yearId, p.grade, p.classId);
    await w.audit({
      action: existing ? 'update' : 'create',
      entity: 'thematic_plan',
      entityId: planId,
      classId: p.classId,
      before,
      after: {
        subjectId: p.subjectId,
        grade: p.grade,
        name: p.name,
        topics: ordered.length,
        hours: ordered.reduce((a, t) => a + t.hours, 0),
        source: p.source,
        lessonsUpdated,
      },
    });
    return { planId, lessonsUpdated };
  });
}

/** Imports a plan file: any row error refuses the whole file, nothing is saved. */
export async function importPlan(ctx: Ctx, input: ParsedInput<'plans.import'>): Promise<PlanImported> {
  await getYear(ctx.db, input.yearId);
  const subject =
    (await ctx.db.selectFrom('subject').select(['id', 'name']).where('id', '=', input.subjectId).executeTakeFirst()) ?? notFound('Предмет');
  if (input.classId) {
    const c = await ctx.db.selectFrom('class').select(['grade', 'year_id', 'name']).where('id', '=', input.classId).executeTakeFirst();
    if (!c || c.year_id !== input.yearId) invalid('Класс не найден в этом учебном году');
    if (c.grade !== input.grade) invalid(`Класс ${c.name} не относится к ${input.grade} параллели`);
  }
  await assertMayPlacePlan(ctx, { yearId: input.yearId, subjectId: subject.id, grade: input.grade, classId: input.classId ?? null });
  const parsed = await (await planFile()).parsePlanFile(input.file.name, decode(input.file));
  if (parsed.fatal) invalid(parsed.fatal);
  if (parsed.errors.length)
    invalid([
      `В файле ${parsed.errors.length} строк с ошибками, план не загружен`,
      ...parsed.errors.slice(0, 10).map((e) => e.message),
      ...(parsed.errors.length > 10 ? [`… и ещё ${parsed.errors.length - 10}`] : []),
    ]);
  const name = input.name || `${subject.name}, ${input.grade} класс`;
  const r = await savePlanTopics(ctx, {
    yearId: input.yearId,
    subjectId: subject.id,
    grade: input.grade,
    classId: input.classId ?? null,
    name,
    topics: parsed.topics,
    source: input.file.name,
  });
  const cur = await curriculumYearHours(ctx.db, input.yearId, subject.id, input.grade, input.classId ?? null);
  return {
    ...r,
    topics: parsed.topics.length,
    hours: parsed.totalHours,
    warning: hoursWarning(parsed.totalHours, cur),
    notices: parsed.notices,
  };
}

export async function exportPlan(ctx: Ctx, input: ParsedInput<'plans.export'>): Promise<PlanExport> {
  const plan = await getPlan(ctx, input.id);
  const base = plan.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'КТП';
  const { planCsv, planXlsx } = await planFile();
  const buf = input.format === 'csv' ? planCsv(plan.topics) : await planXlsx(plan.name, plan.topics);
  return { name: `${base}.${input.format}`, base64: buf.toString('base64') };
}

export async function deletePlan(ctx: Ctx, id: number): Promise<number> {
  const plan =
    (await ctx.db.selectFrom('thematic_plan').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Тематический план');
  await assertMayPlacePlan(ctx, { yearId: plan.year_id, subjectId: plan.subject_id, grade: plan.grade, classId: plan.class_id });
  return mutate(ctx, async (w) => {
    const before =
      (await w.trx.selectFrom('thematic_plan').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Тематический план');
    await w.trx.deleteFrom('thematic_plan').where('id', '=', id).execute();
    const lessonsUpdated = await reassignTopics(w.trx, before.year_id, before.grade, before.class_id);
    await w.audit({ action: 'delete', entity: 'thematic_plan', entityId: id, classId: before.class_id, before, after: { lessonsUpdated } });
    return id;
  });
}

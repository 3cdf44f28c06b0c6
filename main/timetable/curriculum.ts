import type { Db } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import type { CurriculumHours, CurriculumSaved, CurriculumView } from '../contract/timetable-outputs';
import { invalid } from '../kernel/invalid';
import { getYear, periodsForGrade } from '../school/years';

// The curriculum (учебный план): weekly hours per subject for a grade, a class's own hours where it
// deviates, and hours for one study period where they change during the year.

export interface CurriculumRow {
  grade: number;
  subject_id: number;
  class_id: number | null;
  period_number: number | null;
  hours: number;
}

/**
 * Weekly hours of a subject for a class in a study period; the most specific row wins:
 * the class's row for the period, the class's row, the grade's row for the period, the grade's row.
 */
export function resolveHours(
  rows: readonly CurriculumRow[],
  cls: { id: number; grade: number },
  periodNumber: number | null,
  subjectId: number,
): number {
  let best: CurriculumRow | null = null;
  let bestRank = -1;
  for (const r of rows) {
    if (r.subject_id !== subjectId || r.grade !== cls.grade) continue;
    if (r.class_id !== null && r.class_id !== cls.id) continue;
    if (r.period_number !== null && r.period_number !== periodNumber) continue;
    const rank = (r.class_id !== null ? 2 : 0) + (r.period_number !== null ? 1 : 0);
    if (rank > bestRank) {
      best = r;
      bestRank = rank;
    }
  }
  return best?.hours ?? 0;
}

/** Subjects with any hours for a class in any period. */
export function subjectsOf(rows: readonly CurriculumRow[], cls: { id: number; grade: number }): number[] {
  return [...new Set(rows.filter((r) => r.grade === cls.grade && (r.class_id === null || r.class_id === cls.id)).map((r) => r.subject_id))];
}

/** Upper limits of the weekly load (СанПиН 1.2.3685-21, table 6.6) for five- and six-day weeks. */
export const MAX_WEEKLY: Record<number, [number, number]> = {
  1: [21, 21],
  2: [23, 26],
  3: [23, 26],
  4: [23, 26],
  5: [29, 32],
  6: [30, 33],
  7: [32, 35],
  8: [33, 36],
  9: [33, 36],
  10: [34, 37],
  11: [34, 37],
};

export async function curriculumRows(db: Db, yearId: number): Promise<CurriculumRow[]> {
  return db
    .selectFrom('curriculum_hours')
    .select(['grade', 'subject_id', 'class_id', 'period_number', 'hours'])
    .where('year_id', '=', yearId)
    .execute();
}

/** The curriculum screen of one grade: every subject, the grade's and each class's hours, and totals. */
export async function getCurriculum(ctx: Ctx, input: ParsedInput<'curriculum.get'>): Promise<CurriculumView> {
  await getYear(ctx.db, input.yearId);
  const rows = (await curriculumRows(ctx.db, input.yearId)).filter((r) => r.grade === input.grade);
  const classes = await ctx.db
    .selectFrom('class')
    .select(['id', 'name', 'grade', 'week_days'])
    .where('year_id', '=', input.yearId)
    .where('grade', '=', input.grade)
    .orderBy('letter')
    .execute();
  const periods = await periodsForGrade(ctx.db, input.yearId, input.grade);
  const subjects = await ctx.db
    .selectFrom('subject')
    .select(['id', 'name', 'short_name', 'component'])
    .orderBy('component')
    .orderBy('name')
    .execute();
  const periodNumbers: (number | null)[] = [null, ...periods.map((p) => p.number)];
  const gradeCls = { id: 0, grade: input.grade };
  const totals = {
    grade: Object.fromEntries(
      periodNumbers.map((n) => [String(n ?? 'year'), sum(subjects.map((s) => resolveHours(rows, gradeCls, n, s.id)))]),
    ),
    classes: classes.map((c) => ({
      classId: c.id,
      name: c.name,
      byPeriod: Object.fromEntries(
        periodNumbers.map((n) => [String(n ?? 'year'), sum(subjects.map((s) => resolveHours(rows, c, n, s.id)))]),
      ),
    })),
  };
  const warnings: string[] = [];
  const [max5, max6] = MAX_WEEKLY[input.grade];
  for (const c of classes) {
    const max = c.week_days === 6 ? max6 : max5;
    for (const n of periodNumbers) {
      const t = sum(subjects.map((s) => resolveHours(rows, c, n, s.id)));
      if (t > max)
        warnings.push(
          `${c.name}${n ? `, ${periods.find((p) => p.number === n)?.name}` : ''}: ${fmt(t)} ч в неделю больше допустимых ${max} ч (СанПиН, ${c.week_days}-дневная неделя)`,
        );
    }
  }
  return {
    grade: input.grade,
    rows: rows.map(toCurriculumHours),
    classes: classes.map((c) => ({ id: c.id, name: c.name, grade: c.grade, weekDays: c.week_days })),
    periods: periods.map((p) => ({ id: p.id, number: p.number, name: p.name, startDate: p.start_date, endDate: p.end_date })),
    subjects: subjects.map((s) => ({ id: s.id, name: s.name, shortName: s.short_name, component: s.component })),
    totals,
    maxWeekly: { five: max5, six: max6 },
    warnings,
  };
}

function toCurriculumHours(r: CurriculumRow): CurriculumHours {
  return { grade: r.grade, subjectId: r.subject_id, classId: r.class_id, periodNumber: r.period_number, hours: r.hours };
}

function sum(xs: number[]): number {
  return xs.reduce((a, b) => a + b, 0);
}

export function fmt(h: number): string {
  return String(h).replace('.', ',');
}

/** Sets the hours of one scope (a grade or a class, the year or one period); null removes a row. */
export async function saveCurriculum(ctx: Ctx, input: ParsedInput<'curriculum.save'>): Promise<CurriculumSaved> {
  await getYear(ctx.db, input.yearId);
  const classId = input.classId ?? null;
  const periodNumber = input.periodNumber ?? null;
  if (classId) {
    const c = await ctx.db.selectFrom('class').select(['grade', 'year_id', 'name']).where('id', '=', classId).executeTakeFirst();
    if (!c || c.year_id !== input.yearId) invalid('Класс не найден в этом учебном году');
    if (c.grade !== input.grade) invalid(`Класс ${c.name} не относится к ${input.grade} параллели`);
  }
  if (periodNumber) {
    const periods = await periodsForGrade(ctx.db, input.yearId, input.grade);
    if (!periods.some((p) => p.number === periodNumber)) invalid(`У ${input.grade} параллели нет учебного периода №${periodNumber}`);
  }
  const subjectIds = input.entries.map((e) => e.subjectId);
  if (new Set(subjectIds).size !== subjectIds.length) invalid('Предмет указан дважды');
  const known = await ctx.db
    .selectFrom('subject')
    .select('id')
    .where('id', 'in', subjectIds.length ? subjectIds : [0])
    .execute();
  if (known.length !== subjectIds.length) invalid('Предмет не найден');
  const saved = await mutate(ctx, async (w) => {
    const scope = w.trx
      .selectFrom('curriculum_hours')
      .selectAll()
      .where('year_id', '=', input.yearId)
      .where('grade', '=', input.grade)
      .where('class_id', classId === null ? 'is' : '=', classId)
      .where('period_number', periodNumber === null ? 'is' : '=', periodNumber);
    const before = await scope.where('subject_id', 'in', subjectIds.length ? subjectIds : [0]).execute();
    for (const e of input.entries) {
      const old = before.find((b) => b.subject_id === e.subjectId);
      if (e.hours === null) {
        if (old) await w.trx.deleteFrom('curriculum_hours').where('id', '=', old.id).execute();
      } else if (old) {
        if (old.hours !== e.hours) await w.trx.updateTable('curriculum_hours').set({ hours: e.hours }).where('id', '=', old.id).execute();
      } else
        await w.trx
          .insertInto('curriculum_hours')
          .values({
            year_id: input.yearId,
            grade: input.grade,
            subject_id: e.subjectId,
            class_id: classId,
            period_number: periodNumber,
            hours: e.hours,
          })
          .execute();
    }
    await w.audit({
      action: 'update',
      entity: 'curriculum',
      entityId: input.grade,
      classId,
      before: before.map((b) => ({ subjectId: b.subject_id, hours: b.hours })),
      after: { periodNumber, entries: input.entries },
    });
    return input.entries.length;
  });
  const { warnings } = await getCurriculum(ctx, { yearId: input.yearId, grade: input.grade });
  return { saved, warnings };
}

import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { holidayProblems, periodProblems, yearProblems, type HolidayRange } from '../contract/rules/calendar-rules';
import { check, invalid, notFound, uniqueMessage } from '../kernel/invalid';
import { overlaps } from '../contract/rules/dates';
import type { Db } from '../../db/index';
import type { Selectable } from 'kysely';
import type { AcademicYearTable, HolidayTable, StudyPeriodTable } from '../../db/schema';
import type { Holiday, PeriodScheme, StudyPeriod, YearRow } from '../contract/school-outputs';

function toYearRow(y: Selectable<AcademicYearTable>): YearRow {
  return { id: y.id, name: y.name, startDate: y.start_date, endDate: y.end_date, closed: !!y.closed };
}

function toStudyPeriod(p: Selectable<StudyPeriodTable>): StudyPeriod {
  return { id: p.id, number: p.number, name: p.name, startDate: p.start_date, endDate: p.end_date };
}

function toHoliday(h: Selectable<HolidayTable>): Holiday {
  return {
    id: h.id,
    yearId: h.year_id,
    name: h.name,
    kind: h.kind,
    startDate: h.start_date,
    endDate: h.end_date,
    grades: parseGrades(h.grades),
  };
}

export async function listYears(ctx: Ctx): Promise<YearRow[]> {
  return (await ctx.db.selectFrom('academic_year').selectAll().orderBy('start_date', 'desc').execute()).map(toYearRow);
}

export async function getYear(db: Db, id: number) {
  return (await db.selectFrom('academic_year').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Учебный год');
}

export async function saveYear(ctx: Ctx, input: ParsedInput<'years.save'>) {
  check(yearProblems(input.name, input));
  const others = await ctx.db
    .selectFrom('academic_year')
    .selectAll()
    .where('id', '!=', input.id ?? 0)
    .execute();
  const clash = others.find((y) => overlaps(y, input));
  if (clash) invalid(`Учебный год пересекается с ${clash.name}`);
  if (input.id) {
    const inner = await ctx.db
      .selectFrom('study_period')
      .innerJoin('period_scheme', 'period_scheme.id', 'study_period.scheme_id')
      .select(['study_period.name', 'study_period.start_date', 'study_period.end_date'])
      .where('period_scheme.year_id', '=', input.id)
      .execute();
    const outside = inner.find((p) => p.start_date < input.start_date || p.end_date > input.end_date);
    if (outside) invalid(`Период «${outside.name}» окажется вне учебного года: сначала измените периоды`);
  }
  return mutate(ctx, async (w) => {
    const values = { name: input.name, start_date: input.start_date, end_date: input.end_date };
    if (input.id) {
      const before = await getYear(w.trx, input.id);
      await w.trx.updateTable('academic_year').set(values).where('id', '=', input.id).execute();
      await w.audit({ action: 'update', entity: 'academic_year', entityId: input.id, before, after: values });
      return input.id;
    }
    const r = await w.trx
      .insertInto('academic_year')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, `Учебный год ${input.name} уже есть`));
    await w.audit({ action: 'create', entity: 'academic_year', entityId: r.id, after: values });
    return r.id;
  });
}

async function holidaysOf(db: Db, yearId: number) {
  const rows = await db.selectFrom('holiday').selectAll().where('year_id', '=', yearId).orderBy('start_date').execute();
  return rows.map((h) => ({ ...h, grades: parseGrades(h.grades) })) satisfies HolidayRange[];
}

export function parseGrades(s: string): number[] {
  return s ? s.split(',').map(Number) : [];
}

/** The year's schemes as stored (the audit log keeps this shape), with their periods and grades. */
async function schemesOf(db: Db, yearId: number) {
  const schemes = await db.selectFrom('period_scheme').selectAll().where('year_id', '=', yearId).orderBy('id').execute();
  const periods = await db
    .selectFrom('study_period')
    .selectAll()
    .where('scheme_id', 'in', schemes.length ? schemes.map((s) => s.id) : [0])
    .orderBy('number')
    .execute();
  const grades = await db.selectFrom('grade_scheme').selectAll().where('year_id', '=', yearId).execute();
  return schemes.map((s) => ({
    ...s,
    periods: periods.filter((p) => p.scheme_id === s.id),
    grades: grades
      .filter((g) => g.scheme_id === s.id)
      .map((g) => g.grade)
      .sort((a, b) => a - b),
  }));
}

export async function listSchemes(ctx: Ctx, yearId: number): Promise<PeriodScheme[]> {
  return (await schemesOf(ctx.db, yearId)).map((s) => ({
    id: s.id,
    yearId: s.year_id,
    name: s.name,
    kind: s.kind,
    periods: s.periods.map(toStudyPeriod),
    grades: s.grades,
  }));
}

export async function saveScheme(ctx: Ctx, input: ParsedInput<'schemes.save'>) {
  const year = await getYear(ctx.db, input.yearId);
  const grades = [...new Set(input.grades)].sort((a, b) => a - b);
  const periods = [...input.periods].sort((a, b) => a.start_date.localeCompare(b.start_date));
  check(periodProblems(year, periods, await holidaysOf(ctx.db, year.id), grades));
  const taken = await ctx.db
    .selectFrom('grade_scheme')
    .innerJoin('period_scheme', 'period_scheme.id', 'grade_scheme.scheme_id')
    .select(['grade_scheme.grade', 'period_scheme.name'])
    .where('grade_scheme.year_id', '=', year.id)
    .where('grade_scheme.scheme_id', '!=', input.id ?? 0)
    .where('grade_scheme.grade', 'in', grades)
    .execute();
  if (taken.length) invalid(taken.map((t) => `Параллель ${t.grade} уже учится по схеме «${t.name}»`));
  return mutate(ctx, async (w) => {
    let schemeId = input.id ?? 0;
    const after = { name: input.name, kind: input.kind, grades, periods };
    if (input.id) {
      const before = (await schemesOf(w.trx, year.id)).find((s) => s.id === input.id) ?? notFound('Схема периодов');
      await w.trx
        .updateTable('period_scheme')
        .set({ name: input.name, kind: input.kind })
        .where('id', '=', input.id)
        .execute()
        .catch((e) => uniqueMessage(e, `Схема «${input.name}» уже есть`));
      await w.trx.deleteFrom('study_period').where('scheme_id', '=', input.id).execute();
      await w.trx.deleteFrom('grade_scheme').where('scheme_id', '=', input.id).execute();
      await w.audit({ action: 'update', entity: 'period_scheme', entityId: input.id, before, after });
    } else {
      const r = await w.trx
        .insertInto('period_scheme')
        .values({ year_id: year.id, name: input.name, kind: input.kind })
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((e) => uniqueMessage(e, `Схема «${input.name}» уже есть`));
      schemeId = r.id;
      await w.audit({ action: 'create', entity: 'period_scheme', entityId: schemeId, after });
    }
    await w.trx
      .insertInto('study_period')
      .values(periods.map((p, i) => ({ scheme_id: schemeId, number: i + 1, ...p })))
      .execute();
    await w.trx
      .insertInto('grade_scheme')
      .values(grades.map((g) => ({ year_id: year.id, grade: g, scheme_id: schemeId })))
      .execute();
    return schemeId;
  });
}

export async function deleteScheme(ctx: Ctx, id: number) {
  return mutate(ctx, async (w) => {
    const s = (await w.trx.selectFrom('period_scheme').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Схема периодов');
    await w.trx.deleteFrom('grade_scheme').where('scheme_id', '=', id).execute();
    await w.trx.deleteFrom('period_scheme').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'period_scheme', entityId: id, before: s });
    return id;
  });
}

/** The study periods that apply to one grade of a year, in order. */
export async function periodsForGrade(db: Db, yearId: number, grade: number) {
  return db
    .selectFrom('study_period')
    .innerJoin('grade_scheme', 'grade_scheme.scheme_id', 'study_period.scheme_id')
    .select(['study_period.id', 'study_period.number', 'study_period.name', 'study_period.start_date', 'study_period.end_date'])
    .where('grade_scheme.year_id', '=', yearId)
    .where('grade_scheme.grade', '=', grade)
    .orderBy('study_period.number')
    .execute();
}

export async function listHolidays(ctx: Ctx, yearId: number): Promise<Holiday[]> {
  return (await ctx.db.selectFrom('holiday').selectAll().where('year_id', '=', yearId).orderBy('start_date').execute()).map(toHoliday);
}

export async function saveHoliday(ctx: Ctx, input: ParsedInput<'holidays.save'>) {
  const year = await getYear(ctx.db, input.yearId);
  check(holidayProblems(year, input));
  const grades = [...new Set(input.grades)].sort((a, b) => a - b).join(',');
  const values = {
    year_id: year.id,
    name: input.name,
    kind: input.kind,
    start_date: input.start_date,
    end_date: input.end_date,
    grades,
  };
  return mutate(ctx, async (w) => {
    if (input.id) {
      const before = (await w.trx.selectFrom('holiday').selectAll().where('id', '=', input.id).executeTakeFirst()) ?? notFound('Каникулы');
      await w.trx.updateTable('holiday').set(values).where('id', '=', input.id).execute();
      await w.audit({ action: 'update', entity: 'holiday', entityId: input.id, before, after: values });
      return input.id;
    }
    const r = await w.trx.insertInto('holiday').values(values).returning('id').executeTakeFirstOrThrow();
    await w.audit({ action: 'create', entity: 'holiday', entityId: r.id, after: values });
    return r.id;
  });
}

export async function deleteHoliday(ctx: Ctx, id: number) {
  return mutate(ctx, async (w) => {
    const before = (await w.trx.selectFrom('holiday').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Каникулы');
    await w.trx.deleteFrom('holiday').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'holiday', entityId: id, before });
    return id;
  });
}

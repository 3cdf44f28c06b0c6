import { addDays, format, getISODay, parseISO } from 'date-fns';
import type { Ctx } from '../../kernel/context';
import { parseGrades } from '../../school/years';
import { loadJournalData } from '../journal/data';
import type { LedgerData, LedgerPeriod } from './model';

// Reads what the ledgers print without marks: the class and its students (as the journal does), the periods of the
// class's grade, the school's subject catalogue, and the days without lessons.

/** Period labels by the scheme's kind: «1 ч.», «2 тр.», «1 пол.». */
export const PERIOD_LABEL: Record<string, (n: number) => string> = {
  quarter: (n) => `${n} ч.`,
  trimester: (n) => `${n} тр.`,
  half: (n) => `${n} пол.`,
};

export async function loadLedgerData(ctx: Ctx, classId: number): Promise<LedgerData> {
  const base = await loadJournalData(ctx, classId);
  const cls = await ctx.db.selectFrom('class').select(['week_days']).where('id', '=', classId).executeTakeFirstOrThrow();
  const periods = await ctx.db
    .selectFrom('study_period')
    .innerJoin('grade_scheme', 'grade_scheme.scheme_id', 'study_period.scheme_id')
    .innerJoin('period_scheme', 'period_scheme.id', 'study_period.scheme_id')
    .select(['study_period.number', 'study_period.name', 'study_period.start_date', 'study_period.end_date', 'period_scheme.kind'])
    .where('grade_scheme.year_id', '=', base.year.id)
    .where('grade_scheme.grade', '=', base.cls.grade)
    .orderBy('study_period.number')
    .execute();
  const subjects = await ctx.db.selectFrom('subject').select(['name', 'short_name', 'component']).orderBy('id').execute();
  const holidays = await ctx.db
    .selectFrom('holiday')
    .select(['start_date', 'end_date', 'grades'])
    .where('year_id', '=', base.year.id)
    .execute();
  const weekDays = cls.week_days || 5;
  const daysOff = new Set<string>();
  for (let d = parseISO(base.year.start); format(d, 'yyyy-MM-dd') <= base.year.end; d = addDays(d, 1)) {
    const iso = format(d, 'yyyy-MM-dd');
    if (getISODay(d) > weekDays) daysOff.add(iso);
  }
  for (const h of holidays) {
    const grades = parseGrades(h.grades);
    if (grades.length && !grades.includes(base.cls.grade)) continue;
    for (let d = parseISO(h.start_date); format(d, 'yyyy-MM-dd') <= h.end_date; d = addDays(d, 1)) daysOff.add(format(d, 'yyyy-MM-dd'));
  }
  return {
    ...base,
    periods: periods.map((p): LedgerPeriod => ({
      number: p.number,
      name: p.name,
      short: (PERIOD_LABEL[p.kind] ?? PERIOD_LABEL.quarter)(p.number),
      start: p.start_date,
      end: p.end_date,
    })),
    // federal component first, then the school's own, each in catalogue order
    catalogue: [...subjects.filter((s) => s.component === 'federal'), ...subjects.filter((s) => s.component !== 'federal')].map((s) => ({
      name: s.name,
      short: s.short_name || s.name,
    })),
    daysOff,
    weekDays,
  };
}

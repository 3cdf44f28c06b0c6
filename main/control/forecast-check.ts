import { AppError } from '../../db/index';
import type { Ctx } from '../kernel/context';
import type { Certainty } from '../contract/control-problems';
import { markNumber } from '../contract/rules/cell-text';
import { suggestedMark, weightedAverage } from '../contract/rules/final-rules';
import { periodRefs } from '../journal/roster';
import { studentForecast } from './forecast';
import { loadPeriodJournal, markRules } from './period-journal';

// How often the forecast is right (issue 12, part 7): for every period of past years that has its period marks, the
// forecast is made as it would have been `daysBefore` days before the period's end (only the lessons and marks up to
// that day) and compared with the period mark the teacher set. Five-point subjects and marks «2»–«5» only (an «н/а»,
// «осв» or a pass/fail subject is not a five-point forecast). Also measured: how often the period mark equals the
// rounded average of all the period's marks — if that were always so, the teachers' marks would be the journal's
// suggestion and the check would measure the forecast against itself.

export interface HitRate {
  n: number;
  hits: number;
  /** Percent, one decimal; null without cases. */
  rate: number | null;
}

export interface ForecastCheck {
  years: string[];
  daysBefore: number;
  total: HitRate;
  byCertainty: Record<Certainty, HitRate>;
  /** The period mark equals the rounded average of all the period's marks (the journal's suggestion at the end). */
  suggestedAtEnd: HitRate;
  /** Cases left out: no marks before the cut-off (no forecast). */
  withoutForecast: number;
}

const DAY = 86_400_000;
const minusDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

const empty = (): HitRate => ({ n: 0, hits: 0, rate: null });
const add = (h: HitRate, hit: boolean) => {
  h.n++;
  if (hit) h.hits++;
};
const finish = (h: HitRate): HitRate => ({ ...h, rate: h.n ? Math.round((h.hits / h.n) * 1000) / 10 : null });

export async function forecastCheck(ctx: Ctx, o: { yearName: string | null; daysBefore: number }): Promise<ForecastCheck> {
  let q = ctx.db.selectFrom('academic_year').select(['id', 'name']).orderBy('start_date');
  q = o.yearName === null ? q.where('closed', '=', 1) : q.where('name', '=', o.yearName);
  const years = await q.execute();
  if (o.yearName !== null && years.length === 0) throw new AppError('NOT_FOUND', `Учебный год ${o.yearName} не найден`);
  const rules = await markRules(ctx);
  const total = empty();
  const byCertainty: Record<Certainty, HitRate> = { high: empty(), medium: empty(), low: empty() };
  const suggestedAtEnd = empty();
  let withoutForecast = 0;
  for (const year of years) {
    const classes = await ctx.db.selectFrom('class').select(['id', 'grade']).where('year_id', '=', year.id).orderBy('id').execute();
    for (const cls of classes) {
      const finals = await ctx.db
        .selectFrom('final_mark')
        .select(['student_id', 'subject_id', 'kind', 'value'])
        .where('class_id', '=', cls.id)
        .where('kind', 'in', ['p1', 'p2', 'p3', 'p4'])
        .execute();
      const actual = new Map(finals.map((f) => [`${f.kind}:${f.student_id}:${f.subject_id}`, f.value]));
      for (const period of await periodRefs(ctx.db, year.id, cls.grade)) {
        if (!finals.some((f) => f.kind === period.kind)) continue;
        const pj = await loadPeriodJournal(ctx, cls.id, period);
        const cutOff = minusDays(period.end, o.daysBefore);
        for (const s of pj.subjects) {
          if (s.grading !== 'five') continue;
          for (const st of pj.students) {
            const value = actual.get(`${period.kind}:${st.id}:${s.id}`);
            if (value === undefined || !/^[2-5]$/.test(value)) continue;
            const f = studentForecast(pj, st, s, cutOff, rules);
            const all = studentForecast(pj, st, s, period.end, rules);
            if (all.marks.some((m) => markNumber(m.value) !== null))
              add(suggestedAtEnd, suggestedMark(weightedAverage(all.marks, rules.useWeights), rules.roundFrom) === value);
            if (f.projected === null || f.certainty === null) {
              withoutForecast++;
              continue;
            }
            add(total, f.projected === value);
            add(byCertainty[f.certainty], f.projected === value);
          }
        }
      }
    }
  }
  return {
    years: years.map((y) => y.name),
    daysBefore: o.daysBefore,
    total: finish(total),
    byCertainty: { high: finish(byCertainty.high), medium: finish(byCertainty.medium), low: finish(byCertainty.low) },
    suggestedAtEnd: finish(suggestedAtEnd),
    withoutForecast,
  };
}

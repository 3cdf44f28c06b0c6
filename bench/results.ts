import { execFileSync } from 'node:child_process';
import { openDatabase } from '../db';
import { systemActor, type Ctx } from '../main/kernel/context';
import { resultsReport } from '../main/control/results';
import { resultsComparison } from '../main/control/results-compare';
import { printResults } from '../main/control/results-pdf';
import { cachedDemo, DEMO_TODAY } from './five-year-demo';

// Results of the whole school's year on the five-year demo (issue 12, parts 4 and 10): the year marks by class through
// the service (`results.report`), the comparison over the five years and over the periods, and the printable report
// with its charts. The reference, in the same run: the same success and quality per class computed by one SQL in the
// `sqlite3` shell; every class's figures must be equal.

export const ABOUT =
  'Whole-school year results on the five-year demo (demo --years 5, 1500 students, today ' +
  `${DEMO_TODAY}): \`results.report\` of the year marks by class (first call and the median of 3), by school, the ` +
  'comparison over the five years and over the periods, and the PDF report with its charts. Reference: success and ' +
  'quality per class by one SQL in the `sqlite3` shell (wall time including the shell start, and its own `.timer`); ' +
  '`mismatches` counts classes whose figures differ (must be 0; the 1st grades, taught without marks, are rows of 0 ' +
  'students in the report and no rows in SQL). Target: the year results under 1 s.';

/** Success and quality per class of one year's year marks, by the formulas of main/contract/rules/results.ts. */
const SQL = (yearId: number) => `
.timer on
WITH m AS (
  SELECT class_id, student_id, value,
         CASE WHEN value GLOB '[1-5]*' THEN CAST(substr(value, 1, 1) AS INTEGER) END AS n
  FROM final_mark WHERE year_id = ${yearId} AND kind = 'year' AND value <> 'безотм'
), s AS (
  SELECT class_id, student_id,
         MIN(CASE WHEN n IS NOT NULL THEN n >= 3 ELSE value IN ('зач', 'осв') END) AS passed,
         COUNT(n) > 0 AND MIN(COALESCE(n, 5)) >= 4 AND SUM(value = 'н/а') = 0 AS good
  FROM m GROUP BY class_id, student_id
)
SELECT c.name, COUNT(*), ROUND(100.0 * SUM(passed) / COUNT(*), 1), ROUND(100.0 * SUM(good) / COUNT(*), 1)
FROM s JOIN class c ON c.id = s.class_id GROUP BY s.class_id ORDER BY c.grade, c.letter;
`;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function timed<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const v = await f();
  return [v, Math.round(performance.now() - t)];
}

export async function run(): Promise<Record<string, unknown>> {
  const demo = await cachedDemo();
  const h = await openDatabase(demo.file);
  try {
    const ctx: Ctx = { db: h.db, actor: systemActor('бенчмарк'), now: () => new Date() };
    const year = await h.db
      .selectFrom('academic_year')
      .selectAll()
      .where('start_date', '<=', DEMO_TODAY)
      .where('end_date', '>=', DEMO_TODAY)
      .executeTakeFirstOrThrow();
    const input = { yearId: year.id, kind: 'year' as const, by: 'class' as const, classId: null };
    const [report, firstMs] = await timed(() => resultsReport(ctx, input));
    const again: number[] = [];
    for (let i = 0; i < 3; i++) again.push((await timed(() => resultsReport(ctx, input)))[1]);
    const [, schoolMs] = await timed(() => resultsReport(ctx, { ...input, by: 'school' }));
    const [years, yearsMs] = await timed(() => resultsComparison(ctx, { ...input, compare: 'years' }));
    const [, periodsMs] = await timed(() => resultsComparison(ctx, { ...input, compare: 'periods' }));
    const [pdf, pdfMs] = await timed(() => printResults(ctx, { ...input, compare: null }));

    const t = performance.now();
    const out = execFileSync('sqlite3', ['-readonly', demo.file], { input: SQL(year.id), encoding: 'utf8' });
    const sqliteWallMs = Math.round(performance.now() - t);
    const sqliteRunMs = Math.round(Number(/Run Time: real ([\d.]+)/.exec(out)?.[1] ?? NaN) * 1000);
    const sql = new Map(
      out
        .split('\n')
        .filter((l) => l.includes('|'))
        .map((l) => l.split('|'))
        .map(([name, students, success, quality]) => [name, [Number(students), Number(success), Number(quality)]]),
    );
    // A class taught without marks (1st grade: «безотм» only) is a row of 0 students in the report and no row in SQL.
    const counted = report.rows.filter((r) => r.students > 0);
    const differs = counted.filter((r) => {
      const s = sql.get(r.name);
      return !s || s[0] !== r.students || s[1] !== r.success || s[2] !== r.quality;
    });
    for (const r of differs)
      console.log(`results: mismatch ${r.name}: service ${r.students} ${r.success} ${r.quality}, SQL ${sql.get(r.name)?.join(' ')}`);
    const mismatches = differs.length + Math.abs(sql.size - counted.length);
    console.log(
      `results: ${report.rows.length} classes, ${report.total.students} students; school ${report.total.success} % / ${report.total.quality} %; ` +
        `service ${firstMs} ms (then ${median(again)} ms), sqlite3 ${sqliteWallMs} ms (SQL ${sqliteRunMs} ms); mismatches ${mismatches}`,
    );
    return {
      classes: report.rows.length,
      students: report.total.students,
      schoolSuccess: report.total.success,
      schoolQuality: report.total.quality,
      byClassFirstMs: firstMs,
      byClassMedianMs: median(again),
      bySchoolMs: schoolMs,
      compareYearsMs: yearsMs,
      compareYearsColumns: years.columns.length,
      comparePeriodsMs: periodsMs,
      pdfMs,
      pdfPages: pdf.pages,
      sqlite3WallMs: sqliteWallMs,
      sqlite3SqlMs: sqliteRunMs,
      sqlRows: sql.size,
      mismatches,
      ratio: { serviceVsSqlite3Wall: +(firstMs / Math.max(1, sqliteWallMs)).toFixed(1) },
      demoCached: demo.cached,
    };
  } finally {
    await h.close();
  }
}

if (require.main === module) void run();

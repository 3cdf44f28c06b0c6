import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Kysely, SqliteDialect } from 'kysely';
import { openDatabase } from '../db';
import type { DB } from '../db/schema';
import { systemActor, type Ctx } from '../main/kernel/context';
import { generateArchiveYears } from '../main/demo/archive-years';
import { seededFaker } from '../main/demo/random';
import { createDemoStructure } from '../main/demo/school';
import { LOOKUP_LIMIT, lookupStudents, type LookupQuery } from '../main/printing/lookup/search';

// The 25-year look-up (issue 14 part 5) on a school of 1100 students with 25 closed years before the current one:
// the demo school's structure and students (no journal of the current year), then 25 archive years
// (main/demo/archive-years.ts: classes, movement and period, year, exam and final marks; no lessons). Each look-up is
// run through the service (what the screen and the CLI call), and its SQL statements, captured from Kysely with their
// parameters, are run in the `sqlite3` shell on the same file in the same run (`.timer on`, the sum of the statements'
// real (and CPU) times; the shell does not fold names, so it reads the same rows and the service's comparison in JS is the
// difference). Reference for the index of migration 0016: the marks statement in the shell with `NOT INDEXED`.

export const ABOUT =
  'The 25-year look-up on 1100 students with 25 closed archive years (issue 14 part 5; target: under 50 ms). Each row is the median (and 95th percentile) of repeated look-ups through the service, next to the same SQL statements run in the `sqlite3` shell on the same file in the same run, and the CPU time (user + sys) of both, which depends less on how busy the shared machine is. Generation: the demo structure plus `generateArchiveYears` (main/demo/archive-years.ts).';

const RUNS = 40;

function stats(ms: number[]): { median: number; p95: number } {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return { median: +at(0.5).toFixed(2), p95: +at(0.95).toFixed(2) };
}

const literal = (v: unknown) => (typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** A statement with its parameters written in, as one would type it into the shell. */
function inline(sql: string, params: readonly unknown[]): string {
  let i = 0;
  return sql.replace(/\?/g, () => literal(params[i++]));
}

/**
 * Runs the statements `runs` times in one sqlite3 session; per run, the sum of the statements' real times and of their
 * CPU times (user + sys), in ms.
 */
function shellTimes(file: string, statements: string[], runs: number): { real: number[]; cpu: number[] } {
  const script = ['.output /dev/null', '.timer on', ...Array.from({ length: runs }, () => statements.map((s) => `${s};`)).flat()].join(
    '\n',
  );
  const out = execFileSync('sqlite3', ['-readonly', file], { input: script, encoding: 'utf8', maxBuffer: 1 << 28 });
  const times = [...out.matchAll(/Run Time: real ([\d.]+) user ([\d.]+) sys ([\d.]+)/g)].map((m) => ({
    real: Number(m[1]) * 1000,
    cpu: (Number(m[2]) + Number(m[3])) * 1000,
  }));
  const real: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < runs; r++) {
    const part = times.slice(r * statements.length, (r + 1) * statements.length);
    real.push(part.reduce((a, b) => a + b.real, 0));
    cpu.push(part.reduce((a, b) => a + b.cpu, 0));
  }
  return { real, cpu };
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-lookup-'));
  const file = path.join(dir, 'archive.sqlite');
  try {
    const h = await openDatabase(file);
    const ctx: Ctx = { db: h.db, actor: systemActor('бенчмарк'), now: () => new Date() };
    let t = performance.now();
    h.raw.pragma('synchronous = OFF');
    const f = seededFaker(2025);
    // The detailed year the archive years go back from: 2025/2026, as every bench's demo (five-year-demo.ts).
    let tick = Date.parse('2025-08-25T06:00:00Z');
    const s = await createDemoStructure({ ...ctx, now: () => new Date((tick += 1000)) }, f, 1100, {
      startYear: 2025,
      today: '2026-06-30',
      clock: { at: (ms) => void (tick = ms), now: () => tick },
    });
    const structureS = (performance.now() - t) / 1000;
    t = performance.now();
    const counts = await generateArchiveYears(ctx, h.raw, { firstDetailedYearId: s.yearId, count: 25, seed: 2025 }, f);
    const archiveS = (performance.now() - t) / 1000;
    h.raw.pragma('synchronous = FULL');
    h.raw.pragma('wal_checkpoint(TRUNCATE)');
    h.raw.exec('analyze');
    const one = <T>(q: string) => h.raw.prepare(q).pluck().get() as T;

    // Who to look for: a student with the most closed years (a whole school life in the archive), by name and birth
    // date as office staff would type them (lower case, «ё» as «е»), by birth date alone, by file number; and a
    // two-letter fragment that matches hundreds (the answer's limit of students, each with all their years).
    const target = h.raw
      .prepare(
        `select s.id, s.last_name, s.first_name, s.birth_date, s.personal_file_no, count(distinct c.year_id) years
         from student s join enrollment e on e.student_id = s.id join class c on c.id = e.class_id join academic_year y on y.id = c.year_id
         where y.closed = 1 group by s.id order by years desc, s.id limit 1`,
      )
      .get() as { id: number; last_name: string; first_name: string; birth_date: string; personal_file_no: string; years: number };
    const queries: [string, LookupQuery][] = [
      [
        'name and birth date',
        { name: `${target.last_name} ${target.first_name}`.toLowerCase().replace(/ё/g, 'е'), birthDate: target.birth_date },
      ],
      ['name only', { name: `${target.last_name.slice(0, -1)} ${target.first_name}`.toLowerCase() }],
      ['birth date only', { birthDate: target.birth_date }],
      ['personal-file number', { fileNo: target.personal_file_no }],
      [`fragment «ов» (${LOOKUP_LIMIT} students shown)`, { name: 'ов' }],
    ];
    const captured: { sql: string; params: readonly unknown[] }[] = [];
    const logged = new Kysely<DB>({
      dialect: new SqliteDialect({ database: h.raw }),
      log: (e) => {
        if (e.level === 'query') captured.push({ sql: e.query.sql, params: e.query.parameters });
      },
    });
    const out: Record<string, unknown> = {
      'students in the database': one<number>('select count(*) from student'),
      'closed years': one<number>('select count(*) from academic_year where closed = 1'),
      'final marks (rows)': one<number>('select count(*) from final_mark'),
      'database file, MB': Math.round(fs.statSync(file).size / 2 ** 20),
      'generation: demo structure (1100 students, audited), s': +structureS.toFixed(1),
      'generation: 25 archive years, s': +archiveS.toFixed(1),
      'archive years generated': JSON.stringify(counts),
      'the student looked for: closed years': target.years,
    };
    for (const [label, q] of queries) {
      const first = await lookupStudents(ctx, q);
      const times: number[] = [];
      const cpu: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await lookupStudents(ctx, q);
        times.push(performance.now() - t0);
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000);
      }
      captured.length = 0;
      await lookupStudents({ ...ctx, db: logged }, q);
      const statements = captured.map((c) => inline(c.sql, c.params));
      const shell = shellTimes(file, statements, RUNS);
      const a = stats(times);
      const b = stats(shell.real);
      out[`${label}: students found / years shown`] =
        `${first.students.length}${first.more ? '+' : ''} / ${first.students.reduce((n, st) => n + st.years.length, 0)}`;
      out[`${label}: service, ms (median / p95)`] = `${a.median} / ${a.p95}`;
      out[`${label}: same SQL in sqlite3 shell, ms (median / p95)`] = `${b.median} / ${b.p95}`;
      out[`${label}: CPU time, ms (median): service / sqlite3 shell`] = `${stats(cpu).median} / ${stats(shell.cpu).median}`;
      if (label === 'name and birth date') {
        const marks = statements.find((st) => st.includes('from "final_mark"'))!;
        const scan = shellTimes(file, [marks.replace('from "final_mark"', 'from "final_mark" not indexed')], 5);
        const indexed = shellTimes(file, [marks], RUNS);
        out['reference: its marks statement in the shell without the index final_mark_student (NOT INDEXED), ms real / CPU'] =
          `${stats(scan.real).median} / ${stats(scan.cpu).median}`;
        out['reference: its marks statement in the shell with the index, ms real / CPU (the real timer counts whole ms)'] =
          `${stats(indexed.real).median} / ${stats(indexed.cpu).median}`;
      }
    }
    await h.close();
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

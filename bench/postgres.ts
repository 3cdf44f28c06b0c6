// Grid read and mark save (issue 17 part 7): the same small school through the same services on SQLite and on
// PostgreSQL, and the very statements the PostgreSQL side sent, replayed by PostgreSQL's own client (pgbench, extended
// protocol: parameters sent apart from the SQL, as pg does) with no Node in between. `npm run bench postgres`, or
// alone: node --import tsx bench/postgres.ts. The server: SJ_TEST_PG, else a throwaway cluster started here
// (build/pg-test-cluster.sh; its fsync is off, so PostgreSQL's saves are faster than on a school's server), else the
// bench is skipped with the reason printed.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect, type LogEvent } from 'kysely';
import { openDatabase } from '../db';
import type { Db } from '../db';
import { openPool, openPostgres, poolSettings } from '../db/postgres';
import type { DB } from '../db/schema';
import * as cells from '../main/journal/cells';
import * as grid from '../main/journal/grid';
import { systemActor, type Ctx } from '../main/kernel/context';
import pg from 'pg';
import { urlOfDatabase } from '../tests/helpers/pg';
import { schoolWithMathLessons } from '../tests/helpers/timetable';

const READS = Number(process.env.SJ_BENCH_PG_READS ?? 50);
const SAVES = Number(process.env.SJ_BENCH_PG_SAVES ?? 200);

export const ABOUT =
  `The teacher’s grid of 5А mathematics in a small school (smallSchool of the tests, 3 hours a week generated for the year) read ${READS} times, and ${SAVES} marks saved one after another ` +
  'through the services (`loadGrid`, `saveCell`, as the teacher) on SQLite (a file) and on PostgreSQL (a database on the local server, unix socket, one pool). ' +
  'The reference: the statements one PostgreSQL grid read and one save sent (captured through Kysely’s log), replayed with their parameters by pgbench (`-M extended`: parse, bind, execute per statement, as pg does; the save inside begin … commit, so its advisory lock and audit insert run too) on the same database. ' +
  'Ratios: PostgreSQL through the services against SQLite, and against pgbench (what the program adds over the statements themselves: Node, Kysely, pg, and one round trip per statement). ' +
  'The test cluster runs with fsync off: a school’s server with fsync on adds a disk flush to every save.';

const ROOT = path.resolve(__dirname, '..');

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];
const round = (x: number) => Math.round(x * 10) / 10;
const spread = (xs: number[]) => ({ p50: round(pct(xs, 50)), p95: round(pct(xs, 95)) });

export interface BenchSchool {
  teacher: Ctx;
  key: { classId: number; subjectId: number; periodId: null };
  targets: { lessonId: number; studentId: number }[];
}

/** The small school with 5А mathematics loaded and its lessons generated; the teacher's context on 20.10.2025. */
export async function prepareSchool(db: Db): Promise<BenchSchool> {
  const ctx: Ctx = { db, actor: systemActor('bench'), now: () => new Date() };
  const s = await schoolWithMathLessons(ctx);
  const teacher: Ctx = {
    db,
    actor: { userId: null, name: 'Иванова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false },
    now: () => new Date('2025-10-20T12:00:00Z'),
  };
  const key = { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null };
  const g = await grid.loadGrid(teacher, key);
  // Marks go on lessons already held by the teacher's day.
  const targets = g.lessons
    .filter((l) => l.date <= '2025-10-20')
    .flatMap((l) => g.students.map((st) => ({ lessonId: l.id, studentId: st.id })));
  return { teacher, key, targets };
}

async function measure(s: BenchSchool) {
  const saves: number[] = [];
  for (let i = 0; i < SAVES; i++) {
    const t = performance.now();
    await cells.saveCell(s.teacher, { ...s.targets[i % s.targets.length], text: String(2 + (i % 4)) });
    saves.push(performance.now() - t);
  }
  const reads: number[] = [];
  for (let i = 0; i < READS; i++) {
    const t = performance.now();
    await grid.loadGrid(s.teacher, s.key);
    reads.push(performance.now() - t);
  }
  return { read: reads, save: saves };
}

interface Captured {
  sql: string;
  parameters: readonly unknown[];
}

/**
 * A pgbench script of the captured statements: `$n` becomes a pgbench variable (sent as a parameter in extended mode,
 * as pg sends it), NULL is written in place (a pgbench variable cannot be NULL). The variables go on the command line.
 */
export function pgbenchScript(statements: Captured[]): { script: string; vars: string[] } {
  const vars: string[] = [];
  const lines = statements.map((q, i) => {
    const text = q.sql.replace(/\$(\d+)/g, (_, n: string) => {
      const v = q.parameters[Number(n) - 1];
      if (v === null || v === undefined) return 'NULL';
      const name = `s${i}p${n}`;
      vars.push(`${name}=${typeof v === 'object' ? JSON.stringify(v) : String(v as string | number | boolean)}`);
      return `:${name}`;
    });
    return `${text.replace(/\s*;?\s*$/, '')};`;
  });
  return { script: `${lines.join('\n')}\n`, vars };
}

/** Runs the script `transactions` times on one connection; each run's latency, from pgbench's per-transaction log. */
function pgbench(url: string, script: string, vars: string[], transactions: number): number[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-pgbench-'));
  try {
    const file = path.join(dir, 'calls.sql');
    fs.writeFileSync(file, script);
    // pgbench under root cannot write its log into a folder the postgres user owns; ours is in /tmp, owned by us.
    const args = ['-n', '-M', 'extended', '-c', '1', '-t', String(transactions), '-f', file, '-l', `--log-prefix=${path.join(dir, 'log')}`];
    for (const v of vars) args.push('-D', v);
    const r = spawnSync(pgbenchBin()!, [...args, poolSettings(url).connectionString], { encoding: 'utf8', cwd: dir });
    if (r.status !== 0) throw new Error(`pgbench failed: ${r.stderr}`);
    const log = fs.readdirSync(dir).find((f) => f.startsWith('log.'));
    if (!log) throw new Error('pgbench wrote no log');
    return fs
      .readFileSync(path.join(dir, log), 'utf8')
      .trim()
      .split('\n')
      .map((line) => Number(line.split(' ')[2]) / 1000);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function pgBin(): string | null {
  const dirs = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .sort((a, b) => Number(a) - Number(b))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  return dirs.reverse().find((d) => fs.existsSync(path.join(d, 'pgbench'))) ?? null;
}

function pgbenchBin(): string | null {
  const bin = pgBin();
  if (bin) return path.join(bin, 'pgbench');
  const which = spawnSync('which', ['pgbench'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : null;
}

/** SJ_TEST_PG, else a throwaway cluster of our own (stopped by `stop`), else null with the reason. */
function server(): { url: string; stop(): void } | { skipped: string } {
  if (process.env.SJ_TEST_PG) return { url: process.env.SJ_TEST_PG, stop: () => undefined };
  if (!pgBin())
    return { skipped: 'no PostgreSQL here (SJ_TEST_PG is not set and /usr/lib/postgresql/*/bin is missing): apt-get install postgresql' };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-cluster-'));
  const script = path.join(ROOT, 'build', 'pg-test-cluster.sh');
  const url = execFileSync(script, ['start', dir], { encoding: 'utf8' }).trim();
  return {
    url,
    stop() {
      execFileSync(script, ['stop', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new database on the server for this run, dropped after. */
async function scratchDatabase(server: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sj_bench_${process.pid}_${Date.now()}`;
  const admin = async (q: string) => {
    const c = new pg.Client({ connectionString: server });
    await c.connect();
    try {
      await c.query(q);
    } finally {
      await c.end();
    }
  };
  await admin(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
  return { url: urlOfDatabase(server, name), drop: () => admin(`drop database if exists ${name} with (force)`) };
}

export async function run(): Promise<Record<string, unknown>> {
  const srv = server();
  if ('skipped' in srv) {
    console.log(`skipped: ${srv.skipped}`);
    return { skipped: srv.skipped };
  }
  if (!pgbenchBin()) {
    srv.stop();
    return { skipped: 'pgbench is not installed (package postgresql-client or postgresql)' };
  }
  try {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-pg-'));
    const sqlite = await openDatabase(path.join(dir, 'j.sqlite'));
    const onSqlite = await measure(await prepareSchool(sqlite.db)).finally(() => sqlite.close());
    fs.rmSync(dir, { recursive: true, force: true });

    const d = await scratchDatabase(srv.url);
    // Migrated by the program's own opening; then a Kysely of our own on the same kind of pool, logging statements.
    await (await openPostgres(d.url)).close();
    let capture: Captured[] | null = null;
    const db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: openPool(d.url) }),
      log: (e: LogEvent) => {
        if (capture && e.level === 'query') capture.push({ sql: e.query.sql, parameters: e.query.parameters });
      },
    });
    try {
      const school = await prepareSchool(db);
      const onPg = await measure(school);
      const gridSql: Captured[] = [];
      capture = gridSql;
      await grid.loadGrid(school.teacher, school.key);
      const saveSql: Captured[] = [];
      capture = saveSql;
      // A mark into a cell the timed saves wrote: an update of an existing cell, as most of them were.
      await cells.saveCell(school.teacher, { ...school.targets[0], text: '5' });
      capture = null;
      if (process.env.SJ_BENCH_PG_SQL)
        console.log([...gridSql, ...saveSql].map((q) => `${q.sql} -- ${JSON.stringify(q.parameters)}`).join('\n'));
      const g = pgbenchScript(gridSql);
      const s = pgbenchScript(saveSql);
      const byPgbench = { read: pgbench(d.url, g.script, g.vars, READS), save: pgbench(d.url, s.script, s.vars, SAVES) };
      const r = {
        sqlite: { read: spread(onSqlite.read), save: spread(onSqlite.save) },
        postgres: { read: spread(onPg.read), save: spread(onPg.save) },
      };
      const pb = { read: spread(byPgbench.read), save: spread(byPgbench.save) };
      const ratio = (a: number, b: number) => Math.round((a / b) * 10) / 10;
      return {
        grid_read_ms_sqlite: r.sqlite.read,
        grid_read_ms_postgres: r.postgres.read,
        grid_read_ms_pgbench: pb.read,
        mark_save_ms_sqlite: r.sqlite.save,
        mark_save_ms_postgres: r.postgres.save,
        mark_save_ms_pgbench: pb.save,
        statements_per_grid_read: gridSql.length,
        statements_per_mark_save: saveSql.length,
        ratio_p50_postgres_to_sqlite: {
          read: ratio(r.postgres.read.p50, r.sqlite.read.p50),
          save: ratio(r.postgres.save.p50, r.sqlite.save.p50),
        },
        ratio_p50_postgres_to_pgbench: { read: ratio(r.postgres.read.p50, pb.read.p50), save: ratio(r.postgres.save.p50, pb.save.p50) },
      };
    } finally {
      await db.destroy();
      await d.drop();
    }
  } finally {
    srv.stop();
  }
}

if (require.main === module)
  run().then(
    (r) => {
      for (const [k, v] of Object.entries(r)) console.log(`${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );

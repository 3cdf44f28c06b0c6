import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../db';
import { DEMO_PASSWORD } from '../main/demo';
import { databaseStats } from '../main/school/stats';
import { startApp } from '../main/transport/app';
import type { Channel, Input } from '../main/contract/index';
import { cachedDemo } from './five-year-demo';
import { HostClient } from '../tests/helpers/api';

// The journal on a school with five years of data (demo --years 5, ~1500 students so that classes have ~35): opening a
// class × subject × period grid and saving one mark through the browser host (HTTP, router, session, services), logged
// in as the journal's own teacher (so the access checks a teacher's call runs are in the figures; the deputy only
// unlocks the closed period first), against the same reads and a single-row insert typed into the stock `sqlite3`
// shell on the same file in the same run. Then, in this process on the same file, the SQL statements one teacher's
// grid and one teacher's save run through the router are counted (better-sqlite3's prepare, which Kysely calls once per
// query, `begin` and `commit` included).
// Targets: grid within 3× of sqlite3 and under 50 ms, save under 10 ms at p99.

export const ABOUT =
  'Grid and save through the browser host (HTTP, router, session, access checks, services), logged in as the journal’s own teacher (role teacher: every call runs the teacher’s access queries); the deputy only unlocks the closed period before the saves. ' +
  'References in the same run: the grid’s data reads and a one-row insert in the stock sqlite3 shell on the same file. ' +
  'queries_per_grid and queries_per_save count the SQL statements one teacher’s call runs through the router (better-sqlite3 prepare, begin and commit included; a save writes a new mark into an empty cell). ' +
  'Before the save path answered from the rows it wrote (commit 924b93e), the same count was 23 per save (router 2, checks and reads 11, begin, 1 row read inside the transaction, 3 writes, audit 2, commit, then 2 to read the cell back).';

const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'build', 'school-journal.cjs');
const RUNS = Number(process.env.SJ_BENCH_RUNS ?? 200);

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const round = (x: number) => Math.round(x * 100) / 100;
function stats(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  return {
    median: round(s[Math.floor(s.length / 2)]),
    p99: round(s[Math.max(0, Math.ceil(s.length * 0.99) - 1)]),
    max: round(s[s.length - 1]),
  };
}

function startHost(dbFile: string): Promise<{ url: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [CLI, 'host', '--db', dbFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out} ${err}`)), 60_000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?k=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          stop: async () => {
            if (child.exitCode === null && child.signalCode === null) {
              child.kill('SIGTERM');
              await new Promise((r) => child.once('exit', r));
            }
          },
        });
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${err}`)));
  });
}

/**
 * The stock sqlite3 shell on the same file, fed through a pipe: each call sends statements and a marker query and
 * waits for the marker, so the time is the shell's own work plus a pipe round trip (the shell's `.timer` only has
 * millisecond resolution).
 */
class Shell {
  private out = '';
  private n = 0;
  private waiting: { marker: string; resolve: () => void } | null = null;
  private readonly child: ReturnType<typeof spawn>;
  private err = '';

  constructor(file: string) {
    this.child = spawn('sqlite3', ['-batch', file], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stdout!.on('data', (d) => {
      this.out += d;
      if (this.waiting && this.out.includes(this.waiting.marker)) {
        this.out = '';
        const w = this.waiting;
        this.waiting = null;
        w.resolve();
      }
    });
    this.child.stderr!.on('data', (d) => (this.err += d));
  }

  async run(statements: string): Promise<number> {
    const marker = `done-${++this.n}\n`;
    const t = process.hrtime.bigint();
    await new Promise<void>((resolve, reject) => {
      this.waiting = { marker, resolve };
      this.child.stdin!.write(`.output /dev/null\n${statements}\n.output stdout\nselect 'done-${this.n}';\n`);
      if (this.err) reject(new Error(`sqlite3: ${this.err}`));
    });
    if (this.err) throw new Error(`sqlite3: ${this.err}`);
    return ms(t);
  }

  async close(): Promise<void> {
    this.child.stdin!.end('.quit\n');
    await new Promise((r) => this.child.once('exit', r));
  }
}

const q = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * SQL statements per call, as the teacher through the router in this process: better-sqlite3's `prepare` is wrapped,
 * and Kysely's SQLite driver prepares every statement it runs, `begin` and `commit` included. Each save
 * writes a new mark into an empty cell, like the timed saves.
 */
async function countQueries(
  file: string,
  login: string,
  gridInput: Input<'journal.grid'>,
  cells: { lessonId: number; studentId: number }[],
): Promise<{ grid: number; save: { median: number; min: number; max: number; calls: number } }> {
  const app = await startApp({ dbFile: file, runtime: 'browser-host', background: false });
  try {
    const call = async <C extends Channel>(channel: C, input: Input<C>, token: string | null) => {
      const r = await app.router.call(channel, input, token);
      if (!r.ok) throw new Error(`${channel}: ${r.error.message}`);
      return r.value;
    };
    const { token } = (await call('auth.login', { login, password: DEMO_PASSWORD }, null)) as { token: string };
    const raw = app.env.raw!; // the bench counts better-sqlite3 statements: an SQLite file
    const prepare = raw.prepare.bind(raw);
    let n = 0;
    raw.prepare = ((source: string) => (n++, prepare(source))) as typeof raw.prepare;
    try {
      n = 0;
      await call('journal.grid', gridInput, token);
      const grid = n;
      const perSave: number[] = [];
      for (const c of cells) {
        n = 0;
        await call('journal.saveCell', { ...c, text: '4' }, token);
        perSave.push(n);
      }
      const sorted = [...perSave].sort((a, b) => a - b);
      return {
        grid,
        save: { median: sorted[Math.floor(sorted.length / 2)], min: sorted[0], max: sorted[sorted.length - 1], calls: sorted.length },
      };
    } finally {
      raw.prepare = prepare;
    }
  } finally {
    await app.close();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.cjs'))) throw new Error('Программа не собрана: выполните npm run build');
  const { file: cache, buildMs, cached } = await cachedDemo();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-journal-'));
  const file = path.join(dir, 'journal.sqlite');
  fs.copyFileSync(cache, file);
  const sizeMb = Math.round(fs.statSync(file).size / 2 ** 20);
  const h = await openDatabase(file);
  const counts = await databaseStats(h.db);
  const years = h.raw.prepare('select count(*) from academic_year').pluck().get() as number;
  await h.close();

  const db = new Database(file, { readonly: true });
  // The demo year's largest class, Russian (a whole-class subject), its second period.
  const cls = db
    .prepare(
      `select c.id, c.name, c.grade, c.year_id, count(*) n from class c join enrollment e on e.class_id = c.id and e.end_date is null
       join academic_year y on y.id = c.year_id and y.closed = 0 group by c.id order by n desc, c.id limit 1`,
    )
    .get() as { id: number; name: string; grade: number; year_id: number; n: number };
  const subjectId = db.prepare("select id from subject where name = 'Русский язык'").pluck().get() as number;
  const period = db
    .prepare(
      'select sp.id, sp.number, sp.start_date, sp.end_date from study_period sp join grade_scheme gs on gs.scheme_id = sp.scheme_id where gs.year_id = ? and gs.grade = ? and sp.number = 2',
    )
    .get(cls.year_id, cls.grade) as { id: number; number: number; start_date: string; end_date: string };
  // The journal's teacher: the staff member with this class × subject in the teaching load, and their account.
  const teacher = db
    .prepare(
      `select u.login, u.display_name, group_concat(r.role, ', ') roles from teaching_load tl join app_user u on u.staff_id = tl.staff_id
       join user_role r on r.user_id = u.id where tl.class_id = ? and tl.subject_id = ? and tl.group_id is null group by u.id order by u.id limit 1`,
    )
    .get(cls.id, subjectId) as { login: string; display_name: string; roles: string } | undefined;
  if (!teacher) throw new Error(`no teacher account for ${cls.name}, Русский язык`);
  db.close();

  const host = await startHost(file);
  try {
    const api = await new HostClient(host.url).open();
    await api.login(teacher.login, DEMO_PASSWORD);
    const deputy = await (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
    const gridInput = { classId: cls.id, subjectId, groupId: null, periodId: period.id };
    let grid = await api.call('journal.grid', gridInput);
    for (let i = 0; i < 5; i++) grid = await api.call('journal.grid', gridInput);
    const gridTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const t = process.hrtime.bigint();
      await api.call('journal.grid', gridInput);
      gridTimes.push(ms(t));
    }
    const lessons = grid.lessons.filter((l) => l.status === 'held');
    const students = grid.students;

    // The period is closed (its marks are set): the deputy unlocks it with a reason, as a correction would; the
    // teacher saves.
    if (grid.lock) await deputy.call('journal.unlock', { lockId: grid.lock.id, reason: 'Бенчмарк: исправление отметок' });
    const empty: { lessonId: number; studentId: number }[] = [];
    for (const l of lessons)
      for (const s of students)
        if (!grid.cells[`${s.id}:${l.id}`] && s.active.some((a) => a.start_date <= l.date && l.date <= a.end_date))
          empty.push({ lessonId: l.id, studentId: s.id });
    const COUNTED = 20;
    if (empty.length < RUNS * 2 + COUNTED + 10) throw new Error(`not enough empty cells: ${empty.length}`);
    await api.call('journal.saveCell', { ...empty[0], text: '4' });
    const saveTimes: number[] = [];
    for (let i = 1; i <= RUNS; i++) {
      const t = process.hrtime.bigint();
      await api.call('journal.saveCell', { ...empty[i], text: '5' });
      saveTimes.push(ms(t));
    }

    // The same reads in the sqlite3 shell: the grid's lessons, roster, marks, absences and period marks.
    const lessonCond = `l.class_id = ${cls.id} and l.subject_id = ${subjectId} and l.group_id is null and l.date between ${q(period.start_date)} and ${q(period.end_date)}`;
    const reads = [
      `select l.id, l.date, l.lesson_number, l.topic, l.homework, l.work_kind, l.plan_topic_id, l.status, l.staff_id, l.substitute_staff_id from lesson l where ${lessonCond} and l.status != 'moved' order by l.date, l.lesson_number;`,
      `select s.id, s.last_name, s.first_name, e.start_date, e.end_date from enrollment e join student s on s.id = e.student_id where e.class_id = ${cls.id} and e.start_date <= ${q(period.end_date)} and (e.end_date is null or e.end_date >= ${q(period.start_date)});`,
      `select t.lesson_id, t.student_id, t.value, t.work_type_id, t.weight, t.entered_at from mark t join lesson l on l.id = t.lesson_id where ${lessonCond} order by t.lesson_id, t.student_id, t.position;`,
      `select t.lesson_id, t.student_id, t.absence, t.comment, t.entered_at from journal_cell t join lesson l on l.id = t.lesson_id where ${lessonCond};`,
      `select student_id, value from final_mark where year_id = ${cls.year_id} and subject_id = ${subjectId} and kind = 'p${period.number}';`,
    ];
    const shell = new Shell(file);
    await shell.run('pragma synchronous = full;');
    const pipe: number[] = [];
    for (let i = 0; i < RUNS; i++) pipe.push(await shell.run('select 1;'));
    for (let i = 0; i < 5; i++) await shell.run(reads.join('\n'));
    const refRead: number[] = [];
    for (let i = 0; i < RUNS; i++) refRead.push(await shell.run(reads.join('\n')));
    const workType = 1;
    const inserts = empty
      .slice(RUNS + 1, RUNS * 2 + 1)
      .map(
        (c) =>
          `insert into mark(lesson_id, student_id, position, value, work_type_id, weight, entered_at, entered_by) values (${c.lessonId}, ${c.studentId}, 1, '5', ${workType}, 1, '2026-12-01T10:00:00.000Z', 'sqlite3');`,
      );
    const refInsert: number[] = [];
    for (const ins of inserts) refInsert.push(await shell.run(ins));
    await shell.close();

    await host.stop();
    const queries = await countQueries(file, teacher.login, gridInput, empty.slice(RUNS * 2 + 1, RUNS * 2 + 1 + COUNTED));

    const grid_ms = stats(gridTimes);
    const save_ms = stats(saveTimes);
    const ref_read_ms = stats(refRead);
    const ref_insert_ms = stats(refInsert);
    const figures = {
      database: `${years} years, ${counts.students} students now, ${counts.lessons} lessons, ${counts.marks} marks, ${counts.absences} absences, ${counts.finalMarks} final marks, ${sizeMb} MiB`,
      demo_build_s: buildMs === null ? 'cached' : `${round(buildMs / 1000)}${cached ? ' (when the cached file was built)' : ''}`,
      journal: `${cls.name}, Русский язык, period ${period.number}: ${students.length} students × ${lessons.length} lessons, ${Object.keys(grid.cells).length} filled cells`,
      role: `grid and saves as the journal's teacher ${teacher.display_name} (${teacher.login}; roles: ${teacher.roles}); the deputy only unlocked the period`,
      runs: RUNS,
      grid_ms,
      save_ms,
      sqlite3_pipe_round_trip_ms: stats(pipe),
      sqlite3_reads_ms: ref_read_ms,
      sqlite3_insert_ms: ref_insert_ms,
      ratio_grid_to_sqlite3_median: round(grid_ms.median / Math.max(ref_read_ms.median, 0.01)),
      ratio_save_to_sqlite3_median: round(save_ms.median / Math.max(ref_insert_ms.median, 0.01)),
      ratio_save_to_sqlite3_p99: round(save_ms.p99 / Math.max(ref_insert_ms.p99, 0.01)),
      queries_per_grid: queries.grid,
      queries_per_save: queries.save,
      target_grid_ms: 50,
      target_grid_ratio_to_sqlite3: 3,
      target_save_p99_ms: 10,
      grid_within_target: grid_ms.p99 < 50 && grid_ms.median / Math.max(ref_read_ms.median, 0.01) <= 3,
      save_within_target: save_ms.p99 < 10,
    };
    console.log(`Journal benchmark (five-year demo school, browser host, as the teacher ${teacher.login}):`);
    for (const [k, v] of Object.entries(figures)) console.log(`  ${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`);
    return figures;
  } finally {
    await host.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) void run();

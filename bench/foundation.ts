import { hash } from '@node-rs/argon2';
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db';
import { ARGON2_OPTIONS } from '../main/accounts/passwords';
import { systemActor } from '../main/kernel/context';
import { runDemo } from '../main/demo';

// Issue 2 and 7 figures: demo generation for 1100 students, cold start of the core through the
// host, and the login hash. Each against a reference measured in the same run.

const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;
const CLI = path.resolve(__dirname, '..', 'build', 'school-journal.cjs');

async function coldStart(dbFile: string): Promise<number> {
  // From spawning the host to the first IPC answer over HTTP: open, migration check, router.
  const t = process.hrtime.bigint();
  const child = spawn(process.execPath, [CLI, 'host', '--db', dbFile], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/\?k=([\w-]+)/.exec(out);
      if (m) resolve(m[0]);
    });
    child.on('exit', (c) => reject(new Error(`host exited ${c}`)));
  });
  const first = await fetch(url, { redirect: 'manual' });
  const cookie = first.headers.get('set-cookie')!.split(';')[0];
  const origin = new URL(url).origin;
  const r = await fetch(`${origin}/api/rpc`, {
    method: 'POST',
    headers: { cookie, origin },
    body: JSON.stringify({ channel: 'app.info', input: {} }),
  });
  if (!((await r.json()) as { ok: boolean }).ok) throw new Error('app.info failed');
  const took = ms(t);
  child.kill('SIGTERM');
  return took;
}

export async function run(): Promise<Record<string, unknown>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-bench-f-'));
  const file = path.join(dir, 'demo.sqlite');
  const h = await openDatabase(file);
  let t = process.hrtime.bigint();
  await runDemo(h.db, h.raw, systemActor('бенчмарк'), { seed: 2025, today: '2026-06-30' });
  const demoMs = ms(t);
  const students = Number(
    (
      await h.db
        .selectFrom('student')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
  const lessons = Number((h.raw.prepare("select count(*) n from sqlite_master where name = 'lesson'").get() as { n: number }).n)
    ? Number((h.raw.prepare('select count(*) n from lesson').get() as { n: number }).n)
    : 0;
  await h.close();

  // Reference: the sqlite3 tool writing the same content from its SQL dump into a fresh file,
  // the floor for putting these rows on disk without any of the rules or the audit chain.
  const dump = execFileSync('sqlite3', [file, '.dump'], { maxBuffer: 1 << 30 });
  t = process.hrtime.bigint();
  execFileSync('sqlite3', [path.join(dir, 'reload.sqlite')], { input: dump, maxBuffer: 1 << 30 });
  const cloneMs = ms(t);

  const starts = [];
  for (let i = 0; i < 5; i++) starts.push(await coldStart(file));
  t = process.hrtime.bigint();
  for (let i = 0; i < 5; i++) execFileSync('sqlite3', [file, 'select count(*) from student']);
  const sqliteOpenMs = ms(t) / 5;
  starts.sort((a, b) => a - b);

  const hashes = [];
  for (let i = 0; i < 5; i++) {
    t = process.hrtime.bigint();
    await hash('пароль-для-замера', ARGON2_OPTIONS);
    hashes.push(ms(t));
  }
  t = process.hrtime.bigint();
  for (let i = 0; i < 5; i++) await hash('пароль-для-замера', { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 });
  const owaspMinMs = ms(t) / 5;
  hashes.sort((a, b) => a - b);
  fs.rmSync(dir, { recursive: true, force: true });

  return {
    'demo: students': students,
    'demo: lessons (when the timetable step is present)': lessons,
    'demo: generation, whole school, s': +(demoMs / 1000).toFixed(2),
    'demo: reference sqlite3 loading the same rows from .dump, s': +(cloneMs / 1000).toFixed(2),
    'demo: ratio to the reference': +(demoMs / cloneMs).toFixed(1),
    'cold start to first IPC answer through the host, median ms': Math.round(starts[2]),
    'reference: sqlite3 CLI open + count, ms': Math.round(sqliteOpenMs),
    'cold start ratio': +(starts[2] / sqliteOpenMs).toFixed(1),
    [`login hash argon2id m=64MiB t=${ARGON2_OPTIONS.timeCost}, median ms`]: Math.round(hashes[2]),
    'reference: OWASP minimum m=19MiB t=2, ms': Math.round(owaspMinMs),
    'login hash target 100–500 ms met': hashes[2] >= 100 && hashes[2] <= 500,
  };
}

import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../db';
import { systemActor } from '../main/kernel/context';
import { runDemo } from '../main/demo';

// The five-year demo school (demo --years 5, ~1500 students so that classes have ~35) shared by the journal and backup
// benchmarks: built once, then reused from the temp folder (SJ_BENCH_JOURNAL_DB names another file). The cached file's
// name carries the demo's today and a hash of the code that builds it (the demo generator and the migrations), so
// changing any of them builds a new one instead of measuring a database the current code would not make.

export const STUDENTS = 1500;
/**
 * The demo's today: the demo lives in the school year containing it. Fixed to the end of 2025/2026 (a whole year with
 * its period, year and final marks) so that runs on different days measure the same database; SJ_BENCH_DEMO_TODAY
 * (YYYY-MM-DD) builds another one, e.g. the real today's.
 */
export const DEMO_TODAY = process.env.SJ_BENCH_DEMO_TODAY ?? '2026-06-30';
const ROOT = path.resolve(__dirname, '..');
/** Folders whose files decide the demo database's content. */
export const DEMO_SOURCES = ['main/demo', 'db/migrations'];
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

function filesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : e.isFile() ? [path.join(dir, e.name)] : []))
    .sort();
}

/** SHA-256 over the paths and contents of every file under DEMO_SOURCES, and the demo's options; first 12 hex digits. */
export function demoCodeHash(): string {
  const h = createHash('sha256').update(JSON.stringify({ seed: 2025, students: STUDENTS, years: 5, today: DEMO_TODAY }));
  for (const f of DEMO_SOURCES.flatMap((d) => filesUnder(path.join(ROOT, d))))
    h.update(path.relative(ROOT, f)).update('\0').update(fs.readFileSync(f)).update('\0');
  return h.digest('hex').slice(0, 12);
}

/** Builds (once per version of the generator) the five-year demo database; later runs reuse it from the temp folder. */
export async function cachedDemo(): Promise<{ file: string; buildMs: number | null; cached: boolean; codeHash: string }> {
  const codeHash = demoCodeHash();
  const cache =
    process.env.SJ_BENCH_JOURNAL_DB ?? path.join(os.tmpdir(), `sj-bench-journal-5y-${STUDENTS}-${DEMO_TODAY}-${codeHash}.sqlite`);
  if (fs.existsSync(cache)) {
    const meta = fs.existsSync(`${cache}.json`) ? (JSON.parse(fs.readFileSync(`${cache}.json`, 'utf8')) as { buildMs: number }) : null;
    return { file: cache, buildMs: meta?.buildMs ?? null, cached: true, codeHash };
  }
  // A database built by an older generator (or for another today) is of no further use: its ~700 MiB go before the new one is built.
  if (!process.env.SJ_BENCH_JOURNAL_DB)
    for (const f of fs.readdirSync(os.tmpdir()))
      if (f.startsWith(`sj-bench-journal-5y-${STUDENTS}-`) && !f.startsWith(path.basename(cache)))
        fs.rmSync(path.join(os.tmpdir(), f), { force: true });
  const tmp = `${cache}.building`;
  for (const s of ['', '-wal', '-shm']) fs.rmSync(tmp + s, { force: true });
  const t = process.hrtime.bigint();
  const h = await openDatabase(tmp);
  await runDemo(h.db, h.raw, systemActor('бенчмарк'), { seed: 2025, students: STUDENTS, years: 5, today: DEMO_TODAY });
  h.raw.pragma('wal_checkpoint(TRUNCATE)');
  await h.close();
  const buildMs = ms(t);
  fs.renameSync(tmp, cache);
  fs.writeFileSync(`${cache}.json`, JSON.stringify({ buildMs, codeHash }));
  return { file: cache, buildMs, cached: false, codeHash };
}

// Runs the test files with Node's own test runner (TypeScript through tsx), one file at a time so
// that end-to-end tests, which start hosts and Chromium, do not compete for the two cores.
//
// With SJ_TEST_PG (a PostgreSQL connection string, docs/POSTGRES.md) the unit files listed in
// tests/postgres-files.txt run a second time with SJ_TEST_ENGINE=postgres: their services on PostgreSQL.
// The count of tests run on each engine is printed at the end.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// --screenshots: the end-to-end tests also save docs/screenshots/*.png (SJ_SCREENSHOTS=1); a plain run writes none.
const args = process.argv.slice(2);
if (args.includes('--screenshots')) process.env.SJ_SCREENSHOTS = '1';
const named = args.filter((a) => a !== '--screenshots');
const kinds = named.length ? named : ['unit', 'e2e'];
const files = kinds.flatMap((k) => {
  const dir = path.join('tests', k);
  return fs.existsSync(dir)
    ? fs
        .readdirSync(dir)
        .filter((f) => f.endsWith('.test.ts'))
        .sort()
        .map((f) => path.join(dir, f))
    : [];
});
if (files.length === 0) {
  console.error('Нет тестов для запуска.');
  process.exit(1);
}

/** One run of the runner; returns its exit status and the TAP summary's counts. */
function run(list, env) {
  const tap = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sj-tap-')), 'run.tap');
  const shown = process.stdout.isTTY ? 'spec' : 'tap';
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--test',
      '--test-concurrency=1',
      `--test-reporter=${shown}`,
      '--test-reporter-destination=stdout',
      '--test-reporter=tap',
      `--test-reporter-destination=${tap}`,
      ...list,
    ],
    { stdio: 'inherit', env: { ...process.env, ...env } },
  );
  const text = fs.existsSync(tap) ? fs.readFileSync(tap, 'utf8') : '';
  fs.rmSync(path.dirname(tap), { recursive: true, force: true });
  // The summary is the last lines at column 0 ("# tests 12"); nested subtests' summaries are indented.
  const count = (k) => Number([...text.matchAll(new RegExp(`^# ${k} (\\d+)$`, 'gm'))].at(-1)?.[1]) || 0;
  return { status: r.status ?? 1, tests: count('tests'), skipped: count('skipped'), failed: count('fail'), files: list.length };
}

// The SQLite pass does not see the server: the PostgreSQL sides of the tests run (and are counted) in the second pass.
const sqlite = run(files, { SJ_TEST_ENGINE: 'sqlite', SJ_TEST_PG: '' });
const summary = [
  `SQLite: ${sqlite.tests - sqlite.skipped} tests run (${sqlite.skipped} skipped, ${sqlite.failed} failed) in ${sqlite.files} files`,
];
let status = sqlite.status;

const pgList = fs
  .readFileSync(path.join('tests', 'postgres-files.txt'), 'utf8')
  .split('\n')
  .map((l) => l.replace(/#.*/, '').trim())
  .filter(Boolean)
  .filter((f) => files.includes(f));
if (process.env.SJ_TEST_PG && pgList.length) {
  const pg = run(pgList, { SJ_TEST_ENGINE: 'postgres' });
  summary.push(`PostgreSQL: ${pg.tests - pg.skipped} tests run (${pg.skipped} skipped, ${pg.failed} failed) in ${pg.files} files`);
  status ||= pg.status;
} else {
  summary.push('PostgreSQL: not run (SJ_TEST_PG is not set; docs/POSTGRES.md)');
}
console.log(`\n${summary.join('\n')}`);
process.exit(status);

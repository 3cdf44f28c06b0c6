// Runs the test files with Node's own test runner (TypeScript through tsx), one file at a time so
// that end-to-end tests, which start hosts and Chromium, do not compete for the two cores.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
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
const r = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);

import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

const CLI = path.resolve(__dirname, '..', '..', 'build', 'school-journal.cjs');
const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });

test('CLI: demo, stats --json, a sound file; the same seed gives the same school', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-cli-'));
  const a = path.join(dir, 'a.sqlite');
  const b = path.join(dir, 'b.sqlite');
  assert.equal(run('demo', '--db', a, '--students', '150', '--seed', '5', '--today', '2026-12-02').status, 0);
  assert.equal(run('demo', '--db', b, '--students', '150', '--seed', '5', '--today', '2026-12-02').status, 0);
  const stats = JSON.parse(run('stats', '--db', a, '--json').stdout);
  for (const k of ['students', 'classes', 'staff', 'subjects', 'periods', 'holidays']) assert.equal(typeof stats[k], 'number', k);
  assert.ok(stats.students > 100 && stats.classes === 43);
  assert.equal(execFileSync('sqlite3', [a, 'PRAGMA integrity_check']).toString().trim(), 'ok');
  const q = 'select last_name, first_name, birth_date, snils from student order by id';
  assert.equal(execFileSync('sqlite3', [a, q]).toString(), execFileSync('sqlite3', [b, q]).toString());
  // a second demo into a school that exists is refused and changes nothing
  const again = run('demo', '--db', a);
  assert.equal(again.status, 1);
  assert.match(again.stderr, /только в пустой базе/);
  assert.deepEqual(JSON.parse(run('stats', '--db', a, '--json').stdout), stats);
  fs.rmSync(dir, { recursive: true, force: true });
});

test('CLI: wrong arguments exit 2 with the usage; a missing file exits 1 and is not created', () => {
  const u = run('stats');
  assert.equal(u.status, 2);
  assert.match(u.stderr, /Укажите --db FILE/);
  assert.equal(run('frobnicate').status, 2);
  assert.equal(run('demo', '--db', '/tmp/x.sqlite', '--students', 'много').status, 2);
  assert.equal(run('demo', '--db', '/tmp/x.sqlite', '--today', '2026-13-01').status, 2);
  const missing = path.join(os.tmpdir(), `sj-missing-${process.pid}.sqlite`);
  const m = run('stats', '--db', missing, '--json');
  assert.equal(m.status, 1);
  assert.match(m.stderr, /не найден/);
  assert.ok(!fs.existsSync(missing));
});

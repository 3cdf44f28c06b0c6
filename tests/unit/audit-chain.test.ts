import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { tempDb } from '../helpers/db';

const CLI = path.resolve(__dirname, '..', '..', 'build', 'school-journal.cjs');
const verify = (file: string) => spawnSync(process.execPath, [CLI, 'audit', 'verify', '--db', file], { encoding: 'utf8' });

test('audit verify: an untouched demo database verifies; one changed row is named', async () => {
  const t = await tempDb();
  await runDemo(t.db, t.raw, systemActor('тест'), { students: 200 });
  await t.close();
  const ok = verify(t.file);
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /Журнал аудита цел: \d+ записей/);

  // Tamper the way an intruder with the file would: drop the trigger, change one row's content.
  const raw = new Database(t.file);
  raw.exec('drop trigger audit_log_no_update');
  const victim = raw
    .prepare(`select id from audit_log where entity = 'student' and action = 'create' and after like '%Омск%' order by id limit 1 offset 3`)
    .get() as { id: number };
  raw.prepare(`update audit_log set after = replace(after, 'Омск', 'Тверь') where id = ?`).run(victim.id);
  raw.close();
  const bad = verify(t.file);
  assert.equal(bad.status, 3);
  assert.match(bad.stderr, new RegExp(`запись ${victim.id}: содержимое изменено`));
  assert.equal(JSON.parse(bad.stdout.trim()).brokenId, victim.id);
  await t.cleanup();
});

test('audit verify: a deleted row breaks the link of the next one', async () => {
  const t = await tempDb();
  await runDemo(t.db, t.raw, systemActor('тест'), { students: 50 });
  await t.close();
  const raw = new Database(t.file);
  raw.exec('drop trigger audit_log_no_delete');
  raw.prepare('delete from audit_log where id = 5').run();
  raw.close();
  const bad = verify(t.file);
  assert.equal(bad.status, 3);
  assert.match(bad.stderr, /запись 6: ссылка на предыдущую запись не совпадает/);
  await t.cleanup();
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { auditHash, type AuditRowForHash } from '../../main/kernel/audit-chain';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { cli, startHost } from '../helpers/browser';
import { tempDb } from '../helpers/db';

// Issue 11, part 7: the hash chain alone cannot see its own end cut off, nor a chain rewritten with recomputed
// hashes. Its head is anchored outside the database: in every backup manifest, and in a small file the program
// keeps in its user-data folder; `audit verify` compares with both and names the gap, the program warns at start,
// and verify reports the append-only triggers when they are gone.

// The program's user-data folder (anchor files) for the host and CLI started by this test: a fresh one.
process.env.XDG_CONFIG_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-userdata-'));

const PASS = 'очень-длинная-фраза-для-копии';

async function demoDb() {
  const t = await tempDb();
  await runDemo(t.db, t.raw, systemActor('тест'), { students: 40, seed: 3, today: '2026-06-30' });
  await t.close();
  return t;
}

function triggers(raw: Database.Database): string[] {
  return raw.prepare(`select sql from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`).pluck().all() as string[];
}

/** What an intruder with the file and this program's source can do: cut the tail, then put the triggers back. */
function cutTail(file: string, n: number): { lastKept: number; lastBefore: number } {
  const raw = new Database(file);
  const saved = triggers(raw);
  raw.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete');
  const lastBefore = raw.prepare('select max(id) from audit_log').pluck().get() as number;
  raw.prepare('delete from audit_log where id > ?').run(lastBefore - n);
  for (const s of saved) raw.exec(s);
  raw.close();
  return { lastKept: lastBefore - n, lastBefore };
}

/** Change one row and recompute every hash after it, so the chain is whole again. */
function rewrite(file: string, id: number): void {
  const raw = new Database(file);
  const saved = triggers(raw);
  raw.exec('drop trigger audit_log_no_update; drop trigger audit_log_no_delete');
  raw.prepare(`update audit_log set actor = 'кто-то другой' where id = ?`).run(id);
  const rows = raw.prepare('select * from audit_log where id >= ? order by id').all(id) as (AuditRowForHash & {
    id: number;
    prev_hash: string;
  })[];
  let prev = rows[0].prev_hash;
  const upd = raw.prepare('update audit_log set prev_hash = ?, hash = ? where id = ?');
  for (const r of rows) {
    const h = auditHash(prev, r);
    upd.run(prev, h, r.id);
    prev = h;
  }
  for (const s of saved) raw.exec(s);
  raw.close();
}

test('audit verify --manifest: a cut tail and a rewritten chain are found and the gap is named; missing triggers are reported', async () => {
  const t = await demoDb();
  const pass = path.join(t.dir, 'pass.txt');
  fs.writeFileSync(pass, PASS + '\n');
  const backups = path.join(t.dir, 'backups');
  fs.mkdirSync(backups);
  const made = await cli(['backup', 'create', '--db', t.file, '--to', backups, '--passphrase-file', pass]);
  assert.equal(made.code, 0, made.stderr);
  const manifest = path.join(
    backups,
    fs.readdirSync(backups).find((n) => n.endsWith('.manifest.json'))!,
  );
  const head = JSON.parse(fs.readFileSync(manifest, 'utf8')).auditHead as { id: number; hash: string };

  const copy = path.join(t.dir, 'copy.sqlite');
  fs.copyFileSync(t.file, copy);

  // the tail cut off: the chain that is left is whole, so only the anchor sees it
  const { lastKept } = cutTail(t.file, 3);
  assert.equal((await cli(['audit', 'verify', '--db', t.file])).code, 0, 'the chain alone cannot tell');
  const cut = await cli(['audit', 'verify', '--db', t.file, '--manifest', manifest]);
  assert.equal(cut.code, 3, cut.stdout + cut.stderr);
  assert.match(cut.stderr, new RegExp(`запись ${head.id}.*отсутствует.*последняя запись ${lastKept}`, 's'));
  assert.match(cut.stderr, new RegExp(`записи ${lastKept + 1}–${head.id}`));

  // a row changed and every later hash recomputed
  rewrite(copy, head.id - 10);
  assert.equal((await cli(['audit', 'verify', '--db', copy])).code, 0, 'the chain alone cannot tell');
  const rewritten = await cli(['audit', 'verify', '--db', copy, '--manifest', manifest]);
  assert.equal(rewritten.code, 3);
  assert.match(rewritten.stderr, new RegExp(`запись ${head.id}.*не совпадает`, 's'));

  // the append-only triggers dropped
  const raw = new Database(copy);
  raw.exec('drop trigger audit_log_no_delete');
  raw.close();
  const noTrigger = await cli(['audit', 'verify', '--db', copy]);
  assert.equal(noTrigger.code, 3);
  assert.match(noTrigger.stderr, /audit_log_no_delete/);
  await t.cleanup();
});

test('the program keeps the last head it saw outside the file and warns at start when the chain went backwards', async () => {
  const t = await demoDb();
  const first = await startHost({ dbFile: t.file });
  const admin = await new HostClient(first.url).open().then((c) => c.login('admin', 'demo-parol-2025'));
  assert.equal((await admin.call('audit.warning', {})).warning, null);
  await first.stop(); // the head after the login is remembered at close

  const { lastKept, lastBefore } = cutTail(t.file, 2);
  const second = await startHost({ dbFile: t.file });
  try {
    const c = await new HostClient(second.url).open().then((x) => x.login('admin', 'demo-parol-2025'));
    const w = (await c.call('audit.warning', {})).warning ?? '';
    assert.match(w, new RegExp(`записи ${lastKept + 1}–${lastBefore}`));
    const v = await c.call('audit.verify', {});
    assert.equal(v.ok, false);
  } finally {
    await second.stop();
  }
  // the CLI compares with the same remembered head
  const r = await cli(['audit', 'verify', '--db', t.file]);
  assert.equal(r.code, 3);
  assert.match(r.stderr, /отсутствует|не совпадает/);
  await t.cleanup();
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { AppError, openDatabase, SCHEMA_VERSION } from '../../db';

const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sj-db-'));

test('a new database gets the pragmas and the current schema version', async () => {
  const file = path.join(tmp(), 'j.sqlite');
  const h = await openDatabase(file);
  assert.equal(h.raw.pragma('journal_mode', { simple: true }), 'wal');
  assert.equal(h.raw.pragma('synchronous', { simple: true }), 2); // FULL
  assert.equal(h.raw.pragma('foreign_keys', { simple: true }), 1);
  assert.equal(h.raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
  assert.deepEqual(h.migration.applied.length, SCHEMA_VERSION);
  await h.close();
  assert.equal(execFileSync('sqlite3', [file, 'PRAGMA integrity_check']).toString().trim(), 'ok');
});

test('a database from a newer version is refused with a clear message and left untouched', async () => {
  const file = path.join(tmp(), 'j.sqlite');
  (await openDatabase(file)).close();
  const raw = new Database(file);
  raw.prepare(`insert into kysely_migration(name, timestamp) values ('9999_from_the_future', '2030-01-01')`).run();
  raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
  raw.close();
  const before = fs.readFileSync(file);
  await assert.rejects(
    openDatabase(file),
    (e: unknown) => e instanceof AppError && e.code === 'DB_NEWER' && /более новой версией программы/.test(e.message),
  );
  assert.ok(fs.readFileSync(file).equals(before));
});

test('opening an up-to-date database migrates nothing and makes no backup copy', async () => {
  const dir = tmp();
  const file = path.join(dir, 'j.sqlite');
  (await openDatabase(file)).close();
  const h = await openDatabase(file);
  assert.deepEqual(h.migration.applied, []);
  assert.equal(h.migration.backupFile, null);
  await h.close();
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => f.includes('before-migration')),
    [],
  );
});

test('the audit log refuses UPDATE and DELETE', async () => {
  const h = await openDatabase(path.join(tmp(), 'j.sqlite'));
  h.raw.prepare(`insert into audit_log(at, actor, action, entity, prev_hash, hash) values ('x', 'a', 'b', 'c', 'p', 'h')`).run();
  assert.throws(() => h.raw.prepare(`update audit_log set actor = 'z'`).run(), /append-only/);
  assert.throws(() => h.raw.prepare(`delete from audit_log`).run(), /append-only/);
  await h.close();
});

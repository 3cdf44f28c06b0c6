import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caller } from '../helpers/api';
import { startApp } from '../../main/transport/app';
import { freshPgDatabase, pgSkip } from '../helpers/pg';

// Issue 17 part 4's first step: the program's core opens a `postgres://…` database (migrating it) and answers calls;
// two cores share it, each seeing the other's writes, and the audit chain they both append to verifies.

test('two cores on one PostgreSQL database: set-up on one, login and audit verify on the other', { skip: pgSkip }, async () => {
  const d = await freshPgDatabase('sj_core');
  const a = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
  const b = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
  try {
    const info = await caller(b)('app.info', {}, null);
    assert.equal(info.hasUsers, false);
    assert.equal(info.dbFile, d.url);
    // Work not yet ported says so instead of failing somewhere inside.
    const demo = await b.router.call('app.createDemo', {}, null);
    assert.equal(demo.ok, false);
    assert.match(demo.ok ? '' : demo.error.message, /PostgreSQL пока недоступно/);
    await caller(a)('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' }, null);
    // The other instance sees the administrator at its next read, and logs in with the password set on the first.
    assert.equal((await caller(b)('app.info', {}, null)).hasUsers, true);
    const { token } = await caller(b)('auth.login', { login: 'admin', password: 'admin-parol-1' }, null);
    const refused = await b.router.call('auth.login', { login: 'admin', password: 'неверный-пароль' }, null);
    assert.equal(refused.ok, false);
    const verify = await caller(b)('audit.verify', {}, token);
    assert.equal(verify.ok, true, verify.problem ?? '');
    assert.ok(verify.rows >= 3, `${verify.rows} audit rows`);
  } finally {
    await a.close();
    await b.close();
    await d.drop();
  }
});

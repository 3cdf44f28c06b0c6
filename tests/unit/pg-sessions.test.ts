import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import type { Channel, Input, Output } from '../../main/contract/index';
import { systemActor, type Actor, type Ctx } from '../../main/kernel/context';
import * as users from '../../main/accounts/users';
import * as cells from '../../main/journal/cells';
import * as finals from '../../main/journal/final-marks';
import * as grid from '../../main/journal/grid';
import { startApp, type App } from '../../main/transport/app';
import { TEST_ENGINE } from '../helpers/db';
import { freshPgDatabase, pgSkip } from '../helpers/pg';
import { schoolWithMathLessons } from '../helpers/timetable';

// Issue 17 part 3: several program instances on one database share who is logged in, who is locked out and which
// journals are closed. On PostgreSQL two cores (each its own connection pool, as two computers would have) on one
// database: a session opened on one works on the other, and whatever ends it on one is refused by the other at its
// next call. On SQLite one program holds a file (the lock file refuses a second core), so the same scenarios run
// with both "instances" being that one core: the table behaviour is the same.

const PASSWORD = 'верный-пароль-1';

interface Pair {
  a: App;
  b: App;
  close(): Promise<void>;
}

async function pgPair(): Promise<Pair> {
  const d = await freshPgDatabase('sj_sess');
  const a = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
  const b = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await d.drop();
    },
  };
}

/** One core on an SQLite file, standing for both instances; a second core on the file is refused by its lock. */
async function sqliteOne(): Promise<Pair> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-sess-'));
  const file = path.join(dir, 'j.sqlite');
  const a = await startApp({ dbFile: file, runtime: 'browser-host', background: false });
  await assert.rejects(startApp({ dbFile: file, runtime: 'browser-host', background: false }), /открыта для записи/);
  return {
    a,
    b: a,
    async close() {
      await a.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function call<C extends Channel>(app: App, channel: C, input: Input<C>, token: string | null): Promise<Output<C>> {
  const r = await app.router.call(channel, input, token);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as Output<C>;
}

/** The error code of a call, or 'ok'. */
async function outcome(app: App, channel: Channel, input: unknown, token: string | null): Promise<string> {
  const r = await app.router.call(channel, input, token);
  return r.ok ? 'ok' : r.error.code;
}

async function loginMessage(app: App, login: string, password: string): Promise<string> {
  const r = await app.router.call('auth.login', { login, password }, null);
  return r.ok ? 'ok' : r.error.message;
}

/** The administrator (set up on A) and a teacher activated on B; their tokens. */
async function people(p: Pair) {
  const { token: admin } = await call(
    p.a,
    'auth.setupAdmin',
    { login: 'admin', displayName: 'Администратор', password: 'админ-пароль-1' },
    null,
  );
  const teacher = async (login: string) => {
    const { id, activationCode } = await call(p.a, 'users.create', { login, displayName: login, roles: ['teacher'] }, admin);
    const { token } = await call(p.b, 'auth.activate', { login, code: activationCode, password: PASSWORD }, null);
    return { id, token };
  };
  return { admin, teacher };
}

async function sessionsScenario(p: Pair): Promise<void> {
  const { a, b } = p;
  const { admin, teacher } = await people(p);
  const ivanova = await teacher('ivanova');

  // A session opened on B works on A, and the other way round.
  assert.equal((await call(a, 'auth.me', {}, ivanova.token)).name, 'ivanova (ivanova)');
  const { token: onA } = await call(a, 'auth.login', { login: 'ivanova', password: PASSWORD }, null);
  assert.equal(await outcome(b, 'auth.me', {}, onA), 'ok');
  // Only the token's hash is in the database.
  const rows = await a.env.db.selectFrom('app_session').selectAll().execute();
  assert.ok(rows.length >= 3);
  assert.ok(rows.every((r) => r.token_hash !== onA && r.token_hash !== ivanova.token && r.token_hash.length === 64));

  // Logout on A: B refuses the token at its next call; the teacher's other session goes on.
  await call(a, 'auth.logout', {}, onA);
  assert.equal(await outcome(b, 'auth.me', {}, onA), 'SESSION_EXPIRED');
  assert.equal(await outcome(b, 'auth.me', {}, ivanova.token), 'ok');

  // The administrator disables the account on A: B refuses its session; enabled again, it must log in anew.
  await call(a, 'users.setDisabled', { userId: ivanova.id, disabled: true }, admin);
  assert.equal(await outcome(b, 'auth.me', {}, ivanova.token), 'SESSION_EXPIRED');
  await call(b, 'users.setDisabled', { userId: ivanova.id, disabled: false }, admin);
  assert.equal(await outcome(a, 'auth.me', {}, ivanova.token), 'SESSION_EXPIRED');

  // A password change on B keeps the session that made it and ends the one on A.
  const { token: here } = await call(b, 'auth.login', { login: 'ivanova', password: PASSWORD }, null);
  const { token: there } = await call(a, 'auth.login', { login: 'ivanova', password: PASSWORD }, null);
  await call(b, 'auth.changePassword', { oldPassword: PASSWORD, newPassword: 'новый-пароль-22' }, here);
  assert.equal(await outcome(a, 'auth.me', {}, here), 'ok');
  assert.equal(await outcome(b, 'auth.me', {}, there), 'SESSION_EXPIRED');
  assert.equal(await outcome(a, 'auth.me', {}, there), 'SESSION_EXPIRED');

  // Rights are read at every call: a role change made on B holds on A at once (the sessions are ended too, as before).
  assert.equal(await outcome(a, 'users.list', {}, here), 'FORBIDDEN');
  await call(b, 'users.setRoles', { userId: ivanova.id, roles: ['teacher', 'deputy'] }, admin);
  assert.equal(await outcome(a, 'auth.me', {}, here), 'SESSION_EXPIRED');

  // A compromised account on A: B refuses the session opened after the role change.
  const { token: afterRoles } = await call(b, 'auth.login', { login: 'ivanova', password: 'новый-пароль-22' }, null);
  assert.deepEqual([...(await call(a, 'auth.me', {}, afterRoles)).roles].sort(), ['deputy', 'teacher']);
  await call(a, 'users.markCompromised', { userId: ivanova.id, since: new Date().toISOString() }, admin);
  assert.equal(await outcome(b, 'auth.me', {}, afterRoles), 'SESSION_EXPIRED');
  assert.equal(await outcome(b, 'auth.me', {}, admin), 'ok', "the administrator's own session is untouched");

  // Using a session is not audited per call; logins are.
  const audited = await a.env.db.selectFrom('audit_log').select('action').where('user_id', '=', ivanova.id).execute();
  assert.equal(audited.filter((r) => r.action === 'login').length, 5);
  assert.ok(!audited.some((r) => ['auth.me', 'session', 'touch'].includes(r.action)));
}

async function lockoutScenario(p: Pair): Promise<void> {
  const { a, b } = p;
  const { teacher } = await people(p);
  await teacher('petrova');
  // Three free attempts in all, whichever instance takes them: the third failure locks on both.
  assert.match(await loginMessage(a, 'petrova', 'неверный-1'), /^Неверный логин или пароль\.$/);
  assert.match(await loginMessage(b, 'petrova', 'неверный-2'), /^Неверный логин или пароль\.$/);
  assert.match(await loginMessage(a, 'petrova', 'неверный-3'), /заблокирован на 30 с/);
  assert.match(await loginMessage(b, 'petrova', PASSWORD), /заблокирован до/);
  // A login nobody has answers the same way, split the same way.
  const ghost = [
    await loginMessage(a, 'nobody.here', 'неверный-1'),
    await loginMessage(b, 'nobody.here', 'неверный-2'),
    await loginMessage(a, 'nobody.here', 'неверный-3'),
    await loginMessage(b, 'nobody.here', PASSWORD),
  ];
  assert.match(ghost[2], /заблокирован на 30 с/);
  assert.match(ghost[3], /заблокирован до/);

  // Twenty wrong passwords at once, half on each instance: every one is counted.
  await teacher('sidorova');
  await Promise.all(Array.from({ length: 20 }, (_, i) => loginMessage(i % 2 ? a : b, 'sidorova', `неверный-${i}`)));
  const row = await a.env.db.selectFrom('app_user').select('failed_attempts').where('login', '=', 'sidorova').executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 20);
  await Promise.all(Array.from({ length: 20 }, (_, i) => loginMessage(i % 2 ? a : b, 'ghost.two', `неверный-${i}`)));
  const phantom = await a.env.db
    .selectFrom('login_attempt')
    .select('failed_attempts')
    .where('login_hash', '=', users.loginHash('ghost.two'))
    .executeTakeFirstOrThrow();
  assert.equal(phantom.failed_attempts, 20);
}

async function journalLockScenario(p: Pair): Promise<void> {
  const { a, b } = p;
  const sys: Ctx = { db: a.env.db, actor: systemActor('тест'), now: () => new Date() };
  const s = await schoolWithMathLessons(sys);
  const math: Actor = { userId: null, name: 'Иванова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false };
  const on = (app: App): Ctx => ({ db: app.env.db, actor: math, now: () => new Date('2025-10-20T12:00:00Z') });
  const key = { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null };
  const before = await grid.loadGrid(on(b), key);
  assert.equal(before.lock, null);
  const [student] = before.students;
  const lesson = before.lessons.find((l) => l.date <= '2025-10-20')!;
  await cells.saveCell(on(b), { lessonId: lesson.id, studentId: student.id, text: '4' });
  // The period's marks set and locked on A: B's next read shows the lock, and B's write is refused.
  await finals.setFinals(on(a), { classId: s.classes.c5, subjectId: s.subjects.math, kind: 'p1', marks: [], lock: true });
  const after = await grid.loadGrid(on(b), key);
  assert.equal(after.lock?.lockedBy, 'Иванова А. П.');
  assert.equal(after.cells[`${student.id}:${lesson.id}`].text, '4');
  await assert.rejects(cells.saveCell(on(b), { lessonId: lesson.id, studentId: student.id, text: '5' }), /закрыт/);
}

const SCENARIOS: [string, (p: Pair) => Promise<void>][] = [
  [
    'a session works on both; logout, disable, password change, role change and compromise on one are refused by the other',
    sessionsScenario,
  ],
  ['failed logins are counted in the database: the lockout holds across instances, for invented logins too', lockoutScenario],
  ['a period locked on one instance is shown and enforced by the other at its next call', journalLockScenario],
];

for (const [name, scenario] of SCENARIOS) {
  test(`two instances on one PostgreSQL database: ${name}`, { skip: pgSkip }, async () => {
    const p = await pgPair();
    try {
      await scenario(p);
    } finally {
      await p.close();
    }
  });
  // The SQLite pass: one core (a second is refused by the lock file), the same calls.
  test(
    `SQLite, one core: ${name}`,
    { skip: TEST_ENGINE === 'postgres' ? 'the PostgreSQL pass runs the two-instance case' : false },
    async () => {
      const p = await sqliteOne();
      try {
        await scenario(p);
      } finally {
        await p.close();
      }
    },
  );
}

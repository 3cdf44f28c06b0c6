import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../db';
import { compromisedOperations, markCompromised, voidCompromised } from '../../main/accounts/compromise';
import { closeAllSessions, closeSession, closeSessionsOf, openSession, tokenHash, touchSession } from '../../main/kernel/sessions';
import { saveSetting } from '../../main/school/settings';
import * as users from '../../main/accounts/users';
import type { Ctx } from '../../main/kernel/context';
import * as classes from '../../main/school/classes';
import * as students from '../../main/school/students';
import * as years from '../../main/school/years';
import { tempDb } from '../helpers/db';

const code = (e: unknown) => (e instanceof AppError ? e.code : String(e));

test('lockout: after the free attempts each failure locks for longer, kept in the database', async () => {
  const t = await tempDb();
  let now = Date.parse('2026-01-10T08:00:00Z');
  const ctx: Ctx = { ...t.ctx, now: () => new Date(now) };
  const { activationCode } = await users.createUser(ctx, { login: 'ivanova', displayName: 'Иванова', roles: ['teacher'] });
  await users.activate(ctx, { login: 'ivanova', code: activationCode, password: 'правильный-пароль' });
  await assert.rejects(
    users.activate(ctx, { login: 'ivanova', code: activationCode, password: 'другой-пароль-1' }),
    /Неверный логин или код/,
  );

  const attempt = (password: string) =>
    users.login(ctx, { login: 'ivanova', password }).then(
      () => 'ok',
      (e) => (e as Error).message,
    );
  assert.match(await attempt('x1'), /Неверный логин или пароль/);
  assert.match(await attempt('x2'), /Неверный логин или пароль/);
  assert.match(await attempt('x3'), /заблокирован на 30 с/);
  // The right password does not help while locked; it is not even checked, and the attempt counts.
  assert.match(await attempt('правильный-пароль'), /заблокирован до/);
  now += 31_000;
  assert.match(await attempt('x4'), /заблокирован на 120 с/);
  const row = await t.db
    .selectFrom('app_user')
    .select(['failed_attempts', 'locked_until'])
    .where('login', '=', 'ivanova')
    .executeTakeFirstOrThrow();
  assert.equal(row.failed_attempts, 5);
  assert.ok(row.locked_until! > new Date(now).toISOString());
  now += 121_000;
  assert.equal(await attempt('правильный-пароль'), 'ok');
  const reset = await t.db
    .selectFrom('app_user')
    .select(['failed_attempts', 'locked_until'])
    .where('login', '=', 'ivanova')
    .executeTakeFirstOrThrow();
  assert.deepEqual(reset, { failed_attempts: 0, locked_until: null });
  const denied = await t.db.selectFrom('audit_log').select('id').where('action', '=', 'login').where('outcome', '=', 'denied').execute();
  assert.equal(denied.length, 5);
  await t.cleanup();
});

/** A database with a user and the session settings given (through the settings service, as the administrator sets them). */
async function sessionDb(idleMinutes: number, sessionHours = 12) {
  const t = await tempDb();
  await saveSetting(t.ctx, { key: 'auth.idleMinutes', value: idleMinutes });
  await saveSetting(t.ctx, { key: 'auth.sessionHours', value: sessionHours });
  const { id } = await users.createUser(t.ctx, { login: 'ivanova', displayName: 'Иванова', roles: ['teacher'] });
  const { id: other } = await users.createUser(t.ctx, { login: 'petrova', displayName: 'Петрова', roles: ['teacher'] });
  return { ...t, userId: id, otherId: other };
}

const T0 = Date.parse('2026-01-10T08:00:00Z');
const at = (ms: number) => new Date(T0 + ms);
const MIN = 60_000;
const refused = (p: Promise<unknown>) => assert.rejects(p, (e) => code(e) === 'SESSION_EXPIRED');

test('auto-lock: a session idle longer than the setting is gone; activity keeps it alive', async () => {
  const t = await sessionDb(10);
  const token = await openSession(t.db, t.userId, at(0));
  assert.equal((await touchSession(t.db, token, at(9 * MIN))).userId, t.userId);
  assert.equal((await touchSession(t.db, token, at(18 * MIN))).userId, t.userId);
  // Only the token's hash is stored, and last_seen is written at most once a minute, not on every call.
  const row = await t.db.selectFrom('app_session').selectAll().executeTakeFirstOrThrow();
  assert.ok(!Object.values(row).includes(token));
  assert.equal(row.token_hash, tokenHash(token));
  await touchSession(t.db, token, at(18 * MIN + 59_000));
  assert.equal((await t.db.selectFrom('app_session').select('last_seen').executeTakeFirstOrThrow()).last_seen, at(18 * MIN).toISOString());
  // Ten idle minutes after the last recorded call (and the minute it may lag) the session is gone, for good.
  await refused(touchSession(t.db, token, at(18 * MIN + 11 * MIN + 1)));
  await refused(touchSession(t.db, token, at(18 * MIN + 11 * MIN + 2)));
  assert.equal((await t.db.selectFrom('app_session').select('id').execute()).length, 0, 'the expired session is deleted');

  // Calls every 50 s (each below the once-a-minute write) keep a session alive however long, even at a 1-minute limit.
  await saveSetting(t.ctx, { key: 'auth.idleMinutes', value: 1 });
  const busy = await openSession(t.db, t.userId, at(0));
  for (let ms = 50_000; ms <= 30 * MIN; ms += 50_000) await touchSession(t.db, busy, at(ms));
  const writes = await t.db
    .selectFrom('app_session')
    .select('last_seen')
    .where('token_hash', '=', tokenHash(busy))
    .executeTakeFirstOrThrow();
  assert.ok(writes.last_seen >= at(29 * MIN).toISOString());
  await refused(touchSession(t.db, busy, at(Date.parse(writes.last_seen) - T0 + 2 * MIN + 1)));
  await refused(touchSession(t.db, null, at(0)));
  await refused(touchSession(t.db, 'выдуманный-токен', at(0)));
  await t.cleanup();
});

test('ending the sessions of a user keeps the one that asked; a logout ends one; the others stay', async () => {
  const t = await sessionDb(10);
  const b = await openSession(t.db, t.userId, at(0));
  const kept = await openSession(t.db, t.userId, at(0));
  const someoneElse = await openSession(t.db, t.otherId, at(0));
  await closeSessionsOf(t.db, t.userId, at(1), kept);
  await refused(touchSession(t.db, b, at(1)));
  assert.equal((await touchSession(t.db, kept, at(1))).userId, t.userId);
  assert.equal((await touchSession(t.db, someoneElse, at(1))).userId, t.otherId);
  await closeSession(t.db, kept, at(2));
  await refused(touchSession(t.db, kept, at(3)));
  assert.equal((await touchSession(t.db, someoneElse, at(3))).userId, t.otherId);
  // The revoked rows are deleted at the next login; the live one stays.
  assert.equal((await t.db.selectFrom('app_session').select('id').execute()).length, 3);
  const fresh = await openSession(t.db, t.otherId, at(4));
  const left = await t.db.selectFrom('app_session').select('token_hash').orderBy('id').execute();
  assert.deepEqual(
    left.map((r) => r.token_hash),
    [tokenHash(someoneElse), tokenHash(fresh)],
  );
  await closeAllSessions(t.db, at(5));
  await refused(touchSession(t.db, someoneElse, at(6)));
  await refused(touchSession(t.db, fresh, at(6)));
  await t.cleanup();
});

test('a session ends after its absolute lifetime however busy it was; a changed limit applies at the next call', async () => {
  const t = await sessionDb(10, 1);
  const a = await openSession(t.db, t.userId, at(0));
  for (let ms = 5 * MIN; ms <= 60 * MIN; ms += 5 * MIN) assert.equal((await touchSession(t.db, a, at(ms))).userId, t.userId);
  await refused(touchSession(t.db, a, at(60 * MIN + 1)));
  // The limits are read with the session at every call: the administrator's new auto-lock time ends an idle session
  // at once (on every instance), without waiting for a restart or a new login.
  const b = await openSession(t.db, t.userId, at(0));
  assert.equal((await touchSession(t.db, b, at(5 * MIN))).userId, t.userId);
  await saveSetting(t.ctx, { key: 'auth.idleMinutes', value: 2 });
  await refused(touchSession(t.db, b, at(5 * MIN + 3 * MIN + 1)));
  // Past their lifetime or idle limit, sessions nobody used again are deleted at the next login.
  const c = await openSession(t.db, t.userId, at(0));
  await openSession(t.db, t.otherId, at(61 * MIN));
  assert.equal((await t.db.selectFrom('app_session').select('id').where('token_hash', '=', tokenHash(c)).execute()).length, 0);
  await t.cleanup();
});

test('a compromised account: locked, its operations since T listed and voided back to earlier values', async () => {
  const t = await tempDb();
  const yearId = await years.saveYear(t.ctx, { id: null, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31' });
  const classId = await classes.saveClass(t.ctx, { id: null, yearId, grade: 7, letter: 'В', week_days: 5, shift: 1 });
  const base = {
    last_name: 'Сидоров',
    first_name: 'Олег',
    middle_name: '',
    birth_date: '2012-04-04',
    gender: 'м' as const,
    citizenship: 'Российская Федерация',
    snils: null,
    birth_cert_series: '',
    birth_cert_number: '',
    passport_series: '',
    passport_number: '',
    passport_issued: '',
    address_registered: 'ул. Ленина, 1',
    address_temporary: '',
    address_actual: 'ул. Ленина, 1',
    phone: '',
    health_group: 'II',
    pe_group: '',
    health_notes: '',
    life_situation: '',
    personal_file_no: '',
  };
  const studentId = await students.createStudent(t.ctx, { classId, date: '2025-09-01', order_number: '1', guardians: [], student: base });
  const { id: userId } = await users.createUser(t.ctx, { login: 'deputy2', displayName: 'Завуч 2', roles: ['deputy'] });
  const thief: Ctx = { ...t.ctx, actor: await users.actorOf(t.db, userId), now: () => new Date('2026-02-01T10:00:00Z') };
  const honest: Ctx = { ...thief, now: () => new Date('2026-01-20T10:00:00Z') };
  await students.updateStudent(honest, { id: studentId, student: { ...base, health_group: 'I' }, guardians: [] });
  await students.updateStudent(thief, {
    id: studentId,
    student: { ...base, health_group: 'I', address_actual: 'ул. Чужая, 13' },
    guardians: [],
  });
  await students.updateStudent(thief, {
    id: studentId,
    student: { ...base, health_group: 'III', address_actual: 'ул. Чужая, 13' },
    guardians: [],
  });

  await markCompromised(t.ctx, userId, '2026-01-31T00:00:00Z');
  await assert.rejects(users.actorOf(t.db, userId), (e) => code(e) === 'SESSION_EXPIRED');
  const ops = await compromisedOperations(t.ctx, userId);
  assert.equal(ops.length, 2);
  assert.ok(ops.every((o) => o.voidable));
  const r = await voidCompromised(t.ctx, userId);
  assert.equal(r.voided, 2);
  const s = await t.db.selectFrom('student').selectAll().where('id', '=', studentId).executeTakeFirstOrThrow();
  assert.equal(s.health_group, 'I'); // the honest change before T stays
  assert.equal(s.address_actual, 'ул. Ленина, 1');
  assert.deepEqual(await compromisedOperations(t.ctx, userId), []);
  await t.cleanup();
});

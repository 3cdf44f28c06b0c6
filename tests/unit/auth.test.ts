import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AppError } from '../../db';
import { compromisedOperations, markCompromised, voidCompromised } from '../../main/accounts/compromise';
import { SessionStore } from '../../main/kernel/sessions';
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
  const sessions = new SessionStore(() => 15 * 60_000);
  const { activationCode } = await users.createUser(ctx, { login: 'ivanova', displayName: 'Иванова', roles: ['teacher'] });
  await users.activate(ctx, sessions, { login: 'ivanova', code: activationCode, password: 'правильный-пароль' });
  await assert.rejects(
    users.activate(ctx, sessions, { login: 'ivanova', code: activationCode, password: 'другой-пароль-1' }),
    /Неверный логин или код/,
  );

  const attempt = (password: string) =>
    users.login(ctx, sessions, { login: 'ivanova', password }).then(
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

test('auto-lock: a session idle longer than the setting is gone; activity keeps it alive', () => {
  const s = new SessionStore(() => 10 * 60_000);
  const a = s.open(1, 0);
  assert.equal(s.touch(a.token, 9 * 60_000).userId, 1);
  assert.equal(s.touch(a.token, 18 * 60_000).userId, 1);
  assert.throws(
    () => s.touch(a.token, 28 * 60_000 + 1),
    (e) => code(e) === 'SESSION_EXPIRED',
  );
  assert.throws(
    () => s.touch(a.token, 28 * 60_000 + 2),
    (e) => code(e) === 'SESSION_EXPIRED',
  );
  const b = s.open(2, 0);
  const kept = s.open(2, 0);
  s.closeAllOf(2, kept.token);
  assert.throws(
    () => s.touch(b.token, 1),
    (e) => code(e) === 'SESSION_EXPIRED',
  );
  assert.equal(s.touch(kept.token, 1).userId, 2);
});

test('a session ends after its absolute lifetime however busy it was', () => {
  const s = new SessionStore(
    () => 10 * 60_000,
    () => 60 * 60_000,
  );
  const a = s.open(1, 0);
  for (let t = 5 * 60_000; t <= 60 * 60_000; t += 5 * 60_000) assert.equal(s.touch(a.token, t).userId, 1);
  assert.throws(
    () => s.touch(a.token, 60 * 60_000 + 1),
    (e) => code(e) === 'SESSION_EXPIRED',
  );
});

test('a compromised account: locked, its operations since T listed and voided back to earlier values', async () => {
  const t = await tempDb();
  const sessions = new SessionStore(() => 60_000);
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

  await markCompromised(t.ctx, sessions, userId, '2026-01-31T00:00:00Z');
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

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Channel, Input, Output, Result } from '../../main/contract/index';
import { SETTING_DEFS, SETTING_KEYS } from '../../main/contract/rules/settings';
import { deadlineRules } from '../../main/kernel/settings';
import { startApp, type App } from '../../main/transport/app';

// The settings screen's channels (issue 12, part 1) through the router, as every way in reaches them: who may change
// which rule, what values are refused, and the audit of each change.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-settings-'));
let app: App;
let admin: string;
let deputy: string;
let teacher: string;

const raw = <C extends Channel>(channel: C, input: Input<C>, token: string | null) =>
  app.router.call(channel, input, token) as Promise<Result<Output<C>>>;
const call = async <C extends Channel>(channel: C, input: Input<C>, token: string | null): Promise<Output<C>> => {
  const r = await raw(channel, input, token);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value;
};
async function account(login: string, roles: Input<'users.create'>['roles']) {
  const { activationCode } = await call('users.create', { login, displayName: login, roles }, admin);
  return (await call('auth.activate', { login, code: activationCode, password: `${login}-parol-1` }, null)).token;
}
before(async () => {
  app = await startApp({ dbFile: path.join(dir, 'journal.sqlite'), runtime: 'browser-host', background: false });
  admin = (await call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' }, null)).token;
  deputy = await account('zavuch', ['deputy']);
  teacher = await account('uchitel', ['teacher']);
});
after(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});
const settingRows = () => app.env.db.selectFrom('setting').selectAll().where('key', 'like', 'deadline.%').execute();

test('every rule is listed with its default and the regulation it comes from; nothing changed yet', async () => {
  const list = await call('settings.list', {}, teacher);
  assert.deepEqual(
    list.map((s) => s.key),
    SETTING_KEYS,
  );
  const written = list.find((s) => s.key === 'deadline.writtenWorkDays')!;
  assert.equal(written.value, 7);
  assert.equal(written.defaultValue, 7);
  assert.match(written.source, /Положение 001.*§10.*Положение 004 §3\.5/);
  assert.equal(written.changedAt, null);
  assert.equal(written.editable, false, 'a teacher reads the rules but may not change them');
  assert.ok(list.every((s) => s.source.length > 10 && s.label.length > 5));
});

test('the deputy changes a deadline: saved, audited with before and after, and the deadline rule uses it', async () => {
  const saved = await call('settings.save', { key: 'deadline.writtenWorkDays', value: 3 }, deputy);
  assert.equal(saved.value, 3);
  assert.equal(saved.changedBy, 'zavuch'); // the display name: the login stays in the audit log
  assert.ok(saved.changedAt);
  const audit = await app.env.db
    .selectFrom('audit_log')
    .select(['actor', 'before', 'after'])
    .where('action', '=', 'settings.save')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  assert.equal(audit.actor, 'zavuch (zavuch)');
  assert.deepEqual(JSON.parse(audit.before!), { key: 'deadline.writtenWorkDays', value: 7 });
  assert.deepEqual(JSON.parse(audit.after!), { key: 'deadline.writtenWorkDays', value: 3 });
  assert.equal((await deadlineRules(app.env.db)).writtenWorkDays, 3);
  const tz = await call('settings.save', { key: 'school.timeZone', value: 'Asia/Omsk' }, deputy);
  assert.equal(tz.value, 'Asia/Omsk');
});

test('refusals: a teacher, the deputy for sign-in rules, bad values, rules of another screen — nothing changes', async () => {
  const before = await settingRows();
  const refused = async (
    token: string,
    key: Input<'settings.save'>['key'],
    value: number | boolean | string,
    code: string,
    message: RegExp,
  ) => {
    const r = await raw('settings.save', { key, value }, token);
    assert.equal(r.ok, false, `${key}=${value} must be refused`);
    if (!r.ok) {
      assert.equal(r.error.code, code);
      assert.match(r.error.message, message);
    }
  };
  await refused(teacher, 'deadline.topicDays', 2, 'FORBIDDEN', /заместитель директора/);
  await refused(deputy, 'auth.idleMinutes', 30, 'FORBIDDEN', /администратор/);
  await refused(deputy, 'deadline.controlWorkDays', 99, 'INVALID', /целое число от 0 до 14/);
  await refused(deputy, 'deadline.controlWorkDays', 2.5, 'INVALID', /целое число/);
  await refused(deputy, 'journal.plusMinus', 'да', 'INVALID', /да или нет/);
  await refused(deputy, 'journal.roundFrom', 0.3, 'INVALID', /от 0,5 до 0,9/);
  await refused(deputy, 'school.timeZone', 'Mars/Olympus', 'INVALID', /часовой пояс/);
  await refused(deputy, 'print.sided', 'triple', 'INVALID', /односторонняя/);
  await refused(deputy, 'controlWorks.perDay', 2, 'INVALID', /Контрольные работы/);
  assert.deepEqual(await settingRows(), before);
  // The refusals of rights are in the audit log like every other refusal.
  const denied = await app.env.db.selectFrom('audit_log').select(['actor', 'after']).where('outcome', '=', 'denied').execute();
  assert.deepEqual(
    denied.filter((d) => JSON.parse(d.after!).channel === 'settings.save').map((d) => d.actor.split(' ')[0]),
    ['uchitel', 'zavuch'],
  );
});

test('the administrator changes the sign-in rules; the list shows who may change what', async () => {
  const saved = await call('settings.save', { key: 'auth.idleMinutes', value: 20 }, admin);
  assert.equal(saved.value, 20);
  const forDeputy = await call('settings.list', {}, deputy);
  assert.equal(forDeputy.find((s) => s.key === 'auth.idleMinutes')!.editable, false);
  assert.equal(forDeputy.find((s) => s.key === 'journal.minMarks')!.editable, true);
  assert.equal(forDeputy.find((s) => s.key === 'controlWorks.perWeek')!.editedOn, 'Контрольные работы');
  const forAdmin = await call('settings.list', {}, admin);
  assert.ok(forAdmin.filter((s) => !s.editedOn).every((s) => s.editable));
  assert.equal(SETTING_DEFS['auth.idleMinutes'].permission, 'users.manage');
});

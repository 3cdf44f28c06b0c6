import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import { studentToForm } from '../../main/contract/rules/student-form';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { startHost, type RunningHost } from '../helpers/browser';

// Through the real host process: main, not the UI, is the guard, and every refusal is evidence.

let host: RunningHost;
let teacherLogin: string;
let homeroomLogin: string;
let ownClassStudent: number;
let otherStudent: number;

before(async () => {
  host = await startHost({ demo: true });
  const db = new Database(host.dbFile, { readonly: true });
  teacherLogin = (
    db
      .prepare(
        `select u.login from app_user u where not exists (select 1 from user_role r where r.user_id = u.id and r.role != 'teacher') and u.login like 'teacher%' order by u.login desc limit 1`,
      )
      .get() as { login: string }
  ).login;
  const hr = db
    .prepare(
      `select u.login, c.id as class_id from app_user u join class c on c.homeroom_staff_id = u.staff_id order by c.grade desc limit 1`,
    )
    .get() as { login: string; class_id: number };
  homeroomLogin = hr.login;
  ownClassStudent = (
    db.prepare('select student_id from enrollment where class_id = ? and end_date is null limit 1').get(hr.class_id) as {
      student_id: number;
    }
  ).student_id;
  otherStudent = (
    db.prepare('select student_id from enrollment where class_id != ? and end_date is null limit 1').get(hr.class_id) as {
      student_id: number;
    }
  ).student_id;
  db.close();
});
after(() => host?.stop());

function refusals(): { action: string; actor: string; after: string }[] {
  const db = new Database(host.dbFile, { readonly: true });
  try {
    return db.prepare(`select action, actor, after from audit_log where outcome = 'denied' order by id`).all() as never;
  } finally {
    db.close();
  }
}

test('a subject teacher is refused personal data and set-up writes, and each refusal is logged', async () => {
  const c = await (await new HostClient(host.url).open()).login(teacherLogin, DEMO_PASSWORD);
  const basic = await c.call('students.get', { id: otherStudent });
  assert.equal(basic.personal, null);
  const r = await c.raw('students.get', { id: otherStudent, withPersonal: true });
  assert.equal(r.ok, false);
  assert.equal(!r.ok && r.error.code, 'FORBIDDEN');
  const w = await c.raw('classes.save', { yearId: 1, grade: 5, letter: 'Я', week_days: 5, shift: 1 });
  assert.equal(!w.ok && w.error.code, 'FORBIDDEN');
  const u = await c.raw('users.list', {});
  assert.equal(!u.ok && u.error.code, 'FORBIDDEN');
  const logged = refusals().filter((x) => x.actor.includes(teacherLogin));
  assert.ok(
    logged.some((x) => x.after.includes('students.get')),
    JSON.stringify(logged),
  );
  assert.ok(logged.some((x) => x.after.includes('classes.save')));
  assert.ok(logged.some((x) => x.after.includes('users.list')));
});

test('a homeroom teacher reads personal data of their own class only and edits only their students', async () => {
  const c = await (await new HostClient(host.url).open()).login(homeroomLogin, DEMO_PASSWORD);
  const own = await c.call('students.get', { id: ownClassStudent, withPersonal: true });
  assert.ok(own.personal?.birthDate);
  const other = await c.raw('students.get', { id: otherStudent, withPersonal: true });
  assert.equal(!other.ok && other.error.code, 'FORBIDDEN');
  const { personal, guardians } = own;
  assert.ok(personal && guardians);
  const form = studentToForm(own, personal);
  const student = { ...form.student, phone: '+7 (913) 000-00-01' };
  await c.call('students.update', { id: ownClassStudent, student, guardians: form.guardians });
  const forged = await c.raw('students.update', { id: otherStudent, student, guardians: [] });
  assert.equal(!forged.ok && forged.error.code, 'FORBIDDEN');
});

test('stale and forged sessions, unknown channels, overlong and SQL-ish input', async () => {
  const anon = await new HostClient(host.url).open();
  const stale = await anon.raw('students.list', {}, 'not-a-session');
  assert.equal(!stale.ok && stale.error.code, 'SESSION_EXPIRED');
  const unknown = await anon.unchecked('db.exec', { sql: 'drop table student' }, 'x');
  assert.equal(!unknown.ok && unknown.error.code, 'UNKNOWN_CHANNEL');
  assert.ok(refusals().some((r) => r.after.includes('db.exec')));

  const deputy = await (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
  const long = await deputy.raw('subjects.save', { name: 'Я'.repeat(10_000), short_name: 'x', component: 'school', grading: 'five' });
  assert.equal(!long.ok && long.error.code, 'INVALID');
  assert.match(!long.ok ? long.error.message : '', /не длиннее 200 символов/);
  const sqlish = `Робототехника'); DROP TABLE student; --`;
  const id = await deputy.call('subjects.save', { name: sqlish, short_name: "x' OR 1=1 --", component: 'school', grading: 'five' });
  const subjects = await deputy.call('subjects.list', {});
  assert.equal(subjects.find((s) => s.id === id)?.name, sqlish);
  assert.ok((await deputy.call('stats.get', {})).students > 1000);
});

test('a request without the launch secret, or from another origin, is refused by the host', async () => {
  const origin = new URL(host.url).origin;
  const noCookie = await fetch(`${origin}/api/rpc`, { method: 'POST', body: JSON.stringify({ channel: 'app.info', input: {} }) });
  assert.equal(noCookie.status, 403);
  const c = await new HostClient(host.url).open();
  const cookie = (c as unknown as { cookie: string }).cookie;
  const foreign = await fetch(`${origin}/api/rpc`, {
    method: 'POST',
    headers: { cookie, origin: 'http://evil.example' },
    body: JSON.stringify({ channel: 'app.info', input: {} }),
  });
  assert.equal(foreign.status, 403);
  const wrongKey = await fetch(`${origin}/?k=guess`, { redirect: 'manual' });
  assert.equal(wrongKey.status, 403);
});

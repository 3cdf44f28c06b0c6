import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Channel, Input } from '../../main/contract/index';
import { HostClient } from '../helpers/api';
import { inProcessHost } from '../helpers/inproc-host';
import { student } from '../helpers/timetable';

// Issue 13, parts 5 and 6, through the real browser host and router (permissions are main's): the paper marker in
// the journal grid, the social pedagogue's list of refusals and its setting, the monthly check of personal data on the
// school's clock (Europe/Moscow, UTC+3), and the 3-day term for entering a parent's notice.

type Host = Awaited<ReturnType<typeof inProcessHost>>;
let h: Host;
let admin: HostClient;
let zavuch: HostClient;
const users: Record<string, HostClient> = {};
const ids = {
  yearId: 0,
  subjectId: 0,
  c5a: 0,
  c5b: 0,
  staff: {} as Record<string, number>,
  // 5А: paper, consent, refused any information; 5Б: paper
  kids: {} as Record<string, { id: number; guardian: number }>,
};

const logins = new Map<HostClient, [string, string]>();

/** Moves the host's clock (forward only) to the UTC instant `iso`; everyone signs in again, as after a long pause. */
async function at(iso: string) {
  h.clock.offsetMs = Date.parse(iso) - Date.now();
  for (const [c, [login, password]] of logins) await c.login(login, password);
}

async function refusal(c: HostClient, channel: Channel, input: unknown): Promise<string> {
  const r = await c.unchecked(channel, input);
  return r.ok ? 'allowed' : r.error.code;
}

async function account(login: string, staffId: number | null, roles: Input<'users.create'>['roles']): Promise<HostClient> {
  const { activationCode } = await admin.call('users.create', { login, displayName: login, staffId, roles });
  const anon = await h.client();
  await anon.call('auth.activate', { login, code: activationCode, password: `${login}-parol-2026` });
  const c = await (await h.client()).login(login, `${login}-parol-2026`);
  logins.set(c, [login, `${login}-parol-2026`]);
  return c;
}

before(async () => {
  h = await inProcessHost();
  admin = await h.client();
  await admin.call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'admin-parol-2026' });
  await admin.login('admin', 'admin-parol-2026');
  logins.set(admin, ['admin', 'admin-parol-2026']);
  zavuch = await account('zavuch', null, ['deputy']);
  const yearId = await zavuch.call('years.save', { id: null, name: '2026/2027', start_date: '2026-09-01', end_date: '2027-08-31' });
  await zavuch.call('schemes.save', {
    id: null,
    yearId,
    name: 'Полугодия',
    kind: 'half',
    grades: [5],
    periods: [
      { name: '1 полугодие', start_date: '2026-09-01', end_date: '2026-12-31' },
      { name: '2 полугодие', start_date: '2027-01-01', end_date: '2027-05-31' },
    ],
  });
  const subjectId = await zavuch.call('subjects.save', {
    id: null,
    name: 'Математика',
    short_name: 'Матем.',
    component: 'federal',
    grading: 'five',
  });
  for (const [key, last] of [
    ['a', 'Абрамова'],
    ['b', 'Белова'],
    ['h', 'Гусева'],
    ['s', 'Соцпедагогова'],
  ] as const)
    ids.staff[key] = await zavuch.call('staff.save', {
      id: null,
      last_name: last,
      first_name: 'Анна',
      middle_name: 'Петровна',
      position: key === 's' ? 'Социальный педагог' : 'Учитель математики',
      birth_date: null,
      snils: null,
      phone: '',
      email: '',
      active: true,
    });
  const cls = (letter: string, homeroom: number | null) =>
    zavuch.call('classes.save', {
      id: null,
      yearId,
      grade: 5,
      letter,
      homeroom_staff_id: homeroom,
      bell_schedule_id: null,
      week_days: 5,
      shift: 1,
      room_id: null,
    });
  ids.c5a = await cls('А', ids.staff.h);
  ids.c5b = await cls('Б', null);
  Object.assign(ids, { yearId, subjectId });
  const guardian = (last: string) => ({
    relation: 'мать',
    last_name: last,
    first_name: 'Ольга',
    middle_name: '',
    phone: '',
    email: '',
    address: '',
    workplace: '',
  });
  for (const [key, last, classId] of [
    ['paper', 'Антонова', ids.c5a],
    ['consent', 'Борисова', ids.c5a],
    ['refused', 'Васильева', ids.c5a],
    ['paperB', 'Григорьева', ids.c5b],
  ] as const) {
    const id = await zavuch.call('students.create', {
      classId,
      date: '2026-09-01',
      order_number: '1-у',
      guardians: [guardian(last)],
      student: student(last, 'Ирина', '2015-03-10'),
    });
    const g = (await zavuch.call('students.get', { id, withPersonal: true })).guardians![0].id;
    ids.kids[key] = { id, guardian: g };
  }
  for (const [classId, staffId] of [
    [ids.c5a, ids.staff.a],
    [ids.c5b, ids.staff.b],
  ])
    await zavuch.call('load.save', { id: null, yearId, staffId, classId, groupId: null, subjectId, hours: 4 });
  const notice = (key: string, kind: Input<'notices.record'>['kind'], date: string) =>
    zavuch.call('notices.record', { studentId: ids.kids[key].id, guardianId: ids.kids[key].guardian, kind, date, document: 'заявление' });
  await notice('paper', 'electronic_refusal', '2026-09-05');
  await notice('consent', 'electronic_refusal', '2026-09-05');
  await notice('consent', 'electronic_consent', '2026-10-01'); // paper, then electronic again
  await notice('refused', 'info_refusal', '2026-09-10');
  await notice('paperB', 'electronic_refusal', '2026-09-07');
  users.a = await account('teacher-a', ids.staff.a, ['teacher']);
  users.b = await account('teacher-b', ids.staff.b, ['teacher']);
  users.h = await account('homeroom', ids.staff.h, ['teacher', 'homeroom']);
  users.s = await account('socped', ids.staff.s, ['teacher']);
});

after(() => h?.stop());

test('the journal grid marks the students whose parents chose paper; a teacher sees it only in the journals they teach', async () => {
  const grid = (c: HostClient, classId: number) =>
    c.raw('journal.grid', { classId, subjectId: ids.subjectId, groupId: null, periodId: null });
  const mine = await grid(users.a, ids.c5a);
  assert.ok(mine.ok, mine.ok ? '' : mine.error.message);
  assert.deepEqual(mine.value.paperChoice, [ids.kids.paper.id], 'paper only: not the parent who took consent back, not the refusal');
  const other = await grid(users.a, ids.c5b);
  assert.equal(other.ok ? 'allowed' : other.error.code, 'FORBIDDEN');
  const b = await grid(users.b, ids.c5b);
  assert.deepEqual(b.ok && b.value.paperChoice, [ids.kids.paperB.id]);
  // the homeroom teacher reads the class's journals, with the marker
  const hr = await grid(users.h, ids.c5a);
  assert.deepEqual(hr.ok && hr.value.paperChoice, [ids.kids.paper.id]);
});

test('refusals of any information: the named social pedagogue sees the whole school, the homeroom teacher the own class', async () => {
  // before the school names its social pedagogue, that staff member is nobody special
  assert.equal(await refusal(users.s, 'notices.refusals', {}), 'FORBIDDEN');
  assert.equal(await refusal(users.a, 'notices.setSocialPedagogue', { staffId: ids.staff.s }), 'FORBIDDEN');
  assert.equal(await refusal(admin, 'notices.setSocialPedagogue', { staffId: ids.staff.s }), 'FORBIDDEN');
  assert.deepEqual(await zavuch.call('notices.socialPedagogue', {}), { staffId: null, name: null });
  assert.equal(await refusal(zavuch, 'notices.setSocialPedagogue', { staffId: 99999 }), 'INVALID');
  const set = await zavuch.call('notices.setSocialPedagogue', { staffId: ids.staff.s });
  assert.deepEqual(set, { staffId: ids.staff.s, name: 'Соцпедагогова Анна Петровна' });
  const audit = h.core.env.db
    .selectFrom('audit_log')
    .select(['actor', 'entity', 'before', 'after'])
    .where('entity', '=', 'setting')
    .orderBy('id', 'desc');
  const row = await audit.executeTakeFirstOrThrow();
  assert.equal(row.actor, 'zavuch (zavuch)');
  assert.deepEqual(JSON.parse(row.before!), { key: 'school.socialPedagogueStaffId', value: null });
  assert.deepEqual(JSON.parse(row.after!), { key: 'school.socialPedagogueStaffId', value: ids.staff.s });

  const whole = await users.s.call('notices.refusals', {});
  assert.equal(whole.wholeSchool, true);
  assert.equal(whole.socialPedagogue, 'Соцпедагогова Анна Петровна');
  assert.deepEqual(
    whole.rows.map((r) => [r.studentId, r.className, r.since, r.guardians]),
    [[ids.kids.refused.id, '5А', '2026-09-10', ['Васильева Ольга']]],
  );
  assert.deepEqual((await zavuch.call('notices.refusals', {})).rows.length, 1);
  const own = await users.h.call('notices.refusals', {});
  assert.deepEqual([own.wholeSchool, own.rows.map((r) => r.studentId)], [false, [ids.kids.refused.id]]);
  // a subject teacher, the administrator of accounts: refused
  assert.equal(await refusal(users.a, 'notices.refusals', {}), 'FORBIDDEN');
  assert.equal(await refusal(admin, 'notices.refusals', {}), 'FORBIDDEN');
  // consent given again ends the refusal
  await zavuch.call('notices.record', {
    studentId: ids.kids.refused.id,
    guardianId: ids.kids.refused.guardian,
    kind: 'electronic_consent',
    date: '2026-11-19',
  });
  assert.deepEqual((await users.s.call('notices.refusals', {})).rows, []);
  assert.equal((await users.s.call('notices.refusals', { date: '2026-11-18' })).rows.length, 1, 'as it was the day before');
});

test('the monthly check of personal data: by the calendar month of the school clock; who may mark it; the reminder', async () => {
  // 23:30 in Moscow on 31 December (20:30 UTC)
  await at('2026-12-31T20:30:00Z');
  assert.equal(await refusal(users.a, 'students.markChecked', { classId: ids.c5a }), 'FORBIDDEN');
  assert.equal(await refusal(users.h, 'students.markChecked', { classId: ids.c5b }), 'FORBIDDEN');
  assert.equal(await refusal(users.h, 'students.checks', { classId: ids.c5b }), 'FORBIDDEN');
  assert.equal(await refusal(users.h, 'students.markChecked', { classId: ids.c5a, studentIds: [ids.kids.paperB.id] }), 'INVALID');
  assert.equal(await users.h.call('students.markChecked', { classId: ids.c5a }), 3);
  let checks = await users.h.call('students.checks', { classId: ids.c5a });
  assert.deepEqual(
    checks.rows.map((r) => [r.checkedOn, r.checkedBy, r.checkedThisMonth]),
    Array(3).fill(['2026-12-31', 'homeroom', true]),
  );
  assert.deepEqual(await users.h.call('students.checkReminders', {}), [
    { classId: ids.c5a, className: '5А', total: 3, unchecked: 0, month: 'в декабре 2026 г.' },
  ]);

  // 00:30 in Moscow on 1 January, still 31 December in UTC: a new month, nobody is checked in it
  await at('2026-12-31T21:30:00Z');
  checks = await users.h.call('students.checks', { classId: ids.c5a });
  assert.deepEqual([checks.today, checks.month, checks.unchecked], ['2027-01-01', 'в январе 2027 г.', 3]);
  assert.deepEqual(await users.h.call('students.checkReminders', {}), [
    { classId: ids.c5a, className: '5А', total: 3, unchecked: 3, month: 'в январе 2027 г.' },
  ]);
  await users.h.call('students.markChecked', { classId: ids.c5a, studentIds: [ids.kids.paper.id] });
  checks = await users.h.call('students.checks', { classId: ids.c5a });
  assert.deepEqual(
    checks.rows.map((r) => [r.studentId, r.checkedOn, r.checkedThisMonth]),
    [
      [ids.kids.paper.id, '2027-01-01', true],
      [ids.kids.consent.id, '2026-12-31', false],
      [ids.kids.refused.id, '2026-12-31', false],
    ],
  );
  // the deputy may mark too, and sees who did; other homeroom teachers and subject teachers get no reminder
  assert.equal(await zavuch.call('students.markChecked', { classId: ids.c5a }), 3);
  assert.deepEqual(
    (await users.h.call('students.checks', { classId: ids.c5a })).rows.map((r) => r.checkedBy),
    Array(3).fill('zavuch'),
  );
  assert.equal((await users.h.call('students.checkReminders', {}))[0].unchecked, 0);
  assert.deepEqual(await users.a.call('students.checkReminders', {}), []);
  // every mark is in the audit log with who and when
  const audits = await h.core.env.db
    .selectFrom('audit_log')
    .select(['actor', 'at', 'after'])
    .where('entity', '=', 'personal_data_check')
    .orderBy('id')
    .execute();
  assert.deepEqual(
    audits.map((a) => [a.actor, JSON.parse(a.after!).checkedOn, JSON.parse(a.after!).studentIds.length]),
    [
      ['homeroom (homeroom)', '2026-12-31', 3],
      ['homeroom (homeroom)', '2027-01-01', 1],
      ['zavuch (zavuch)', '2027-01-01', 3],
    ],
  );
});

test('a parent notice entered more than 3 days after its date is flagged late, counted on the school clock', async () => {
  await at('2026-12-31T21:30:00Z'); // 1 January in Moscow
  const kid = ids.kids.consent;
  const rec = (date: string) =>
    users.h.call('notices.record', { studentId: kid.id, guardianId: kid.guardian, kind: 'acknowledged', date, document: '' });
  await rec('2026-12-29'); // 3 days: in time
  await rec('2026-12-28'); // 4 days on the school's clock (3 in UTC)
  await rec('2026-12-21'); // 11 days
  const list = await users.h.call('notices.list', { studentId: kid.id });
  const ack = list.filter((n) => n.kind === 'acknowledged');
  assert.deepEqual(
    ack.map((n) => [n.date, n.enteredOn, n.daysLate]),
    [
      ['2026-12-21', '2027-01-01', 8],
      ['2026-12-28', '2027-01-01', 1],
      ['2026-12-29', '2027-01-01', 0],
    ],
  );
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, test } from 'node:test';
import type { Channel, Input } from '../../main/contract/index';
import type { HostClient } from '../helpers/api';
import { tempDb } from '../helpers/db';
import { inProcessHost } from '../helpers/inproc-host';
import { PASSWORD, rightsSchool, type RightsSchool } from '../helpers/rights-fixture';

// Issue 15 part 1 through the browser host and the whole router: the rights the seeds give to homeroom and subject
// teachers and to the journal administrator, each with the neighbouring refusal. Main checks the scope against the
// data; every refusal is FORBIDDEN and is written to the audit log like the router's own.

type H = Awaited<ReturnType<typeof inProcessHost>>;
let h: H;
let s: RightsSchool;
let dir: string;
const as: Record<string, HostClient> = {};

before(async () => {
  const t = await tempDb();
  s = await rightsSchool(t.ctx);
  await t.close();
  dir = t.dir;
  h = await inProcessHost({ dbFile: t.file });
  for (const [k, a] of Object.entries(s.accounts)) as[k] = await (await h.client()).login(a.login, PASSWORD);
});
after(async () => {
  await h?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const refusals = () =>
  (
    h.core.env.raw.prepare("select actor, after from audit_log where action = 'refused' and outcome = 'denied' order by id").all() as {
      actor: string;
      after: string;
    }[]
  ).map((r) => ({ actor: r.actor, ...(JSON.parse(r.after) as { channel: string; message: string }) }));

/** The call is refused with FORBIDDEN, nothing changes, and the refusal is in the audit log under the caller's name. */
async function refused<C extends Channel>(who: string, channel: C, input: Input<C>, message?: RegExp) {
  const before = refusals().length;
  const r = await as[who].raw(channel, input);
  assert.equal(r.ok, false, `${who}: ${channel} must be refused`);
  if (r.ok) return;
  assert.equal(r.error.code, 'FORBIDDEN', `${who}: ${channel}: ${r.error.message}`);
  if (message) assert.match(r.error.message, message);
  const rows = refusals();
  assert.equal(rows.length, before + 1, 'one refusal row more');
  const last = rows.at(-1)!;
  assert.equal(last.channel, channel);
  assert.ok(last.actor.endsWith(`(${s.accounts[who as keyof typeof s.accounts].login})`), last.actor);
}

const members = (groupId: number, date = '2025-10-01') =>
  (
    h.core.env.raw
      .prepare(
        'select student_id as id from group_member where group_id = ? and start_date <= ? and (end_date is null or end_date >= ?) order by student_id',
      )
      .all(groupId, date, date) as {
      id: number;
    }[]
  ).map((r) => r.id);

const groupInput = (over: Partial<Input<'groups.save'>>): Input<'groups.save'> => ({
  id: null,
  classId: s.c5a,
  subjectId: s.subjects.math,
  name: 'Матем. — профиль',
  kind: 'stream',
  studentIds: [],
  ...over,
});

describe('groups: homeroom teacher, subject teacher, journal administrator', () => {
  test('the homeroom teacher of 5А forms 5А groups, not 5Б groups', async () => {
    const id = await as.hr5a.call('groups.save', groupInput({ studentIds: [s.kids[0], s.kids[1]] }));
    assert.deepEqual(members(id), [s.kids[0], s.kids[1]]);
    await refused('hr5a', 'groups.save', groupInput({ classId: s.c5b, studentIds: [s.kids5b[0]] }), /классный руководитель/);
    await refused('hr5a', 'groups.save', {
      id: s.g5b,
      classId: s.c5b,
      subjectId: s.subjects.english,
      name: 'Англ. — 1 подгруппа',
      kind: 'subgroup',
      studentIds: [s.kids5b[0]],
      date: '2025-10-01',
    });
    await refused('hr5a', 'groups.delete', { id: s.g5b });
    assert.deepEqual(members(s.g5b), s.kids5b, '5Б group unchanged');
    await as.hr5a.call('groups.delete', { id });
  });

  test('the English teacher of 5А forms 5А English subgroups, not another subject nor another class', async () => {
    // Григорьев moves from subgroup 2 to subgroup 1 on 1 October
    const g1 = { id: s.groups.g1, classId: s.c5a, subjectId: s.subjects.english, name: 'Англ. — 1 подгруппа', kind: 'subgroup' as const };
    await as.engA.call('groups.save', { ...g1, studentIds: [s.kids[0], s.kids[1], s.kids[3]], date: '2025-10-01' });
    assert.deepEqual(members(s.groups.g1), [s.kids[0], s.kids[1], s.kids[3]]);
    assert.deepEqual(members(s.groups.g2), [s.kids[2]]);
    assert.deepEqual(members(s.groups.g2, '2025-09-30'), [s.kids[2], s.kids[3]], 'the list before the date stays');
    await refused('engA', 'groups.save', groupInput({}), /учителя, ведущие в классе предмет группы/);
    await refused(
      'engA',
      'groups.save',
      groupInput({ classId: s.c5b, subjectId: s.subjects.english, kind: 'subgroup', name: 'Англ. — 2' }),
    );
    // an English group turned into a mathematics one is not the English teacher's either
    await refused('engA', 'groups.save', { ...g1, subjectId: s.subjects.math, studentIds: [s.kids[0]] });
    // the mathematics teacher may not touch the English subgroups
    await refused('math', 'groups.save', { ...g1, studentIds: [s.kids[0]], date: '2025-10-02' });
    assert.deepEqual(members(s.groups.g1, '2025-10-02'), [s.kids[0], s.kids[1], s.kids[3]]);
  });

  test('the journal administrator moves students between groups, and does nothing else to them', async () => {
    const g2 = { id: s.groups.g2, classId: s.c5a, subjectId: s.subjects.english, name: 'Англ. — 2 подгруппа', kind: 'subgroup' as const };
    await as.admin.call('groups.save', { ...g2, studentIds: [s.kids[2], s.kids[3]], date: '2025-11-05' });
    assert.deepEqual(members(s.groups.g2, '2025-11-05'), [s.kids[2], s.kids[3]]);
    assert.deepEqual(members(s.groups.g1, '2025-11-05'), [s.kids[0], s.kids[1]]);
    await refused('admin', 'groups.save', { ...g2, name: 'Англ. — вторая', studentIds: [s.kids[2], s.kids[3]] });
    await refused('admin', 'groups.save', groupInput({}));
    await refused('admin', 'groups.delete', { id: s.groups.g2 });
  });
});

const cellText = (lessonId: number, studentId: number) =>
  (
    h.core.env.raw.prepare('select absence from journal_cell where lesson_id = ? and student_id = ?').get(lessonId, studentId) as
      { absence: string } | undefined
  )?.absence;

describe('absence reasons', () => {
  test('the homeroom teacher of 5А turns «н» into «б» in 5А, not in 5Б; a subject teacher only in own lessons', async () => {
    const cell = await as.hr5a.call('journal.absenceReason', { lessonId: s.math5a.id, studentId: s.kids[0], absence: 'б' });
    assert.equal(cell?.text, 'б');
    assert.equal(cellText(s.math5a.id, s.kids[0]), 'б');
    const audit = h.core.env.raw
      .prepare("select actor, before, after from audit_log where entity = 'journal_cell' and entity_id = ? order by id desc limit 1")
      .get(s.math5a.id) as { actor: string; before: string; after: string };
    assert.ok(audit.actor.endsWith('(kl5a)'), audit.actor);
    assert.equal((JSON.parse(audit.before) as { text: string }).text, 'н');
    assert.equal((JSON.parse(audit.after) as { text: string }).text, 'б');
    // a mark is not an absence: nothing to give a reason for
    const noAbsence = await as.hr5a.raw('journal.absenceReason', { lessonId: s.math5a.id, studentId: s.kids[1], absence: 'у' });
    assert.equal(noAbsence.ok, false);
    if (!noAbsence.ok) assert.equal(noAbsence.error.code, 'INVALID');
    // nor may the homeroom teacher write marks through the journal
    await refused('hr5a', 'journal.saveCell', { lessonId: s.math5a.id, studentId: s.kids[1], text: '2' });
    await refused('hr5a', 'journal.absenceReason', { lessonId: s.math5b.id, studentId: s.kids5b[0], absence: 'у' }, /Причину пропуска/);
    assert.equal(cellText(s.math5b.id, s.kids5b[0]), 'н');
    await refused('engA', 'journal.absenceReason', { lessonId: s.math5b.id, studentId: s.kids5b[0], absence: 'у' });
    await as.math.call('journal.absenceReason', { lessonId: s.math5b.id, studentId: s.kids5b[0], absence: 'у' });
    assert.equal(cellText(s.math5b.id, s.kids5b[0]), 'у');
  });
});

const planFile = (text: string) => ({ name: 'ktp.csv', base64: Buffer.from(text).toString('base64') });
const PLAN = 'Тема;Часы\nНатуральные числа;2\nДроби;3\n';

describe('thematic plans', () => {
  test('a teacher places the plan of their own subject and class, not a colleague’s', async () => {
    const own = await as.engA.call('plans.import', {
      yearId: s.yearId,
      subjectId: s.subjects.english,
      grade: 5,
      classId: s.c5a,
      file: planFile(PLAN),
    });
    assert.equal(own.topics, 2);
    await refused(
      'engA',
      'plans.import',
      { yearId: s.yearId, subjectId: s.subjects.math, grade: 5, classId: s.c5a, file: planFile(PLAN) },
      /Тематическое планирование/,
    );
    // English is not taught by her in 5Б: the whole grade's plan is not hers
    await refused('engA', 'plans.import', { yearId: s.yearId, subjectId: s.subjects.english, grade: 5, file: planFile(PLAN) });
    // mathematics in both fifth classes is one teacher's: the grade's plan is his
    const grade = await as.math.call('plans.import', { yearId: s.yearId, subjectId: s.subjects.math, grade: 5, file: planFile(PLAN) });
    assert.equal(grade.topics, 2);
    await refused('math', 'plans.delete', { id: own.planId });
    await refused('hr5a', 'plans.delete', { id: grade.planId });
    assert.equal((h.core.env.raw.prepare('select count(*) as n from thematic_plan').get() as { n: number }).n, 2);
    await as.engA.call('plans.delete', { id: own.planId });
  });
});

describe('timetable changes', () => {
  const lessonOn = (classId: number, date: string) =>
    h.core.env.raw
      .prepare("select id from lesson where class_id = ? and subject_id = ? and date = ? and status = 'held'")
      .get(classId, s.subjects.math, date) as { id: number };

  test('the homeroom teacher enters 5А changes, not 5Б; the administrator any; a subject teacher none', async () => {
    const l5a = lessonOn(s.c5a, '2025-10-07');
    const l5b = lessonOn(s.c5b, '2025-10-07');
    await as.hr5a.call('subs.substitute', { lessonId: l5a.id, staffId: s.staff.rusT, reason: 'Больничный' });
    await refused('hr5a', 'subs.cancel', { lessonId: l5b.id, reason: 'Экскурсия' }, /классный руководитель/);
    await refused('hr5b', 'subs.cancel', { lessonId: l5a.id, reason: 'Экскурсия' });
    await as.hr5b.call('subs.cancel', { lessonId: l5b.id, reason: 'Экскурсия' });
    const l5b2 = lessonOn(s.c5b, '2025-10-08');
    await as.admin.call('subs.move', { lessonId: l5b2.id, date: '2025-10-09', lesson_number: 5, reason: 'Олимпиада' });
    await refused('math', 'subs.cancel', { lessonId: lessonOn(s.c5a, '2025-10-08').id, reason: 'Педсовет' });
    const status = (id: number) => (h.core.env.raw.prepare('select status from lesson where id = ?').get(id) as { status: string }).status;
    assert.equal(status(l5b.id), 'cancelled');
    assert.equal(status(l5b2.id), 'moved');
    assert.equal(status(lessonOn(s.c5a, '2025-10-08').id), 'held');
  });
});

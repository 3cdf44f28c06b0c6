import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Channel } from '../../main/contract/index';
import { localDate } from '../../main/contract/rules/entry-deadline';
import { DEMO_PASSWORD } from '../../main/demo';
import { DEMO_TIME_ZONE } from '../../main/demo/calendar';
import { HostClient } from '../helpers/api';
import { startHost, type RunningHost } from '../helpers/browser';

// Issue 11, parts 2, 4 and 12, through the real host on the demo school. A journal is class × subject × group: the teacher
// of subgroup 1 neither reads nor fills subgroup 2's journal on any channel; a substitute fills the lesson they took
// and no other; the homeroom teacher reads their class and writes nothing they do not teach. A teacher's period marks
// always lock the period, whatever `lock` says. Every refusal is FORBIDDEN (or LOCKED) and written to the audit log.
// First entries after their deadline (judged on the school's clock) are listed in the corrections report with the delay.

let host: RunningHost;
// The demo school's today, on its own clock: after 18:00 UTC it is already tomorrow in Omsk, and the corrections
// report counts the school's local days.
const today = localDate(new Date().toISOString(), DEMO_TIME_ZONE);

interface LessonCell {
  lessonId: number;
  classId: number;
  subjectId: number;
  groupId: number | null;
  periodId: number;
  date: string;
  studentId: number;
}

/** A held past lesson of a five-point subject with a student who belongs to the class (and the group) on its date. */
const LESSON = `
  select l.id as lessonId, l.class_id as classId, l.subject_id as subjectId, l.group_id as groupId, l.period_id as periodId, l.date,
         e.student_id as studentId
  from lesson l
  join subject s on s.id = l.subject_id and s.grading = 'five'
  join enrollment e on e.class_id = l.class_id and e.start_date <= l.date and (e.end_date is null or e.end_date >= l.date)
  where l.status = 'held' and l.date < @today and l.period_id is not null
    and (l.group_id is null or exists (select 1 from group_member m where m.group_id = l.group_id and m.student_id = e.student_id))`;
/** The staff member teaches the lesson's journal (class, subject and group) by the load or the timetable. */
const TEACHES = `
  (exists (select 1 from teaching_load t where t.class_id = l.class_id and t.subject_id = l.subject_id and t.group_id is l.group_id and t.staff_id = @staff)
   or exists (select 1 from lesson x where x.class_id = l.class_id and x.subject_id = l.subject_id and x.group_id is l.group_id
              and (x.staff_id = @staff or x.substitute_staff_id = @staff)))`;

let teacher: { login: string; staffId: number };
let own: LessonCell;
let otherGroup: LessonCell;
let otherSubject: LessonCell;
let otherClass: LessonCell;
let substitute: { login: string; staffId: number };
let substituted: LessonCell;
let notSubstituted: LessonCell;
let homeroom: { login: string; staffId: number };

before(async () => {
  host = await startHost({ demo: true });
  const db = new Database(host.dbFile, { readonly: true });
  const one = <T>(q: string, p: Record<string, unknown>, what: string): T => {
    const r = db.prepare(q).get({ today, ...p }) as T | undefined;
    assert.ok(r, what);
    return r;
  };
  try {
    // A teacher of one subgroup of a class who does not teach its other subgroup, lead the class, or hold other roles.
    const g = one<{ login: string; staffId: number; classId: number; subjectId: number; groupId: number; otherGroupId: number }>(
      `select u.login, u.staff_id as staffId, t.class_id as classId, t.subject_id as subjectId, t.group_id as groupId, g2.id as otherGroupId
       from teaching_load t
       join app_user u on u.staff_id = t.staff_id
       join class c on c.id = t.class_id
       join subject s on s.id = t.subject_id and s.grading = 'five'
       join study_group g2 on g2.class_id = t.class_id and g2.id != t.group_id
       join teaching_load t2 on t2.class_id = t.class_id and t2.subject_id = t.subject_id and t2.group_id = g2.id and t2.staff_id != t.staff_id
       where t.group_id is not null and c.homeroom_staff_id is not t.staff_id
         and not exists (select 1 from user_role r where r.user_id = u.id and r.role != 'teacher')
       order by u.login limit 1`,
      {},
      'the demo school has a teacher of one subgroup only',
    );
    teacher = { login: g.login, staffId: g.staffId };
    const staff = g.staffId;
    own = one(
      `${LESSON} and l.class_id = @cls and l.subject_id = @subj and l.group_id = @grp order by l.date desc limit 1`,
      { cls: g.classId, subj: g.subjectId, grp: g.groupId },
      'a lesson of their own subgroup',
    );
    otherGroup = one(
      `${LESSON} and l.class_id = @cls and l.subject_id = @subj and l.group_id = @grp and not ${TEACHES} order by l.date desc limit 1`,
      { cls: g.classId, subj: g.subjectId, grp: g.otherGroupId, staff },
      'a lesson of the other subgroup',
    );
    otherSubject = one(
      `${LESSON} and l.class_id = @cls and l.subject_id != @subj and not ${TEACHES} order by l.date desc limit 1`,
      { cls: g.classId, subj: g.subjectId, staff },
      'another subject of the class',
    );
    otherClass = one(
      `${LESSON} and l.class_id != @cls and l.subject_id = @subj and not ${TEACHES} order by l.date desc limit 1`,
      { cls: g.classId, subj: g.subjectId, staff },
      'the subject in another class',
    );
    homeroom = one(
      `select u.login, u.staff_id as staffId from class c join app_user u on u.staff_id = c.homeroom_staff_id where c.id = @cls`,
      { cls: g.classId },
      'the class has a homeroom teacher with an account',
    );
    assert.ok(
      !db.prepare(`select 1 from lesson l where l.id = @id and ${TEACHES}`).get({ id: otherGroup.lessonId, staff: homeroom.staffId }),
      'the homeroom teacher does not teach the other subgroup',
    );

    // A substitute who does not teach the journal of the lesson they took; and another lesson of that journal.
    substituted = one(
      `${LESSON} and l.substitute_staff_id is not null
         and not exists (select 1 from teaching_load t where t.class_id = l.class_id and t.subject_id = l.subject_id and t.group_id is l.group_id and t.staff_id = l.substitute_staff_id)
         and not exists (select 1 from lesson x where x.class_id = l.class_id and x.subject_id = l.subject_id and x.group_id is l.group_id and x.staff_id = l.substitute_staff_id)
         and exists (select 1 from app_user u where u.staff_id = l.substitute_staff_id)
       order by l.date desc limit 1`,
      {},
      'a substituted lesson',
    );
    substitute = one(
      `select u.login, u.staff_id as staffId from lesson l join app_user u on u.staff_id = l.substitute_staff_id where l.id = @id`,
      { id: substituted.lessonId },
      'the substitute has an account',
    );
    notSubstituted = one(
      `${LESSON} and l.class_id = @cls and l.subject_id = @subj and l.group_id is @grp and l.substitute_staff_id is not @staff and l.id != @id and e.student_id = @student
       order by l.date desc limit 1`,
      {
        cls: substituted.classId,
        subj: substituted.subjectId,
        grp: substituted.groupId,
        staff: substitute.staffId,
        id: substituted.lessonId,
        student: substituted.studentId,
      },
      'another lesson of the substituted journal',
    );
  } finally {
    db.close();
  }
});

after(() => host?.stop());

async function as(login: string): Promise<HostClient> {
  return (await new HostClient(host.url).open()).login(login, DEMO_PASSWORD);
}

function refusals(login: string): { channel: string; code: string }[] {
  const db = new Database(host.dbFile, { readonly: true });
  try {
    const rows = db.prepare(`select actor, after from audit_log where outcome = 'denied' order by id`).all() as {
      actor: string;
      after: string;
    }[];
    return rows.filter((r) => r.actor.includes(login)).map((r) => JSON.parse(r.after));
  } finally {
    db.close();
  }
}

const keyOf = (c: LessonCell) => ({ classId: c.classId, subjectId: c.subjectId, groupId: c.groupId });

/** What the deputy sees in the cell. */
async function cellNow(c: LessonCell): Promise<string> {
  const grid = await (await as('zavuch')).call('journal.grid', { ...keyOf(c), periodId: c.periodId });
  return grid.cells[`${c.studentId}:${c.lessonId}`]?.text ?? '';
}

/** The deputy lifts the demo's lock on the lesson's period, so that only the rights decide. */
async function unlockPeriod(c: LessonCell): Promise<void> {
  const deputy = await as('zavuch');
  const grid = await deputy.call('journal.grid', { ...keyOf(c), periodId: c.periodId });
  if (grid.lock) await deputy.call('journal.unlock', { lockId: grid.lock.id, reason: 'Проверка прав доступа к журналу' });
}

const another = (text: string) => (text === '4' ? '5' : '4');

async function expectForbidden(client: HostClient, channel: Channel, input: unknown): Promise<void> {
  const r = await client.raw(channel, input as never);
  assert.equal(r.ok ? 'ok' : r.error.code, 'FORBIDDEN', `${channel} ${JSON.stringify(input)}`);
}

/** Writes a different mark into the cell and puts the old text back; both must succeed. */
async function writeAndRestore(client: HostClient, c: LessonCell): Promise<void> {
  const was = await cellNow(c);
  const saved = await client.call('journal.saveCell', { lessonId: c.lessonId, studentId: c.studentId, text: another(was) });
  assert.equal(saved?.text, another(was));
  await client.call('journal.saveCell', { lessonId: c.lessonId, studentId: c.studentId, text: was });
}

test('the teacher of one subgroup reads and fills their own group only; the other group, subject and class are refused and logged', async () => {
  for (const c of [own, otherGroup, otherSubject, otherClass]) await unlockPeriod(c);
  const t = await as(teacher.login);

  // Own group: every channel.
  const list = (await t.call('journal.list', { yearId: 1 })) as { classId: number; subjectId: number; groupId: number | null }[];
  assert.ok(list.some((j) => j.classId === own.classId && j.subjectId === own.subjectId && j.groupId === own.groupId));
  assert.ok(
    !list.some((j) => j.classId === otherGroup.classId && j.subjectId === otherGroup.subjectId && j.groupId === otherGroup.groupId),
  );
  const grid = await t.call('journal.grid', { ...keyOf(own), periodId: own.periodId });
  assert.equal(grid.canEdit, true, grid.readOnlyReason ?? undefined);
  assert.ok(!grid.onlyLessonIds, 'the journal’s teacher fills every lesson');
  await writeAndRestore(t, own);
  assert.ok((await t.call('journal.cellHistory', { lessonId: own.lessonId, studentId: own.studentId })).length >= 2);
  assert.ok(Array.isArray(await t.call('journal.planTopics', { lessonId: own.lessonId })));
  const lesson = grid.lessons.find((l: { id: number }) => l.id === own.lessonId);
  assert.ok(lesson);
  await t.call('journal.saveLesson', {
    lessonId: own.lessonId,
    topic: lesson.topic,
    homework: lesson.homework,
    workKind: lesson.workKind,
    planTopicId: lesson.planTopicId,
  });
  assert.equal((await t.call('journal.finals', keyOf(own))).canEdit, true);

  // The other subgroup of the same class and subject: nothing, on any channel, and nothing is written.
  const before = await cellNow(otherGroup);
  const g2 = keyOf(otherGroup);
  const cell = { lessonId: otherGroup.lessonId, studentId: otherGroup.studentId };
  await expectForbidden(t, 'journal.grid', { ...g2, periodId: otherGroup.periodId });
  await expectForbidden(t, 'journal.saveCell', { ...cell, text: another(before) });
  await expectForbidden(t, 'journal.saveCells', { ...g2, cells: [{ ...cell, text: another(before) }] });
  await expectForbidden(t, 'journal.cellHistory', cell);
  await expectForbidden(t, 'journal.saveLesson', { lessonId: otherGroup.lessonId, topic: 'Чужая тема', homework: '', workKind: '' });
  await expectForbidden(t, 'journal.planTopics', { lessonId: otherGroup.lessonId });
  await expectForbidden(t, 'journal.finals', g2);
  await expectForbidden(t, 'journal.setFinals', {
    ...g2,
    kind: 'p1',
    marks: [{ studentId: otherGroup.studentId, value: '5' }],
    lock: true,
  });
  await expectForbidden(t, 'journal.homeroom', { classId: otherGroup.classId });
  await expectForbidden(t, 'journal.studentCard', { studentId: otherGroup.studentId });
  assert.equal(await cellNow(otherGroup), before, 'nothing was written into the other subgroup');

  // Another subject of the class, and the same subject in another class.
  for (const c of [otherSubject, otherClass]) {
    const was = await cellNow(c);
    await expectForbidden(t, 'journal.grid', { ...keyOf(c), periodId: c.periodId });
    await expectForbidden(t, 'journal.saveCell', { lessonId: c.lessonId, studentId: c.studentId, text: another(was) });
    assert.equal(await cellNow(c), was);
  }

  const logged = refusals(teacher.login).filter((x) => x.code === 'FORBIDDEN');
  for (const ch of [
    'journal.grid',
    'journal.saveCell',
    'journal.saveCells',
    'journal.cellHistory',
    'journal.saveLesson',
    'journal.planTopics',
    'journal.finals',
    'journal.setFinals',
  ])
    assert.ok(
      logged.some((x) => x.channel === ch),
      `${ch} refusal logged: ${JSON.stringify(logged)}`,
    );
});

test('a substitute fills the lesson they took and no other lesson of that journal, nor its period marks', async () => {
  await unlockPeriod(substituted);
  await unlockPeriod(notSubstituted);
  const s = await as(substitute.login);
  await writeAndRestore(s, substituted);

  const was = await cellNow(notSubstituted);
  await expectForbidden(s, 'journal.saveCell', {
    lessonId: notSubstituted.lessonId,
    studentId: notSubstituted.studentId,
    text: another(was),
  });
  await expectForbidden(s, 'journal.saveLesson', { lessonId: notSubstituted.lessonId, topic: 'Чужая тема', homework: '', workKind: '' });
  await expectForbidden(s, 'journal.setFinals', { ...keyOf(substituted), kind: 'p1', marks: [], lock: true });
  assert.equal(await cellNow(notSubstituted), was);
  assert.ok(refusals(substitute.login).some((x) => x.channel === 'journal.saveCell' && x.code === 'FORBIDDEN'));

  // The grid says which lessons the substitute may fill, so the screen closes the others' cells.
  const grid = await s.call('journal.grid', { ...keyOf(substituted), periodId: substituted.periodId });
  assert.equal(grid.canEdit, true, grid.readOnlyReason ?? undefined);
  assert.ok(grid.onlyLessonIds?.includes(substituted.lessonId), JSON.stringify(grid.onlyLessonIds));
  assert.ok(!grid.onlyLessonIds?.includes(notSubstituted.lessonId));
});

test("the homeroom teacher reads the class's subgroup journal but writes nothing in it", async () => {
  await unlockPeriod(otherGroup);
  const h = await as(homeroom.login);
  const grid = await h.call('journal.grid', { ...keyOf(otherGroup), periodId: otherGroup.periodId });
  assert.equal(grid.canEdit, false);
  assert.ok(grid.lessons.some((l: { id: number }) => l.id === otherGroup.lessonId));
  await h.call('journal.finals', keyOf(otherGroup));
  await h.call('journal.homeroom', { classId: otherGroup.classId });
  const was = await cellNow(otherGroup);
  await expectForbidden(h, 'journal.saveCell', { lessonId: otherGroup.lessonId, studentId: otherGroup.studentId, text: another(was) });
  await expectForbidden(h, 'journal.setFinals', { ...keyOf(otherGroup), kind: 'p1', marks: [], lock: true });
  assert.equal(await cellNow(otherGroup), was);
  assert.ok(refusals(homeroom.login).some((x) => x.channel === 'journal.saveCell' && x.code === 'FORBIDDEN'));
});

interface Line {
  kind: string;
  what: string;
  lessonDate: string;
  student: string;
  after: string;
  at: string;
  actor: string;
  delayMinutes: number | null;
  delay: string;
  subjectName: string;
  className: string;
}

test("late first entries are in the corrections report with their delay, judged on the school's clock", async () => {
  const deputy = await as('zavuch');
  const db = new Database(host.dbFile, { readonly: true });
  let evening: { lessonId: number; studentId: number; value: string; enteredAt: string; date: string };
  let onTime: { lessonId: number; studentId: number; enteredAt: string };
  let timeZone: string;
  try {
    const tz = db.prepare(`select value from setting where key = 'school.timeZone'`).get() as { value: string } | undefined;
    timeZone = tz ? JSON.parse(tz.value) : '';
    // A mark of ordinary class work typed after 18:00 UTC of the lesson's day: still that day in UTC, the next day in
    // Omsk (UTC+6), so late. The demo writes such marks.
    evening = db
      .prepare(
        `select m.lesson_id as lessonId, m.student_id as studentId, m.value, m.entered_at as enteredAt, l.date
         from mark m join lesson l on l.id = m.lesson_id join work_type w on w.id = m.work_type_id and w.name = 'Работа на уроке'
         where substr(m.entered_at, 1, 10) = l.date and substr(m.entered_at, 12, 5) between '18:05' and '23:00'
           and substr(m.entered_at, 1, 7) = '2026-03'
           and not exists (select 1 from journal_cell j where j.lesson_id = m.lesson_id and j.student_id = m.student_id and j.absence is not null)
         order by m.entered_at limit 1`,
      )
      .get() as typeof evening;
    assert.ok(evening, 'the demo has a mark typed late in the evening, Omsk time');
    onTime = db
      .prepare(
        `select m.lesson_id as lessonId, m.student_id as studentId, m.entered_at as enteredAt from mark m join lesson l on l.id = m.lesson_id
         where substr(m.entered_at, 1, 10) = l.date and substr(m.entered_at, 12, 5) between '08:00' and '12:00' and substr(m.entered_at, 1, 7) = '2026-03'
         order by m.entered_at limit 1`,
      )
      .get() as typeof onTime;
  } finally {
    db.close();
  }

  // The demo's March: the report lists late marks, absences, topics and homework.
  const t0 = Date.now();
  const march = (await deputy.call('journal.corrections', { yearId: 1, classId: null, from: '2026-03-01', to: '2026-03-31' })) as Line[];
  const ms = Date.now() - t0;
  const late = march.filter((r) => r.kind === 'late');
  console.log(`demo, March: ${late.length} late first entries of ${march.length} lines in ${ms} ms`);
  for (const what of ['отметка', 'пропуск', 'тема урока', 'домашнее задание'])
    assert.ok(
      late.some((r) => r.what === what),
      `a late ${what} in the demo's March`,
    );
  assert.ok(late.every((r) => r.delayMinutes! > 0 && r.delay.startsWith('на ')));
  const e = late.find(
    (r) => r.at === evening.enteredAt && r.lessonDate === evening.date && r.what === 'отметка' && r.after.startsWith(evening.value),
  );
  assert.ok(e, `the mark typed at ${evening.enteredAt} for ${evening.date} is late in Omsk`);
  assert.ok(!late.some((r) => r.at === onTime.enteredAt && r.what === 'отметка'), 'a mark typed during the school day is not listed');
  assert.equal(timeZone, 'Asia/Omsk', 'the demo school keeps its time zone');

  // Today: a teacher puts a first mark into an old lesson of their journal, and first homework into another: both are
  // listed with a delay of days, under their name.
  await unlockPeriod(own);
  const t = await as(teacher.login);
  const db2 = new Database(host.dbFile, { readonly: true });
  const empty = db2
    .prepare(
      `select l.id as lessonId, m.student_id as studentId, l.date from lesson l join group_member m on m.group_id = l.group_id
       join enrollment e on e.student_id = m.student_id and e.class_id = l.class_id and e.start_date <= l.date and (e.end_date is null or e.end_date >= l.date)
       where l.class_id = @cls and l.subject_id = @subj and l.group_id = @grp and l.period_id = @period and l.status = 'held' and l.date < @today
         and not exists (select 1 from mark x where x.lesson_id = l.id and x.student_id = m.student_id)
         and not exists (select 1 from journal_cell x where x.lesson_id = l.id and x.student_id = m.student_id)
       order by l.date limit 1`,
    )
    .get({ cls: own.classId, subj: own.subjectId, grp: own.groupId, period: own.periodId, today }) as {
    lessonId: number;
    studentId: number;
    date: string;
  };
  db2.close();
  assert.ok(empty, 'an empty cell in an old lesson of the teacher’s journal');
  await t.call('journal.saveCell', { lessonId: empty.lessonId, studentId: empty.studentId, text: '4' });
  const grid = await t.call('journal.grid', { ...keyOf(own), periodId: own.periodId });
  const lesson = grid.lessons.find((l: { id: number }) => l.id === own.lessonId);
  assert.ok(lesson);
  const hw = { lessonId: own.lessonId, topic: lesson.topic, workKind: lesson.workKind, planTopicId: lesson.planTopicId };
  await t.call('journal.saveLesson', { ...hw, homework: '' });
  await t.call('journal.saveLesson', { ...hw, homework: 'Упражнение 12, с. 40' });

  const now = (await deputy.call('journal.corrections', { yearId: 1, classId: own.classId, from: today, to: today })) as Line[];
  const mark = now.find((r) => r.kind === 'late' && r.what === 'отметка' && r.lessonDate === empty.date && r.after.startsWith('4'));
  assert.ok(mark, JSON.stringify(now));
  assert.ok(mark.delayMinutes! > 24 * 60, mark.delay);
  assert.match(mark.delay, /^на \d+ дн\./);
  assert.ok(mark.actor.length > 0);
  const homework = now.find((r) => r.kind === 'late' && r.what === 'домашнее задание' && r.after === 'Упражнение 12, с. 40');
  assert.ok(homework, JSON.stringify(now));
  assert.equal(homework.lessonDate, own.date);
});

test("a teacher's period marks lock the period even with lock: false; the deputy may leave it open", async () => {
  await unlockPeriod(own);
  const t = await as(teacher.login);
  const grid = await t.call('journal.grid', { ...keyOf(own), periodId: own.periodId });
  assert.equal(grid.lock, null);
  const kind = grid.period.kind as string;
  const set = await t.call('journal.setFinals', { ...keyOf(own), kind, marks: [], lock: false });
  assert.ok(set.lockId, 'the period is locked although the teacher asked not to');
  const was = await cellNow(own);
  const r = await t.raw('journal.saveCell', { lessonId: own.lessonId, studentId: own.studentId, text: another(was) });
  assert.equal(r.ok ? 'ok' : r.error.code, 'LOCKED');
  assert.equal(await cellNow(own), was);
  assert.ok(refusals(teacher.login).some((x) => x.channel === 'journal.saveCell' && x.code === 'LOCKED'));

  // The deputy decides otherwise: marks without the lock, and the journal's teacher still fills the period.
  await unlockPeriod(otherGroup);
  const deputy = await as('zavuch');
  const g2 = await deputy.call('journal.grid', { ...keyOf(otherGroup), periodId: otherGroup.periodId });
  const d = await deputy.call('journal.setFinals', { ...keyOf(otherGroup), kind: g2.period.kind, marks: [], lock: false });
  assert.equal(d.lockId, null);
  assert.equal((await deputy.call('journal.grid', { ...keyOf(otherGroup), periodId: otherGroup.periodId })).lock, null);
});

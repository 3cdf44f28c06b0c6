import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Channel, Input, Output, Result } from '../../main/contract/index';
import type { RemarkRow } from '../../main/contract/journal-remarks';
import { systemActor, type Ctx } from '../../main/kernel/context';
import * as lessons from '../../main/timetable/lessons';
import { startApp, type App } from '../../main/transport/app';
import { plainWeek, smallSchool, type SmallSchool, mathTeacherLoad } from '../helpers/timetable';

// Inspection remarks (issue 12 part 9) through the real router, as the program calls it: the deputy writes, the
// teacher of the journal (the homeroom teacher for the whole class) sees only their own and answers, the deputy marks
// it fixed; everyone else is refused; bad input is refused in Russian with nothing saved; a closed year is read-only.

let app: App;
let dir: string;
let s: SmallSchool;
const tokens: Record<string, string> = {};
let mathLessons: number[];
let engLesson: number;

async function account(admin: string, login: string, displayName: string, roles: string[], staffId: number | null) {
  const created = await app.router.call('users.create', { login, displayName, staffId, roles: roles as never }, admin);
  assert.ok(created.ok, JSON.stringify(created));
  const { activationCode } = created.value as { activationCode: string };
  const act = await app.router.call('auth.activate', { login, code: activationCode, password: `${login}-parol-1` }, null);
  assert.ok(act.ok);
  tokens[login] = (act.value as { token: string }).token;
}

const call = <C extends Channel>(who: string, channel: C, input: Input<C>) =>
  app.router.call(channel, input, tokens[who]) as Promise<Result<Output<C>>>;
async function ok<C extends Channel>(who: string, channel: C, input: Input<C>): Promise<Output<C>> {
  const r = await call(who, channel, input);
  if (!r.ok) throw new Error(`${who} ${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}
async function refused<C extends Channel>(who: string, channel: C, input: Input<C>, code: string, message?: RegExp) {
  const r = await call(who, channel, input);
  assert.equal(r.ok ? 'saved' : r.error.code, code, `${who} ${channel}`);
  if (!r.ok && message) assert.match(r.error.message, message);
  if (!r.ok) assert.doesNotMatch(r.error.message, /[A-Za-z]{3,}/, `${channel}: ${r.error.message}`);
}
const remarksCount = () => app.env.raw!.prepare('select count(*) from journal_remark').pluck().get() as number;
const ids = (rows: RemarkRow[]) => rows.map((r) => r.id).sort((a, b) => a - b);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-remarks-'));
  app = await startApp({ dbFile: path.join(dir, 'j.sqlite'), runtime: 'browser-host', background: false });
  const ctx: Ctx = { db: app.env.db, actor: systemActor('тест'), now: () => new Date('2025-10-20T05:00:00Z') };
  s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  await lessons.generateLessons(ctx, { yearId: s.yearId });
  await mathTeacherLoad(ctx, s, 5);
  // the Russian teacher leads 5А
  app.env.raw!.prepare('update class set homeroom_staff_id = ? where id = ?').run(s.staff.rusT, s.classes.c5);
  const admin = (await app.router.call(
    'auth.setupAdmin',
    { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' },
    null,
  )) as { ok: true; value: { token: string } };
  const a = admin.value.token;
  await account(a, 'zavuch', 'Завучева Мария Ивановна', ['deputy'], null);
  await account(a, 'matem', 'Математикова Анна Петровна', ['teacher'], s.staff.mathT);
  await account(a, 'rus', 'Русакова Ольга Ивановна', ['teacher', 'homeroom'], s.staff.rusT);
  await account(a, 'angl', 'Инглишева Елена Сергеевна', ['teacher'], s.staff.engA);
  await account(a, 'office', 'Секретарева Нина', ['office'], null);
  const q = (subjectId: number, groupId: number | null) =>
    app.env.db
      .selectFrom('lesson')
      .select('id')
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', subjectId)
      .where('group_id', 'is not distinct from', groupId)
      .orderBy('date')
      .execute();
  mathLessons = (await q(s.subjects.math, null)).map((l) => l.id);
  engLesson = (await q(s.subjects.english, s.groups.g1))[0].id;
});

after(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let cellRemark: RemarkRow;
let classRemark: RemarkRow;
let groupRemark: RemarkRow;

test('the deputy writes remarks on a cell, the whole class and a group; each is audited', async () => {
  const lesson = await app.env.db
    .selectFrom('lesson')
    .select(['date', 'lesson_number'])
    .where('id', '=', mathLessons[3])
    .executeTakeFirstOrThrow();
  cellRemark = await ok('zavuch', 'remarks.write', {
    classId: s.classes.c5,
    lessonId: mathLessons[3],
    studentId: s.kids[0],
    text: '  Отметка выставлена без записи темы урока  ',
    dueDate: '2099-01-10',
  });
  assert.equal(cellRemark.subjectId, s.subjects.math, 'the subject comes from the lesson');
  assert.equal(cellRemark.text, 'Отметка выставлена без записи темы урока');
  assert.equal(cellRemark.state, 'open');
  assert.equal(cellRemark.stateName, 'ждёт ответа');
  assert.equal(cellRemark.writtenBy, 'Завучева Мария Ивановна');
  const [y, m, d] = lesson.date.split('-');
  assert.match(cellRemark.where, new RegExp(`^5А · Математика, урок ${d}\\.${m}\\.${y} \\(${lesson.lesson_number}-й\\), `));
  assert.match(cellRemark.date, /^\d{4}-\d{2}-\d{2}$/);
  classRemark = await ok('zavuch', 'remarks.write', { classId: s.classes.c5, text: 'Не заполнен листок здоровья', dueDate: null });
  assert.equal(classRemark.where, '5А, весь класс');
  groupRemark = await ok('zavuch', 'remarks.write', {
    classId: s.classes.c5,
    subjectId: s.subjects.english,
    groupId: s.groups.g1,
    lessonId: engLesson,
    text: 'Не записано домашнее задание',
  });
  assert.equal(groupRemark.groupId, s.groups.g1);
  const audited = app.env
    .raw!.prepare("select count(*) from audit_log where entity = 'journal_remark' and action = 'create' and outcome = 'ok'")
    .pluck()
    .get();
  assert.equal(audited, 3);
});

test('a teacher sees only the remarks on the journals they keep; the homeroom teacher the class-wide ones; the office all', async () => {
  const math = await ok('matem', 'remarks.list', { yearId: s.yearId });
  assert.deepEqual(ids(math.rows), [cellRemark.id]);
  assert.equal(math.unanswered, 1);
  assert.ok(math.rows[0].canAnswer);
  assert.ok(!math.rows[0].canFix);
  const rus = await ok('rus', 'remarks.list', { yearId: s.yearId });
  assert.deepEqual(ids(rus.rows), [classRemark.id]);
  const eng = await ok('angl', 'remarks.list', { yearId: s.yearId });
  assert.deepEqual(ids(eng.rows), [groupRemark.id]);
  const office = await ok('office', 'remarks.list', { yearId: s.yearId });
  assert.deepEqual(ids(office.rows), ids([cellRemark, classRemark, groupRemark]));
  assert.ok(office.rows.every((r) => !r.canAnswer && !r.canFix));
  const deputy = await ok('zavuch', 'remarks.list', { yearId: s.yearId, classId: s.classes.c5 });
  assert.equal(deputy.rows.length, 3);
  assert.ok(deputy.rows.every((r) => r.canFix && !r.canAnswer));
});

test('the teacher answers their own remark; others are refused; the deputy sees the answer, unanswered first', async () => {
  await refused('rus', 'remarks.answer', { id: cellRemark.id, answer: 'Не мой журнал' }, 'FORBIDDEN', /журнал/);
  await refused('angl', 'remarks.answer', { id: classRemark.id, answer: 'Я не классный руководитель' }, 'FORBIDDEN');
  await refused('office', 'remarks.answer', { id: classRemark.id, answer: 'Нет' }, 'FORBIDDEN');
  await refused('zavuch', 'remarks.answer', { id: cellRemark.id, answer: 'Сам себе' }, 'FORBIDDEN', /учитель, ведущий этот журнал/);
  const answered = await ok('matem', 'remarks.answer', { id: cellRemark.id, answer: 'Тема записана, отметка верна' });
  assert.equal(answered.state, 'answered');
  assert.equal(answered.answer, 'Тема записана, отметка верна');
  assert.equal(answered.answeredBy, 'Математикова Анна Петровна');
  assert.ok(answered.answeredAt);
  const deputy = await ok('zavuch', 'remarks.list', { yearId: s.yearId });
  assert.deepEqual(
    deputy.rows.map((r) => r.state),
    ['open', 'open', 'answered'],
    'unanswered first',
  );
  assert.equal(deputy.unanswered, 2);
  assert.equal(deputy.answeredNotFixed, 1);
  const onlyAnswered = await ok('zavuch', 'remarks.list', { yearId: s.yearId, state: 'answered' });
  assert.deepEqual(ids(onlyAnswered.rows), [cellRemark.id]);
  assert.equal(onlyAnswered.rows[0].answer, 'Тема записана, отметка верна');
  const audit = app.env
    .raw!.prepare("select after from audit_log where entity = 'journal_remark' and action = 'remark.answer' and entity_id = ?")
    .pluck()
    .get(String(cellRemark.id)) as string;
  assert.match(audit, /Тема записана/);
});

test('the deputy marks a remark fixed and takes the mark back; the teacher may not; a fixed remark keeps its answer', async () => {
  await refused('matem', 'remarks.fix', { id: cellRemark.id, fixed: true }, 'FORBIDDEN');
  const fixed = await ok('zavuch', 'remarks.fix', { id: cellRemark.id, fixed: true });
  assert.equal(fixed.state, 'fixed');
  assert.equal(fixed.fixedBy, 'Завучева Мария Ивановна');
  assert.equal(fixed.overdue, false);
  await refused('matem', 'remarks.answer', { id: cellRemark.id, answer: 'Ещё раз' }, 'INVALID', /уже отмечено как исправленное/);
  await refused('zavuch', 'remarks.fix', { id: cellRemark.id, fixed: true }, 'INVALID', /уже отмечено/);
  const mine = await ok('matem', 'remarks.list', { yearId: s.yearId });
  assert.equal(mine.rows[0].canAnswer, false);
  assert.equal(mine.unanswered, 0);
  const back = await ok('zavuch', 'remarks.fix', { id: cellRemark.id, fixed: false });
  assert.equal(back.state, 'answered');
  await ok('zavuch', 'remarks.fix', { id: cellRemark.id, fixed: true });
  const byState = await ok('zavuch', 'remarks.list', { yearId: s.yearId, state: 'fixed' });
  assert.deepEqual(ids(byState.rows), [cellRemark.id]);
});

test('only the deputy and the director write remarks', async () => {
  const n = remarksCount();
  for (const who of ['matem', 'rus', 'office'])
    await refused(who, 'remarks.write', { classId: s.classes.c5, text: 'Замечание самому себе' }, 'FORBIDDEN');
  assert.equal(remarksCount(), n);
  const refusals = app.env
    .raw!.prepare("select count(*) from audit_log where outcome = 'denied' and after like '%remarks.write%'")
    .pluck()
    .get() as number;
  assert.ok(refusals >= 3, `refusals audited: ${refusals}`);
});

test('bad input is refused in Russian and nothing is saved', async () => {
  const n = remarksCount();
  const c5 = s.classes.c5;
  await refused('zavuch', 'remarks.write', { classId: c5, text: '   ' }, 'INVALID', /Замечание/);
  await refused('zavuch', 'remarks.write', { classId: c5, text: 'x'.repeat(1001) }, 'INVALID', /не длиннее 1000/);
  await refused('zavuch', 'remarks.write', { classId: c5, text: 'Срок', dueDate: '10.01.2026' }, 'INVALID', /Срок исправления/);
  await refused('zavuch', 'remarks.write', { classId: c5, text: 'Срок', dueDate: '2020-01-10' }, 'INVALID', /не может быть раньше/);
  await refused('zavuch', 'remarks.write', { classId: c5, studentId: s.kids[0], text: 'Клетка' }, 'INVALID', /указывает урок/);
  const other = await app.env.db.selectFrom('lesson').select('id').where('class_id', '=', s.classes.c1).executeTakeFirstOrThrow();
  await refused('zavuch', 'remarks.write', { classId: c5, lessonId: other.id, text: 'Чужой урок' }, 'INVALID', /Урок не найден/);
  await refused(
    'zavuch',
    'remarks.write',
    { classId: c5, subjectId: s.subjects.russian, lessonId: mathLessons[0], text: 'Не тот предмет' },
    'INVALID',
    /другому предмету/,
  );
  await refused(
    'zavuch',
    'remarks.write',
    { classId: c5, groupId: s.groups.g1, text: 'Группа без предмета' },
    'INVALID',
    /указывает предмет/,
  );
  await refused('zavuch', 'remarks.write', { classId: 99_999, text: 'Нет класса' }, 'NOT_FOUND', /Класс/);
  await refused('matem', 'remarks.answer', { id: classRemark.id, answer: '' }, 'INVALID', /Ответ/);
  await refused('zavuch', 'remarks.fix', { id: 99_999, fixed: true }, 'NOT_FOUND', /Замечание/);
  assert.equal(remarksCount(), n);
});

test('a closed year: remarks are read-only (LOCKED), still listed', async () => {
  const n = remarksCount();
  app.env.raw!.prepare('update academic_year set closed = 1 where id = ?').run(s.yearId);
  try {
    await refused('zavuch', 'remarks.write', { classId: s.classes.c5, text: 'Поздно' }, 'LOCKED', /учебный год закрыт/i);
    await refused('rus', 'remarks.answer', { id: classRemark.id, answer: 'Поздно' }, 'LOCKED', /учебный год закрыт/i);
    await refused('zavuch', 'remarks.fix', { id: classRemark.id, fixed: true }, 'LOCKED', /учебный год закрыт/i);
    assert.equal(remarksCount(), n);
    const list = await ok('zavuch', 'remarks.list', { yearId: s.yearId });
    assert.equal(list.rows.length, n);
    assert.equal(list.rows.find((r) => r.id === classRemark.id)?.answer, null);
  } finally {
    app.env.raw!.prepare('update academic_year set closed = 0 where id = ?').run(s.yearId);
  }
});

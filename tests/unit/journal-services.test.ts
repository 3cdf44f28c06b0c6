import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor, Ctx } from '../../main/kernel/context';
import { compromisedOperations, markCompromised, voidCompromised } from '../../main/accounts/compromise';
import * as cells from '../../main/journal/cells';
import { correctionsReport } from '../../main/journal/corrections';
import { registerJournalVoiders } from '../../main/journal/voiders';
import * as finals from '../../main/journal/final-marks';
import * as grid from '../../main/journal/grid';
import * as groups from '../../main/school/groups';
import * as homeroom from '../../main/journal/homeroom';
import * as details from '../../main/journal/lesson-details';
import * as movement from '../../main/school/movement';
import { saveSetting } from '../../main/school/settings';
import { nextDay } from '../../main/contract/rules/dates';
import * as lessons from '../../main/timetable/lessons';
import * as load from '../../main/timetable/load';
import { tempDb } from '../helpers/db';
import * as students from '../../main/school/students';
import { plainWeek, smallSchool, student } from '../helpers/timetable';

// The compromise flow restores journal changes only once the journal has registered how.
registerJournalVoiders();

// The journal's services on a real database: a small school with a generated year of lessons.

async function setup() {
  const t = await tempDb();
  const s = await smallSchool(t.ctx);
  await plainWeek(t.ctx, s);
  await lessons.generateLessons(t.ctx, { yearId: s.yearId });
  for (const [staffId, classId, subjectId, groupId] of [
    [s.staff.mathT, s.classes.c5, s.subjects.math, null],
    [s.staff.rusT, s.classes.c5, s.subjects.russian, null],
    [s.staff.engA, s.classes.c5, s.subjects.english, s.groups.g1],
  ] as const)
    await load.saveLoad(t.ctx, { id: null, yearId: s.yearId, staffId, classId, subjectId, groupId, hours: 3 });
  const at = (ctx: Ctx, iso: string): Ctx => ({ ...ctx, now: () => new Date(`${iso}T12:00:00Z`) });
  const actor = (staffId: number | null, roles: Actor['roles'], name: string): Actor => ({
    userId: null,
    name,
    roles,
    staffId,
    system: false,
  });
  const math = actor(s.staff.mathT, ['teacher'], 'Иванова А. П.');
  const russian = actor(s.staff.rusT, ['teacher'], 'Петрова А. П.');
  const deputy = actor(null, ['deputy'], 'Завуч');
  const when = '2025-10-20';
  const asMath = at(t.as(math), when);
  const g = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null });
  return { t, s, g, asMath, asRussian: at(t.as(russian), when), asDeputy: at(t.as(deputy), when), at };
}

test('journal grid: a period of lessons × students; the teacher types marks, absences and both; reading back finds them', async () => {
  const { t, s, g, asMath } = await setup();
  assert.equal(g.period.name, '1 четверть');
  assert.equal(g.students.length, 4);
  assert.ok(g.lessons.length >= 35, `${g.lessons.length} lessons`);
  assert.ok(g.lessons.every((l) => l.date >= '2025-09-01' && l.date <= '2025-10-24'));
  assert.equal(g.canEdit, true);
  const [l1, l2] = g.lessons;
  const [a, b] = g.students;
  const saved = await cells.saveCell(asMath, { lessonId: l1.id, studentId: a.id, text: '5' });
  assert.equal(saved?.text, '5');
  assert.equal((await cells.saveCell(asMath, { lessonId: l1.id, studentId: b.id, text: '4/5' }))?.text, '4/5');
  assert.equal((await cells.saveCell(asMath, { lessonId: l2.id, studentId: a.id, text: 'н' }))?.absence, 'н');
  // The missed topic credited later: the mark and the absence together, with a comment (seed 001, teacher §2).
  const both = await cells.saveCell(asMath, { lessonId: l2.id, studentId: a.id, text: 'н/4', comment: 'Тема сдана 10.09' });
  assert.equal(both?.text, 'н/4');
  assert.equal(both?.comment, 'Тема сдана 10.09');
  const again = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
  assert.equal(again.cells[`${a.id}:${l1.id}`].text, '5');
  assert.equal(again.cells[`${b.id}:${l1.id}`].marks.length, 2);
  assert.equal(again.finals[a.id].count, 2);
  assert.equal(again.finals[a.id].tooFew, true);
  assert.equal(again.finals[b.id].suggested, '5'); // 4.5 → 5
  // Clearing a cell removes it; the history keeps every version.
  assert.equal(await cells.saveCell(asMath, { lessonId: l1.id, studentId: a.id, text: '' }), null);
  const history = await cells.cellHistory(asMath, l1.id, a.id);
  assert.deepEqual(
    history.map((h) => [h.before, h.after]),
    [
      [null, '5'],
      ['5', null],
    ],
  );
  await t.cleanup();
});

test('grade 1 is taught without marks: its journal warns of no «меньше N отметок», a grade 5 journal does', async () => {
  const { t, s, asMath, asDeputy } = await setup();
  await students.createStudent(t.ctx, {
    classId: s.classes.c1,
    date: '2025-09-01',
    order_number: '2-у',
    guardians: [],
    student: student('Дмитриев', 'Олег', '2018-05-10'),
  });
  const first = await grid.loadGrid(asDeputy, { classId: s.classes.c1, subjectId: s.subjects.math, periodId: null });
  assert.equal(first.students.length, 1);
  assert.equal(first.rules.minMarks, 0);
  assert.equal(first.finals[first.students[0].id].tooFew, false);
  const fifth = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null });
  assert.equal(fifth.rules.minMarks, 3);
  assert.ok(fifth.students.every((st) => fifth.finals[st.id].tooFew));
  await t.cleanup();
});

test('a save answers exactly what reading the cell back gives: first-entry times kept, work types, comments, a repeated cell in a block', async () => {
  const { t, s, g, asMath, at } = await setup();
  const [l1, l2] = g.lessons;
  const [a, b] = g.students;
  const key = { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id };
  const readBack = async (lessonId: number, studentId: number) =>
    (await grid.loadGrid(asMath, key)).cells[`${studentId}:${lessonId}`] ?? null;
  const types = await t.db.selectFrom('work_type').select('id').orderBy('position').execute();
  const steps: [string, { text: string; comment?: string; workTypeIds?: number[] }][] = [
    ['2025-10-20T08:00', { text: '5' }],
    ['2025-10-20T09:00', { text: '5/4' }], // the 5 keeps its time, the 4 gets the new one
    ['2025-10-21T09:00', { text: 'н/5/4', comment: 'Догнал' }],
    ['2025-10-21T10:00', { text: 'н/5/4', workTypeIds: [types[1].id, types[0].id] }], // only the work types change
    ['2025-10-22T09:00', { text: 'б/5/4' }],
    ['2025-10-22T10:00', { text: '3' }], // the absence row goes, its comment stays with the cell
    ['2025-10-22T11:00', { text: '3', comment: '' }],
    ['2025-10-22T12:00', { text: '3' }], // unchanged: nothing written, the same answer
    ['2025-10-23T09:00', { text: '' }],
  ];
  for (const [when, input] of steps) {
    const ctx = { ...asMath, now: () => new Date(`${when}:00Z`) };
    const answer = await cells.saveCell(ctx, { lessonId: l1.id, studentId: a.id, ...input });
    assert.deepEqual(answer, await readBack(l1.id, a.id), `${when} ${JSON.stringify(input)}`);
  }
  // A block naming one cell twice: every answer is the cell as the block left it.
  const r = await cells.saveCells(at(asMath, '2025-10-24'), {
    ...key,
    cells: [
      { lessonId: l2.id, studentId: b.id, text: '4' },
      { lessonId: l2.id, studentId: a.id, text: 'н' },
      { lessonId: l2.id, studentId: b.id, text: '4/5' },
    ],
  });
  const [bAfter, aAfter] = [await readBack(l2.id, b.id), await readBack(l2.id, a.id)];
  assert.equal(bAfter?.text, '4/5');
  assert.deepEqual(r.cells, [bAfter, aAfter, bAfter]);
  await t.cleanup();
});

test('journal cells: bad input is refused in Russian and nothing changes', async () => {
  const { t, g, asMath } = await setup();
  const [l1] = g.lessons;
  const [a] = g.students;
  await cells.saveCell(asMath, { lessonId: l1.id, studentId: a.id, text: '3' });
  for (const [text, msg] of [
    ['6', /от 1 до 5/],
    ['0', /от 1 до 5/],
    ['5+', /«\+» и «−»/],
    ['ж', /не отметка/],
  ] as const)
    await assert.rejects(cells.saveCell(asMath, { lessonId: l1.id, studentId: a.id, text }), (e: Error) => msg.test(e.message));
  const cell = await cells.saveCell(asMath, { lessonId: l1.id, studentId: a.id, text: '3' });
  assert.equal(cell?.text, '3');
  // A lesson that has not happened yet takes no marks.
  const future = g.lessons.find((l) => l.date > '2025-10-20')!;
  await assert.rejects(cells.saveCell(asMath, { lessonId: future.id, studentId: a.id, text: '5' }), /ещё не проведён/);
  await t.cleanup();
});

test('journal rights: another subject’s teacher is refused; the deputy may correct', async () => {
  const { t, s, g, asRussian, asDeputy } = await setup();
  await assert.rejects(cells.saveCell(asRussian, { lessonId: g.lessons[0].id, studentId: g.students[0].id, text: '5' }), {
    code: 'FORBIDDEN',
  });
  await assert.rejects(grid.loadGrid(asRussian, { classId: s.classes.c5, subjectId: s.subjects.math }), { code: 'FORBIDDEN' });
  assert.equal((await cells.saveCell(asDeputy, { lessonId: g.lessons[0].id, studentId: g.students[0].id, text: '2' }))?.text, '2');
  await t.cleanup();
});

test('journal paste: a block is saved whole, or not at all when one cell is bad', async () => {
  const { t, s, g, asMath } = await setup();
  const block = g.students
    .slice(0, 2)
    .flatMap((st, i) => g.lessons.slice(0, 3).map((l, j) => ({ lessonId: l.id, studentId: st.id, text: ['5', '4', 'н'][(i + j) % 3] })));
  const bad = [...block.slice(0, 5), { ...block[5], text: '7' }];
  await assert.rejects(cells.saveCells(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, cells: bad }), /ничего не сохранено/);
  let after = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
  assert.equal(Object.keys(after.cells).length, 0);
  const r = await cells.saveCells(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, cells: block });
  assert.equal(r.saved, 6);
  after = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
  assert.equal(Object.keys(after.cells).length, 6);
  // A block reaching into another journal is refused.
  const russianLesson = (await grid.loadGrid(t.ctx, { classId: s.classes.c5, subjectId: s.subjects.russian, periodId: g.period.id }))
    .lessons[0];
  await assert.rejects(
    cells.saveCells(asMath, {
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      cells: [{ lessonId: russianLesson.id, studentId: g.students[0].id, text: '5' }],
    }),
  );
  await t.cleanup();
});

test('journal movement: a transferred student’s cells after the transfer are closed', async () => {
  const { t, s, g, asMath } = await setup();
  const leaver = g.students[3];
  await movement.withdrawStudent(t.ctx, { studentId: leaver.id, date: '2025-09-30', order_number: '12-у', reason: 'Переезд' });
  const after = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
  const row = after.students.find((x) => x.id === leaver.id)!;
  assert.deepEqual(row.active, [{ start_date: '2025-09-01', end_date: '2025-09-29' }]);
  const early = after.lessons.find((l) => l.date <= '2025-09-29')!;
  const late = after.lessons.find((l) => l.date >= '2025-10-01')!;
  assert.equal((await cells.saveCell(asMath, { lessonId: early.id, studentId: leaver.id, text: '4' }))?.text, '4');
  await assert.rejects(cells.saveCell(asMath, { lessonId: late.id, studentId: leaver.id, text: '4' }), /Клетка закрыта/);
  await t.cleanup();
});

test('journal locks: period marks close the period for the teacher; the deputy unlocks with a reason', async () => {
  const { t, s, g, asMath, asDeputy } = await setup();
  const [a, b] = g.students;
  await cells.saveCell(asMath, { lessonId: g.lessons[0].id, studentId: a.id, text: '5' });
  await assert.rejects(
    finals.setFinals(asMath, {
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      kind: 'p1',
      marks: [{ studentId: a.id, value: '6' }],
      lock: true,
    }),
    /от 2 до 5/,
  );
  const r = await finals.setFinals(asMath, {
    classId: s.classes.c5,
    subjectId: s.subjects.math,
    kind: 'p1',
    marks: [
      { studentId: a.id, value: '5' },
      { studentId: b.id, value: 'н/а' },
    ],
    lock: true,
  });
  assert.equal(r.saved, 2);
  assert.ok(r.lockId);
  const locked = await grid.loadGrid(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
  assert.equal(locked.canEdit, false);
  assert.match(locked.readOnlyReason!, /закрыт/);
  assert.equal(locked.finals[a.id].value, '5');
  await assert.rejects(cells.saveCell(asMath, { lessonId: g.lessons[1].id, studentId: a.id, text: '4' }), { code: 'LOCKED' });
  await assert.rejects(
    details.saveLessonDetails(asMath, { lessonId: g.lessons[1].id, topic: 'Дроби', homework: '', workKind: '', planTopicId: null }),
    { code: 'LOCKED' },
  );
  await assert.rejects(
    finals.setFinals(asMath, {
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      kind: 'p1',
      marks: [{ studentId: a.id, value: '4' }],
      lock: true,
    }),
    { code: 'LOCKED' },
  );
  await finals.unlock(asDeputy, r.lockId!, 'Ошибка в отметке Антонова, служебная записка № 3');
  assert.equal((await cells.saveCell(asMath, { lessonId: g.lessons[1].id, studentId: a.id, text: '4' }))?.text, '4');
  const row = await t.db.selectFrom('journal_lock').selectAll().where('id', '=', r.lockId!).executeTakeFirstOrThrow();
  assert.match(row.unlock_reason!, /служебная записка/);
  // The next period is not affected by the first one's lock.
  const p2 = g.periods[1];
  const later = await grid.loadGrid(t.as(asMath.actor), { classId: s.classes.c5, subjectId: s.subjects.math, periodId: p2.id });
  assert.equal(later.lock, null);
  await t.cleanup();
});

test('lesson details: topic and homework with entry times; warnings after the deadline', async () => {
  const { t, s, g, asMath, at } = await setup();
  const l = g.lessons[0];
  assert.deepEqual(l.warnings, ['Не записана тема урока', 'Не записано домашнее задание']);
  const saved = await details.saveLessonDetails(asMath, {
    lessonId: l.id,
    topic: 'Натуральные числа',
    homework: '§ 1, № 3–5',
    workKind: 'устный опрос',
    planTopicId: null,
  });
  assert.deepEqual(saved.warnings, []);
  const row = await t.db
    .selectFrom('lesson')
    .select(['topic_at', 'homework_at', 'entered_at'])
    .where('id', '=', l.id)
    .executeTakeFirstOrThrow();
  assert.ok(row.topic_at && row.homework_at && row.entered_at);
  // On the lesson's own day nothing is late yet.
  const sameDay = at(asMath, l.date);
  const fresh = await grid.loadGrid(sameDay, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
  assert.deepEqual(fresh.lessons.find((x) => x.date === l.date && x.id !== l.id)?.warnings ?? [], []);
  await t.cleanup();
});

test('grid warnings follow the school’s deadline settings: the same rule that judges late entries', async () => {
  const { t, s, g, asMath, asDeputy, at } = await setup();
  const l = g.lessons[0];
  const nextMorning = at(asMath, nextDay(l.date));
  const warnings = async () =>
    (await grid.loadGrid(nextMorning, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id })).lessons.find(
      (x) => x.id === l.id,
    )!.warnings;
  assert.deepEqual(await warnings(), ['Не записана тема урока', 'Не записано домашнее задание']);
  // The school allows topics a day later: the topic is not overdue the next day; homework still is.
  await saveSetting(asDeputy, { key: 'deadline.topicDays', value: 1 });
  assert.deepEqual(await warnings(), ['Не записано домашнее задание']);
  await t.cleanup();
});

test('homeroom view, student card and attendance by day', async () => {
  const { t, s, g, asMath } = await setup();
  const [a] = g.students;
  await cells.saveCell(asMath, { lessonId: g.lessons[0].id, studentId: a.id, text: '5' });
  await cells.saveCell(asMath, { lessonId: g.lessons[1].id, studentId: a.id, text: 'б' });
  await assert.rejects(homeroom.homeroomView(asMath, { classId: s.classes.c5, periodId: null }), { code: 'FORBIDDEN' });
  const view = await homeroom.homeroomView({ ...t.ctx, now: asMath.now }, { classId: s.classes.c5, periodId: null });
  const row = view.students.find((x) => x.id === a.id)!;
  assert.equal(row.missed, 1);
  assert.equal(row.missedIllness, 1);
  assert.deepEqual(row.rows.find((r) => r.subjectId === s.subjects.math)?.marks, ['5']);
  const card = await homeroom.studentCard(t.ctx, { studentId: a.id, yearId: s.yearId });
  assert.deepEqual(
    card.subjects.find((x) => x.subjectId === s.subjects.math)?.entries.map((e) => e.text),
    ['5', 'б'],
  );
  // An absence written on a lesson later cancelled: the lesson was not held, so it is no missed lesson.
  const later = g.lessons.find((l) => l.date !== g.lessons[1].date)!;
  await cells.saveCell(asMath, { lessonId: later.id, studentId: a.id, text: 'н' });
  await t.db.updateTable('lesson').set({ status: 'cancelled' }).where('id', '=', later.id).execute();
  const att = await homeroom.classAttendance(t.ctx, { classId: s.classes.c5, from: '2025-09-01', to: '2025-09-30' });
  const mine = att.students.find((x) => x.id === a.id)!;
  assert.equal(mine.days[g.lessons[1].date].б, 1);
  assert.equal(mine.days[later.date], undefined);
  assert.equal(mine.total, 1);
  await t.cleanup();
});

test('corrections report: a change after the lesson day and one after an unlock, with the reason', async () => {
  const { t, s, g, asMath, asDeputy, at } = await setup();
  const [a] = g.students;
  const l = g.lessons[0];
  await cells.saveCell(at(asMath, l.date), { lessonId: l.id, studentId: a.id, text: '3' });
  await cells.saveCell(at(asMath, '2025-10-15'), { lessonId: l.id, studentId: a.id, text: '4' });
  const lock = await finals.setFinals(asMath, { classId: s.classes.c5, subjectId: s.subjects.math, kind: 'p1', marks: [], lock: true });
  await finals.unlock(at(asDeputy, '2025-10-27'), lock.lockId!, 'Апелляция родителей');
  await cells.saveCell(at(asDeputy, '2025-10-28'), { lessonId: l.id, studentId: a.id, text: '5' });
  const report = await correctionsReport(t.ctx, { yearId: s.yearId, classId: null, from: '2025-09-01', to: '2025-12-31' });
  assert.deepEqual(
    report.map((r) => [r.before, r.after, r.when, r.reason]),
    [
      ['3', '4', 'после дня урока', ''],
      ['4', '5', 'после выставления итоговых отметок', 'Апелляция родителей'],
    ],
  );
  await t.cleanup();
});

test('compromised account: its marks since the leak are put back, older ones stay', async () => {
  const { t, s, g, asMath, at } = await setup();
  const u = await t.db
    .insertInto('app_user')
    .values({
      login: 'ivanova',
      display_name: 'Иванова',
      staff_id: s.staff.mathT,
      password_hash: null,
      activation_hash: null,
      locked_until: null,
      compromised_at: null,
      created_at: new Date().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const teacher = { ...asMath, actor: { ...asMath.actor, userId: u.id } };
  const [a, b] = g.students;
  const [l1, l2] = g.lessons;
  await cells.saveCell(at(teacher, '2025-10-01'), { lessonId: l1.id, studentId: a.id, text: '3' });
  await cells.saveCell(at(teacher, '2025-10-10'), { lessonId: l1.id, studentId: a.id, text: '5' });
  await cells.saveCell(at(teacher, '2025-10-10'), { lessonId: l2.id, studentId: b.id, text: 'н' });
  const admin = at(t.ctx, '2025-10-11');
  await markCompromised(admin, u.id, '2025-10-05T00:00:00Z');
  const ops = await compromisedOperations(admin, u.id);
  assert.equal(ops.length, 2);
  assert.ok(ops.every((o) => o.voidable));
  assert.match(ops[0].details, /^5А, Математика, урок \d\d\.\d\d\.2025, Антонов Иван: 3 → 5$/);
  const r = await voidCompromised(admin, u.id);
  assert.equal(r.voided, 2);
  const back = await grid.loadGrid(admin, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: g.period.id });
  assert.equal(back.cells[`${a.id}:${l1.id}`].text, '3');
  assert.equal(back.cells[`${b.id}:${l2.id}`], undefined);
  await t.cleanup();
});

test('journal list: the teacher sees the journals of their load and of lessons they substituted; the deputy sees all', async () => {
  const { t, s, g, asMath, asRussian } = await setup();
  const keys = (l: { className: string; subjectName: string; groupName: string | null }[]) =>
    l.map((j) => `${j.className} ${j.subjectName}${j.groupName ? ` (${j.groupName})` : ''}`).sort();
  assert.deepEqual(keys(await grid.listJournals(asMath, s.yearId)), ['1А Математика', '5А Математика']);
  await t.db.updateTable('lesson').set({ substitute_staff_id: s.staff.rusT }).where('id', '=', g.lessons[0].id).execute();
  assert.ok(keys(await grid.listJournals(asRussian, s.yearId)).includes('5А Математика'));
  const all = keys(await grid.listJournals(t.ctx, s.yearId));
  assert.ok(all.includes('10А Русский язык') && all.some((k) => k.includes('подгруппа')), all.join(', '));
  await t.cleanup();
});

test('a group with lessons of the year cannot be deleted: a clear message, nothing changed', async () => {
  const { t, s } = await setup();
  await assert.rejects(groups.deleteGroup(t.ctx, s.groups.g1), /есть уроки года/);
  assert.ok(await t.db.selectFrom('study_group').select('id').where('id', '=', s.groups.g1).executeTakeFirst());
  await t.cleanup();
});

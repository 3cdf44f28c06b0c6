import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { WEEKLY_KINDS, type WeeklyLine } from '../../main/contract/control-weekly';
import { lateness } from '../../main/contract/rules/entry-deadline';
import { weeklyControl, weeklyStatus, weekOf } from '../../main/control/weekly';
import type { Actor, Ctx } from '../../main/kernel/context';
import { deadlineRules, putSetting } from '../../main/kernel/settings';
import { mutate } from '../../main/kernel/mutate';
import * as cells from '../../main/journal/cells';
import * as details from '../../main/journal/lesson-details';
import * as finals from '../../main/journal/final-marks';
import * as controlWorks from '../../main/timetable/control-works';
import * as lessons from '../../main/timetable/lessons';
import { runCli } from '../../main/transport/cli/index';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool } from '../helpers/timetable';

// The weekly control on a hand-made class, 5А, in the week Monday 15 — Sunday 21 December 2025 (2nd quarter,
// 05.11–26.12), judged on Friday 19.12 at 15:00 Moscow time. Every entry goes through the journal's write path at a
// chosen moment; the expected lists are worked out by hand in the comments (default deadlines: topic, attendance and
// lesson marks — the lesson's day; homework — 90 minutes after the class's last lesson, 5А's bells: 1st 8:00–8:40,
// 2nd 9:00–9:40, so 11:10 every day of this week; a control work 3 days, a dictation 7).

const deputy: Actor = { userId: null, name: 'Завуч', roles: ['deputy'], staffId: null, system: false };
/** A Moscow wall-clock moment as a UTC Date. */
const msk = (date: string, time: string) => new Date(`${date}T${time}:00+03:00`);

async function fixture() {
  const t = await tempDb();
  const s = await smallSchool(t.ctx);
  await plainWeek(t.ctx, s);
  await lessons.generateLessons(t.ctx, { yearId: s.yearId });
  // The period marks' window: the last 10 days of the quarter (17.12–26.12), so that Friday 19.12 is inside it.
  await mutate(t.ctx, (w) => putSetting(w.trx, 'deadline.periodMarksWindowDays', 10));
  const at = (d: Date): Ctx => ({ ...t.as(deputy), now: () => d });
  const lesson = async (subjectId: number, date: string, groupId: number | null = null) =>
    (
      await t.db
        .selectFrom('lesson')
        .select('id')
        .where('class_id', '=', s.classes.c5)
        .where('subject_id', '=', subjectId)
        .where('date', '=', date)
        .where('group_id', 'is not distinct from', groupId)
        .executeTakeFirstOrThrow()
    ).id;
  const { math, russian, english } = s.subjects;
  const [k0, k1] = s.kids;
  const fill = (lessonId: number, d: Date, topic = 'Тема', homework = 'Задание') =>
    details.saveLessonDetails(at(d), { lessonId, topic, homework, workKind: '', planTopicId: null });
  const mark = (lessonId: number, studentId: number, text: string, d: Date) => cells.saveCell(at(d), { lessonId, studentId, text });

  // Two earlier math marks of Антонов (k0) in November, entered the same day: in time, and not in this week.
  await mark(await lesson(math, '2025-11-10'), k0, '4', msk('2025-11-10', '10:00'));
  await mark(await lesson(math, '2025-11-11'), k0, '5', msk('2025-11-11', '10:00'));
  // Mon 15: math (M1) and Russian (R1) filled in time; k0 gets «5» in M1 (his 3rd math mark of the quarter).
  await fill(await lesson(math, '2025-12-15'), msk('2025-12-15', '10:00'));
  await mark(await lesson(math, '2025-12-15'), k0, '5', msk('2025-12-15', '10:00'));
  await fill(await lesson(russian, '2025-12-15'), msk('2025-12-15', '10:00'));
  // Tue 16: math (M2) filled on Wed 17 at 10:00: topic and attendance 10 h late, homework 22 h 50 min late (from 11:10).
  await fill(await lesson(math, '2025-12-16'), msk('2025-12-17', '10:00'));
  // Tue 16: English, subgroup 1 filled in time; subgroup 2 (E2) never.
  await fill(await lesson(english, '2025-12-16', s.groups.g1), msk('2025-12-16', '09:30'));
  // Wed 17: math (M3) never filled. Russian (R2) in time, but Борисов's (k1) «4» typed on Thu 18 at 10:00: 10 h late.
  await fill(await lesson(russian, '2025-12-17'), msk('2025-12-17', '10:00'));
  await mark(await lesson(russian, '2025-12-17'), k1, '4', msk('2025-12-18', '10:00'));
  // Thu 18: math (M4) topic only, in time: its homework is overdue since 11:10.
  await fill(await lesson(math, '2025-12-18'), msk('2025-12-18', '10:00'), 'Тема', '');
  // Fri 19: math (M5) nothing yet: at 15:00 only its homework is overdue (topic and attendance: until midnight).
  // Russian (R3) filled at 9:30, in time.
  await fill(await lesson(russian, '2025-12-19'), msk('2025-12-19', '09:30'));
  // Control works: math on Mon 8.12 without marks (3 days: overdue since Fri 12.12); math on Mon 15 (k0's «5»: has
  // marks); a Russian dictation on Fri 19 without marks, but its 7 days run to Fri 26.
  const work = (subjectId: number, date: string, kind: string) =>
    controlWorks.saveControlWork(t.ctx, {
      id: null,
      yearId: s.yearId,
      classId: s.classes.c5,
      subjectId,
      date,
      lesson_number: null,
      kind,
      title: '',
    });
  await work(math, '2025-12-08', 'Контрольная работа');
  await work(math, '2025-12-15', 'Контрольная работа');
  await work(russian, '2025-12-19', 'Диктант');
  // The quarter's mark of Антонов in math only.
  await finals.setFinals(at(msk('2025-12-19', '10:00')), {
    classId: s.classes.c5,
    subjectId: math,
    groupId: null,
    kind: 'p2',
    marks: [{ studentId: k0, value: '5' }],
    lock: false,
  });
  return { t, s, at, lesson };
}

const counts = (l: WeeklyLine) => Object.fromEntries(WEEKLY_KINDS.map((k) => [k, l[k]]));

test('weekOf: Monday to Sunday', () => {
  assert.deepEqual(weekOf('2025-12-19'), { from: '2025-12-15', to: '2025-12-21' });
  assert.deepEqual(weekOf('2025-12-15'), { from: '2025-12-15', to: '2025-12-21' });
  assert.deepEqual(weekOf('2025-12-21'), { from: '2025-12-15', to: '2025-12-21' });
});

test('weekly control: every list on a hand-made class', async () => {
  const { t, s, at, lesson } = await fixture();
  try {
    const friday = at(msk('2025-12-19', '15:00'));
    const r = await weeklyControl(friday, { week: '2025-12-17', classId: s.classes.c5 });
    assert.equal(r.from, '2025-12-15');
    assert.equal(r.to, '2025-12-21');
    assert.equal(r.minMarks, 3);
    const by = new Map(r.lines.map((l) => [`${l.subjectName}${l.groupName ? ` / ${l.groupName}` : ''}`, l]));
    assert.deepEqual([...by.keys()].sort(), [
      'Английский язык / Англ. — 1 подгруппа',
      'Английский язык / Англ. — 2 подгруппа',
      'Математика',
      'Русский язык',
    ]);

    // Math (Иванова): no topic M3; no homework M3, M4, M5; no attendance M3; late: M2's topic, homework and
    // attendance; few marks: k0 has 3 (5.11-quarter: 10.11, 11.11, 15.12), k1–k3 none → 3, all three without marks
    // (3 of 4 = 75,0 %); unmarked work: 8.12; no quarter mark: k1, k2, k3.
    const m = by.get('Математика')!;
    assert.equal(m.teacher, 'Иванова А. П.');
    assert.deepEqual(counts(m), { noTopic: 1, noHomework: 3, noAttendance: 1, late: 3, fewMarks: 3, unmarkedWork: 1, noPeriodMark: 3 });
    assert.deepEqual([m.students, m.withoutMarks, m.withoutMarksShare], [4, 3, 75]);
    const m3 = await lesson(s.subjects.math, '2025-12-17');
    assert.deepEqual(
      m.items.filter((i) => i.kind === 'noTopic').map((i) => [i.lessonId, i.date, i.periodKind]),
      [[m3, '2025-12-17', 'p2']],
    );
    assert.deepEqual(
      m.items.filter((i) => i.kind === 'noHomework').map((i) => i.date),
      ['2025-12-17', '2025-12-18', '2025-12-19'],
    );
    assert.deepEqual(m.items.find((i) => i.kind === 'unmarkedWork')?.lessonId, await lesson(s.subjects.math, '2025-12-08'));
    const late = m.items.filter((i) => i.kind === 'late').map((i) => i.text);
    assert.deepEqual(
      late.sort(),
      ['16.12.2025: домашнее задание на 22 ч 50 мин', '16.12.2025: посещаемость на 10 ч', '16.12.2025: тема на 10 ч'].sort(),
    );

    // Russian (Петрова): late: k1's «4» in R2; few marks: k1 has 1, the others 0 → 4, 3 without (75,0 %); the
    // dictation of 19.12 is not overdue yet; no quarter mark for all 4.
    const ru = by.get('Русский язык')!;
    assert.deepEqual(counts(ru), { noTopic: 0, noHomework: 0, noAttendance: 0, late: 1, fewMarks: 4, unmarkedWork: 0, noPeriodMark: 4 });
    assert.deepEqual([ru.students, ru.withoutMarks, ru.withoutMarksShare], [4, 3, 75]);
    const lateMark = ru.items.find((i) => i.kind === 'late')!;
    assert.deepEqual(
      [lateMark.lessonId, lateMark.studentId, lateMark.text],
      [await lesson(s.subjects.russian, '2025-12-17'), s.kids[1], '17.12.2025: отметка «4» на 10 ч'],
    );

    // English: subgroup 1 (k0, k1) filled in time but no marks; subgroup 2 (k2, k3) never filled on Tue 16.
    const g1 = by.get('Английский язык / Англ. — 1 подгруппа')!;
    assert.deepEqual(counts(g1), { noTopic: 0, noHomework: 0, noAttendance: 0, late: 0, fewMarks: 2, unmarkedWork: 0, noPeriodMark: 2 });
    assert.deepEqual([g1.students, g1.withoutMarks, g1.withoutMarksShare], [2, 2, 100]);
    const g2 = by.get('Английский язык / Англ. — 2 подгруппа')!;
    assert.deepEqual(counts(g2), { noTopic: 1, noHomework: 1, noAttendance: 1, late: 0, fewMarks: 2, unmarkedWork: 0, noPeriodMark: 2 });

    assert.deepEqual(r.totals, { noTopic: 2, noHomework: 4, noAttendance: 2, late: 4, fewMarks: 11, unmarkedWork: 1, noPeriodMark: 11 });

    // The stored attendance time is the lesson's first entry, and its lateness is the one rule's.
    const m2 = await t.db
      .selectFrom('lesson')
      .select(['attendance_at', 'date'])
      .where('id', '=', await lesson(s.subjects.math, '2025-12-16'))
      .executeTakeFirstOrThrow();
    assert.equal(m2.attendance_at, msk('2025-12-17', '10:00').toISOString());
    assert.equal(lateness('attendance', m2.attendance_at!, { date: m2.date }, 'Europe/Moscow', await deadlineRules(t.db)), 600);

    // A week later (22–28.12, judged at the end of Sunday 28, after the quarter's end on 26.12): the dictation of 19.12 is now
    // overdue, and nothing of the earlier week is counted as missing.
    const next = await weeklyControl(at(msk('2025-12-30', '12:00')), { week: '2025-12-22', classId: s.classes.c5 });
    assert.equal(next.lines.find((l) => l.subjectName === 'Русский язык')?.unmarkedWork, 1);
  } finally {
    await t.cleanup();
  }
});

test('weekly control: scopes — a teacher sees their own lines, a homeroom teacher their class; the home panel', async () => {
  const { t, s, at } = await fixture();
  try {
    await t.db.updateTable('class').set({ homeroom_staff_id: s.staff.engB }).where('id', '=', s.classes.c5).execute();
    const friday = msk('2025-12-19', '15:00');
    const as = (staffId: number, roles: Actor['roles']) => ({ ...at(friday), actor: { ...deputy, roles, staffId } });
    const mathTeacher = await weeklyControl(as(s.staff.mathT, ['teacher']), { week: '2025-12-19', classId: null });
    assert.deepEqual([...new Set(mathTeacher.lines.map((l) => l.teacher))], ['Иванова А. П.']);
    // Иванова also teaches 1А: its lessons are in her lines too (grade 1 has no marks lists)
    assert.ok(mathTeacher.lines.some((l) => l.className === '1А'));
    assert.ok(mathTeacher.lines.every((l) => l.className !== '10А'));
    // The homeroom teacher of 5А (Кузнецова, who also teaches subgroup 2) sees every line of 5А and nothing else.
    const homeroom = await weeklyControl(as(s.staff.engB, ['teacher', 'homeroom']), { week: '2025-12-19', classId: null });
    assert.deepEqual([...new Set(homeroom.lines.map((l) => l.className))], ['5А']);
    assert.equal(homeroom.lines.length, 4);
    assert.match(homeroom.scope, /класс 5А/);
    // The deputy: the school (1А's and 10А's lines too).
    const school = await weeklyControl(at(friday), { week: '2025-12-19', classId: null });
    assert.equal(school.scope, 'вся школа');
    assert.ok(school.lines.some((l) => l.className === '10А'));
    const status = await weeklyStatus(at(friday));
    assert.deepEqual(status.totals, school.totals);
    assert.equal(status.lines, school.lines.length);
    // Someone without a staff card and not of the administration has no scope.
    await assert.rejects(
      weeklyControl({ ...at(friday), actor: { ...deputy, roles: ['teacher'] } }, { week: '2025-12-19', classId: null }),
      /FORBIDDEN|доступен/,
    );
  } finally {
    await t.cleanup();
  }
});

test('report control: PDF (pdfinfo, pdftotext) and XLSX read back', async () => {
  const { t } = await fixture();
  try {
    const pdf = path.join(t.dir, 'control.pdf');
    const xlsx = path.join(t.dir, 'control.xlsx');
    const log: string[] = [];
    const out = { log: (m: string) => log.push(m), err: (m: string) => log.push(m) };
    await t.close();
    // the CLI judges against the real clock: the week of 15.12.2025 is long past, so deadlines are judged at its end
    assert.equal(await runCli(['report', 'control', '--db', t.target, '--week', '2025-12-17', '--format', 'pdf', '--out', pdf], out), 0);
    assert.equal(await runCli(['report', 'control', '--db', t.target, '--week', '2025-12-17', '--format', 'xlsx', '--out', xlsx], out), 0);
    assert.equal(await runCli(['report', 'control', '--db', t.target, '--week', '17.12.2025', '--format', 'pdf', '--out', pdf], out), 2);
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    // page 1: the week per teacher (A4 portrait); page 2: the lines by class and subject, and the rules
    assert.match(info, /Pages:\s+2\n/);
    assert.match(info, /Title:\s+Еженедельный контроль ведения журнала: 15\.12\.2025 — 21\.12\.2025/);
    const page1 = execFileSync('pdftotext', ['-layout', '-f', '1', '-l', '1', pdf, '-'], { encoding: 'utf8' });
    assert.match(page1, /Итого \(4 уч\.\)/);
    assert.match(page1, /Иванова А\. П\./);
    const page2 = execFileSync('pdftotext', ['-layout', '-f', '2', '-l', '2', pdf, '-'], { encoding: 'utf8' });
    assert.match(page2, /Иванова А\. П\.\s+5А\s+Математика/);
    assert.match(page2, /Неделя — с понедельника по воскресенье/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(fs.readFileSync(xlsx) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet('Контроль')!;
    const rows = ws.getSheetValues().filter(Boolean) as unknown[][];
    const mathRow = rows.find((r) => r[1] === 'Иванова А. П.' && r[2] === '5А' && r[3] === 'Математика');
    assert.ok(mathRow, 'the math line is in the workbook');
    // at the end of the week (Sunday): M5's topic and attendance are overdue too → 2 without topic, 2 without attendance
    assert.deepEqual(mathRow.slice(4, 11), [2, 3, 2, 3, 3, 1, 3]);
    assert.ok(wb.getWorksheet('Подробно')!.rowCount > 10);
  } finally {
    await t.cleanup();
  }
});

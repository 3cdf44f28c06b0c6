import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { attendanceReport } from '../../main/control/attendance';
import { programmeReport } from '../../main/control/curriculum';
import { exportAttendance, exportProgramme } from '../../main/control/monitoring-xlsx';
import { runCli } from '../../main/transport/cli/index';
import type { AttendanceRow } from '../../main/contract/control-monitoring';
import { monitoringSchool, workbookOf } from '../helpers/monitoring';

// Attendance and the curriculum's fulfilment (issue 12, part 8) on a hand-made 5А of four students (and a few lessons
// of 10А). «Today» is 1 October 2025 on the school's clock (Moscow), while UTC is still on 30 September; every figure
// is worked out by hand in the comments.

async function fixture() {
  const f = await monitoringSchool();
  const { t, s, lesson, absence } = f;
  const [anton, boris, vasya, grisha] = s.kids; // English: Антонов, Борисов in group 1; Васильев, Григорьев in group 2
  const { math, russian, english } = s.subjects;
  const { mathT, rusT, engA, engB } = s.staff;
  const plan = async (subjectId: number, classId: number | null, name: string, topics: number) => {
    const id = Number(
      (
        await t.db
          .insertInto('thematic_plan')
          .values({
            year_id: s.yearId,
            subject_id: subjectId,
            grade: classId === s.classes.c10 ? 10 : 5,
            class_id: classId,
            name,
            updated_at: '2025-08-30T10:00:00Z',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
    const ids: number[] = [];
    for (let i = 1; i <= topics; i++)
      ids.push(
        Number(
          (
            await t.db
              .insertInto('plan_topic')
              .values({ plan_id: id, position: i, title: `Тема ${i}`, hours: 1, kind: 'ordinary' })
              .returning('id')
              .executeTakeFirstOrThrow()
          ).id,
        ),
      );
    return ids;
  };
  const [t1, t2, t3, t4] = await plan(math, null, 'Математика 5', 4);
  await plan(russian, null, 'Русский язык 5', 5); // the grade's plan: 5А has its own, which wins
  const [r1] = await plan(russian, s.classes.c5, 'Русский язык 5А', 2);

  // 5А mathematics
  const li = await lesson({ subjectId: math, staffId: mathT, date: '2025-09-12' }, { topic: t1 }); // nothing written
  const lh = await lesson({ subjectId: math, staffId: mathT, date: '2025-09-26' }, { status: 'cancelled' });
  const la = await lesson({ subjectId: math, staffId: mathT, date: '2025-09-29' }, { written: true, topic: t2 });
  const lc = await lesson({ subjectId: math, staffId: mathT, date: '2025-09-30' }, { written: true, topic: t2 });
  const lf = await lesson({ subjectId: math, staffId: mathT, date: '2025-10-01' }, { topic: t3 }); // today
  const lg = await lesson({ subjectId: math, staffId: mathT, date: '2025-10-02' }, { topic: t4 }); // tomorrow
  // 5А Russian, English in groups
  const lb = await lesson({ subjectId: russian, staffId: rusT, date: '2025-09-29', number: 2 }, { written: true, topic: r1 });
  const ld = await lesson({ subjectId: english, staffId: engA, date: '2025-09-30', number: 2, groupId: s.groups.g1 });
  const le = await lesson({ subjectId: english, staffId: engB, date: '2025-09-30', number: 2, groupId: s.groups.g2 });
  // 10А Russian (no students): moves, one to a day already past, one to a day still ahead.
  const c10 = { classId: s.classes.c10, subjectId: russian, staffId: rusT };
  await lesson({ ...c10, date: '2025-09-15' }, { written: true });
  const m1 = await lesson({ ...c10, date: '2025-09-19' }, { status: 'moved' });
  await lesson({ ...c10, date: '2025-09-20' }, { movedFrom: m1, written: true });
  const m2 = await lesson({ ...c10, date: '2025-09-22' }, { status: 'moved' });
  await lesson({ ...c10, date: '2025-10-05' }, { movedFrom: m2 });
  await lesson({ ...c10, date: '2025-10-10' });

  await absence(la, anton, 'б');
  await absence(la, boris, 'н');
  await absence(lb, anton, 'б');
  await absence(lc, anton, 'у');
  await absence(ld, boris, 'н');
  await absence(lf, vasya, 'н');
  await absence(lf, grisha, 'у');
  await absence(lg, grisha, 'н'); // tomorrow's lesson: never counts
  await absence(lh, grisha, 'б'); // a cancelled lesson: not held, never counts
  return { ...f, lessons: { li, le } };
}

const figures = (r: AttendanceRow) => [r.name, r.seats, r.н, r.б, r.у, r.total, r.attendance];

test('attendance: absences by class, month, day, reason and student up to today; lessons where it was never taken', async () => {
  const { t, s, at, load, lessons } = await fixture();
  try {
    const school = await attendanceReport(at(), { yearId: s.yearId, classId: null, from: null, to: null });
    assert.equal(school.today, '2025-10-01'); // the school's clock, not UTC's
    assert.equal(school.to, '2025-10-01');
    // Seats (student-lessons): 12.09 4; 29.09 mathematics 4 + Russian 4; 30.09 mathematics 4 + each English group 2;
    // 01.10 4 → September 20, October 4, 24 in all. Absences: September н 2 (Борисов twice), б 2 (Антонов), у 1;
    // October н 1, у 1. Attendance: September 15/20 = 75 %, October 2/4 = 50 %, the class 17/24 = 70,8 %.
    assert.deepEqual(school.classes.map(figures), [['5А', 24, 3, 2, 2, 7, 70.8]]);
    assert.deepEqual(school.months.map(figures), [
      ['сентябрь 2025', 20, 2, 2, 1, 5, 75],
      ['октябрь 2025', 4, 1, 0, 1, 2, 50],
    ]);
    assert.deepEqual(figures(school.total), ['Итого', 24, 3, 2, 2, 7, 70.8]);
    assert.deepEqual(school.students, []); // per student only for one class
    // Never taken: held lessons before today with no topic, mark or absence: English group 2 (30.09), mathematics 12.09.
    // Today's mathematics lesson is not late yet; 10А's lessons are written up.
    assert.deepEqual(
      school.notTaken.map((l) => [l.lessonId, l.date, l.subjectName, l.groupName]),
      [
        [lessons.le, '2025-09-30', 'Английский язык', 'Англ. — 2 подгруппа'],
        [lessons.li, '2025-09-12', 'Математика', null],
      ],
    );
    assert.equal(school.notTakenCount, 2);

    const c5 = await attendanceReport(at(), { yearId: s.yearId, classId: s.classes.c5, from: null, to: null });
    // Each student had 6 lessons (4 of mathematics, Russian, their English group).
    // Антонов б 2 у 1 → 3/6 = 50 %; Борисов н 2 → 4/6 = 66,7 %; Васильев н 1, Григорьев у 1 → 5/6 = 83,3 %.
    assert.deepEqual(c5.students.map(figures), [
      ['Антонов Иван', 6, 0, 2, 1, 3, 50],
      ['Борисов Иван', 6, 2, 0, 0, 2, 66.7],
      ['Васильев Иван', 6, 1, 0, 0, 1, 83.3],
      ['Григорьев Иван', 6, 0, 0, 1, 1, 83.3],
    ]);
    // Days: 12.09 4 seats, none absent; 29.09 8 seats, б 2 н 1 → 5/8 = 62,5 %; 30.09 8 seats, у 1 н 1 → 75 %;
    // 01.10 4 seats, н 1 у 1 → 50 %.
    assert.deepEqual(c5.days.map(figures), [
      ['12.09.2025', 4, 0, 0, 0, 0, 100],
      ['29.09.2025', 8, 1, 2, 0, 3, 62.5],
      ['30.09.2025', 8, 1, 0, 1, 2, 75],
      ['01.10.2025', 4, 1, 0, 1, 2, 50],
    ]);
    // A chosen period: up to 29 September only.
    const upTo29 = await attendanceReport(at(), { yearId: s.yearId, classId: s.classes.c5, from: '2025-09-13', to: '2025-09-29' });
    assert.deepEqual(figures(upTo29.total), ['5А', 8, 1, 2, 0, 3, 62.5]);
    await assert.rejects(attendanceReport(at(), { yearId: s.yearId, classId: null, from: '2025-10-01', to: '2025-09-01' }), {
      code: 'INVALID',
    });

    // Scope: the mathematics teacher sees mathematics lessons only: 16 seats (12.09, 29.09, 30.09, 01.10), absences
    // б 1 н 1 (29.09), у 1 (30.09), н 1 у 1 (01.10) → 5; 11/16 = 68,75 → 68,8 %.
    await load(s.staff.mathT, s.subjects.math);
    const teacher = await attendanceReport(at({ roles: ['teacher'], staffId: s.staff.mathT }), {
      yearId: s.yearId,
      classId: null,
      from: null,
      to: null,
    });
    assert.deepEqual(teacher.classes.map(figures), [['5А', 16, 2, 1, 2, 5, 68.8]]);
    assert.deepEqual(
      teacher.notTaken.map((l) => l.lessonId),
      [lessons.li],
    );
    const nobody = await attendanceReport(at({ roles: ['teacher'], staffId: s.staff.peT }), {
      yearId: s.yearId,
      classId: null,
      from: null,
      to: null,
    });
    assert.deepEqual([nobody.classes, nobody.total.seats, nobody.notTakenCount], [[], 0, 0]);
    await t.db.updateTable('class').set({ homeroom_staff_id: s.staff.peT }).where('id', '=', s.classes.c5).execute();
    const homeroom = await attendanceReport(at({ roles: ['homeroom'], staffId: s.staff.peT }), {
      yearId: s.yearId,
      classId: null,
      from: null,
      to: null,
    });
    assert.deepEqual(figures(homeroom.total), ['Итого', 24, 3, 2, 2, 7, 70.8]);

    // The workbook: the class table first, with the reasons in their columns.
    const f = await exportAttendance(at(), { yearId: s.yearId, classId: null, from: null, to: null });
    const wb = await workbookOf(f.base64);
    assert.deepEqual((wb.worksheets[0].getRow(5).values as unknown[]).slice(1), ['5А', 24, 3, 2, 2, 7, 70.8]);
  } finally {
    await t.cleanup();
  }
});

test('curriculum: hours planned, given and lost up to today, and thematic-plan topics passed against those due', async () => {
  const { t, s, at, load } = await fixture();
  try {
    const r = await programmeReport(at(), { yearId: s.yearId, classId: null });
    assert.equal(r.today, '2025-10-01');
    const row = (x: (typeof r.rows)[number] | typeof r.total) => [
      x.className,
      x.subjectName,
      x.groupName,
      x.yearPlanned,
      x.planned,
      x.given,
      x.cancelled,
      x.lost,
      x.fulfilled,
      x.planName,
      x.topicsPlanned,
      x.topicsDue,
      x.topicsPassed,
    ];
    assert.deepEqual(r.rows.map(row), [
      ['5А', 'Английский язык', 'Англ. — 1 подгруппа', 1, 1, 1, 0, 0, 100, null, 0, 0, 0],
      ['5А', 'Английский язык', 'Англ. — 2 подгруппа', 1, 1, 1, 0, 0, 100, null, 0, 0, 0],
      // Mathematics: 6 lessons in the year; up to today 5 planned (12.09, 26.09 cancelled, 29.09, 30.09, 01.10), 4 given,
      // 1 cancelled, 1 lost; 4/5 = 80 %. Topics: 1 on 12.09, 2 on 29.09 and 30.09, 3 today are due (3 of 4);
      // only topic 2's lessons are written up → 1 passed. Tomorrow's topic 4 is not due.
      ['5А', 'Математика', null, 6, 5, 4, 1, 1, 80, 'Математика 5', 4, 3, 1],
      // Russian: the class's own plan of 2 topics wins over the grade's 5; its one lesson written → 1 due, 1 passed.
      ['5А', 'Русский язык', null, 1, 1, 1, 0, 0, 100, 'Русский язык 5А', 2, 1, 1],
      // 10А Russian: planned in the year 15.09, 19.09 (moved), 22.09 (moved), 10.10 = 4 (the new lessons of moves are
      // not planned again); up to today 3; given 15.09 and 20.09 (the move done) = 2; the move to 05.10 is still ahead →
      // 1 lost; 2/3 = 66,7 %.
      ['10А', 'Русский язык', null, 4, 3, 2, 0, 1, 66.7, null, 0, 0, 0],
    ]);
    // Total: 13 in the year, 11 planned, 9 given, 1 cancelled, 2 lost, 9/11 = 81,8 %; topics 6 planned, 4 due, 2 passed.
    assert.deepEqual(row(r.total), ['Итого', '', null, 13, 11, 9, 1, 2, 81.8, null, 6, 4, 2]);

    // Scope: the Russian teacher's load in 5А only: 5А Russian; 10А is neither led nor taught by them here.
    await load(s.staff.rusT, s.subjects.russian);
    const teacher = await programmeReport(at({ roles: ['teacher'], staffId: s.staff.rusT }), { yearId: s.yearId, classId: null });
    assert.deepEqual(
      teacher.rows.map((x) => [x.className, x.subjectName]),
      [['5А', 'Русский язык']],
    );
    // One class.
    const c10 = await programmeReport(at(), { yearId: s.yearId, classId: s.classes.c10 });
    assert.deepEqual(
      c10.rows.map((x) => [x.className, x.lost]),
      [['10А', 1]],
    );

    const f = await exportProgramme(at(), { yearId: s.yearId, classId: null });
    const wb = await workbookOf(f.base64);
    const ws = wb.worksheets[0];
    assert.deepEqual((ws.getRow(7).values as unknown[]).slice(1), ['5А', 'Математика', '', 6, 5, 4, 1, 1, 80, 4, 3, 1]);
  } finally {
    await t.cleanup();
  }
});

test('the CLI: report attendance and programme on the real clock, when every lesson of the fixture is in the past', async () => {
  const { t } = await fixture();
  try {
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    const run = async (args: string[]) => {
      lines.length = 0;
      assert.equal(await runCli(args, out), 0, lines.join('\n'));
      return JSON.parse(lines.join('\n')) as unknown;
    };
    // Today (the machine's clock) is after the whole fixture: 02.10's lesson now counts, with Григорьев's «н»:
    // 24 + 4 = 28 seats, н 3 + 1 = 4, б 2, у 2 → 8 absences; 20/28 = 71,4 %. The cancelled lesson still never counts.
    const a = (await run(['report', 'attendance', '--db', t.target, '--year', '2025/2026', '--class', '5А', '--json'])) as {
      total: { seats: number; н: number; total: number; attendance: number };
    };
    assert.deepEqual([a.total.seats, a.total.н, a.total.total, a.total.attendance], [28, 4, 8, 71.4]);
    // Programme: 5А mathematics 6 of 6 planned, 5 given, 1 cancelled, 1 lost; 10А's move to 05.10 is done now.
    const p = (await run(['report', 'programme', '--db', t.target, '--year', '2025/2026', '--json'])) as {
      rows: { className: string; subjectName: string; planned: number; given: number; lost: number }[];
    };
    assert.deepEqual(
      p.rows.filter((r) => r.subjectName !== 'Английский язык').map((r) => [r.className, r.subjectName, r.planned, r.given, r.lost]),
      [
        ['5А', 'Математика', 6, 5, 1],
        ['5А', 'Русский язык', 1, 1, 0],
        ['10А', 'Русский язык', 4, 4, 0],
      ],
    );
    const xlsx = `${t.dir}/vshk.xlsx`;
    assert.equal(await runCli(['report', 'vshk', '--db', t.target, '--year', '2025/2026', '--out', xlsx], out), 0, lines.join('\n'));
    assert.ok(fs.statSync(xlsx).size > 0);
    assert.equal(await runCli(['report', 'attendance', '--db', t.target, '--year', '2025/2026'], out), 2);
  } finally {
    await t.cleanup();
  }
});

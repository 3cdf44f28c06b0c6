import assert from 'node:assert/strict';
import { test } from 'node:test';
import { can, type Actor } from '../../main/kernel/context';
import { timetableSchemas } from '../../main/contract/timetable';
import { timetableHandlers } from '../../main/timetable/handlers';
import * as control from '../../main/timetable/control-works';
import * as curriculum from '../../main/timetable/curriculum';
import { generateLessons, listLessons } from '../../main/timetable/lessons';
import * as load from '../../main/timetable/load';
import * as subs from '../../main/timetable/substitutions';
import * as timetable from '../../main/timetable/timetable';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool, type SmallSchool } from '../helpers/timetable';
import type { Ctx } from '../../main/kernel/context';

const slotInput = (s: SmallSchool, o: Partial<Parameters<typeof timetable.saveSlot>[1]>) => ({
  id: null,
  versionId: s.versionId,
  classId: s.classes.c5,
  groupId: null,
  weekday: 1,
  lesson_number: 1,
  subjectId: s.subjects.math,
  staffId: s.staff.mathT,
  roomId: s.rooms.r101,
  ...o,
});

test('timetable conflicts: teacher, room, class, subgroup; shifts do not clash; bad lesson numbers are refused', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    const first = await timetable.saveSlot(t.ctx, slotInput(s, {}));
    assert.deepEqual(first.conflicts, []);
    assert.equal(first.warnings.length, 1, 'the teacher is not marked as teaching mathematics');
    await load.setQualifications(t.ctx, { staffId: s.staff.mathT, subjectIds: [s.subjects.math] });
    // the same teacher in 10А at the same time
    const teacher = await timetable.saveSlot(t.ctx, slotInput(s, { classId: s.classes.c10, roomId: s.rooms.r103 }));
    assert.equal(teacher.warnings.length, 0);
    assert.match(teacher.conflicts.join('\n'), /учитель Иванова А\. П\. ведёт два урока одновременно/);
    // room 101 used twice
    const room = await timetable.saveSlot(
      t.ctx,
      slotInput(s, { classId: s.classes.c1, staffId: s.staff.rusT, subjectId: s.subjects.russian }),
    );
    assert.match(room.conflicts.join('\n'), /кабинет 101 занят дважды/);
    // two whole-class lessons in 5А
    const cls = await timetable.saveSlot(t.ctx, slotInput(s, { staffId: s.staff.peT, subjectId: s.subjects.pe, roomId: s.rooms.gym }));
    assert.match(cls.conflicts.join('\n'), /у класса два урока одновременно/);
    // a subgroup lesson during a whole-class lesson
    const sub = await timetable.saveSlot(
      t.ctx,
      slotInput(s, { groupId: s.groups.g1, staffId: s.staff.engA, subjectId: s.subjects.english, roomId: s.rooms.r102 }),
    );
    assert.match(sub.conflicts.join('\n'), /урок подгруппы совпадает с уроком всего класса/);
    // two subgroups at once on Tuesday: fine
    await timetable.saveSlot(
      t.ctx,
      slotInput(s, { weekday: 2, groupId: s.groups.g1, staffId: s.staff.engA, subjectId: s.subjects.english, roomId: s.rooms.r102 }),
    );
    const g2 = await timetable.saveSlot(
      t.ctx,
      slotInput(s, { weekday: 2, groupId: s.groups.g2, staffId: s.staff.engB, subjectId: s.subjects.english, roomId: s.rooms.r103 }),
    );
    assert.deepEqual(g2.conflicts, []);
    // the same teacher at lesson 1 in the first shift and lesson 1 of the second shift: different times
    const shift = await timetable.saveSlot(t.ctx, slotInput(s, { weekday: 3, classId: s.classes.c2, roomId: s.rooms.r103 }));
    await timetable.saveSlot(t.ctx, slotInput(s, { weekday: 3 }));
    assert.deepEqual(shift.conflicts, []);
    const all = await timetable.versionConflicts(t.ctx, s.versionId);
    // the subgroup lesson overlaps both whole-class lessons (mathematics and PE)
    assert.deepEqual(all.conflicts.map((c) => c.kind).sort(), ['class', 'room', 'subgroup', 'subgroup', 'teacher']);

    const before = await t.db
      .selectFrom('timetable_slot')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      timetable.saveSlot(t.ctx, slotInput(s, { lesson_number: 9 })),
      /Урока №9 нет в расписании звонков класса 5А \(есть уроки 1, 2, 3, 4, 5, 6\)/,
    );
    await assert.rejects(
      timetable.saveSlot(t.ctx, slotInput(s, { classId: s.classes.c2, lesson_number: 6 })),
      /Урока №6 нет в расписании звонков класса 2А/,
    );
    await assert.rejects(timetable.saveSlot(t.ctx, slotInput(s, { weekday: 6 })), /учится 5 дней в неделю/);
    await assert.rejects(
      timetable.saveSlot(t.ctx, slotInput(s, { groupId: s.groups.g1, classId: s.classes.c10 })),
      /Группа не относится к классу 10А/,
    );
    const after = await t.db
      .selectFrom('timetable_slot')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n, 'nothing saved on refusal');
  } finally {
    await t.cleanup();
  }
});

test('curriculum: the class row beats the grade row, the period row beats the year row; load check finds gaps and subgroups', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    await curriculum.saveCurriculum(t.ctx, {
      yearId: s.yearId,
      grade: 5,
      classId: null,
      periodNumber: null,
      entries: [
        { subjectId: s.subjects.math, hours: 5 },
        { subjectId: s.subjects.english, hours: 3 },
        { subjectId: s.subjects.russian, hours: 5 },
      ],
    });
    await curriculum.saveCurriculum(t.ctx, {
      yearId: s.yearId,
      grade: 5,
      classId: null,
      periodNumber: 4,
      entries: [{ subjectId: s.subjects.math, hours: 4 }],
    });
    await curriculum.saveCurriculum(t.ctx, {
      yearId: s.yearId,
      grade: 5,
      classId: s.classes.c5,
      periodNumber: null,
      entries: [{ subjectId: s.subjects.russian, hours: 6 }],
    });
    const rows = await curriculum.curriculumRows(t.db, s.yearId);
    const c5 = { id: s.classes.c5, grade: 5 };
    assert.equal(curriculum.resolveHours(rows, c5, 1, s.subjects.math), 5);
    assert.equal(curriculum.resolveHours(rows, c5, 4, s.subjects.math), 4);
    assert.equal(curriculum.resolveHours(rows, c5, 2, s.subjects.russian), 6);
    assert.equal(curriculum.resolveHours(rows, { id: 999, grade: 5 }, 2, s.subjects.russian), 5);
    const view = await curriculum.getCurriculum(t.ctx, { yearId: s.yearId, grade: 5 });
    assert.equal(view.totals.classes[0].byPeriod['1'], 14);
    assert.equal(view.totals.classes[0].byPeriod['4'], 13);
    await assert.rejects(
      curriculum.saveCurriculum(t.ctx, { yearId: s.yearId, grade: 5, classId: null, periodNumber: 5, entries: [] }),
      /нет учебного периода №5/,
    );
    await assert.rejects(
      curriculum.saveCurriculum(t.ctx, { yearId: s.yearId, grade: 10, classId: s.classes.c5, periodNumber: null, entries: [] }),
      /не относится к 10 параллели/,
    );

    await load.saveLoad(t.ctx, {
      id: null,
      yearId: s.yearId,
      staffId: s.staff.mathT,
      classId: s.classes.c5,
      groupId: null,
      subjectId: s.subjects.math,
      hours: 5,
    });
    await load.saveLoad(t.ctx, {
      id: null,
      yearId: s.yearId,
      staffId: s.staff.engA,
      classId: s.classes.c5,
      groupId: s.groups.g1,
      subjectId: s.subjects.english,
      hours: 3,
    });
    await assert.rejects(
      load.saveLoad(t.ctx, {
        id: null,
        yearId: s.yearId,
        staffId: s.staff.engA,
        classId: s.classes.c5,
        groupId: s.groups.g1,
        subjectId: s.subjects.english,
        hours: 2,
      }),
      /уже есть/,
    );
    const check = await load.checkLoad(t.ctx, s.yearId);
    const kinds = check.warnings.map((w) => `${w.kind}: ${w.message}`).join('\n');
    assert.match(kinds, /uncovered: 5А, Русский язык: 6 ч по учебному плану, учитель не назначен/);
    assert.match(kinds, /mismatch: 5А, Математика: в нагрузке 5 ч, по учебному плану 5\/5\/5\/4 ч по периодам/);
    assert.match(kinds, /groups: 5А, Английский язык: 2 уч\. не входят ни в одну подгруппу/);
    assert.match(kinds, /not-qualified: Иванова А\. П\./);
  } finally {
    await t.cleanup();
  }
});

async function generated(ctx: Ctx, s: SmallSchool) {
  await plainWeek(ctx, s);
  await generateLessons(ctx, { yearId: s.yearId });
}

test('substitutions, cancellations and moves: checked, recorded with reason, shown on the lesson and in the report', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    await generated(t.ctx, s);
    const day = '2025-09-08'; // Monday
    const lessons = await listLessons(t.ctx, { classId: s.classes.c5, staffId: null, from: day, to: day });
    const math = lessons.find((l) => l.subjectId === s.subjects.math)!;
    const rus = lessons.find((l) => l.subjectId === s.subjects.russian)!;
    // Петрова teaches 10А at lesson 3 on Monday, free at lesson 1: may substitute.
    await subs.substitute(t.ctx, { lessonId: math.id, staffId: s.staff.rusT, reason: 'Болезнь учителя' });
    const shown = (await listLessons(t.ctx, { classId: null, staffId: s.staff.rusT, from: day, to: day })).map(
      (l) => `${l.className}:${l.lessonNumber}:${l.substitute ?? ''}`,
    );
    assert.ok(shown.includes('5А:1:Петрова А. П.'));
    // Иванова teaches 1А at lesson 2: cannot replace 5А's Russian at lesson 2.
    await assert.rejects(
      subs.substitute(t.ctx, { lessonId: rus.id, staffId: s.staff.mathT, reason: 'Курсы' }),
      /в это время ведёт урок в 1А \(2 урок\)/,
    );
    // move to a holiday, to a busy time, then properly
    await assert.rejects(
      subs.moveLesson(t.ctx, { lessonId: rus.id, date: '2025-10-27', lesson_number: 5, roomId: null, reason: 'х' }),
      /нет уроков/,
    );
    await assert.rejects(
      subs.moveLesson(t.ctx, { lessonId: rus.id, date: day, lesson_number: 1, roomId: null, reason: 'х' }),
      /уже есть урок/,
    );
    await assert.rejects(
      subs.moveLesson(t.ctx, { lessonId: rus.id, date: day, lesson_number: 3, roomId: null, reason: 'х' }),
      /Учитель в это время ведёт урок в 10А/,
    );
    const newId = await subs.moveLesson(t.ctx, { lessonId: rus.id, date: day, lesson_number: 5, roomId: null, reason: 'Олимпиада' });
    await subs.cancelLesson(t.ctx, {
      lessonId:
        lessons.find((l) => l.subjectId === s.subjects.math && l.id !== math.id)?.id ??
        (await listLessons(t.ctx, { classId: s.classes.c1, staffId: null, from: day, to: day }))[0].id,
      reason: 'Карантин',
    });
    const all = await t.db.selectFrom('lesson').selectAll().where('id', 'in', [rus.id, newId]).execute();
    assert.deepEqual(
      all.map((l) => [l.status, l.origin, l.lesson_number]).sort(),
      [
        ['held', 'manual', 5],
        ['moved', 'timetable', 2],
      ].sort(),
    );
    const report = await subs.substitutionReport(t.ctx, { yearId: s.yearId });
    assert.equal(report.total, 3);
    const iv = report.teachers.find((x) => x.staffId === s.staff.mathT)!;
    assert.equal(iv.replaced, 1);
    assert.equal(report.teachers.find((x) => x.staffId === s.staff.rusT)!.gave, 1);
    // regeneration keeps the substituted, moved-away and moved-in lessons
    const r = await generateLessons(t.ctx, { yearId: s.yearId });
    assert.equal(r.totals.removed, 0);
    assert.equal((await t.db.selectFrom('lesson').select('id').where('id', 'in', [math.id, rus.id, newId]).execute()).length, 3);
  } finally {
    await t.cleanup();
  }
});

test('control-work schedule refuses works over the per-day and per-week limits', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    const work = (date: string, subjectId = s.subjects.math) =>
      control.saveControlWork(t.ctx, {
        id: null,
        yearId: s.yearId,
        classId: s.classes.c5,
        subjectId,
        date,
        lesson_number: null,
        kind: 'Контрольная работа',
        title: '',
      });
    await work('2025-09-15');
    await assert.rejects(work('2025-09-15', s.subjects.russian), /не больше 1 в день/);
    await work('2025-09-16');
    await work('2025-09-17');
    await assert.rejects(work('2025-09-18'), /не больше 3 в неделю/);
    await assert.rejects(work('2025-09-20'), /нет уроков/);
    await assert.rejects(
      control.saveControlWork(t.ctx, {
        id: null,
        yearId: s.yearId,
        classId: s.classes.c5,
        subjectId: s.subjects.math,
        date: '2025-09-22',
        lesson_number: 8,
        kind: 'КР',
        title: '',
      }),
      /Урока №8 нет/,
    );
    await control.setLimits(t.ctx, { perDay: 2, perWeek: 4 });
    await work('2025-09-18');
    await control.setLimits(t.ctx, { perDay: 1, perWeek: 3 });
    const check = await control.checkControlWorks(t.ctx, s.yearId);
    assert.equal(check.problems.length, 1);
    assert.match(check.problems[0], /5А, неделя с 15\.09\.2025: 4 работ/);
  } finally {
    await t.cleanup();
  }
});

test('every change of the timetable area needs setup.write, which teachers do not have, but for their own plans', () => {
  const teacher: Actor = { userId: 1, name: 'учитель', roles: ['teacher'], staffId: 1, system: false };
  const deputy: Actor = { ...teacher, roles: ['deputy'] };
  const reads = new Set([
    'curriculum.get',
    'load.list',
    'load.check',
    'qualifications.list',
    'timetable.versions',
    'timetable.slots',
    'timetable.conflicts',
    'timetable.pdf',
    'lessons.list',
    'lessons.hours',
    'subs.list',
    'subs.report',
    'plans.list',
    'plans.get',
    'plans.export',
    'control.list',
    'control.check',
    'control.limits',
  ]);
  // Scoped by main/school/rights.ts (issue 15 part 1): a teacher's own plans; timetable changes by the administrator and
  // the homeroom teacher, which a subject teacher does not have.
  const scoped = new Map<string, string>([
    ['plans.preview', 'plans.write'],
    ['plans.import', 'plans.write'],
    ['plans.delete', 'plans.write'],
    ['subs.substitute', 'timetable.changes'],
    ['subs.cancel', 'timetable.changes'],
    ['subs.move', 'timetable.changes'],
    // the substitution dialog's free teachers and its check before saving, for whoever may save the change
    ['subs.candidates', 'timetable.changes'],
    ['subs.check', 'timetable.changes'],
  ]);
  for (const ch of Object.keys(timetableSchemas) as (keyof typeof timetableSchemas)[]) {
    const access = timetableHandlers[ch].access;
    assert.equal(access, reads.has(ch) ? 'setup.read' : (scoped.get(ch) ?? 'setup.write'), ch);
    assert.equal(can(deputy, access as never), true);
    assert.equal(can(teacher, access as never), reads.has(ch) || access === 'plans.write', ch);
  }
});

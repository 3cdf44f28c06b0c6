import assert from 'node:assert/strict';
import { test } from 'node:test';
import { generateLessons, listLessons } from '../../main/timetable/lessons';
import * as load from '../../main/timetable/load';
import { checkSubstitution, substitutionCandidates } from '../../main/timetable/substitution-check';
import * as subs from '../../main/timetable/substitutions';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool } from '../helpers/timetable';

test('substitution candidates: only the teachers free at that lesson, best suited first; the check tells before saving', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    await plainWeek(t.ctx, s);
    await generateLessons(t.ctx, { yearId: s.yearId });
    const loadOf = (staffId: number, classId: number, subjectId: number) =>
      load.saveLoad(t.ctx, { id: null, yearId: s.yearId, staffId, classId, groupId: null, subjectId, hours: 2 });
    await loadOf(s.staff.engA, s.classes.c5, s.subjects.english); // teaches the class
    await loadOf(s.staff.engB, s.classes.c10, s.subjects.russian); // teaches the subject elsewhere
    await loadOf(s.staff.mathT, s.classes.c5, s.subjects.math); // teaches 1А at the same time: busy
    await load.setQualifications(t.ctx, { staffId: s.staff.peT, subjectIds: [s.subjects.russian] }); // qualified for it
    const day = '2025-09-08'; // Monday: 5А Russian is lesson 2 (Петрова), 1А mathematics is lesson 2 (Иванова)
    const rus = (await listLessons(t.ctx, { classId: s.classes.c5, staffId: null, from: day, to: day })).find(
      (l) => l.subjectId === s.subjects.russian,
    )!;

    const list = await substitutionCandidates(t.ctx, { lessonId: rus.id });
    assert.deepEqual(
      list.map((c) => [c.staffId, c.match]),
      [
        [s.staff.engB, 'subject'],
        [s.staff.peT, 'qualified'],
        [s.staff.engA, 'class'],
      ],
    );
    assert.ok(!list.some((c) => c.staffId === s.staff.rusT), 'the lesson’s own teacher is not offered');
    assert.ok(!list.some((c) => c.staffId === s.staff.mathT), 'a teacher busy at that time is not offered');

    const before = await t.db
      .selectFrom('substitution')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const busy = await checkSubstitution(t.ctx, { kind: 'substitute', lessonId: rus.id, staffId: s.staff.mathT });
    assert.equal(busy.problems.length, 1);
    assert.match(busy.problems[0], /в это время ведёт урок в 1А \(2 урок\)/);
    assert.deepEqual((await checkSubstitution(t.ctx, { kind: 'substitute', lessonId: rus.id, staffId: s.staff.peT })).problems, []);
    const move = await checkSubstitution(t.ctx, { kind: 'move', lessonId: rus.id, date: day, lesson_number: 1, roomId: null });
    assert.match(move.problems.join('\n'), /уже есть урок/);
    const after = await t.db
      .selectFrom('substitution')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(after.n, before.n, 'checking saves nothing');

    // The saving service refuses with the same words the check gave.
    await assert.rejects(subs.substitute(t.ctx, { lessonId: rus.id, staffId: s.staff.mathT, reason: 'Курсы' }), {
      message: busy.problems[0],
    });
    await subs.substitute(t.ctx, { lessonId: rus.id, staffId: s.staff.peT, reason: 'Болезнь' });
    // Now Смирнова is busy at that lesson's time everywhere else.
    const c1Math = (await listLessons(t.ctx, { classId: s.classes.c1, staffId: null, from: day, to: day }))[0];
    const forC1 = await substitutionCandidates(t.ctx, { lessonId: c1Math.id });
    assert.ok(!forC1.some((c) => c.staffId === s.staff.peT));
  } finally {
    await t.cleanup();
  }
});

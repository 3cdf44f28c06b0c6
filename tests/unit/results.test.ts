import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Actor } from '../../main/kernel/context';
import { rates } from '../../main/contract/rules/results';
import { resultsReport } from '../../main/control/results';
import * as finals from '../../main/journal/final-marks';
import * as grid from '../../main/journal/grid';
import * as lessons from '../../main/timetable/lessons';
import * as load from '../../main/timetable/load';
import { runCli } from '../../main/transport/cli/index';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool, mathTeacherLoad } from '../helpers/timetable';

// Success and quality (issue 12, part 4) on marks whose answers are worked out by hand in the comments.

test('rates: every rule of the formulas on hand-made students', () => {
  const r = rates([
    ['зач', '5', 'осв'], // passes; quality: its only numeric mark is 5
    ['незач', '5'], // fails («незач»); quality: numeric marks all 4–5, pass/fail left out
    ['безотм'], // taught without marks: not counted at all
    ['зач'], // passes; no numeric mark, so not quality
    ['4', '4', '2'], // fails, not quality
  ]);
  // 4 students; success: 1st and 4th = 2/4; quality: 1st and 2nd = 2/4; average (5+5+4+4+2)/5 = 4.
  assert.deepEqual(r, {
    students: 4,
    success: 50,
    quality: 50,
    average: 4,
    distribution: { зач: 2, '5': 2, осв: 1, незач: 1, '4': 2, '2': 1 },
  });
  // «н/а» fails both; percents have one decimal: 1/3 → 33,3; 2/3 → 66,7.
  assert.deepEqual((({ success, quality }) => ({ success, quality }))(rates([['5', 'н/а'], ['4'], ['3']])), {
    success: 66.7,
    quality: 33.3,
  });
  assert.deepEqual(rates([]), { students: 0, success: null, quality: null, average: null, distribution: {} });
});

test('results report: by class, subject, teacher and student, and a teacher sees only their subject', async () => {
  const t = await tempDb();
  const s = await smallSchool(t.ctx);
  await plainWeek(t.ctx, s);
  await lessons.generateLessons(t.ctx, { yearId: s.yearId });
  await mathTeacherLoad(t.ctx, s, 3);
  await load.saveLoad(t.ctx, {
    id: null,
    yearId: s.yearId,
    staffId: s.staff.rusT,
    classId: s.classes.c5,
    subjectId: s.subjects.russian,
    groupId: null,
    hours: 3,
  });
  const deputy: Actor = { userId: null, name: 'Завуч', roles: ['deputy'], staffId: null, system: false };
  const asDeputy = { ...t.as(deputy), now: () => new Date('2025-10-24T12:00:00Z') };
  const g = await grid.loadGrid(asDeputy, { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null });
  const [a, b, c, d] = g.students;
  const put = (subjectId: number, values: string[]) =>
    finals.setFinals(asDeputy, {
      classId: s.classes.c5,
      subjectId,
      kind: 'p1',
      marks: [a, b, c, d].map((st, i) => ({ studentId: st.id, value: values[i] })),
      lock: false,
    });
  await put(s.subjects.math, ['5', '4', '3', '2']);
  await put(s.subjects.russian, ['5', '3', '4', 'н/а']);

  const report = (by: Parameters<typeof resultsReport>[1]['by'], ctx = t.ctx) =>
    resultsReport(ctx, { yearId: s.yearId, kind: 'p1', by, classId: null });
  // The class: a (5, 5) passes with quality; b (4, 3) and c (3, 4) pass; d (2, н/а) fails.
  // Success 3/4 = 75,0 %; quality 1/4 = 25,0 %; average of 5,4,3,2,5,3,4 = 26/7 = 3,71.
  const byClass = await report('class');
  assert.deepEqual(
    byClass.rows.map((r) => [r.name, r.students, r.success, r.quality, r.average]),
    [['5А', 4, 75, 25, 3.71]],
  );
  assert.deepEqual(byClass.rows[0].distribution, { '5': 2, '4': 2, '3': 2, '2': 1, 'н/а': 1 });
  assert.deepEqual(byClass.total.success, 75);
  assert.ok(byClass.formulas.some((f) => f.startsWith('Успеваемость =')));
  // Subjects: mathematics 5,4,3,2 → success 3/4, quality 2/4, average 3,5; Russian 5,3,4,н/а → 3/4, 2/4, average 4.
  const bySubject = await report('subject');
  assert.deepEqual(
    bySubject.rows.map((r) => [r.name, r.students, r.success, r.quality, r.average]).sort(),
    [
      ['Математика', 4, 75, 50, 3.5],
      ['Русский язык', 4, 75, 50, 4],
    ].sort(),
  );
  // Teachers: the same as their subjects here (one teacher a subject).
  const byTeacher = await report('teacher');
  assert.deepEqual(byTeacher.rows.map((r) => [r.students, r.success, r.quality]).sort(), [
    [4, 75, 50],
    [4, 75, 50],
  ]);
  // Students: 100 or 0 each.
  const byStudent = await report('student');
  assert.deepEqual(
    byStudent.rows.map((r) => [r.success, r.quality]),
    [a, b, c, d].map((st) => byStudent.rows.find((r) => r.key === `s${st.id}`)!).map((r) => [r.success, r.quality]),
  );
  assert.deepEqual(
    [a, b, c, d].map((st) => byStudent.rows.find((r) => r.key === `s${st.id}`)).map((r) => [r?.success, r?.quality]),
    [
      [100, 100],
      [100, 0],
      [100, 0],
      [0, 0],
    ],
  );
  // The mathematics teacher sees the marks of the subject they teach, not Russian.
  const math: Actor = { userId: null, name: 'Иванова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false };
  const own = await report('subject', t.as(math));
  assert.deepEqual(
    own.rows.map((r) => r.name),
    ['Математика'],
  );

  // The CLI: --json rows with name, students, success, quality; XLSX with the same figures.
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  assert.equal(
    await runCli(['report', 'results', '--db', t.target, '--year', '2025/2026', '--period', '1', '--by', 'class', '--json'], out),
    0,
    lines.join('\n'),
  );
  const json = JSON.parse(lines.join('\n')) as { name: string; students: number; success: number; quality: number }[];
  assert.deepEqual(
    json.map(({ name, students, success, quality }) => ({ name, students, success, quality })),
    [{ name: '5А', students: 4, success: 75, quality: 25 }],
  );
  const xlsx = path.join(t.dir, 'results.xlsx');
  assert.equal(
    await runCli(
      ['report', 'results', '--db', t.target, '--year', '2025/2026', '--period', '1', '--by', 'subject', '--format', 'xlsx', '--out', xlsx],
      out,
    ),
    0,
  );
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(xlsx);
  const ws = wb.getWorksheet('Результаты')!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  const mathRow = rows.find((r) => r[0] === 'Математика')!;
  assert.deepEqual(mathRow.slice(0, 5), ['Математика', 4, 75, 50, 3.5]);
  assert.ok(rows.some((r) => String(r[0]).startsWith('Качество =')));
  assert.equal(
    await runCli(['report', 'results', '--db', t.target, '--year', '2025/2026', '--period', '5', '--by', 'class', '--json'], out),
    2,
  );
  assert.ok(fs.existsSync(xlsx));
  await t.cleanup();
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Actor } from '../../main/kernel/context';
import { classForecast, forecastMark } from '../../main/control/forecast';
import { forecastCheck } from '../../main/control/forecast-check';
import { runCli } from '../../main/transport/cli/index';
import { teacherPeriodMark } from '../../main/demo/teacher-judgement';
import { tempDb } from '../helpers/db';
import { problemClass } from '../helpers/problem-class';
import { mathTeacherLoad } from '../helpers/timetable';

// The forecast of period marks (issue 12, part 7): the rule on hand-made marks, the class of
// tests/helpers/problem-class.ts through the service, and the hit rate on a period whose marks are set by hand.

const w = (...values: string[]) => values.map((value) => ({ value, weight: 1 }));
const RULES = { useWeights: true, minMarks: 3, roundFrom: 0.5 };

test('forecastMark: projected mark, margin, shift and certainty worked out by hand', () => {
  // 5, 5, 4, 5: average 4,75 → «5»; 4 marks in 6 lessons, 2 left → 4·2/6 = 1,33 → 1 more; shift 1/5 = 0,2;
  // margin |4,75 − 4,5| = 0,25 > 0,2 → high.
  assert.deepEqual(forecastMark(w('5', '5', '4', '5'), 'five', RULES, { held: 6, left: 2 }), {
    average: 4.75,
    projected: '5',
    certainty: 'high',
    count: 4,
    expectedMore: 1,
    margin: 0.25,
    shift: 0.2,
  });
  // 5, 5, 5, 4, 4, 5: 28/6 = 4,67 → «5»; 6·2/6 = 2 more; shift 2/8 = 0,25; margin 0,17: not > 0,25 but > 0,125 → medium.
  const medium = forecastMark(w('5', '5', '5', '4', '4', '5'), 'five', RULES, { held: 6, left: 2 });
  assert.deepEqual([medium.projected, medium.margin, medium.shift, medium.certainty], ['5', 0.17, 0.25, 'medium']);
  // 4, 3: average 3,5 → «4» (from 0,5 up), but 2 marks < 3 → low whatever the margin.
  assert.deepEqual(
    (({ projected, certainty, margin }) => ({ projected, certainty, margin }))(
      forecastMark(w('4', '3'), 'five', RULES, { held: 4, left: 4 }),
    ),
    { projected: '4', certainty: 'low', margin: 0 },
  );
  // 4, 3, 4, 3: 3,5 exactly on the boundary, margin 0 → low even with enough marks.
  assert.equal(forecastMark(w('4', '3', '4', '3'), 'five', RULES, { held: 8, left: 2 }).certainty, 'low');
  // The same marks when the period is over (no lessons left): nothing can move the average → high.
  assert.equal(forecastMark(w('4', '3', '4', '3'), 'five', RULES, { held: 8, left: 0 }).certainty, 'high');
  // The school rounds from 0,6: 3,5 → «3»; margin to 3,6 is 0,1. Weights: «2» (weight 1) and «4» (weight 3) → 14/4 = 3,5.
  const weighted = forecastMark(
    [
      { value: '2', weight: 1 },
      { value: '4', weight: 3 },
      { value: '4', weight: 0 },
    ],
    'five',
    { ...RULES, roundFrom: 0.6 },
    { held: 3, left: 0 },
  );
  assert.deepEqual([weighted.average, weighted.projected, weighted.margin], [3.5, '3', 0.1]);
  // Without weights the same marks average (2 + 4 + 4) / 3 = 3,33 → «3».
  assert.equal(
    forecastMark(
      [
        { value: '2', weight: 1 },
        { value: '4', weight: 3 },
        { value: '4', weight: 0 },
      ],
      'five',
      { ...RULES, useWeights: false },
      { held: 3, left: 0 },
    ).average,
    3.33,
  );
  // Pass/fail: the last «зач»/«незач»; certainty low below the minimum, medium with lessons left, high at the end.
  assert.deepEqual(
    [
      forecastMark(w('зач', 'незач'), 'pass', RULES, { held: 2, left: 2 }),
      forecastMark(w('незач', 'зач', 'зач'), 'pass', RULES, { held: 3, left: 3 }),
      forecastMark(w('незач', 'зач', 'незач'), 'pass', RULES, { held: 3, left: 0 }),
    ].map((f) => [f.projected, f.certainty, f.margin]),
    [
      ['незач', 'low', null],
      ['зач', 'medium', null],
      ['незач', 'high', null],
    ],
  );
  // No marks: no forecast.
  assert.deepEqual(forecastMark([], 'five', RULES, { held: 5, left: 3 }), {
    average: null,
    projected: null,
    certainty: null,
    count: 0,
    expectedMore: 0,
    margin: null,
    shift: 0,
  });
});

test('class forecast: each student of the hand-made class, and the class projected success and quality', async () => {
  const t = await tempDb();
  try {
    const f = await problemClass(t.ctx);
    const { s } = f;
    const deputy: Actor = { userId: null, name: 'Завуч', roles: ['deputy'], staffId: null, system: false };
    const ctx = { ...t.as(deputy), now: () => new Date('2025-10-10T12:00:00Z') };
    const r = await classForecast(ctx, { yearId: s.yearId, classId: s.classes.c5, subjectId: null, period: null });
    assert.equal(r.className, '5А');
    assert.equal(r.periodName, '1 четверть');
    assert.equal(r.asOf, '2025-10-10');
    assert.deepEqual(
      r.subjects.map((x) => x.subject),
      ['Английский язык', 'Математика'],
    );
    const math = r.subjects.find((x) => x.subject === 'Математика')!;
    // 6 lessons held by 10.10, 2 to come (13.10, 20.10).
    assert.deepEqual([math.lessonsHeld, math.lessonsLeft], [6, 2]);
    // Антонов 5,5,5,4,4,5 = 4,67 → 5, 2 more, shift 0,25, margin 0,17 → medium.
    // Борисов (2 + 3·2 + 3 + 2 + 4) / 6 = 2,83 → 3; 5 marks, 5·2/6 = 1,67 → 2 more; shift 2/7 = 0,29; margin 0,33 → high.
    // Васильев (2 + 3) / 2 = 2,5 → 3; 2 marks < 3 → low. Григорьев 2,2 → 2; 2 marks → low.
    assert.deepEqual(
      math.students.map((x) => [x.student, x.marks.join(' '), x.average, x.projected, x.certainty, x.expectedMore, x.margin, x.shift]),
      [
        ['Антонов Иван', '5 5 5 4 4 5', 4.67, '5', 'medium', 2, 0.17, 0.25],
        ['Борисов Иван', '2 3 3 2 4', 2.83, '3', 'high', 2, 0.33, 0.29],
        ['Васильев Иван', '2 3', 2.5, '3', 'low', 1, 0, 0.33],
        ['Григорьев Иван', '2 2', 2, '2', 'low', 1, 0.5, 0.33],
      ],
    );
    // Projected 5, 3, 3, 2: success 3/4 = 75 %, quality 1/4 = 25 %, average 13/4 = 3,25.
    assert.deepEqual((({ students, success, quality, average }) => ({ students, success, quality, average }))(math.projected), {
      students: 4,
      success: 75,
      quality: 25,
      average: 3.25,
    });
    // English is subgroup 1's: Антонов («2», 1 mark) and Борисов (no marks).
    const english = r.subjects.find((x) => x.subject === 'Английский язык')!;
    assert.deepEqual(
      english.students.map((x) => [x.student, x.projected, x.certainty]),
      [
        ['Антонов Иван', '2', 'low'],
        ['Борисов Иван', null, null],
      ],
    );
    assert.deepEqual([english.projected.students, english.projected.success], [1, 0]);
    assert.ok(r.explanation.some((e) => e.startsWith('Надёжность высокая')));

    // A teacher: their subject only; another subject of the class is refused.
    await mathTeacherLoad(t.ctx, s, 1);
    const teacher: Actor = { userId: null, name: 'Иванова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false };
    const own = await classForecast(
      { ...t.as(teacher), now: ctx.now },
      { yearId: s.yearId, classId: s.classes.c5, subjectId: null, period: null },
    );
    assert.deepEqual(
      own.subjects.map((x) => x.subject),
      ['Математика'],
    );
    await assert.rejects(
      classForecast(
        { ...t.as(teacher), now: ctx.now },
        { yearId: s.yearId, classId: s.classes.c5, subjectId: s.subjects.english, period: null },
      ),
      (e: Error & { code?: string }) => e.code === 'FORBIDDEN',
    );
  } finally {
    await t.cleanup();
  }
});

test('forecast check: the forecast two weeks before the end against period marks set by hand', async () => {
  const t = await tempDb();
  try {
    const f = await problemClass(t.ctx);
    const { s } = f;
    const put = (studentId: number, subjectId: number, value: string) =>
      t.ctx.db
        .insertInto('final_mark')
        .values({
          year_id: s.yearId,
          class_id: s.classes.c5,
          subject_id: subjectId,
          student_id: studentId,
          kind: 'p1',
          value,
          entered_at: '2025-10-24T12:00:00Z',
          entered_by: 'тест',
        })
        .execute();
    // The cut-off is 24.10 − 14 days = 10.10: the forecasts of the test above (5 medium, 3 high, 3 low, 2 low).
    // The teacher set 5 (hit), 4 (miss: Борисов's high forecast was «3»), 3 (hit), 2 (hit).
    await put(f.antonov, s.subjects.math, '5');
    await put(f.borisov, s.subjects.math, '4');
    await put(f.vasiliev, s.subjects.math, '3');
    await put(f.grigoriev, s.subjects.math, '2');
    // English: Антонов «н/а» is not a five-point mark (left out); Борисов «3» without a mark before the cut-off.
    await put(f.antonov, s.subjects.english, 'н/а');
    await put(f.borisov, s.subjects.english, '3');
    const r = await forecastCheck(t.ctx, { yearName: '2025/2026', daysBefore: 14 });
    assert.deepEqual(r.years, ['2025/2026']);
    assert.deepEqual(r.total, { n: 4, hits: 3, rate: 75 });
    assert.deepEqual(r.byCertainty, {
      high: { n: 1, hits: 0, rate: 0 },
      medium: { n: 1, hits: 1, rate: 100 },
      low: { n: 2, hits: 2, rate: 100 },
    });
    assert.equal(r.withoutForecast, 1);
    // The rounded average of all the period's marks (none after 10.10) is 5, 3, 3, 2: 3 of 4 period marks equal it.
    assert.deepEqual(r.suggestedAtEnd, { n: 4, hits: 3, rate: 75 });
    // Without a year: closed years only, and this one is open.
    assert.equal((await forecastCheck(t.ctx, { yearName: null, daysBefore: 14 })).total.n, 0);

    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    assert.equal(await runCli(['report', 'forecast-check', '--db', t.target, '--year', '2025/2026'], out), 0, lines.join('\n'));
    assert.match(lines.join('\n'), /совпал с отметкой за период: 75,0 % \(3 из 4\)/);
    assert.match(lines.join('\n'), /надёжность высокая: 0,0 % \(0 из 1\)/);
    lines.length = 0;
    assert.equal(await runCli(['report', 'forecast-check', '--db', t.target, '--year', '2025/2026', '--days', '7', '--json'], out), 0);
    // 24.10 − 7 = 17.10: L7 (13.10) and E3 (14.10) are now before the cut-off, without marks: the same projections.
    assert.equal((JSON.parse(lines.join('\n')) as { total: { hits: number } }).total.hits, 3);
  } finally {
    await t.cleanup();
  }
});

test('demo teachers: near a rounding boundary about half follow the latest marks, elsewhere the rounded average', () => {
  const always = () => 0; // a teacher who follows the trend whenever it crosses the boundary
  const never = () => 0.99;
  // Average 34/10 = 3,4 (within 0,2 of 3,5); the last three 4, 4, 4 → mean 4 > 3,5 → «4» when followed.
  const up = w('3', '3', '3', '3', '2', '4', '4', '4', '4', '4');
  assert.equal((up.reduce((a, m) => a + Number(m.value), 0) / up.length).toFixed(2), '3.40');
  assert.equal(teacherPeriodMark(up, always), '4');
  assert.equal(teacherPeriodMark(up, never), '3');
  // Average 36/10 = 3,6 ending 3, 3, 2 (mean 2,67 < 3,5) → «3» when followed.
  const down = w('5', '4', '4', '4', '4', '4', '3', '3', '3', '2');
  assert.equal(teacherPeriodMark(down, always), '3');
  assert.equal(teacherPeriodMark(down, never), '4');
  // Far from a boundary (3,8 is 0,3 from 3,5; 3,0 is 0,5) : the rounded average.
  assert.equal(teacherPeriodMark(w('3', '3', '3', '5', '5'), always), '4');
  assert.equal(teacherPeriodMark(w('3', '3', '3'), always), '3');
  // 3,4 whose last marks 3, 3, 3 stay below 3,5: «3».
  assert.equal(teacherPeriodMark(w('4', '4', '4', '4', '3', '3', '3', '3', '3', '3'), always), '3');
  assert.equal(teacherPeriodMark([], always), null);
});

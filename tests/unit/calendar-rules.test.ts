import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { format, addDays, parseISO, getDay } from 'date-fns';
import { bellProblems, periodProblems, uncoveredDays, yearProblems } from '../../main/contract/rules/calendar-rules';
import { isIsoDate, nextDay, overlaps } from '../../main/contract/rules/dates';

const YEAR = { start_date: '2025-09-01', end_date: '2026-08-31' };
const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const dayIn = fc.integer({ min: 0, max: 364 }).map((n) => iso(addDays(parseISO(YEAR.start_date), n)));

test('ISO dates: only real calendar days pass', () => {
  assert.ok(isIsoDate('2024-02-29'));
  assert.ok(!isIsoDate('2025-02-29'));
  assert.ok(!isIsoDate('2025-13-01'));
  assert.ok(!isIsoDate('01.09.2025'));
  fc.assert(
    fc.property(fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => isIsoDate(iso(d))),
  );
});

test('periods that overlap are always refused, whatever their order', () => {
  fc.assert(
    fc.property(dayIn, dayIn, dayIn, dayIn, (a, b, c, d) => {
      const p1 = { name: 'A', start_date: a < b ? a : b, end_date: a < b ? b : a };
      const p2 = { name: 'B', start_date: c < d ? c : d, end_date: c < d ? d : c };
      const problems = periodProblems(YEAR, [p1, p2], [], [5]);
      if (overlaps(p1, p2)) assert.ok(problems.length > 0, JSON.stringify({ p1, p2 }));
    }),
  );
});

test('periods outside the year are refused', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 400 }), (n) => {
      const before = iso(addDays(parseISO(YEAR.start_date), -n));
      const problems = periodProblems(YEAR, [{ name: 'A', start_date: before, end_date: '2025-10-24' }], [], [5]);
      assert.match(problems.join(), /за границы учебного года/);
    }),
  );
});

test('a gap between periods is accepted exactly when weekends and holidays of those grades cover it', () => {
  fc.assert(
    fc.property(fc.integer({ min: 10, max: 200 }), fc.integer({ min: 1, max: 20 }), fc.boolean(), (endOffset, gap, covered) => {
      const end1 = iso(addDays(parseISO(YEAR.start_date), endOffset));
      const start2 = iso(addDays(parseISO(end1), gap + 1));
      const holidays = covered ? [{ name: 'К', start_date: nextDay(end1), end_date: iso(addDays(parseISO(start2), -1)), grades: [] }] : [];
      const problems = periodProblems(
        YEAR,
        [
          { name: 'A', start_date: YEAR.start_date, end_date: end1 },
          { name: 'B', start_date: start2, end_date: '2026-05-26' },
        ],
        holidays,
        [5],
      );
      const weekdaysInGap = Array.from({ length: gap }, (_, i) => getDay(addDays(parseISO(end1), i + 1))).filter(
        (d) => d !== 0 && d !== 6,
      ).length;
      if (covered || weekdaysInGap === 0) assert.deepEqual(problems, []);
      else assert.match(problems.join(), /учебные дни вне периодов и каникул/);
    }),
  );
});

test('a holiday of grade 1 does not cover the gap for grade 5', () => {
  const h = [{ name: 'Доп.', start_date: '2026-02-14', end_date: '2026-02-22', grades: [1] }];
  assert.deepEqual(uncoveredDays('2026-02-16', '2026-02-20', h, [1]), []);
  assert.equal(uncoveredDays('2026-02-16', '2026-02-20', h, [5]).length, 5);
});

test('year names and bells', () => {
  assert.deepEqual(yearProblems('2025/2026', YEAR), []);
  assert.ok(yearProblems('2025/2027', YEAR).length > 0);
  assert.deepEqual(
    bellProblems([
      { lesson_number: 1, start_time: '08:00', end_time: '08:40' },
      { lesson_number: 2, start_time: '08:50', end_time: '09:30' },
    ]),
    [],
  );
  assert.match(
    bellProblems([
      { lesson_number: 1, start_time: '08:00', end_time: '08:40' },
      { lesson_number: 2, start_time: '08:30', end_time: '09:10' },
    ]).join(),
    /раньше, чем кончается/,
  );
  assert.match(bellProblems([{ lesson_number: 1, start_time: '09:00', end_time: '08:40' }]).join(), /не раньше конца/);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { formatCell, parseCellText, MAX_MARKS_PER_CELL } from '../../main/contract/rules/cell-text';
import { parseFinalMark, periodFigures, suggestedMark, weightedAverage } from '../../main/contract/rules/final-rules';

const five = { grading: 'five' as const, plusMinus: false };
const fivePM = { grading: 'five' as const, plusMinus: true };
const pass = { grading: 'pass' as const, plusMinus: false };

const mark = fc.constantFrom('1', '2', '3', '4', '5');
const absence = fc.constantFrom('н', 'б', 'у');

test('cell text: what the grid shows parses back to the same cell', () => {
  fc.assert(
    fc.property(fc.array(mark, { maxLength: MAX_MARKS_PER_CELL }), fc.option(absence, { nil: null }), (marks, abs) => {
      const text = formatCell({ marks, absence: abs });
      const r = parseCellText(text, five);
      assert.ok(r.ok);
      assert.deepEqual(r.cell, { marks, absence: abs });
      assert.equal(formatCell(r.cell), text);
    }),
  );
});

test('cell text: separators, case and spaces do not matter', () => {
  fc.assert(
    fc.property(fc.array(mark, { minLength: 1, maxLength: 2 }), fc.constantFrom('/', ' ', ',', ' / ', '\\'), (marks, sep) => {
      const r = parseCellText(`  ${marks.join(sep)} `, five);
      assert.ok(r.ok);
      assert.deepEqual(r.cell.marks, marks);
    }),
  );
  const r = parseCellText('Н', five);
  assert.ok(r.ok && r.cell.absence === 'н');
  const latin = parseCellText('h', five);
  assert.ok(latin.ok && latin.cell.absence === 'н');
});

test('cell text: every other number or letter is refused with a Russian message', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: -100, max: 1000 }).filter((n) => n < 1 || n > 5),
      (n) => {
        const r = parseCellText(String(n), five);
        assert.ok(!r.ok);
        assert.match(r.message, /[а-я]/);
      },
    ),
  );
  fc.assert(
    fc.property(
      fc.string({ minLength: 1, maxLength: 6 }).filter((s) => !/^[\s/\\,;]*$/.test(s) && !/^[1-5нбуhn\s/\\,;НБУ]+$/i.test(s)),
      (s) => {
        assert.equal(parseCellText(s, five).ok, false, s);
      },
    ),
  );
  for (const bad of ['6', '0', '5+', '4-', 'x', 'нн', '5/5/5/5', 'зач']) assert.equal(parseCellText(bad, five).ok, false, bad);
  assert.match((parseCellText('6', five) as { message: string }).message, /от 1 до 5/);
  assert.match((parseCellText('5+', five) as { message: string }).message, /«\+» и «−» в школе не используются/);
});

test('cell text: plus and minus only where the school allows them, never beyond the scale', () => {
  assert.deepEqual(parseCellText('4+/5-', fivePM), { ok: true, cell: { marks: ['4+', '5-'], absence: null } });
  assert.equal(parseCellText('5+', fivePM).ok, false);
  assert.equal(parseCellText('1-', fivePM).ok, false);
});

test('cell text: pass/fail subjects take «зач» and «незач» and an absence', () => {
  assert.deepEqual(parseCellText('зач', pass), { ok: true, cell: { marks: ['зач'], absence: null } });
  assert.deepEqual(parseCellText('н/незач', pass), { ok: true, cell: { marks: ['незач'], absence: 'н' } });
  assert.equal(parseCellText('5', pass).ok, false);
});

test('final marks: the codes of seed 001 and the grading systems', () => {
  assert.deepEqual(parseFinalMark('осв', 'five'), { ok: true, value: 'осв' });
  assert.deepEqual(parseFinalMark('Н/А', 'five'), { ok: true, value: 'н/а' });
  assert.deepEqual(parseFinalMark('безотм', 'five'), { ok: true, value: 'безотм' });
  assert.deepEqual(parseFinalMark('зачёт', 'pass'), { ok: true, value: 'зач' });
  assert.deepEqual(parseFinalMark('', 'five'), { ok: true, value: null });
  for (const bad of ['1', '6', '5+', 'зач']) assert.equal(parseFinalMark(bad, 'five').ok, false, bad);
  assert.equal(parseFinalMark('4', 'pass').ok, false);
});

test('averages: weighted by work type, and the suggestion rounds from the threshold', () => {
  assert.equal(
    weightedAverage(
      [
        { value: '5', weight: 2 },
        { value: '3', weight: 1 },
      ],
      true,
    )!.toFixed(4),
    (13 / 3).toFixed(4),
  );
  assert.equal(
    weightedAverage(
      [
        { value: '5', weight: 2 },
        { value: '3', weight: 1 },
      ],
      false,
    ),
    4,
  );
  assert.equal(weightedAverage([{ value: 'зач', weight: 1 }], true), null);
  assert.equal(suggestedMark(3.5), '4');
  assert.equal(suggestedMark(3.49), '3');
  assert.equal(suggestedMark(3.5, 0.6), '3');
  assert.equal(suggestedMark(1.2), '2');
  assert.equal(suggestedMark(null), null);
  fc.assert(
    fc.property(fc.array(fc.record({ value: mark, weight: fc.constantFrom(1, 1.5, 2) }), { minLength: 1, maxLength: 40 }), (marks) => {
      const avg = weightedAverage(marks, true)!;
      const nums = marks.map((m) => Number(m.value));
      assert.ok(avg >= Math.min(...nums) - 1e-9 && avg <= Math.max(...nums) + 1e-9);
      const s = Number(suggestedMark(avg));
      assert.ok(s >= 2 && s <= 5 && Math.abs(s - avg) <= 1);
    }),
  );
});

test('period figures: one rule for the grid in main and its live update in the renderer', () => {
  const rules = { useWeights: true, minMarks: 3, roundFrom: 0.5 };
  const m = (value: string, weight = 1) => ({ value, weight });
  assert.deepEqual(periodFigures([m('5'), m('4'), m('3', 2)], 'five', rules), { average: 3.75, suggested: '4', count: 3, tooFew: false });
  assert.deepEqual(periodFigures([m('5'), m('4'), m('3', 2)], 'five', { ...rules, useWeights: false }), {
    average: 4,
    suggested: '4',
    count: 3,
    tooFew: false,
  });
  assert.deepEqual(periodFigures([m('4'), m('3')], 'five', { ...rules, roundFrom: 0.6 }), {
    average: 3.5,
    suggested: '3',
    count: 2,
    tooFew: true,
  });
  assert.deepEqual(periodFigures([], 'five', rules), { average: null, suggested: null, count: 0, tooFew: true });
  assert.deepEqual(periodFigures([m('зач'), m('незач')], 'pass', rules), { average: null, suggested: 'незач', count: 2, tooFew: true });
});

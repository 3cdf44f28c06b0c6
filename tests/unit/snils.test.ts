import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidSnils, makeSnils, normalizeSnils } from '../../main/contract/rules/snils';

test('СНИЛС: known numbers and the checksum rule', () => {
  assert.ok(isValidSnils('112-233-445 95'));
  assert.ok(!isValidSnils('112-233-445 96'));
  assert.ok(!isValidSnils('112-233-44'));
  assert.ok(!isValidSnils('абв'));
});

test('СНИЛС: every generated number validates; a changed check digit does not', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1_001_999, max: 999_999_999 }),
      fc.integer({ min: 9, max: 10 }),
      fc.integer({ min: 1, max: 9 }),
      (n, pos, delta) => {
        const s = makeSnils(n);
        assert.ok(isValidSnils(s));
        const digits = normalizeSnils(s).split('');
        digits[pos] = String((Number(digits[pos]) + delta) % 10);
        assert.ok(!isValidSnils(digits.join('')), `${s} → ${digits.join('')}`);
      },
    ),
  );
});

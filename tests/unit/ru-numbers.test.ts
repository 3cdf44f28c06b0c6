import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mebibytes, ruNumber } from '../../main/contract/rules/numbers';

test('numbers the Russian way: a no-break space between thousands, a decimal comma', () => {
  const nb = (s: string) => s.replace(/\u00a0/g, ' ');
  assert.deepEqual([ruNumber(1092), ruNumber(365000), ruNumber(0.89, 2), ruNumber(4, 2, true), ruNumber(3.456, 1), ruNumber(12)].map(nb), [
    '1 092',
    '365 000',
    '0,89',
    '4,00',
    '3,5',
    '12',
  ]);
  assert.equal(nb(mebibytes(53_582_234)), '51,1 МиБ');
  assert.equal(nb(mebibytes(2_000_000_000)), '1 907,3 МиБ');
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { matchesSearch, searchWords } from '../../main/contract/rules/search-match';

test('search matcher: every typed word begins a word of the option, in any order, case- and ё-insensitive', () => {
  assert.deepEqual(searchWords('5А · Русский язык'), ['5а', 'русский', 'язык']);
  assert.ok(matchesSearch('5А · Русский язык', '5А рус'));
  assert.ok(matchesSearch('5А · Русский язык', 'рус 5а'));
  assert.ok(matchesSearch('5А · Русский язык', '5'));
  assert.ok(matchesSearch('5А · Русский язык', '  '));
  assert.ok(matchesSearch('Фёдорова Е. А.', 'федор е'));
  assert.ok(matchesSearch('Федорова Е. А.', 'Фёд'));
  assert.ok(matchesSearch('10Б · Английский язык · 1 группа', 'англ 10б груп'));
  assert.ok(!matchesSearch('5Б · Русский язык', '5А рус'), 'another class');
  assert.ok(!matchesSearch('15А · Русский язык', '5А'), 'the middle of a word does not match');
  assert.ok(!matchesSearch('5А · Русский язык', 'язык литер'), 'every word must match');
  assert.ok(!matchesSearch('5А · Литература', 'рус'));
});

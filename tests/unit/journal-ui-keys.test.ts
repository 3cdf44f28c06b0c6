import assert from 'node:assert/strict';
import { test } from 'node:test';
import { selectionKey, step } from '../../renderer/screens/journal/grid-keys';
import { parseClipboardBlock, placeBlock } from '../../renderer/screens/journal/paste';

// The journal grid's pure parts: clipboard blocks from spreadsheets and the keyboard.

test('a block copied from Excel or LibreOffice: tabs, CRLF, the trailing line break, quoted cells', () => {
  assert.deepEqual(parseClipboardBlock('5\t4\r\nн\t4/5\r\n'), [
    ['5', '4'],
    ['н', '4/5'],
  ]);
  assert.deepEqual(parseClipboardBlock('5\t\t3\n'), [['5', '', '3']]);
  assert.deepEqual(parseClipboardBlock('"4\n5"\t3'), [['4\n5', '3']]);
  assert.deepEqual(parseClipboardBlock(' 5 '), [['5']]);
});

test('a block that does not fit or lands on a closed cell is refused whole; empty text on a closed cell is skipped', () => {
  const open = () => null;
  assert.equal(placeBlock([['5'], ['5'], ['5']], { row: 2, col: 0 }, { rows: 4, cols: 10 }, open).ok, false);
  assert.equal(placeBlock([['5', '5']], { row: 0, col: 9 }, { rows: 4, cols: 10 }, open).ok, false);
  const closed = (r: number, c: number) => (r === 1 && c === 1 ? 'закрыто' : null);
  const refused = placeBlock(
    [
      ['5', '4'],
      ['3', '2'],
    ],
    { row: 0, col: 0 },
    { rows: 4, cols: 10 },
    closed,
  );
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.message : '', /закрытую клетку/);
  const placed = placeBlock(
    [
      ['5', '4'],
      ['3', ''],
    ],
    { row: 0, col: 0 },
    { rows: 4, cols: 10 },
    closed,
  );
  assert.deepEqual(placed.ok && placed.cells.map((c) => `${c.row}${c.col}${c.text}`), ['005', '014', '103']);
});

test('keys: typing starts editing, Tab wraps, arrows stop at the edges, Ctrl+Z undoes', () => {
  const k = (key: string, extra: Partial<{ shiftKey: boolean; ctrlKey: boolean }> = {}) => ({
    key,
    shiftKey: false,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    ...extra,
  });
  assert.deepEqual(selectionKey(k('н'), { row: 0, col: 0 }, 3, 3), { kind: 'edit', initial: 'н' });
  assert.deepEqual(selectionKey(k('Delete'), { row: 0, col: 0 }, 3, 3), { kind: 'clear' });
  assert.deepEqual(selectionKey(k('z', { ctrlKey: true }), { row: 0, col: 0 }, 3, 3), { kind: 'undo' });
  assert.deepEqual(step({ row: 0, col: 2 }, 'Tab', false, 3, 3), { row: 1, col: 0 });
  assert.deepEqual(step({ row: 1, col: 0 }, 'Tab', true, 3, 3), { row: 0, col: 2 });
  assert.deepEqual(step({ row: 2, col: 0 }, 'Enter', false, 3, 3), { row: 2, col: 0 });
  assert.deepEqual(step({ row: 0, col: 0 }, 'ArrowLeft', false, 3, 3), { row: 0, col: 0 });
});

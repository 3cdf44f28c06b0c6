// The journal grid's keyboard, as a spreadsheet: what a key does to the selection and the editor.

export interface Pos {
  row: number;
  col: number;
}

export type KeyAction =
  { kind: 'move'; to: Pos } | { kind: 'edit'; initial: string } | { kind: 'clear' } | { kind: 'undo' } | { kind: 'none' };

/** Opens the editor with the cell's current text (F2, double click) rather than a typed character. */
export const KEEP_TEXT = '\u0000';

export function clampPos(p: Pos, rows: number, cols: number): Pos {
  return { row: Math.max(0, Math.min(rows - 1, p.row)), col: Math.max(0, Math.min(cols - 1, p.col)) };
}

/** A key that starts editing by typing: a character other than a space (marks, absence codes, Latin lookalikes). */
export function isTypingKey(e: { key: string; ctrlKey: boolean; metaKey: boolean; altKey: boolean }): boolean {
  return e.key.length === 1 && e.key !== ' ' && !e.ctrlKey && !e.metaKey && !e.altKey;
}

/** The next position after a step; Tab wraps to the next row's first column, Shift+Tab to the previous row's last. */
export function step(p: Pos, key: string, shift: boolean, rows: number, cols: number): Pos {
  switch (key) {
    case 'ArrowUp':
      return clampPos({ row: p.row - 1, col: p.col }, rows, cols);
    case 'ArrowDown':
    case 'Enter':
      return clampPos({ row: p.row + (shift && key === 'Enter' ? -1 : 1), col: p.col }, rows, cols);
    case 'ArrowLeft':
      return clampPos({ row: p.row, col: p.col - 1 }, rows, cols);
    case 'ArrowRight':
      return clampPos({ row: p.row, col: p.col + 1 }, rows, cols);
    case 'Tab':
      if (shift) return p.col > 0 ? { row: p.row, col: p.col - 1 } : p.row > 0 ? { row: p.row - 1, col: cols - 1 } : p;
      return p.col < cols - 1 ? { row: p.row, col: p.col + 1 } : p.row < rows - 1 ? { row: p.row + 1, col: 0 } : p;
    case 'Home':
      return { row: p.row, col: 0 };
    case 'End':
      return { row: p.row, col: cols - 1 };
    default:
      return p;
  }
}

/** What a key pressed on the selected (not edited) cell does. */
export function selectionKey(
  e: { key: string; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean; altKey: boolean; code?: string },
  p: Pos,
  rows: number,
  cols: number,
): KeyAction {
  if ((e.ctrlKey || e.metaKey) && (e.key === 'z' || e.key === 'я' || e.code === 'KeyZ')) return { kind: 'undo' };
  if (['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Tab', 'Enter', 'Home', 'End'].includes(e.key)) {
    return { kind: 'move', to: step(p, e.key, e.shiftKey, rows, cols) };
  }
  if (e.key === 'F2') return { kind: 'edit', initial: KEEP_TEXT };
  if (e.key === 'Delete' || e.key === 'Backspace') return { kind: 'clear' };
  if (isTypingKey(e)) return { kind: 'edit', initial: e.key };
  return { kind: 'none' };
}

/** Keys that, while editing, commit the text and move: Enter (down), Tab (right); arrows too when typing began the edit. */
export function editCommitKey(e: { key: string; shiftKey: boolean }, startedByTyping: boolean): boolean {
  if (e.key === 'Enter' || e.key === 'Tab') return true;
  return startedByTyping && ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'].includes(e.key);
}

import type { GridLesson, JournalGrid } from '../../../main/contract/journal-outputs';
import { readPref, writePref } from '../../prefs';

// Opening the journal at a cell from another screen (the weekly control's lines, issue 12 part 3): the target is
// left in the user's preferences (the journal, its period and the cell), then the journal screen is shown; the grid
// takes the target once it shows that journal's period.

const FOCUS = 'journal-focus';

export interface JournalTarget {
  classId: number;
  subjectId: number;
  groupId: number | null;
  yearId: number;
  /** 'p1'…'p4': the period the grid opens at; null: the journal's current period. */
  periodKind: string | null;
  lessonId: number | null;
  studentId: number | null;
}

export function openJournalAt(userId: number | null, t: JournalTarget): void {
  writePref(userId, 'journal', `${t.classId}:${t.subjectId}:${t.groupId ?? ''}`);
  if (t.periodKind) writePref(userId, `period:${t.yearId}`, t.periodKind);
  writePref(userId, FOCUS, JSON.stringify(t));
  window.location.hash = '/journal';
}

/** The cell to select first when this grid is the target's (row, column), and the target is then used up. */
export function takeJournalFocus(userId: number | null, grid: JournalGrid, lessons: GridLesson[]): { row: number; col: number } | null {
  const raw = readPref(userId, FOCUS);
  if (!raw) return null;
  let t: JournalTarget;
  try {
    t = JSON.parse(raw) as JournalTarget;
  } catch {
    writePref(userId, FOCUS, null);
    return null;
  }
  const same = t.classId === grid.classId && t.subjectId === grid.subjectId && (t.groupId ?? null) === (grid.groupId ?? null);
  if (!same) {
    writePref(userId, FOCUS, null);
    return null;
  }
  if (t.periodKind && grid.period.kind !== t.periodKind) return null;
  writePref(userId, FOCUS, null);
  const col = t.lessonId !== null ? lessons.findIndex((l) => l.id === t.lessonId) : -1;
  const row = t.studentId !== null ? grid.students.findIndex((s) => s.id === t.studentId) : -1;
  if (col < 0 && row < 0) return null;
  const lastHeld = lessons.reduce((last, l, i) => (l.status === 'held' && !l.future ? i : last), 0);
  return { row: Math.max(0, row), col: col >= 0 ? col : lastHeld };
}

import { useCallback, useRef, useState } from 'react';
import type { Cell, JournalGrid } from '../../../main/contract/journal-outputs';
import { call } from '../../api';

// Every change of a journal cell is saved at once, one call after another (so the database sees them in the order
// they were typed). A cell shows what the database holds: the answer of main, never the typed text; while a call is
// on its way the cell says «сохраняется…», after it «сохранено», or «не сохранено» with main's message.

export type SaveState = 'saving' | 'saved' | 'failed';
export interface CellStatus {
  state: SaveState;
  message?: string;
}
export interface CellRef {
  lessonId: number;
  studentId: number;
}
interface UndoEntry extends CellRef {
  before: string;
}

export const cellKey = (studentId: number, lessonId: number) => `${studentId}:${lessonId}`;

export function useCellSaver(grid: JournalGrid | null) {
  const [cells, setCellsState] = useState<Record<string, Cell>>({});
  const [status, setStatus] = useState<Record<string, CellStatus>>({});
  const [lastError, setLastError] = useState<string | null>(null);
  const cellsRef = useRef<Record<string, Cell>>({});
  const queue = useRef<Promise<unknown>>(Promise.resolve());
  const undoStack = useRef<UndoEntry[][]>([]);
  const [undoDepth, setUndoDepth] = useState(0);
  const gridRef = useRef(grid);
  gridRef.current = grid;

  const setCells = (next: Record<string, Cell>) => {
    cellsRef.current = next;
    setCellsState(next);
  };

  /** A freshly loaded grid: the database's cells, no pending states, nothing to undo. */
  const reset = useCallback((g: JournalGrid | null) => {
    setCells(g ? { ...g.cells } : {});
    setStatus({});
    setLastError(null);
    undoStack.current = [];
    setUndoDepth(0);
  }, []);

  const mark = (keys: string[], s: CellStatus) =>
    setStatus((prev) => {
      const next = { ...prev };
      for (const k of keys) next[k] = s;
      return next;
    });

  const textOf = (c: CellRef) => cellsRef.current[cellKey(c.studentId, c.lessonId)]?.text ?? '';

  const enqueue = <T>(job: () => Promise<T>): Promise<T> => {
    const p = queue.current.then(job, job);
    queue.current = p.catch(() => undefined);
    return p;
  };

  /** Saves one cell. Resolves to true when main saved it (or nothing changed). */
  const saveCell = useCallback(
    (c: CellRef & { text: string; workTypeIds?: number[]; comment?: string }, opts: { undoable?: boolean } = {}): Promise<boolean> =>
      enqueue(async () => {
        const key = cellKey(c.studentId, c.lessonId);
        const before = textOf(c);
        const onlyText = c.workTypeIds === undefined && c.comment === undefined;
        if (onlyText && before === c.text.trim()) return true;
        mark([key], { state: 'saving' });
        try {
          const saved = await call('journal.saveCell', {
            lessonId: c.lessonId,
            studentId: c.studentId,
            text: c.text,
            ...(c.workTypeIds ? { workTypeIds: c.workTypeIds } : {}),
            ...(c.comment !== undefined ? { comment: c.comment } : {}),
          });
          const next = { ...cellsRef.current };
          if (saved) next[key] = saved;
          else delete next[key];
          setCells(next);
          mark([key], { state: 'saved' });
          setLastError(null);
          if (opts.undoable !== false && before !== (saved?.text ?? '')) {
            undoStack.current.push([{ lessonId: c.lessonId, studentId: c.studentId, before }]);
            setUndoDepth(undoStack.current.length);
          }
          return true;
        } catch (e) {
          const message = (e as Error).message;
          mark([key], { state: 'failed', message });
          setLastError(message);
          return false;
        }
      }),
    [],
  );

  /** Saves a pasted block all together (main saves all or nothing). */
  const saveBlock = useCallback(
    (block: (CellRef & { text: string })[], opts: { undoable?: boolean } = {}): Promise<boolean> =>
      enqueue(async () => {
        const g = gridRef.current;
        if (!g || block.length === 0) return true;
        const keys = block.map((c) => cellKey(c.studentId, c.lessonId));
        const before = block.map((c) => ({ lessonId: c.lessonId, studentId: c.studentId, before: textOf(c) }));
        mark(keys, { state: 'saving' });
        try {
          const r = await call('journal.saveCells', { classId: g.classId, subjectId: g.subjectId, groupId: g.groupId, cells: block });
          const next = { ...cellsRef.current };
          for (const c of r.cells) {
            const k = cellKey(c.studentId, c.lessonId);
            if ('cleared' in c) delete next[k];
            else next[k] = c;
          }
          setCells(next);
          mark(keys, { state: 'saved' });
          setLastError(null);
          if (opts.undoable !== false) {
            undoStack.current.push(before);
            setUndoDepth(undoStack.current.length);
          }
          return true;
        } catch (e) {
          const message = (e as Error).message;
          mark(keys, { state: 'failed', message });
          setLastError(message);
          return false;
        }
      }),
    [],
  );

  /** Ctrl+Z: saves again the texts the last change replaced. */
  const undo = useCallback(async (): Promise<CellRef | null> => {
    const entry = undoStack.current.pop();
    setUndoDepth(undoStack.current.length);
    if (!entry) return null;
    const ok =
      entry.length === 1
        ? await saveCell({ lessonId: entry[0].lessonId, studentId: entry[0].studentId, text: entry[0].before }, { undoable: false })
        : await saveBlock(
            entry.map((e) => ({ lessonId: e.lessonId, studentId: e.studentId, text: e.before })),
            { undoable: false },
          );
    if (!ok) {
      undoStack.current.push(entry);
      setUndoDepth(undoStack.current.length);
    }
    return entry[0];
  }, [saveCell, saveBlock]);

  /** Marks the cells of a refused block (e.g. a paste that does not fit) without calling main. */
  const refuse = useCallback((message: string) => setLastError(message), []);

  return { cells, status, lastError, setLastError: refuse, reset, saveCell, saveBlock, undo, undoDepth };
}

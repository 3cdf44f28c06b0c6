import { sql } from 'kysely';
import type { Db } from '../../db';
import type { AbsenceCode } from '../../db/schema';
import type { Trx } from '../kernel/mutate';
import { formatCell } from '../contract/rules/cell-text';
import type { Cell } from '../contract/journal-outputs';

// Reading cells: marks and the absence/comment row of each student × lesson, joined into one `Cell`.

export const cellKey = (studentId: number, lessonId: number) => `${studentId}:${lessonId}`;

/** One cell's stored rows: its marks in position order and its absence/comment row, if any. */
export interface CellRows {
  marks: { position: number; value: string; work_type_id: number; weight: number; entered_at: string; entered_by: string }[];
  note: { absence: AbsenceCode | null; comment: string; entered_at: string } | null;
}

/**
 * The cell these rows make, exactly as `readCells` assembles it (null when there are no rows): a save answers from
 * the rows it wrote with this, instead of reading them back.
 */
export function cellFromRows(lessonId: number, studentId: number, rows: CellRows): Cell | null {
  if (!rows.marks.length && !rows.note) return null;
  const stamps = [...rows.marks.map((m) => m.entered_at), ...(rows.note ? [rows.note.entered_at] : [])];
  const marks = rows.marks.map((m) => ({ value: m.value, workTypeId: m.work_type_id, weight: m.weight }));
  const absence = rows.note?.absence ?? null;
  return {
    lessonId,
    studentId,
    marks,
    absence,
    comment: rows.note?.comment ?? '',
    text: formatCell({ marks: marks.map((m) => m.value), absence }),
    enteredAt: stamps.reduce((a, b) => (b < a ? b : a)),
  };
}

/**
 * Cells of the lessons that `lessonFilter` selects (an SQL condition on alias `l`): one query for marks and one for
 * absences whatever the number of lessons, so a grid costs the same for 10 lessons or 60.
 */
export async function readCells(db: Db | Trx, lessonFilter: ReturnType<typeof sql>, studentId?: number): Promise<Map<string, Cell>> {
  const only = studentId ? sql`and t.student_id = ${studentId}` : sql``;
  const marks = await sql<{
    lesson_id: number;
    student_id: number;
    value: string;
    work_type_id: number;
    weight: number;
    entered_at: string;
  }>`
    select t.lesson_id, t.student_id, t.value, t.work_type_id, t.weight, t.entered_at
    from mark t join lesson l on l.id = t.lesson_id
    where ${lessonFilter} ${only}
    order by t.lesson_id, t.student_id, t.position`.execute(db);
  const notes = await sql<{ lesson_id: number; student_id: number; absence: AbsenceCode | null; comment: string; entered_at: string }>`
    select t.lesson_id, t.student_id, t.absence, t.comment, t.entered_at
    from journal_cell t join lesson l on l.id = t.lesson_id
    where ${lessonFilter} ${only}`.execute(db);
  const out = new Map<string, Cell>();
  const get = (lessonId: number, sid: number, at: string) => {
    const k = cellKey(sid, lessonId);
    let c = out.get(k);
    if (!c) {
      c = { lessonId, studentId: sid, marks: [], absence: null, comment: '', text: '', enteredAt: at };
      out.set(k, c);
    }
    if (at < c.enteredAt) c.enteredAt = at;
    return c;
  };
  for (const m of marks.rows)
    get(m.lesson_id, m.student_id, m.entered_at).marks.push({ value: m.value, workTypeId: m.work_type_id, weight: m.weight });
  for (const n of notes.rows) {
    const c = get(n.lesson_id, n.student_id, n.entered_at);
    c.absence = n.absence;
    c.comment = n.comment;
  }
  for (const c of out.values()) c.text = formatCell({ marks: c.marks.map((m) => m.value), absence: c.absence });
  return out;
}

/** One cell's stored rows (two indexed lookups), for a save that keeps the marks' first-entry stamps. */
export async function readCellRows(db: Db | Trx, lessonId: number, studentId: number): Promise<CellRows> {
  const marks = await db
    .selectFrom('mark')
    .select(['position', 'value', 'work_type_id', 'weight', 'entered_at', 'entered_by'])
    .where('lesson_id', '=', lessonId)
    .where('student_id', '=', studentId)
    .orderBy('position')
    .execute();
  const note = await db
    .selectFrom('journal_cell')
    .select(['absence', 'comment', 'entered_at'])
    .where('lesson_id', '=', lessonId)
    .where('student_id', '=', studentId)
    .executeTakeFirst();
  return { marks, note: note ?? null };
}

import { sql } from 'kysely';
import { AppError, type Db } from '../../db';
import { personOf, type Ctx } from '../kernel/context';
import { mutate, type Writer } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { ru } from '../contract/rules/dates';
import { invalid } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { assertCanRead, leadsClass, mayWriteLesson } from './access';
import { formatCell, parseCellText } from '../contract/rules/cell-text';
import { cellFromRows, cellKey, readCellRows, type CellRows } from './cell-store';
import { assertLessonEditable, assertLessonOpen, loadLesson, type EditableLesson } from './lesson-guard';
import type { Cell, CellHistoryEntry, SavedCells } from '../contract/journal-outputs';

// Saving journal cells: one typed cell, or a pasted block all at once. Every save is one transaction with its audit
// row (before → after), which is the history of corrections; marks keep the time they were first entered.

interface WorkType {
  id: number;
  name: string;
  weight: number;
}

interface Planned {
  lesson: EditableLesson;
  studentId: number;
  /** The cell's rows as stored before this save. */
  rows: CellRows;
  before: Cell | null;
  marks: { value: string; workTypeId: number; weight: number }[];
  absence: Cell['absence'];
  comment: string;
  changed: boolean;
}

/** What every cell of one call shares: read once per call, not once per pasted cell. */
interface SaveEnv {
  types: Map<number, WorkType>;
  plusMinus: boolean;
  /** Default work type per lesson id. */
  fallback: Map<number, number>;
}

async function saveEnv(ctx: Ctx): Promise<SaveEnv> {
  const rows = await ctx.db.selectFrom('work_type').select(['id', 'name', 'weight']).orderBy('position').execute();
  return { types: new Map(rows.map((r) => [r.id, r])), plusMinus: await getSetting(ctx.db, 'journal.plusMinus'), fallback: new Map() };
}

/** A mark's work type when the teacher did not choose one: the control work scheduled for the lesson's day, or class work. */
async function defaultWorkType(ctx: Ctx, l: EditableLesson, types: Map<number, WorkType>): Promise<number> {
  const byName = (n: string) => [...types.values()].find((t) => t.name === n)?.id;
  const control = await ctx.db
    .selectFrom('control_work')
    .select('id')
    .where('class_id', '=', l.class_id)
    .where('subject_id', '=', l.subject_id)
    .where('date', '=', l.date)
    .executeTakeFirst();
  return (control && byName('Контрольная работа')) || byName('Работа на уроке') || [...types.keys()][0];
}

/** The student's name, refusing a student who is not in the lesson's class on its date (or not in its group). */
async function studentOfLesson(ctx: Ctx, l: EditableLesson, studentId: number): Promise<string> {
  // One lookup: the student, and whether they are enrolled on the lesson's date and in the lesson's group.
  const s = await ctx.db
    .selectFrom('student as s')
    .select((eb) => [
      's.last_name',
      's.first_name',
      eb
        .exists(
          eb
            .selectFrom('enrollment as e')
            .select('e.id')
            .whereRef('e.student_id', '=', 's.id')
            .where('e.class_id', '=', l.class_id)
            .where('e.start_date', '<=', l.date)
            .where((e) => e.or([e('e.end_date', 'is', null), e('e.end_date', '>=', l.date)])),
        )
        .as('enrolled'),
      l.group_id
        ? eb
            .exists(
              eb
                .selectFrom('group_member as g')
                .select('g.student_id')
                .whereRef('g.student_id', '=', 's.id')
                .where('g.group_id', '=', l.group_id)
                .where('g.start_date', '<=', l.date)
                .where((e) => e.or([e('g.end_date', 'is', null), e('g.end_date', '>=', l.date)])),
            )
            .as('member')
        : eb.val(1).as('member'),
    ])
    .where('s.id', '=', studentId)
    .executeTakeFirst();
  if (!s) invalid('Ученик не найден');
  const name = `${s.last_name} ${s.first_name}`;
  if (!s.enrolled) invalid(`Клетка закрыта: ${name} ${ru(l.date)} не учится в этом классе`);
  if (!s.member) invalid(`Клетка закрыта: ${name} ${ru(l.date)} не входит в эту группу`);
  return name;
}

async function plan(
  ctx: Ctx,
  l: EditableLesson,
  studentId: number,
  text: string,
  env: SaveEnv,
  opts: { workTypeIds?: number[]; comment?: string },
): Promise<Planned> {
  const name = await studentOfLesson(ctx, l, studentId);
  const rules = { grading: l.grading, plusMinus: env.plusMinus };
  const parsed = parseCellText(text, rules);
  if (!parsed.ok) invalid(`${name}, ${ru(l.date)}: ${parsed.message}`);
  const rows = await readCellRows(ctx.db, l.id, studentId);
  const before = cellFromRows(l.id, studentId, rows);
  const chosenTypes = parsed.cell.marks.map((_, i) => opts.workTypeIds?.[i] ?? before?.marks[i]?.workTypeId);
  // The lesson's default work type is looked up only when a new mark needs it, and once per lesson per call.
  let fallback = env.fallback.get(l.id);
  if (fallback === undefined && chosenTypes.includes(undefined))
    env.fallback.set(l.id, (fallback = await defaultWorkType(ctx, l, env.types)));
  const marks = parsed.cell.marks.map((value, i) => {
    const chosen = chosenTypes[i] ?? fallback!;
    const t = env.types.get(chosen);
    if (!t) invalid('Неизвестный вид работы');
    return { value, workTypeId: t.id, weight: t.weight };
  });
  const comment = opts.comment ?? before?.comment ?? '';
  const after = { marks, absence: parsed.cell.absence, comment };
  const changed =
    formatCell({ marks: marks.map((m) => m.value), absence: after.absence }) !== (before?.text ?? '') ||
    comment !== (before?.comment ?? '') ||
    marks.some((m, i) => m.workTypeId !== before?.marks[i]?.workTypeId);
  return { lesson: l, studentId, rows, before, ...after, changed };
}

/**
 * Writes one planned cell and returns its rows as now stored. Runs in the transaction that read `p.rows`, so those are
 * the rows it replaces: marks keep the time (and author) they were first entered, the absence/comment row its own.
 */
async function apply(w: Writer, ctx: Ctx, p: Planned): Promise<CellRows> {
  const { lesson: l, studentId } = p;
  const now = w.at.toISOString();
  // A mark keeps the time (and author) of its first entry at its place in the cell, through later corrections: those are
  // in the audit log; the first entry's time is what the late-entries report judges.
  const kept = new Map(p.rows.marks.map((m) => [m.position, m]));
  if (p.rows.marks.length) await w.trx.deleteFrom('mark').where('lesson_id', '=', l.id).where('student_id', '=', studentId).execute();
  const marks = p.marks.map((m, i) => {
    const old = kept.get(i + 1);
    return {
      position: i + 1,
      value: m.value,
      work_type_id: m.workTypeId,
      weight: m.weight,
      entered_at: old?.entered_at ?? now,
      entered_by: old?.entered_by ?? personOf(ctx.actor),
    };
  });
  if (marks.length)
    await w.trx
      .insertInto('mark')
      .values(marks.map((m) => ({ lesson_id: l.id, student_id: studentId, ...m })))
      .execute();
  let note: CellRows['note'] = null;
  if (p.absence || p.comment) {
    await w.trx
      .insertInto('journal_cell')
      .values({
        lesson_id: l.id,
        student_id: studentId,
        absence: p.absence,
        comment: p.comment,
        entered_at: now,
        entered_by: personOf(ctx.actor),
      })
      // entered_at: when the absence was first entered (a row holding only a comment gets the absence's time).
      .onConflict((oc) =>
        oc.columns(['lesson_id', 'student_id']).doUpdateSet({
          absence: p.absence,
          comment: p.comment,
          entered_at: sql`case when journal_cell.absence is null and excluded.absence is not null then excluded.entered_at else journal_cell.entered_at end`,
        }),
      )
      .execute();
    // the same rule as the upsert above: an absence added to a row that held only a comment takes this moment
    const firstAbsence = p.rows.note !== null && p.rows.note.absence === null && p.absence !== null;
    note = { absence: p.absence, comment: p.comment, entered_at: p.rows.note && !firstAbsence ? p.rows.note.entered_at : now };
  } else if (p.rows.note)
    await w.trx.deleteFrom('journal_cell').where('lesson_id', '=', l.id).where('student_id', '=', studentId).execute();
  const afterText = formatCell({ marks: p.marks.map((m) => m.value), absence: p.absence });
  // The lesson's first entry takes its attendance: the time is kept (the weekly control judges it, issue 12 part 2).
  // Nothing clears it once set, so a lesson read with it set needs no update (one round trip less on PostgreSQL).
  if ((marks.length || p.absence) && l.attendance_at === null)
    await w.trx.updateTable('lesson').set({ attendance_at: now }).where('id', '=', l.id).where('attendance_at', 'is', null).execute();
  await w.audit({
    action: !p.before ? 'create' : afterText === '' && !p.comment ? 'delete' : 'update',
    entity: 'journal_cell',
    entityId: l.id,
    classId: l.class_id,
    before: p.before
      ? { studentId, date: l.date, text: p.before.text, comment: p.before.comment, workTypes: p.before.marks.map((m) => m.workTypeId) }
      : null,
    after: { studentId, date: l.date, text: afterText, comment: p.comment, workTypes: p.marks.map((m) => m.workTypeId) },
  });
  return { marks, note };
}

/**
 * One transaction for the whole save: the checks, the cells' current rows, the writes and their audit rows. Reading
 * and writing in the same transaction means the rows replaced are the rows read; `ctx.db` is the transaction inside.
 */
function inTransaction<T>(ctx: Ctx, fn: (tctx: Ctx, w: Writer) => Promise<T>): Promise<T> {
  return mutate(ctx, (w) => fn({ ...ctx, db: w.trx as unknown as Db }, w));
}

export async function saveCell(ctx: Ctx, input: ParsedInput<'journal.saveCell'>): Promise<Cell | null> {
  return inTransaction(ctx, async (tctx, w) => {
    const l = await loadLesson(tctx.db, input.lessonId);
    await assertLessonEditable(tctx, l, 'cells');
    const p = await plan(tctx, l, input.studentId, input.text, await saveEnv(tctx), {
      workTypeIds: input.workTypeIds,
      comment: input.comment,
    });
    // The answer is built from the rows written (or kept): exactly what reading the cell back would give.
    return p.changed ? cellFromRows(l.id, input.studentId, await apply(w, tctx, p)) : p.before;
  });
}

/** A pasted block: every cell is checked first; one bad cell refuses the whole block and nothing is saved. */
export async function saveCells(ctx: Ctx, input: ParsedInput<'journal.saveCells'>): Promise<SavedCells> {
  return inTransaction(ctx, async (tctx, w) => {
    const lessons = new Map<number, EditableLesson>();
    const env = await saveEnv(tctx);
    const planned: Planned[] = [];
    const problems: string[] = [];
    for (const c of input.cells) {
      let l = lessons.get(c.lessonId);
      try {
        if (!l) {
          l = await loadLesson(tctx.db, c.lessonId);
          if (l.class_id !== input.classId || l.subject_id !== input.subjectId || (l.group_id ?? null) !== (input.groupId ?? null))
            invalid('Вставляемый блок выходит за пределы этого журнала');
          await assertLessonEditable(tctx, l, 'cells');
          lessons.set(c.lessonId, l);
        }
        planned.push(await plan(tctx, l, c.studentId, c.text, env, {}));
      } catch (e) {
        if (!(e instanceof AppError) || e.code !== 'INVALID') throw e;
        problems.push(e.message);
        if (problems.length >= 5) break;
      }
    }
    if (problems.length) invalid([`Блок не вставлен, ничего не сохранено`, ...problems]);
    // Each cell as it stands after the block: a cell the block names twice ends as its last write left it.
    const after = new Map<string, Cell | null>();
    for (const p of planned) after.set(cellKey(p.studentId, p.lesson.id), p.before);
    const changes = planned.filter((p) => p.changed);
    const written = new Set<string>();
    for (const p of changes) {
      const k = cellKey(p.studentId, p.lesson.id);
      // A cell named again in the same block replaces what its earlier entry wrote, not what was there before.
      const current = written.has(k) ? await readCellRows(tctx.db, p.lesson.id, p.studentId) : p.rows;
      after.set(k, cellFromRows(p.lesson.id, p.studentId, await apply(w, tctx, { ...p, rows: current })));
      written.add(k);
    }
    const cells = planned.map(
      (p) => after.get(cellKey(p.studentId, p.lesson.id)) ?? { lessonId: p.lesson.id, studentId: p.studentId, cleared: true as const },
    );
    return { saved: changes.length, cells };
  });
}

/** Every change of one cell, oldest first, from the audit log. */
export async function cellHistory(ctx: Ctx, lessonId: number, studentId: number): Promise<CellHistoryEntry[]> {
  const l = await loadLesson(ctx.db, lessonId);
  await assertCanRead(ctx, { classId: l.class_id, subjectId: l.subject_id, groupId: l.group_id });
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['at', 'actor', 'before', 'after'])
    .where('entity', '=', 'journal_cell')
    .where('entity_id', '=', lessonId)
    .orderBy('id')
    .execute();
  const text = (json: string | null) => {
    if (!json) return null;
    const v = JSON.parse(json) as { studentId: number; text: string; comment?: string };
    return v;
  };
  return rows
    .map((r) => ({ r, b: text(r.before), a: text(r.after) }))
    .filter(({ a, b }) => (a ?? b)?.studentId === studentId)
    .map(({ r, a, b }) => ({
      at: r.at,
      actor: r.actor,
      before: b ? [b.text, b.comment].filter(Boolean).join(' — ') || null : null,
      after: a ? [a.text, a.comment].filter(Boolean).join(' — ') || null : null,
    }));
}

export const ABSENCE_REASON_FORBIDDEN =
  'Причину пропуска отмечает классный руководитель класса, учитель, ведущий урок, или заместитель директора.';

/**
 * The homeroom teacher's weekly check of absences (seed 003 §4.3.8): a note from home turns «н» into «у» or «б». Only
 * the code of an absence already in the cell changes; the marks, their work types and the comment stay. The journal's
 * own teacher and the deputy may do it too (they could type it into the cell anyway).
 */
export async function setAbsenceReason(ctx: Ctx, input: ParsedInput<'journal.absenceReason'>): Promise<Cell | null> {
  return inTransaction(ctx, async (tctx, w) => {
    const l = await loadLesson(tctx.db, input.lessonId);
    const key = { classId: l.class_id, subjectId: l.subject_id, groupId: l.group_id };
    const allowed =
      (await mayWriteLesson(tctx, { ...key, id: l.id, staff_id: l.staff_id, substitute_staff_id: l.substitute_staff_id })) ||
      (await leadsClass(tctx, l.class_id));
    if (!allowed) throw new AppError('FORBIDDEN', ABSENCE_REASON_FORBIDDEN);
    await assertLessonOpen(tctx, l, 'cells');
    const before = cellFromRows(l.id, input.studentId, await readCellRows(tctx.db, l.id, input.studentId));
    if (!before?.absence) invalid('В этой клетке нет пропуска: причину можно указать только у отмеченного пропуска');
    const text = formatCell({ marks: before.marks.map((m) => m.value), absence: input.absence });
    const p = await plan(tctx, l, input.studentId, text, await saveEnv(tctx), {
      workTypeIds: before.marks.map((m) => m.workTypeId),
      comment: before.comment,
    });
    return p.changed ? cellFromRows(l.id, input.studentId, await apply(w, tctx, p)) : p.before;
  });
}

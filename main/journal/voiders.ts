import { registerDescriber, registerVoider } from '../accounts/compromise';
import { ru } from '../contract/rules/dates';
import type { Writer } from '../kernel/mutate';
import type { FinalMarkKind } from '../../db/schema';
import { formatCell, parseCellText } from '../contract/rules/cell-text';

// How a compromised account's journal entries are put back (seeds 000, 001 §21): each restoration is itself an
// audited change of the same entity, so a cell's history shows the void too.

interface CellState {
  studentId: number;
  date?: string;
  text: string;
  comment?: string;
  workTypes?: number[];
}

async function restoreCell(w: Writer, lessonId: number, target: CellState, current: CellState | null, actorName: string) {
  const parsed = parseCellText(target.text, { grading: target.text.includes('зач') ? 'pass' : 'five', plusMinus: true });
  if (!parsed.ok) throw new Error(`stored cell text does not parse: ${target.text}`);
  const at = w.at.toISOString();
  const types = await w.trx.selectFrom('work_type').select(['id', 'weight', 'name']).orderBy('position').execute();
  const fallback = types.find((t) => t.name === 'Работа на уроке') ?? types[0];
  await w.trx.deleteFrom('mark').where('lesson_id', '=', lessonId).where('student_id', '=', target.studentId).execute();
  await w.trx.deleteFrom('journal_cell').where('lesson_id', '=', lessonId).where('student_id', '=', target.studentId).execute();
  for (const [i, value] of parsed.cell.marks.entries()) {
    const t = types.find((x) => x.id === target.workTypes?.[i]) ?? fallback;
    await w.trx
      .insertInto('mark')
      .values({
        lesson_id: lessonId,
        student_id: target.studentId,
        position: i + 1,
        value,
        work_type_id: t.id,
        weight: t.weight,
        entered_at: at,
        entered_by: actorName,
      })
      .execute();
  }
  if (parsed.cell.absence || target.comment)
    await w.trx
      .insertInto('journal_cell')
      .values({
        lesson_id: lessonId,
        student_id: target.studentId,
        absence: parsed.cell.absence,
        comment: target.comment ?? '',
        entered_at: at,
        entered_by: actorName,
      })
      .execute();
  const lesson = await w.trx.selectFrom('lesson').select('class_id').where('id', '=', lessonId).executeTakeFirst();
  await w.audit({
    action: 'update',
    entity: 'journal_cell',
    entityId: lessonId,
    classId: lesson?.class_id ?? null,
    before: current,
    after: { ...target, text: formatCell(parsed.cell), comment: target.comment ?? '' },
  });
}

interface FinalState {
  subjectId: number;
  kind: FinalMarkKind;
  value: string | null;
}

/** Teaches the compromise flow (accounts) how to undo and describe the journal's changes. Called once at start-up. */
export function registerJournalVoiders(): void {
  for (const action of ['create', 'update', 'delete'])
    registerVoider('journal_cell', action, async (w, op) => {
      const after = op.after as CellState;
      const before = (op.before as CellState | null) ?? { studentId: after.studentId, text: '', comment: '', workTypes: [] };
      await restoreCell(w, op.entityId as number, before, after, 'восстановление после компрометации');
    });

  for (const action of ['create', 'update', 'delete'])
    registerVoider('final_mark', action, async (w, op) => {
      const studentId = op.entityId as number;
      const after = op.after as FinalState;
      const before = op.before as FinalState | null;
      const row = await w.trx
        .selectFrom('final_mark')
        .select(['id', 'year_id', 'class_id'])
        .where('student_id', '=', studentId)
        .where('subject_id', '=', after.subjectId)
        .where('kind', '=', after.kind)
        .orderBy('id', 'desc')
        .executeTakeFirst();
      if (!before?.value) {
        if (row) await w.trx.deleteFrom('final_mark').where('id', '=', row.id).execute();
      } else if (row)
        await w.trx
          .updateTable('final_mark')
          .set({ value: before.value, entered_at: w.at.toISOString() })
          .where('id', '=', row.id)
          .execute();
      await w.audit({
        action: 'update',
        entity: 'final_mark',
        entityId: studentId,
        classId: row?.class_id ?? null,
        before: after,
        after: before ?? { ...after, value: null },
      });
    });

  registerVoider('lesson', 'update', async (w, op) => {
    const before = op.before as { topic?: string; homework?: string; workKind?: string; planTopicId?: number | null };
    if (before.topic === undefined) return;
    await w.trx
      .updateTable('lesson')
      .set({
        topic: before.topic,
        homework: before.homework ?? '',
        work_kind: before.workKind ?? '',
        plan_topic_id: before.planTopicId ?? null,
      })
      .where('id', '=', op.entityId as number)
      .execute();
    await w.audit({ action: 'update', entity: 'lesson', entityId: op.entityId, before: op.after, after: before });
  });

  registerDescriber('journal_cell', async (ctx, op) => {
    const after = op.after as CellState;
    const before = op.before as CellState | null;
    const l = await ctx.db
      .selectFrom('lesson')
      .innerJoin('class', 'class.id', 'lesson.class_id')
      .innerJoin('subject', 'subject.id', 'lesson.subject_id')
      .select(['lesson.date', 'class.name as cls', 'subject.name as subject'])
      .where('lesson.id', '=', op.entityId as number)
      .executeTakeFirst();
    const s = await ctx.db.selectFrom('student').select(['last_name', 'first_name']).where('id', '=', after.studentId).executeTakeFirst();
    const where = l ? `${l.cls}, ${l.subject}, урок ${ru(l.date)}` : `урок №${op.entityId}`;
    return `${where}, ${s ? `${s.last_name} ${s.first_name}` : `ученик №${after.studentId}`}: ${before?.text || 'пусто'} → ${after.text || 'пусто'}`;
  });

  registerDescriber('final_mark', async (ctx, op) => {
    const after = op.after as FinalState;
    const before = op.before as FinalState | null;
    const s = await ctx.db
      .selectFrom('student')
      .select(['last_name', 'first_name'])
      .where('id', '=', op.entityId as number)
      .executeTakeFirst();
    const subject = await ctx.db.selectFrom('subject').select('name').where('id', '=', after.subjectId).executeTakeFirst();
    return `${subject?.name ?? ''}, ${after.kind}, ${s ? `${s.last_name} ${s.first_name}` : ''}: ${before?.value ?? 'пусто'} → ${after.value ?? 'пусто'}`;
  });
}

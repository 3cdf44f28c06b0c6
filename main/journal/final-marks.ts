import { AppError } from '../../db';
import type { FinalMarkKind } from '../../db/schema';
import { can, personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { ru } from '../contract/rules/dates';
import { invalid, notFound } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { assertCanRead, assertCanWrite, mayWrite, type JournalKey } from './access';
import { readCells } from './cell-store';
import { FINAL_KIND_NAMES, parseFinalMark, suggestedMark, suggestedPass, weightedAverage } from '../contract/rules/final-rules';
import { journalHead, journalLessons, journalRef } from './grid';
import { activeLock, lockInfo, lockedMessage } from './locks';
import { periodRefs, rosterOf } from './roster';
import type { SavedFinals, YearFinals } from '../contract/journal-outputs';
import { recordedPerson } from '../contract/rules/names';

// Period, year, exam and final marks of one journal, and the locks they set (seed 001 teacher §5, deputy §6).

function keyOf(input: { classId: number; subjectId: number; groupId?: number | null }): JournalKey {
  return { classId: input.classId, subjectId: input.subjectId, groupId: input.groupId ?? null };
}

export async function loadFinals(ctx: Ctx, input: ParsedInput<'journal.finals'>): Promise<YearFinals> {
  const key = keyOf(input);
  await assertCanRead(ctx, key);
  const head = await journalHead(ctx.db, key);
  const periods = await periodRefs(ctx.db, head.year.id, head.cls.grade);
  const students = await rosterOf(ctx.db, key.classId, key.groupId ?? null, {
    start_date: head.year.start_date,
    end_date: head.year.end_date,
  });
  const kinds: { kind: FinalMarkKind; label: string }[] = [
    ...periods.map((p) => ({ kind: p.kind, label: p.name })),
    { kind: 'year', label: FINAL_KIND_NAMES.year },
    { kind: 'exam', label: FINAL_KIND_NAMES.exam },
    { kind: 'final', label: FINAL_KIND_NAMES.final },
  ];
  const columns = [];
  for (const k of kinds) {
    const lock = await activeLock(ctx.db, key, k.kind);
    columns.push({ ...k, locked: lock ? lockInfo(lock) : null });
  }
  const rows = students.length
    ? await ctx.db
        .selectFrom('final_mark')
        .select(['student_id', 'kind', 'value'])
        .where('year_id', '=', head.year.id)
        .where('subject_id', '=', key.subjectId)
        .where(
          'student_id',
          'in',
          students.map((s) => s.id),
        )
        .execute()
    : [];
  const marks: YearFinals['marks'] = {};
  for (const s of students) marks[s.id] = {};
  for (const r of rows) marks[r.student_id][r.kind] = r.value;
  const cells = await readCells(ctx.db, journalLessons(key, head.year.start_date, head.year.end_date));
  const useWeights = await getSetting(ctx.db, 'journal.useWeights');
  const roundFrom = await getSetting(ctx.db, 'journal.roundFrom');
  const byStudent = new Map<number, { value: string; weight: number }[]>();
  for (const c of cells.values()) byStudent.set(c.studentId, [...(byStudent.get(c.studentId) ?? []), ...c.marks]);
  const suggested: YearFinals['suggested'] = {};
  for (const s of students) {
    // The year mark follows the period marks where they are numbers (the usual rule), else the year's current marks.
    const periodMarks = periods.map((p) => marks[s.id][p.kind]).filter((v): v is string => !!v && /^[2-5]$/.test(v));
    const basis = periodMarks.length ? periodMarks.map((value) => ({ value, weight: 1 })) : (byStudent.get(s.id) ?? []);
    const average = weightedAverage(basis, periodMarks.length ? false : useWeights);
    suggested[s.id] = {
      average: average === null ? null : Math.round(average * 100) / 100,
      suggested: head.subject.grading === 'pass' ? suggestedPass(byStudent.get(s.id) ?? []) : suggestedMark(average, roundFrom),
    };
  }
  return {
    ...journalRef(head, ''),
    students,
    columns,
    marks,
    suggested,
    canEdit: !head.year.closed && (await mayWrite(ctx, key)),
    canUnlock: can(ctx.actor, 'journal.unlock'),
  };
}

/**
 * Whether the caller may set marks of a kind without locking it. Seed 001: the teacher may not edit the journal after
 * the period's marks, so a teacher's marks always lock (whatever `lock` says); only the deputy decides otherwise:
 * holders of journal.unlock and the roles that correct any journal.
 */
export function mayLeaveUnlocked(ctx: Ctx): boolean {
  return ctx.actor.system || can(ctx.actor, 'journal.unlock') || ctx.actor.roles.includes('deputy');
}

/**
 * Sets marks of one kind for the listed students (an empty value clears one) and locks that kind: after a period's
 * marks the teacher can no longer change the period's journal. `lock: false` is honoured only for the deputy.
 */
export async function setFinals(ctx: Ctx, input: ParsedInput<'journal.setFinals'>): Promise<SavedFinals> {
  const key = keyOf(input);
  await assertCanWrite(ctx, key);
  const head = await journalHead(ctx.db, key);
  if (head.year.closed) throw new AppError('LOCKED', `${head.year.name} учебный год закрыт: итоговые отметки не изменяются.`);
  const kind = input.kind as FinalMarkKind;
  const periods = await periodRefs(ctx.db, head.year.id, head.cls.grade);
  const period = periods.find((p) => p.kind === kind);
  if (kind.startsWith('p') && !period) invalid(`В ${head.cls.grade} классах нет такого учебного периода`);
  const label = period ? period.name : FINAL_KIND_NAMES[kind as 'year' | 'exam' | 'final'];
  const lock = await activeLock(ctx.db, key, kind);
  if (lock) throw new AppError('LOCKED', lockedMessage({ name: label }, lock), { lockId: lock.id });
  const range = period
    ? { start_date: period.start, end_date: period.end }
    : { start_date: head.year.start_date, end_date: head.year.end_date };
  const students = new Map((await rosterOf(ctx.db, key.classId, key.groupId ?? null, range)).map((s) => [s.id, s]));
  const problems: string[] = [];
  const parsed: { studentId: number; value: string | null }[] = [];
  for (const m of input.marks) {
    const s = students.get(m.studentId);
    if (!s) {
      problems.push(`Ученик ${m.studentId} не учился в классе в этот период`);
      continue;
    }
    const r = parseFinalMark(m.value, head.subject.grading);
    if (!r.ok) problems.push(`${s.name}: ${r.message}`);
    else parsed.push({ studentId: m.studentId, value: r.value });
  }
  if (problems.length) invalid(problems.slice(0, 5));
  return mutate(ctx, async (w) => {
    const at = w.at.toISOString();
    let saved = 0;
    for (const p of parsed) {
      const before = await w.trx
        .selectFrom('final_mark')
        .select(['id', 'value'])
        .where('year_id', '=', head.year.id)
        .where('subject_id', '=', key.subjectId)
        .where('student_id', '=', p.studentId)
        .where('kind', '=', kind)
        .executeTakeFirst();
      if ((before?.value ?? null) === p.value) continue;
      if (p.value === null) await w.trx.deleteFrom('final_mark').where('id', '=', before!.id).execute();
      else if (before)
        await w.trx
          .updateTable('final_mark')
          .set({ value: p.value, entered_at: at, entered_by: personOf(ctx.actor), class_id: key.classId })
          .where('id', '=', before.id)
          .execute();
      else
        await w.trx
          .insertInto('final_mark')
          .values({
            year_id: head.year.id,
            class_id: key.classId,
            subject_id: key.subjectId,
            student_id: p.studentId,
            kind,
            value: p.value,
            entered_at: at,
            entered_by: personOf(ctx.actor),
          })
          .execute();
      await w.audit({
        action: before ? (p.value === null ? 'delete' : 'update') : 'create',
        entity: 'final_mark',
        entityId: p.studentId,
        classId: key.classId,
        before: before ? { subjectId: key.subjectId, kind, value: before.value } : null,
        after: { subjectId: key.subjectId, kind, value: p.value },
      });
      saved++;
    }
    let lockId: number | null = null;
    if (input.lock || !mayLeaveUnlocked(ctx)) {
      const r = await w.trx
        .insertInto('journal_lock')
        .values({
          class_id: key.classId,
          subject_id: key.subjectId,
          group_id: key.groupId ?? null,
          kind,
          locked_at: at,
          locked_by: personOf(ctx.actor),
          unlocked_at: null,
          unlocked_by: null,
          unlock_reason: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      lockId = r.id;
      await w.audit({
        action: 'lock',
        entity: 'journal_lock',
        entityId: r.id,
        classId: key.classId,
        after: { subjectId: key.subjectId, groupId: key.groupId ?? null, kind, period: label },
      });
    }
    return { saved, lockId };
  });
}

/** The deputy reopens a closed period for corrections; the reason stays in the lock's row and the audit log. */
export async function unlock(ctx: Ctx, lockId: number, reason: string): Promise<true> {
  const lock = (await ctx.db.selectFrom('journal_lock').selectAll().where('id', '=', lockId).executeTakeFirst()) ?? notFound('Блокировка');
  if (lock.unlocked_at) invalid(`Блокировка уже снята ${ru(lock.unlocked_at.slice(0, 10))} (${recordedPerson(lock.unlocked_by ?? '')})`);
  await mutate(ctx, async (w) => {
    await w.trx
      .updateTable('journal_lock')
      .set({ unlocked_at: w.at.toISOString(), unlocked_by: personOf(ctx.actor), unlock_reason: reason })
      .where('id', '=', lockId)
      .execute();
    await w.audit({
      action: 'unlock',
      entity: 'journal_lock',
      entityId: lockId,
      classId: lock.class_id,
      before: { lockedAt: lock.locked_at, lockedBy: lock.locked_by },
      after: { reason },
    });
  });
  return true;
}

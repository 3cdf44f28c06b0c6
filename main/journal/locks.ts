import type { Db } from '../../db';
import type { FinalMarkKind, Row } from '../../db/schema';
import type { Trx } from '../kernel/mutate';
import { ru } from '../contract/rules/dates';
import type { JournalKey } from './access';
import type { LockInfo } from '../contract/journal-outputs';
import { recordedPerson } from '../contract/rules/names';

// Period locks: setting period marks closes the period's journal for the class and subject (seed 001: the teacher
// cannot change marks after the period's marks are set; corrections go through the deputy, who unlocks with a reason).
// A whole-class lock covers the class's group lessons of the subject too; a group's lock covers only that group.

export async function activeLock(db: Db | Trx, key: JournalKey, kind: FinalMarkKind): Promise<Row<'journal_lock'> | undefined> {
  return db
    .selectFrom('journal_lock')
    .selectAll()
    .where('class_id', '=', key.classId)
    .where('subject_id', '=', key.subjectId)
    .where('kind', '=', kind)
    .where('unlocked_at', 'is', null)
    .where((e) => (key.groupId ? e.or([e('group_id', 'is', null), e('group_id', '=', key.groupId)]) : e('group_id', 'is', null)))
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export function lockInfo(l: Row<'journal_lock'>): LockInfo {
  return { id: l.id, kind: l.kind, lockedAt: l.locked_at, lockedBy: recordedPerson(l.locked_by) };
}

export function lockedMessage(period: { name: string }, lock: Row<'journal_lock'>): string {
  return `Период «${period.name}» закрыт: итоговые отметки выставлены ${ru(lock.locked_at.slice(0, 10))} (${recordedPerson(lock.locked_by)}). Исправления вносит заместитель директора после снятия блокировки.`;
}

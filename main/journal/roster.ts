import type { Db } from '../../db';
import type { Trx } from '../kernel/mutate';
import type { DateRange } from '../contract/rules/dates';
import { periodsForGrade } from '../school/years';
import type { GridStudent, PeriodRef } from '../contract/journal-outputs';
import type { FinalMarkKind } from '../../db/schema';

// Who is in a journal and when, and the grade's periods: the shared ground of grids, final marks and homeroom views.

const collator = new Intl.Collator('ru');

/**
 * Students enrolled in the class at any time within `range` (members of the group only, for a group's journal), with
 * the dates they belonged to it clipped to the range. A student who left and came back has two ranges.
 */
export async function rosterOf(db: Db | Trx, classId: number, groupId: number | null, range: DateRange): Promise<GridStudent[]> {
  let q = db
    .selectFrom('enrollment')
    .innerJoin('student', 'student.id', 'enrollment.student_id')
    .select(['student.id', 'student.last_name', 'student.first_name', 'enrollment.start_date', 'enrollment.end_date'])
    .where('enrollment.class_id', '=', classId)
    .where('enrollment.start_date', '<=', range.end_date)
    .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', range.start_date)]));
  if (groupId) q = q.where('student.id', 'in', (s) => s.selectFrom('group_member').select('student_id').where('group_id', '=', groupId));
  const rows = await q.execute();
  const byId = new Map<number, GridStudent & { last: string; first: string }>();
  for (const r of rows) {
    const active = {
      start_date: r.start_date < range.start_date ? range.start_date : r.start_date,
      end_date: r.end_date === null || r.end_date > range.end_date ? range.end_date : r.end_date,
    };
    const have = byId.get(r.id);
    if (have) have.active.push(active);
    else byId.set(r.id, { id: r.id, name: `${r.last_name} ${r.first_name}`, active: [active], last: r.last_name, first: r.first_name });
  }
  return [...byId.values()]
    .sort((a, b) => collator.compare(a.last, b.last) || collator.compare(a.first, b.first) || a.id - b.id)
    .map(({ id, name, active }) => ({ id, name, active: active.sort((x, y) => x.start_date.localeCompare(y.start_date)) }));
}

export async function periodRefs(db: Db | Trx, yearId: number, grade: number): Promise<PeriodRef[]> {
  const rows = await periodsForGrade(db as Db, yearId, grade);
  return rows.map((p) => ({ id: p.id, number: p.number, name: p.name, start: p.start_date, end: p.end_date, kind: `p${p.number}` as FinalMarkKind }));
}

/** The period holding `date`, or the last one started before it, or the first. */
export function periodAt(periods: readonly PeriodRef[], date: string): PeriodRef | undefined {
  return periods.find((p) => p.start <= date && date <= p.end) ?? [...periods].reverse().find((p) => p.start <= date) ?? periods[0];
}

import type { Db } from '../../db';
import type { Trx } from '../kernel/mutate';
import type { DateRange } from '../contract/rules/dates';
import { periodsForGrade } from '../school/years';
import type { GridStudent, PeriodRef } from '../contract/journal-outputs';
import type { FinalMarkKind } from '../../db/schema';

// Who is in a journal and when, and the grade's periods: the shared ground of grids, final marks and homeroom views.

const collator = new Intl.Collator('ru');

/** The parts of `a` that lie inside some range of `b` (inclusive ISO date ranges), in date order. */
export function intersectRanges(a: readonly DateRange[], b: readonly DateRange[]): DateRange[] {
  const out: DateRange[] = [];
  for (const x of a)
    for (const y of b) {
      const start_date = x.start_date > y.start_date ? x.start_date : y.start_date;
      const end_date = x.end_date < y.end_date ? x.end_date : y.end_date;
      if (start_date <= end_date) out.push({ start_date, end_date });
    }
  return out.sort((p, q) => p.start_date.localeCompare(q.start_date));
}

/**
 * Each student's memberships of the groups, as date ranges within `range` (an open membership ends with the range).
 * Keyed by group, then student.
 */
export async function groupMemberships(
  db: Db | Trx,
  groupIds: readonly number[],
  range: DateRange,
): Promise<Map<number, Map<number, DateRange[]>>> {
  const out = new Map<number, Map<number, DateRange[]>>();
  if (!groupIds.length) return out;
  const rows = await db
    .selectFrom('group_member')
    .select(['group_id', 'student_id', 'start_date', 'end_date'])
    .where('group_id', 'in', [...groupIds])
    .where('start_date', '<=', range.end_date)
    .where((e) => e.or([e('end_date', 'is', null), e('end_date', '>=', range.start_date)]))
    .orderBy('start_date')
    .execute();
  for (const r of rows) {
    const byStudent = out.get(r.group_id) ?? new Map<number, DateRange[]>();
    out.set(r.group_id, byStudent);
    const list = byStudent.get(r.student_id) ?? [];
    byStudent.set(r.student_id, list);
    list.push({ start_date: r.start_date, end_date: r.end_date ?? range.end_date });
  }
  return out;
}

/**
 * Students enrolled in the class at any time within `range`, with the dates they belonged to it clipped to the range;
 * for a group's journal, only while they were also members of the group (membership has dates: a student who moved
 * from subgroup 1 to subgroup 2 is in group 1's journal up to the move and in group 2's from it). A student who left
 * and came back has two ranges.
 */
export async function rosterOf(db: Db | Trx, classId: number, groupId: number | null, range: DateRange): Promise<GridStudent[]> {
  const rows = await db
    .selectFrom('enrollment')
    .innerJoin('student', 'student.id', 'enrollment.student_id')
    .select(['student.id', 'student.last_name', 'student.first_name', 'enrollment.start_date', 'enrollment.end_date'])
    .where('enrollment.class_id', '=', classId)
    .where('enrollment.start_date', '<=', range.end_date)
    .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', range.start_date)]))
    .execute();
  const members = groupId ? ((await groupMemberships(db, [groupId], range)).get(groupId) ?? new Map<number, DateRange[]>()) : null;
  const byId = new Map<number, GridStudent & { last: string; first: string }>();
  for (const r of rows) {
    const enrolled = {
      start_date: r.start_date < range.start_date ? range.start_date : r.start_date,
      end_date: r.end_date === null || r.end_date > range.end_date ? range.end_date : r.end_date,
    };
    const active = members ? intersectRanges([enrolled], members.get(r.id) ?? []) : [enrolled];
    if (!active.length) continue;
    const have = byId.get(r.id);
    if (have) have.active.push(...active);
    else byId.set(r.id, { id: r.id, name: `${r.last_name} ${r.first_name}`, active, last: r.last_name, first: r.first_name });
  }
  return [...byId.values()]
    .sort((a, b) => collator.compare(a.last, b.last) || collator.compare(a.first, b.first) || a.id - b.id)
    .map(({ id, name, active }) => ({ id, name, active: active.sort((x, y) => x.start_date.localeCompare(y.start_date)) }));
}

export async function periodRefs(db: Db | Trx, yearId: number, grade: number): Promise<PeriodRef[]> {
  const rows = await periodsForGrade(db as Db, yearId, grade);
  return rows.map((p) => ({
    id: p.id,
    number: p.number,
    name: p.name,
    start: p.start_date,
    end: p.end_date,
    kind: `p${p.number}` as FinalMarkKind,
  }));
}

/** The period holding `date`, or the last one started before it, or the first. */
export function periodAt(periods: readonly PeriodRef[], date: string): PeriodRef | undefined {
  return periods.find((p) => p.start <= date && date <= p.end) ?? [...periods].reverse().find((p) => p.start <= date) ?? periods[0];
}

import { sql, type RawBuilder } from 'kysely';
import type { Ctx } from '../kernel/context';
import { wholeSchool } from '../journal/access';

// Whose data a monitoring report shows (issue 12, parts 6 and 8), checked in main: the director, the deputy and the
// office see the school; a homeroom teacher their own class (every subject); a teacher the classes and subjects of
// their teaching load. The rule is one SQL condition on a row's class and subject, so the reports stay aggregated in
// the database.

export interface ReaderScope {
  /** null: the whole school. */
  staffId: number | null;
  yearId: number;
  whole: boolean;
}

export function readerScope(ctx: Ctx, yearId: number): ReaderScope {
  return { whole: wholeSchool(ctx), staffId: ctx.actor.staffId ?? null, yearId };
}

/** The condition «the reader may see this class × subject», for a table alias with class_id and subject_id columns. */
export function visible(scope: ReaderScope, alias: string): RawBuilder<unknown> {
  if (scope.whole) return sql`1 = 1`;
  if (scope.staffId === null) return sql`1 = 0`;
  const classId = sql.ref(`${alias}.class_id`);
  const subjectId = sql.ref(`${alias}.subject_id`);
  return sql`(exists (select 1 from class hc where hc.id = ${classId} and hc.homeroom_staff_id = ${scope.staffId})
    or exists (select 1 from teaching_load tl where tl.year_id = ${scope.yearId} and tl.staff_id = ${scope.staffId}
      and tl.class_id = ${classId} and tl.subject_id = ${subjectId}))`;
}

/** Is the student due at a lesson (alias with class_id, group_id, date): enrolled in its class, and in its group. */
export function dueAt(lesson: string, student: string): RawBuilder<unknown> {
  const l = (c: string) => sql.ref(`${lesson}.${c}`);
  const s = sql.ref(student);
  return sql`exists (select 1 from enrollment e where e.student_id = ${s} and e.class_id = ${l('class_id')}
      and e.start_date <= ${l('date')} and (e.end_date is null or e.end_date >= ${l('date')}))
    and (${l('group_id')} is null or exists (select 1 from group_member gm where gm.group_id = ${l('group_id')}
      and gm.student_id = ${s} and gm.start_date <= ${l('date')} and (gm.end_date is null or gm.end_date >= ${l('date')})))`;
}

import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect';
import { yearGuardSql } from './0014_year_close';

// Issue 12 part 2: every first entry keeps its time. Topic and homework had theirs (lesson.topic_at, homework_at),
// marks and absences theirs (mark.entered_at, journal_cell.entered_at); the time attendance was first taken for a
// lesson had none. `attendance_at` is set by the journal's write path at the lesson's first entry (a cell of any
// student, or the lesson's details) and kept through later edits. Existing lessons get the earliest stored time, those
// of closed years too: the lesson's update guard is lifted for this one fill (as 0014 says a later migration may) and
// put back, so «attendance never taken» is `attendance_at is null` in every year, for every report.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table lesson add column attendance_at text`.execute(db);
  const engine = engineOf(db);
  const guard = yearGuardSql(engine).filter((s) => /^create (trigger|function) lesson_year_closed_upd\b/.test(s));
  if (!guard.length) throw new Error('the lesson update guard of 0014 is missing');
  // PostgreSQL's trigger belongs to its table and calls a function of the same name (db/dialect.ts).
  if (engine === 'postgres') {
    await sql`drop trigger lesson_year_closed_upd on lesson`.execute(db);
    await sql`drop function lesson_year_closed_upd()`.execute(db);
  } else await sql`drop trigger lesson_year_closed_upd`.execute(db);
  await sql`update lesson set attendance_at = (
      select min(t) from (
        select lesson.entered_at as t
        union all select min(m.entered_at) from mark m where m.lesson_id = lesson.id
        union all select min(j.entered_at) from journal_cell j where j.lesson_id = lesson.id
      ) as first_entries where t is not null)`.execute(db);
  for (const s of guard) await sql.raw(s).execute(db);
  // the weekly control reads a week of lessons by date, and the first entries made in a week by their times
  await sql`create index lesson_date on lesson(date, class_id)`.execute(db);
  await sql`create index lesson_topic_at on lesson(topic_at) where topic_at is not null`.execute(db);
  await sql`create index lesson_homework_at on lesson(homework_at) where homework_at is not null`.execute(db);
  await sql`create index lesson_attendance_at on lesson(attendance_at) where attendance_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of ['lesson_attendance_at', 'lesson_homework_at', 'lesson_topic_at', 'lesson_date'])
    await sql`drop index ${sql.id(index)}`.execute(db);
  await sql`alter table lesson drop column attendance_at`.execute(db);
}

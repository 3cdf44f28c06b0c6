import { type Kysely, sql } from 'kysely';
import { type Engine, engineOf, nullSafeEquals, refusingTriggerSql } from '../dialect';

// Issue 14 part 2: closing a school year. A closed year is read-only for everyone, on every way in (the program, the
// browser host, the CLI, the demo, a hand-written script): the database refuses every insert, update and delete of a
// row that belongs to a closed year, with triggers on each year-scoped table, so no service can forget the rule. The
// kernel's `mutate` turns the trigger's refusal (`SJ_YEAR_CLOSED`) into a Russian `LOCKED` message.
//
// Only the year's own `closed` flag may change on a closed year (the director's close and reopen). Two changes are not
// "in" the year and stay allowed: ending an open enrolment or group membership on or after the year's last day (a
// student moved up in September), and a movement dated outside every closed year.
//
// Also: the pedagogical council's decision per student (`council_decision`), the deferral of a mark for an ill student
// (`deferred_mark`, seed 001 teacher §12), and who closed the year and when. Both new tables are year-scoped too.
//
// A later migration that must change rows of a closed year drops and recreates the triggers it needs; a later
// year-scoped table adds its own three triggers (tests/unit/year-lock.test.ts fails until it does).

export const YEAR_CLOSED = 'SJ_YEAR_CLOSED';

/** Each year-scoped table and the year of one of its rows (`R` is NEW or OLD). */
export const YEAR_OF: Record<string, (r: string) => string> = {
  period_scheme: (r) => `${r}.year_id`,
  study_period: (r) => `(select year_id from period_scheme where id = ${r}.scheme_id)`,
  grade_scheme: (r) => `${r}.year_id`,
  holiday: (r) => `${r}.year_id`,
  bell_schedule: (r) => `${r}.year_id`,
  bell: (r) => `(select year_id from bell_schedule where id = ${r}.schedule_id)`,
  class: (r) => `${r}.year_id`,
  enrollment: (r) => `(select year_id from class where id = ${r}.class_id)`,
  study_group: (r) => `(select year_id from class where id = ${r}.class_id)`,
  group_member: (r) => `(select c.year_id from study_group g join class c on c.id = g.class_id where g.id = ${r}.group_id)`,
  curriculum_hours: (r) => `${r}.year_id`,
  teaching_load: (r) => `${r}.year_id`,
  timetable_version: (r) => `${r}.year_id`,
  timetable_slot: (r) => `(select year_id from timetable_version where id = ${r}.version_id)`,
  lesson: (r) => `(select year_id from class where id = ${r}.class_id)`,
  substitution: (r) => `(select c.year_id from lesson l join class c on c.id = l.class_id where l.id = ${r}.lesson_id)`,
  thematic_plan: (r) => `${r}.year_id`,
  plan_topic: (r) => `(select year_id from thematic_plan where id = ${r}.plan_id)`,
  control_work: (r) => `${r}.year_id`,
  mark: (r) => `(select c.year_id from lesson l join class c on c.id = l.class_id where l.id = ${r}.lesson_id)`,
  journal_cell: (r) => `(select c.year_id from lesson l join class c on c.id = l.class_id where l.id = ${r}.lesson_id)`,
  final_mark: (r) => `${r}.year_id`,
  journal_lock: (r) => `(select year_id from class where id = ${r}.class_id)`,
  council_decision: (r) => `${r}.year_id`,
  deferred_mark: (r) => `${r}.year_id`,
};

const closedYear = (expr: string) => `exists (select 1 from academic_year where closed = 1 and id = ${expr})`;

/** An open interval ended on or after its year's last day: the student left after the year, not in it. */
const endedAfterYear = (engine: Engine, yearOfOld: string, keys: string[]) =>
  `(OLD.end_date is null and NEW.end_date is not null and NEW.end_date >= (select end_date from academic_year where id = ${yearOfOld})` +
  keys.map((k) => ` and ${nullSafeEquals(engine, `NEW.${k}`, `OLD.${k}`)}`).join('') +
  ')';

/**
 * The guards, generated from YEAR_OF for either engine (db/dialect.ts: SQLite's `raise(abort)` triggers, or plpgsql
 * functions raising the same `SJ_YEAR_CLOSED` on PostgreSQL). The SQLite text is the one shipped databases hold.
 */
export function yearGuardSql(engine: Engine = 'sqlite'): string[] {
  const out: string[] = [];
  const guard = (name: string, table: string, event: 'insert' | 'update' | 'delete', when: string) =>
    out.push(...refusingTriggerSql(engine, { name, table, event, when, message: YEAR_CLOSED }));
  for (const [table, of] of Object.entries(YEAR_OF)) {
    guard(`${table}_year_closed_ins`, table, 'insert', closedYear(of('NEW')));
    let upd = `(${closedYear(of('OLD'))} or ${closedYear(of('NEW'))})`;
    if (table === 'enrollment') upd += ` and not ${endedAfterYear(engine, of('OLD'), ['student_id', 'class_id', 'start_date'])}`;
    if (table === 'group_member') upd += ` and not ${endedAfterYear(engine, of('OLD'), ['student_id', 'group_id', 'start_date'])}`;
    guard(`${table}_year_closed_upd`, table, 'update', upd);
    guard(`${table}_year_closed_del`, table, 'delete', closedYear(of('OLD')));
  }
  // A movement belongs to the year its date falls in (a move up on 1 September belongs to the new year).
  const moved = (r: string) => `exists (select 1 from academic_year where closed = 1 and ${r}.date between start_date and end_date)`;
  guard('movement_year_closed_ins', 'movement', 'insert', moved('NEW'));
  guard('movement_year_closed_upd', 'movement', 'update', `${moved('OLD')} or ${moved('NEW')}`);
  guard('movement_year_closed_del', 'movement', 'delete', moved('OLD'));
  // The year itself: only its `closed` flag (with who and when) changes while it is closed; it is never deleted closed.
  guard('academic_year_year_closed_upd', 'academic_year', 'update', 'OLD.closed = 1 and NEW.closed = 1');
  guard('academic_year_year_closed_del', 'academic_year', 'delete', 'OLD.closed = 1');
  return out;
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('academic_year').addColumn('closed_at', 'text').execute();
  await db.schema.alterTable('academic_year').addColumn('closed_by', 'text').execute();
  await db.schema
    .createTable('council_decision')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    // promoted «переведён», conditional «условно переведён», retained «оставлен на повторное обучение», graduated «выпущен»
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('protocol', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('recorded_by', 'text', (c) => c.notNull())
    .addColumn('recorded_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index council_decision_student on council_decision(year_id, student_id)`.execute(db);
  await db.schema
    .createTable('deferred_mark')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    // p1…p4, year, exam, final
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('due_date', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index deferred_mark_cell on deferred_mark(year_id, class_id, subject_id, student_id, kind)`.execute(db);
  for (const s of yearGuardSql(engineOf(db))) await sql.raw(s).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

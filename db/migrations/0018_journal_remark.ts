import { type Kysely, sql } from 'kysely';
import { type Engine, engineOf, refusingTriggerSql } from '../dialect';
import { YEAR_CLOSED } from './0014_year_close';

// Issue 12 part 9: inspection remarks on keeping the journal (seed 003 §6.2: the results of the deputies' checks are
// brought to the teachers' and homeroom teachers' notice). The deputy or the director writes a remark on a class's
// journal — the whole class, one subject (and group), one lesson or one cell — with a date to fix it by; the teacher
// answers; the deputy marks it fixed. The printed journal's «Замечания по ведению журнала» page lists them.
//
// Year-scoped like every journal row: the three year-lock triggers of 0014 (tests/unit/year-lock.test.ts).

const of = (r: string) => `${r}.year_id`;
const closedYear = (expr: string) => `exists (select 1 from academic_year where closed = 1 and id = ${expr})`;

export function remarkGuardSql(engine: Engine): string[] {
  const guard = (event: 'insert' | 'update' | 'delete', when: string) =>
    refusingTriggerSql(engine, {
      name: `journal_remark_year_closed_${event.slice(0, 3)}`,
      table: 'journal_remark',
      event,
      when,
      message: YEAR_CLOSED,
    });
  return [
    ...guard('insert', closedYear(of('NEW'))),
    ...guard('update', `${closedYear(of('OLD'))} or ${closedYear(of('NEW'))}`),
    ...guard('delete', closedYear(of('OLD'))),
  ];
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('journal_remark')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    // null: the whole class's journal (the homeroom teacher answers)
    .addColumn('subject_id', 'integer', (c) => c.references('subject.id'))
    .addColumn('group_id', 'integer', (c) => c.references('study_group.id'))
    // a lesson of that journal, and a student's cell of it
    .addColumn('lesson_id', 'integer', (c) => c.references('lesson.id'))
    .addColumn('student_id', 'integer', (c) => c.references('student.id'))
    // the remark's date on the school's clock (printed in the «Дата» column)
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    // the date to fix it by
    .addColumn('due_date', 'text')
    .addColumn('written_by', 'text', (c) => c.notNull())
    .addColumn('written_at', 'text', (c) => c.notNull())
    .addColumn('answer', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('fixed_by', 'text')
    .addColumn('fixed_at', 'text')
    .execute();
  await sql`create index journal_remark_class on journal_remark(class_id, date)`.execute(db);
  for (const s of remarkGuardSql(engineOf(db))) await sql.raw(s).execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('journal_remark').execute();
}

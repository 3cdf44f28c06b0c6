import { type Kysely, sql } from 'kysely';

// Issue 13, part 6; seed 000 (homeroom §7): the homeroom teacher checks the class's personal data at least once a
// month. One row per student each time someone confirms the student's data are current: the school-local date
// (`checked_on`), the instant (`checked_at`, UTC) and who did it. History rows: the latest is the student's
// «проверено» date.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('personal_data_check')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('checked_on', 'text', (c) => c.notNull())
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('checked_by', 'text', (c) => c.notNull())
    .execute();
  await sql`create index personal_data_check_student on personal_data_check(student_id, checked_on)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

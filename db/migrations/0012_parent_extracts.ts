import { type Kysely, sql } from 'kysely';

// Issue 13, seeds 001 §19, 002 §2, 003 §4.3.5, 004 §2.5, §4.1: paper extracts from the journal for parents who chose
// paper, and the register of what was printed and handed over. One row per printed extract: whose, for which span,
// when and by whom it was printed, the file's SHA-256 and the student's pages in it; the hand-over (when, to whom,
// recorded by whom) is filled in later by the homeroom teacher, once. `kind`: 'extract', or 'notice' (a notice to parents
// about a student at risk of «2» or «н/а», or with unexcused absences), registered the same way.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('parent_extract')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('kind', 'text', (c) => c.notNull().defaultTo('extract'))
    .addColumn('span_from', 'text', (c) => c.notNull())
    .addColumn('span_to', 'text', (c) => c.notNull())
    .addColumn('printed_at', 'text', (c) => c.notNull())
    .addColumn('printed_by', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('handed_at', 'text')
    .addColumn('handed_to', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('handed_recorded_by', 'text')
    .addColumn('handed_recorded_at', 'text')
    .execute();
  await sql`create index parent_extract_class on parent_extract(class_id, span_to)`.execute(db);
  await sql`create index parent_extract_student on parent_extract(student_id, span_to)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

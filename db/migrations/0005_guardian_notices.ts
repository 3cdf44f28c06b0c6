import { type Kysely, sql } from 'kysely';

// Seeds 001 §8, §20 and 004 §3.3–3.4: parents' consent or refusal of personal-data processing,
// refusal of the electronic form (paper extracts instead), refusal of any information (the social
// pedagogue is told), and acknowledgement of the journal. History rows: the latest of a kind is in force.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('guardian_notice')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('guardian_id', 'integer', (c) => c.references('guardian.id').onDelete('set null'))
    .addColumn('guardian_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index guardian_notice_student on guardian_notice(student_id, kind, date)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

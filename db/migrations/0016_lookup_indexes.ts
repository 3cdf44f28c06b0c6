import { type Kysely, sql } from 'kysely';

// Issue 14 part 5: the 25-year look-up of a former student's final marks reads them by student. The keys of
// final_mark lead with the year (final_mark_key) or the class (final_mark_class), so without this index every look-up
// scans the marks of all closed years (millions of rows after 25 years).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index final_mark_student on final_mark(student_id, year_id)`.execute(db);
  // found by birth date alone
  await sql`create index student_birth on student(birth_date)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index student_birth`.execute(db);
  await sql`drop index final_mark_student`.execute(db);
}

import { type Kysely, sql } from 'kysely';

// Group membership gets dates, like class enrolment: moving a student from subgroup 1 to subgroup 2 ends one
// membership on a date and starts another, so each group's journal keeps showing the student for the days they were in
// it (issue 11 part 11). A student may come back to a group later, so a membership is its own row with an id, not the
// (group, student) pair of 0001. Existing members are members from their first day in the group's class, or from the
// year's start if the enrolment history does not say, with no end. Nothing refers to `group_member`.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('group_member_new')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('group_id', 'integer', (c) => c.notNull().references('study_group.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .execute();
  await sql`insert into group_member_new(group_id, student_id, start_date, end_date)
    select gm.group_id, gm.student_id,
           coalesce((select min(e.start_date) from enrollment e where e.student_id = gm.student_id and e.class_id = g.class_id), y.start_date),
           null
      from group_member gm
      join study_group g on g.id = gm.group_id
      join class c on c.id = g.class_id
      join academic_year y on y.id = c.year_id
     order by gm.group_id, gm.student_id`.execute(db);
  await db.schema.dropTable('group_member').execute();
  await db.schema.alterTable('group_member_new').renameTo('group_member').execute();
  await sql`create index group_member_group on group_member(group_id, start_date)`.execute(db);
  await sql`create index group_member_student on group_member(student_id, start_date)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

import { type Kysely, sql } from 'kysely';

// Curriculum, teaching load, the weekly timetable, the year's lessons, substitutions,
// thematic plans (КТП) and the control-work schedule (ВШК).
// Nullable parts of a natural key go through coalesce(…, 0) in expression indexes because
// SQLite and PostgreSQL both treat NULLs in a plain UNIQUE constraint as distinct.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Which subjects a teacher may teach: the "teacher not qualified" warning comes from here.
  await db.schema
    .createTable('teacher_subject')
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('teacher_subject_pk', ['staff_id', 'subject_id'])
    .execute();

  // Weekly hours. A row with class_id overrides its grade's row for that class; a row with
  // period_number overrides the whole-year row for that study period (by number: period rows are
  // re-created when a scheme is edited, their numbers stay).
  await db.schema
    .createTable('curriculum_hours')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('class_id', 'integer', (c) => c.references('class.id').onDelete('cascade'))
    .addColumn('period_number', 'integer')
    .addColumn('hours', 'real', (c) => c.notNull())
    .execute();
  await sql`create unique index curriculum_hours_key on curriculum_hours(year_id, grade, subject_id, coalesce(class_id, 0), coalesce(period_number, 0))`.execute(
    db,
  );

  await db.schema
    .createTable('teaching_load')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('study_group.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('hours', 'real', (c) => c.notNull())
    .execute();
  await sql`create unique index teaching_load_key on teaching_load(class_id, subject_id, coalesce(group_id, 0), staff_id)`.execute(db);
  await sql`create index teaching_load_staff on teaching_load(staff_id)`.execute(db);

  // A school-wide weekly template, in force from valid_from until the next version starts.
  await db.schema
    .createTable('timetable_version')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('valid_from', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addUniqueConstraint('timetable_version_from', ['year_id', 'valid_from'])
    .execute();

  // weekday 1 = Monday … 6 = Saturday; group_id for subgroups, streams and individual plans.
  await db.schema
    .createTable('timetable_slot')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('version_id', 'integer', (c) => c.notNull().references('timetable_version.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
    .addColumn('group_id', 'integer', (c) => c.references('study_group.id').onDelete('cascade'))
    .addColumn('weekday', 'integer', (c) => c.notNull())
    .addColumn('lesson_number', 'integer', (c) => c.notNull())
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('room_id', 'integer', (c) => c.references('room.id'))
    .execute();
  await sql`create index timetable_slot_class on timetable_slot(version_id, class_id, weekday, lesson_number)`.execute(db);
  await sql`create index timetable_slot_staff on timetable_slot(version_id, staff_id)`.execute(db);

  await db.schema
    .createTable('thematic_plan')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('class_id', 'integer', (c) => c.references('class.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index thematic_plan_key on thematic_plan(year_id, subject_id, grade, coalesce(class_id, 0))`.execute(db);

  await db.schema
    .createTable('plan_topic')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('plan_id', 'integer', (c) => c.notNull().references('thematic_plan.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('hours', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('homework', 'text', (c) => c.notNull().defaultTo(''))
    .addUniqueConstraint('plan_topic_position', ['plan_id', 'position'])
    .execute();

  // One real lesson on a date. origin 'timetable' lessons belong to the generator (slot_id links
  // them to the template); 'manual' ones (a moved lesson's new date) are never touched by it.
  // entered_at is set by whoever types the topic or homework: with it, or with any row of a table
  // that references lesson.id (see main/timetable/lesson-data.ts), the lesson "has data".
  await db.schema
    .createTable('lesson')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('group_id', 'integer', (c) => c.references('study_group.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('staff_id', 'integer', (c) => c.notNull().references('staff.id'))
    .addColumn('substitute_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('room_id', 'integer', (c) => c.references('room.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('lesson_number', 'integer', (c) => c.notNull())
    .addColumn('period_id', 'integer', (c) => c.references('study_period.id').onDelete('set null'))
    .addColumn('origin', 'text', (c) => c.notNull().defaultTo('timetable'))
    .addColumn('slot_id', 'integer', (c) => c.references('timetable_slot.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('held'))
    .addColumn('moved_from_id', 'integer', (c) => c.references('lesson.id'))
    .addColumn('topic', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('homework', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('plan_topic_id', 'integer', (c) => c.references('plan_topic.id').onDelete('set null'))
    .addColumn('entered_at', 'text')
    .execute();
  await sql`create index lesson_class_date on lesson(class_id, date, lesson_number)`.execute(db);
  await sql`create index lesson_staff_date on lesson(staff_id, date)`.execute(db);
  await sql`create index lesson_substitute on lesson(substitute_staff_id, date) where substitute_staff_id is not null`.execute(db);
  await sql`create index lesson_slot on lesson(slot_id)`.execute(db);
  await sql`create index lesson_plan_topic on lesson(plan_topic_id)`.execute(db);

  // Substitutions, cancellations and moves are history: rows with reason, author and time.
  await db.schema
    .createTable('substitution')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lesson.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('substitute_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('new_lesson_id', 'integer', (c) => c.references('lesson.id'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index substitution_lesson on substitution(lesson_id)`.execute(db);

  await db.schema
    .createTable('control_work')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('lesson_number', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index control_work_class_date on control_work(class_id, date)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The curriculum and timetable migration cannot be undone');
}

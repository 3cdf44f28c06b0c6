import { type Kysely, sql } from 'kysely';
import { engineOf, refusingTriggerSql } from '../dialect';

// The school's structure, people, accounts and the audit log.
// Dates are ISO YYYY-MM-DD text, times HH:MM, timestamps ISO 8601 UTC text.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('setting')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('school')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('full_name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('director_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('inn', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('academic_year')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('closed', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();

  // A period scheme (quarters, half-years, trimesters) is chosen per grade.
  await db.schema
    .createTable('period_scheme')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addUniqueConstraint('period_scheme_year_name', ['year_id', 'name'])
    .execute();

  await db.schema
    .createTable('study_period')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('period_scheme.id').onDelete('cascade'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addUniqueConstraint('study_period_scheme_number', ['scheme_id', 'number'])
    .execute();

  await db.schema
    .createTable('grade_scheme')
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('scheme_id', 'integer', (c) => c.notNull().references('period_scheme.id'))
    .addPrimaryKeyConstraint('grade_scheme_pk', ['year_id', 'grade'])
    .execute();

  // grades: comma-separated list of grades the holiday applies to; empty = every grade.
  await db.schema
    .createTable('holiday')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text', (c) => c.notNull())
    .addColumn('grades', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  await db.schema
    .createTable('bell_schedule')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('shift', 'integer', (c) => c.notNull().defaultTo(1))
    .addUniqueConstraint('bell_schedule_year_name', ['year_id', 'name'])
    .execute();

  await db.schema
    .createTable('bell')
    .addColumn('schedule_id', 'integer', (c) => c.notNull().references('bell_schedule.id').onDelete('cascade'))
    .addColumn('lesson_number', 'integer', (c) => c.notNull())
    .addColumn('start_time', 'text', (c) => c.notNull())
    .addColumn('end_time', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('bell_pk', ['schedule_id', 'lesson_number'])
    .execute();

  await db.schema
    .createTable('staff')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('position', 'text', (c) => c.notNull())
    .addColumn('birth_date', 'text')
    .addColumn('snils', 'text')
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .execute();
  await sql`create unique index staff_snils on staff(snils) where snils is not null`.execute(db);

  await db.schema
    .createTable('subject')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short_name', 'text', (c) => c.notNull())
    .addColumn('component', 'text', (c) => c.notNull())
    .addColumn('grading', 'text', (c) => c.notNull().defaultTo('five'))
    .execute();

  await db.schema
    .createTable('room')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('number', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('capacity', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();

  await db.schema
    .createTable('class')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id'))
    .addColumn('grade', 'integer', (c) => c.notNull())
    .addColumn('letter', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('homeroom_staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('bell_schedule_id', 'integer', (c) => c.references('bell_schedule.id'))
    .addColumn('week_days', 'integer', (c) => c.notNull().defaultTo(5))
    .addColumn('shift', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('room_id', 'integer', (c) => c.references('room.id'))
    .addUniqueConstraint('class_year_name', ['year_id', 'name'])
    .execute();

  await db.schema
    .createTable('student')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('birth_date', 'text', (c) => c.notNull())
    .addColumn('gender', 'text', (c) => c.notNull())
    .addColumn('citizenship', 'text', (c) => c.notNull().defaultTo('Российская Федерация'))
    .addColumn('snils', 'text')
    .addColumn('birth_cert_series', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('birth_cert_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('passport_series', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('passport_number', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('passport_issued', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_registered', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_temporary', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address_actual', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('health_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('pe_group', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('health_notes', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('life_situation', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('personal_file_no', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await sql`create unique index student_snils on student(snils) where snils is not null`.execute(db);
  await sql`create index student_name on student(last_name, first_name, birth_date)`.execute(db);

  await db.schema
    .createTable('guardian')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id').onDelete('cascade'))
    .addColumn('relation', 'text', (c) => c.notNull())
    .addColumn('last_name', 'text', (c) => c.notNull())
    .addColumn('first_name', 'text', (c) => c.notNull())
    .addColumn('middle_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('phone', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('email', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('address', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('workplace', 'text', (c) => c.notNull().defaultTo(''))
    .execute();

  // Movement is history: every arrival, transfer and withdrawal is a row with its order and author.
  await db.schema
    .createTable('movement')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('date', 'text', (c) => c.notNull())
    .addColumn('from_class_id', 'integer', (c) => c.references('class.id'))
    .addColumn('to_class_id', 'integer', (c) => c.references('class.id'))
    .addColumn('order_number', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index movement_student on movement(student_id, date)`.execute(db);

  // Enrollment intervals are derived from movement (same transaction) so that
  // "who was in 5А on a date" is one indexed query. end_date is the last day in the class.
  await db.schema
    .createTable('enrollment')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('start_date', 'text', (c) => c.notNull())
    .addColumn('end_date', 'text')
    .execute();
  await sql`create index enrollment_class on enrollment(class_id, start_date)`.execute(db);
  await sql`create index enrollment_student on enrollment(student_id, start_date)`.execute(db);

  await db.schema
    .createTable('study_group')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id').onDelete('cascade'))
    .addColumn('subject_id', 'integer', (c) => c.references('subject.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addUniqueConstraint('study_group_class_name', ['class_id', 'name'])
    .execute();

  await db.schema
    .createTable('group_member')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('study_group.id').onDelete('cascade'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addPrimaryKeyConstraint('group_member_pk', ['group_id', 'student_id'])
    .execute();

  await db.schema
    .createTable('app_user')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('login', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('staff_id', 'integer', (c) => c.references('staff.id'))
    .addColumn('password_hash', 'text')
    .addColumn('activation_hash', 'text')
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('compromised_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('user_role')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_role_pk', ['user_id', 'role'])
    .execute();

  // Append-only and hash-chained: hash = sha256(prev_hash | canonical row).
  await db.schema
    .createTable('audit_log')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer')
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('entity', 'text', (c) => c.notNull())
    .addColumn('entity_id', 'integer')
    .addColumn('class_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('outcome', 'text', (c) => c.notNull().defaultTo('ok'))
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();
  await sql`create index audit_user_at on audit_log(user_id, at)`.execute(db);
  await sql`create index audit_entity on audit_log(entity, entity_id)`.execute(db);
  // SQLite: `begin select raise(abort, …); end`; PostgreSQL: a plpgsql function per trigger (db/dialect.ts).
  for (const event of ['update', 'delete'] as const)
    for (const s of refusingTriggerSql(engineOf(db), {
      name: `audit_log_no_${event}`,
      table: 'audit_log',
      event,
      message: 'audit_log is append-only',
    }))
      await sql.raw(s).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be undone');
}

import { type Kysely, sql } from 'kysely';

// The class journal: marks, absences and comments per student per lesson, period/year/exam/final marks, period locks
// and the school's work types. Entry times are kept on every row (seed 001 director §14: completeness and timeliness);
// corrections of past entries are the audit log's before/after rows.
export async function up(db: Kysely<unknown>): Promise<void> {
  // Виды работ. weight: the school's coefficient for the weighted average (1 where weights are not used).
  await db.schema
    .createTable('work_type')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('short', 'text', (c) => c.notNull())
    .addColumn('weight', 'real', (c) => c.notNull().defaultTo(1))
    .addColumn('position', 'integer', (c) => c.notNull())
    .execute();
  const types: [string, string, number][] = [
    ['Работа на уроке', 'РУ', 1],
    ['Устный ответ', 'УО', 1],
    ['Домашняя работа', 'ДЗ', 1],
    ['Самостоятельная работа', 'СР', 1.5],
    ['Проверочная работа', 'ПР', 1.5],
    ['Диктант', 'Д', 2],
    ['Практическая работа', 'Пр', 1.5],
    ['Лабораторная работа', 'ЛР', 1.5],
    ['Контрольная работа', 'КР', 2],
    ['Сочинение, изложение', 'Соч', 2],
    ['Зачёт', 'Зач', 2],
  ];
  for (const [i, [name, short, weight]] of types.entries())
    await sql`insert into work_type(name, short, weight, position) values (${name}, ${short}, ${weight}, ${i + 1})`.execute(db);

  // One or more marks per student per lesson. position orders them in the cell («4/5»).
  await db.schema
    .createTable('mark')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lesson.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('work_type_id', 'integer', (c) => c.notNull().references('work_type.id'))
    .addColumn('weight', 'real', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('mark_cell_position', ['lesson_id', 'student_id', 'position'])
    .execute();
  await sql`create index mark_student on mark(student_id, lesson_id)`.execute(db);

  // Absence and comment of a cell. absence: 'н' (no reason given), 'б' (illness), 'у' (excused); null: present.
  await db.schema
    .createTable('journal_cell')
    .addColumn('lesson_id', 'integer', (c) => c.notNull().references('lesson.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('absence', 'text')
    .addColumn('comment', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('journal_cell_pk', ['lesson_id', 'student_id'])
    .execute();
  await sql`create index journal_cell_student on journal_cell(student_id, lesson_id)`.execute(db);

  // Period (p1…p4), year, exam and final marks of a student in a subject. class_id: the class at grading time.
  await db.schema
    .createTable('final_mark')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id'))
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('student_id', 'integer', (c) => c.notNull().references('student.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'text', (c) => c.notNull())
    .addColumn('entered_by', 'text', (c) => c.notNull())
    .addUniqueConstraint('final_mark_key', ['year_id', 'subject_id', 'student_id', 'kind'])
    .execute();
  await sql`create index final_mark_class on final_mark(class_id, subject_id)`.execute(db);

  // Setting period marks locks the period's journal for the class and subject (and group); the deputy unlocks it with a
  // reason. Rows are history: the lock in force is the one with unlocked_at null.
  await db.schema
    .createTable('journal_lock')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('class_id', 'integer', (c) => c.notNull().references('class.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subject.id'))
    .addColumn('group_id', 'integer', (c) => c.references('study_group.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('locked_at', 'text', (c) => c.notNull())
    .addColumn('locked_by', 'text', (c) => c.notNull())
    .addColumn('unlocked_at', 'text')
    .addColumn('unlocked_by', 'text')
    .addColumn('unlock_reason', 'text')
    .execute();
  await sql`create index journal_lock_key on journal_lock(class_id, subject_id, kind) where unlocked_at is null`.execute(db);

  // When the topic and the homework were typed, for the timeliness report and the deadline warnings.
  await sql`alter table lesson add column topic_at text`.execute(db);
  await sql`alter table lesson add column homework_at text`.execute(db);
  await sql`alter table lesson add column work_kind text not null default ''`.execute(db);
  await sql`create index lesson_subject_class on lesson(class_id, subject_id, date)`.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The journal migration cannot be undone');
}

import type { Db } from '../../db/index';
import type { DatabaseStats } from '../contract/school-outputs';

async function count(
  db: Db,
  table:
    | 'class'
    | 'staff'
    | 'subject'
    | 'study_period'
    | 'holiday'
    | 'room'
    | 'audit_log'
    | 'app_user'
    | 'study_group'
    | 'lesson'
    | 'substitution'
    | 'plan_topic'
    | 'mark'
    | 'final_mark',
) {
  const r = await db
    .selectFrom(table)
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

/** What the database holds, for `stats --json` and the start screen. */
export async function databaseStats(db: Db): Promise<DatabaseStats> {
  const students = await db
    .selectFrom('enrollment')
    .select((e) => e.fn.count<number>('student_id').distinct().as('n'))
    .where('end_date', 'is', null)
    .executeTakeFirstOrThrow();
  return {
    students: Number(students.n),
    classes: await count(db, 'class'),
    staff: await count(db, 'staff'),
    subjects: await count(db, 'subject'),
    periods: await count(db, 'study_period'),
    holidays: await count(db, 'holiday'),
    rooms: await count(db, 'room'),
    groups: await count(db, 'study_group'),
    users: await count(db, 'app_user'),
    auditRows: await count(db, 'audit_log'),
    lessons: await count(db, 'lesson'),
    substitutions: await count(db, 'substitution'),
    planTopics: await count(db, 'plan_topic'),
    marks: await count(db, 'mark'),
    absences: Number(
      (
        await db
          .selectFrom('journal_cell')
          .select((e) => e.fn.countAll<number>().as('n'))
          .where('absence', 'is not', null)
          .executeTakeFirstOrThrow()
      ).n,
    ),
    finalMarks: await count(db, 'final_mark'),
  };
}

import { sql } from 'kysely';
import type { Db } from '../../db/index';
import type { Trx } from '../kernel/mutate';

// "A lesson with entered data" in one place: lesson generation never deletes, moves or re-assigns
// such a lesson. Later capabilities (marks, attendance, …) register their tables here:
//
//   LESSON_DATA_CHECKS.push(referencedBy('mark', 'lesson_id', 'отметки'));

export interface LessonScope {
  classId: number;
  /** Only lessons dated on or after this day. */
  from?: string;
}

export interface LessonDataCheck {
  /** What the data is, for messages: «тема или домашнее задание», «отметки». */
  label: string;
  /** Ids of the scope's lessons holding this kind of data. */
  lessonsWith(db: Db | Trx, scope: LessonScope): Promise<number[]>;
}

/** Topic or homework typed by a teacher (a topic taken from the thematic plan is not data). */
export const typedByTeacher: LessonDataCheck = {
  label: 'тема или домашнее задание, введённые учителем',
  async lessonsWith(db, scope) {
    let q = db
      .selectFrom('lesson')
      .select('id')
      .where('class_id', '=', scope.classId)
      .where((e) => e.or([e('entered_at', 'is not', null), e('homework', '!=', '')]));
    if (scope.from) q = q.where('date', '>=', scope.from);
    return (await q.execute()).map((r) => r.id);
  },
};

/** Any row of `table` whose `column` points at the lesson. */
export function referencedBy(table: string, column: string, label: string): LessonDataCheck {
  return {
    label,
    async lessonsWith(db, scope) {
      const from = scope.from ? sql`and l.date >= ${scope.from}` : sql``;
      const r = await sql<{ id: number }>`select distinct l.id as id from ${sql.table(table)} t
        join lesson l on l.id = t.${sql.ref(column)}
        where l.class_id = ${scope.classId} ${from}`.execute(db);
      return r.rows.map((x) => x.id);
    },
  };
}

export const LESSON_DATA_CHECKS: LessonDataCheck[] = [
  typedByTeacher,
  referencedBy('substitution', 'lesson_id', 'замена, отмена или перенос'),
  referencedBy('lesson', 'moved_from_id', 'перенесённый урок'),
  referencedBy('mark', 'lesson_id', 'отметки'),
  referencedBy('journal_cell', 'lesson_id', 'пропуски или комментарии'),
];

/** The scope's lessons that hold any data, by every registered check. */
export async function lessonsWithData(db: Db | Trx, scope: LessonScope): Promise<Set<number>> {
  const out = new Set<number>();
  for (const c of LESSON_DATA_CHECKS) for (const id of await c.lessonsWith(db, scope)) out.add(id);
  return out;
}

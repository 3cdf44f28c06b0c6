import { AppError, type Db } from '../../db';
import type { GradingSystem } from '../../db/schema';
import type { Ctx } from '../kernel/context';
import type { Trx } from '../kernel/mutate';
import { ru } from '../contract/rules/dates';
import { schoolToday } from '../kernel/school-clock';
import { notFound } from '../kernel/invalid';
import { assertCanWriteLesson } from './access';
import { activeLock, lockedMessage } from './locks';
import { periodAt, periodRefs } from './roster';
import type { PeriodRef } from '../contract/journal-outputs';

// Everything that decides whether a lesson's entries may change now: rights, the year, the lesson's status and date,
// and the period's lock. Cells, topics and homework all pass through here.

export interface EditableLesson {
  id: number;
  class_id: number;
  group_id: number | null;
  subject_id: number;
  staff_id: number;
  substitute_staff_id: number | null;
  date: string;
  status: string;
  topic: string;
  homework: string;
  work_kind: string;
  plan_topic_id: number | null;
  topic_at: string | null;
  homework_at: string | null;
  entered_at: string | null;
  /** The time of the lesson's first mark or absence: once set, never cleared. */
  attendance_at: string | null;
  grade: number;
  year_id: number;
  year_name: string;
  year_closed: number;
  grading: GradingSystem;
  period: PeriodRef | undefined;
}

export async function loadLesson(db: Db | Trx, lessonId: number): Promise<EditableLesson> {
  const l =
    (await db
      .selectFrom('lesson as l')
      .innerJoin('class as c', 'c.id', 'l.class_id')
      .innerJoin('academic_year as y', 'y.id', 'c.year_id')
      .innerJoin('subject as s', 's.id', 'l.subject_id')
      .select([
        'l.id',
        'l.class_id',
        'l.group_id',
        'l.subject_id',
        'l.staff_id',
        'l.substitute_staff_id',
        'l.date',
        'l.status',
        'l.topic',
        'l.homework',
        'l.work_kind',
        'l.plan_topic_id',
        'l.topic_at',
        'l.homework_at',
        'l.entered_at',
        'l.attendance_at',
        'c.grade',
        'y.id as year_id',
        'y.name as year_name',
        'y.closed as year_closed',
        's.grading',
      ])
      .where('l.id', '=', lessonId)
      .executeTakeFirst()) ?? notFound('Урок');
  const periods = await periodRefs(db, l.year_id, l.grade);
  const period = periods.find((p) => p.start <= l.date && l.date <= p.end) ?? periodAt(periods, l.date);
  return { ...l, period };
}

/**
 * Refuses with a Russian message when the lesson's entries may not change. `cells`: marks and absences, which a
 * lesson that has not happened yet cannot have (a topic and homework can be planned ahead).
 */
export async function assertLessonEditable(ctx: Ctx, l: EditableLesson, what: 'cells' | 'details'): Promise<void> {
  await assertCanWriteLesson(ctx, { ...lessonKey(l), id: l.id, staff_id: l.staff_id, substitute_staff_id: l.substitute_staff_id });
  await assertLessonOpen(ctx, l, what);
}

const lessonKey = (l: EditableLesson) => ({ classId: l.class_id, subjectId: l.subject_id, groupId: l.group_id });

/** Everything but the rights: the year, the lesson's status and date, the period's lock. */
export async function assertLessonOpen(ctx: Ctx, l: EditableLesson, what: 'cells' | 'details'): Promise<void> {
  const key = lessonKey(l);
  if (l.year_closed) throw new AppError('LOCKED', `${l.year_name} учебный год закрыт: записи журнала не изменяются.`);
  if (l.status === 'cancelled') throw new AppError('INVALID', `Урок ${ru(l.date)} отменён: в нём не ставят отметок и пропусков.`);
  if (l.status === 'moved') throw new AppError('INVALID', `Урок ${ru(l.date)} перенесён: записи вносятся в урок на новую дату.`);
  if (what === 'cells' && l.date > (await schoolToday(ctx)))
    throw new AppError('INVALID', `Урок ${ru(l.date)} ещё не проведён: отметки и пропуски ставятся в день урока или позже.`);
  if (l.period) {
    const lock = await activeLock(ctx.db, key, l.period.kind);
    if (lock) throw new AppError('LOCKED', lockedMessage(l.period, lock), { lockId: lock.id });
  }
}

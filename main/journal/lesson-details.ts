import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { lateness, localDate } from '../contract/rules/entry-deadline';
import { shortName } from '../contract/rules/names';
import { invalid } from '../kernel/invalid';
import { deadlineRules } from '../kernel/settings';
import { assertCanRead } from './access';
import { assertLessonEditable, loadLesson } from './lesson-guard';
import { lastLessonEnds } from './timeliness';
import { schoolTimeZone } from '../kernel/school-clock';
import type { GridLesson, PlanTopicOption } from '../contract/journal-outputs';

// A lesson's own entries: topic (typed or from the thematic plan), homework, kinds of work; and the warnings when they
// are missing after the school's deadline (seed 001 teacher §1–2, director §14).

/** What the grid needs to judge lessons: the school's local date today and the missing entries past their deadline. */
export interface LessonClock {
  today: string;
  warnings(l: { date: string; topic: string; homework: string; status: string; class_id: number }): string[];
}

/**
 * The clock for lessons of one class on `from`…`to`: «нет темы урока», «нет домашнего задания» once the deadline that
 * `lateness()` decides for that entry has passed (the settings' deadlines, the school's time zone, the class's last
 * lesson that day for homework). No second rule: a missing entry is overdue exactly when typing it now would be late.
 */
export async function lessonClock(ctx: Ctx, yearId: number, classId: number, from: string, to: string): Promise<LessonClock> {
  const [timeZone, rules] = await Promise.all([schoolTimeZone(ctx.db), deadlineRules(ctx.db)]);
  const now = ctx.now().toISOString();
  const today = localDate(now, timeZone);
  const ends = from <= today ? await lastLessonEnds(ctx.db, yearId, from, to < today ? to : today, classId) : new Map<string, string>();
  return {
    today,
    warnings(l) {
      if (l.status !== 'held' || l.date > today) return [];
      const lesson = { date: l.date, lastLessonEnd: ends.get(`${l.class_id}:${l.date}`) ?? null };
      const out: string[] = [];
      if (!l.topic.trim() && lateness('topic', now, lesson, timeZone, rules) !== null) out.push('Не записана тема урока');
      if (!l.homework.trim() && lateness('homework', now, lesson, timeZone, rules) !== null) out.push('Не записано домашнее задание');
      return out;
    },
  };
}

/** A lesson as the grid shows it; `names` maps staff ids to «Иванова А. П.». */
export function toGridLesson(
  l: {
    id: number;
    date: string;
    lesson_number: number;
    topic: string;
    homework: string;
    work_kind: string;
    plan_topic_id: number | null;
    status: GridLesson['status'];
    staff_id: number;
    substitute_staff_id: number | null;
    class_id: number;
  },
  names: ReadonlyMap<number, string>,
  clock: LessonClock,
): GridLesson {
  return {
    id: l.id,
    date: l.date,
    lessonNumber: l.lesson_number,
    topic: l.topic,
    homework: l.homework,
    workKind: l.work_kind,
    planTopicId: l.plan_topic_id,
    status: l.status,
    teacher: names.get(l.staff_id) ?? '',
    substitute: l.substitute_staff_id ? (names.get(l.substitute_staff_id) ?? null) : null,
    warnings: clock.warnings(l),
    future: l.date > clock.today,
  };
}

export async function saveLessonDetails(ctx: Ctx, input: ParsedInput<'journal.saveLesson'>): Promise<GridLesson> {
  const l = await loadLesson(ctx.db, input.lessonId);
  await assertLessonEditable(ctx, l, 'details');
  if (input.planTopicId) {
    const t = await ctx.db
      .selectFrom('plan_topic')
      .innerJoin('thematic_plan', 'thematic_plan.id', 'plan_topic.plan_id')
      .select(['thematic_plan.subject_id', 'thematic_plan.year_id'])
      .where('plan_topic.id', '=', input.planTopicId)
      .executeTakeFirst();
    if (!t || t.subject_id !== l.subject_id || t.year_id !== l.year_id) invalid('Тема не из тематического плана этого предмета');
  }
  await mutate(ctx, async (w) => {
    const at = w.at.toISOString();
    const values = {
      topic: input.topic,
      homework: input.homework,
      work_kind: input.workKind,
      plan_topic_id: input.planTopicId ?? null,
      // The first entry's time, kept through later edits (the late-entries report judges it); cleared with the text.
      topic_at: input.topic ? (l.topic ? (l.topic_at ?? at) : at) : null,
      homework_at: input.homework ? (l.homework ? (l.homework_at ?? at) : at) : null,
      entered_at: l.entered_at ?? at,
    };
    await w.trx.updateTable('lesson').set(values).where('id', '=', l.id).execute();
    // The lesson's first entry takes its attendance (issue 12 part 2): its time is kept through later edits.
    if (l.attendance_at === null)
      await w.trx.updateTable('lesson').set({ attendance_at: at }).where('id', '=', l.id).where('attendance_at', 'is', null).execute();
    await w.audit({
      action: 'update',
      entity: 'lesson',
      entityId: l.id,
      classId: l.class_id,
      before: { topic: l.topic, homework: l.homework, workKind: l.work_kind, planTopicId: l.plan_topic_id },
      after: { topic: input.topic, homework: input.homework, workKind: input.workKind, planTopicId: input.planTopicId ?? null },
    });
  });
  const r = await ctx.db.selectFrom('lesson').selectAll().where('id', '=', l.id).executeTakeFirstOrThrow();
  const staff = await ctx.db
    .selectFrom('staff')
    .select(['id', 'last_name', 'first_name', 'middle_name'])
    .where('id', 'in', [r.staff_id, r.substitute_staff_id ?? r.staff_id])
    .execute();
  const names = new Map(staff.map((s) => [s.id, shortName(s)]));
  return toGridLesson(r, names, await lessonClock(ctx, l.year_id, r.class_id, r.date, r.date));
}

/** The thematic plan's topics for the lesson's class and subject (the class's own plan before the grade's). */
export async function planTopicsFor(ctx: Ctx, lessonId: number): Promise<PlanTopicOption[]> {
  const l = await loadLesson(ctx.db, lessonId);
  await assertCanRead(ctx, { classId: l.class_id, subjectId: l.subject_id, groupId: l.group_id });
  const plans = await ctx.db
    .selectFrom('thematic_plan')
    .select(['id', 'class_id'])
    .where('year_id', '=', l.year_id)
    .where('subject_id', '=', l.subject_id)
    .where('grade', '=', l.grade)
    .where((e) => e.or([e('class_id', 'is', null), e('class_id', '=', l.class_id)]))
    .execute();
  const plan = plans.find((p) => p.class_id === l.class_id) ?? plans[0];
  if (!plan) return [];
  const topics = await ctx.db
    .selectFrom('plan_topic')
    .select(['id', 'position', 'title', 'homework'])
    .where('plan_id', '=', plan.id)
    .orderBy('position')
    .execute();
  const used = new Set(
    (
      await ctx.db
        .selectFrom('lesson')
        .select('plan_topic_id')
        .where('class_id', '=', l.class_id)
        .where('subject_id', '=', l.subject_id)
        .where('plan_topic_id', 'is not', null)
        .execute()
    ).map((r) => r.plan_topic_id),
  );
  return topics.map((t) => ({ ...t, used: used.has(t.id) }));
}

import { AppError } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { getSetting } from '../kernel/settings';
import type { AbsenceCode, GradingSystem } from '../contract/unions';
import type { PeriodMarkRules, WeightedMark } from '../contract/rules/final-rules';
import type { DateRange } from '../contract/rules/dates';
import type { PeriodRef } from '../contract/journal-outputs';
import { wholeSchool } from '../journal/access';
import { groupMemberships, periodAt, periodRefs, rosterOf } from '../journal/roster';
import { getYear } from '../school/years';

// One class's journals in one period, as the problem lists and the forecast read them: its students (with the dates
// they were in the class and in each group), its lessons held (not cancelled, not moved), their marks and absences.
// A student's lessons of a subject are the class's lessons without a group and those of the groups the student was in
// on the lesson's day, within the dates the student was in the class: the journal's own roster rule.

export interface PJLesson {
  id: number;
  date: string;
  lessonNumber: number;
  subjectId: number;
  groupId: number | null;
  topic: string;
}

export interface PJMark extends WeightedMark {
  lessonId: number;
  studentId: number;
  workType: string;
}

export interface PJStudent {
  id: number;
  name: string;
  active: DateRange[];
}

export interface PeriodJournal {
  classId: number;
  className: string;
  grade: number;
  period: PeriodRef;
  subjects: { id: number; name: string; grading: GradingSystem }[];
  students: PJStudent[];
  lessons: PJLesson[];
  marks: PJMark[];
  absences: { lessonId: number; studentId: number; absence: AbsenceCode }[];
  /** group → student → dates of membership. */
  groups: Map<number, Map<number, DateRange[]>>;
}

const inside = (ranges: readonly DateRange[] | undefined, date: string) =>
  !!ranges && ranges.some((r) => r.start_date <= date && date <= r.end_date);

/** The student's lessons of the subject in the period (all of them, past and to come), in date order. */
export function lessonsOf(pj: PeriodJournal, student: PJStudent, subjectId: number): PJLesson[] {
  return pj.lessons.filter(
    (l) =>
      l.subjectId === subjectId &&
      inside(student.active, l.date) &&
      (l.groupId === null || inside(pj.groups.get(l.groupId)?.get(student.id), l.date)),
  );
}

export async function markRules(ctx: Ctx): Promise<PeriodMarkRules> {
  return {
    useWeights: await getSetting(ctx.db, 'journal.useWeights'),
    minMarks: await getSetting(ctx.db, 'journal.minMarks'),
    roundFrom: await getSetting(ctx.db, 'journal.roundFrom'),
  };
}

/** The class's period: by number, or the one holding `today` (the last one begun; the first before the year). */
export async function classPeriod(ctx: Ctx, yearId: number, grade: number, number: number | null, today: string): Promise<PeriodRef> {
  const periods = await periodRefs(ctx.db, yearId, grade);
  const p = number === null ? periodAt(periods, today) : periods.find((x) => x.number === number);
  if (!p) throw new AppError('NOT_FOUND', number === null ? 'У класса нет учебных периодов' : `У класса нет ${number}-го учебного периода`);
  return p;
}

export async function loadPeriodJournal(ctx: Ctx, classId: number, period: PeriodRef): Promise<PeriodJournal> {
  const cls = await ctx.db.selectFrom('class').select(['id', 'name', 'grade']).where('id', '=', classId).executeTakeFirstOrThrow();
  const range = { start_date: period.start, end_date: period.end };
  const lessons = (
    await ctx.db
      .selectFrom('lesson')
      .select(['id', 'date', 'lesson_number', 'subject_id', 'group_id', 'topic'])
      .where('class_id', '=', classId)
      .where('status', '=', 'held')
      .where('date', '>=', period.start)
      .where('date', '<=', period.end)
      .orderBy('date')
      .orderBy('lesson_number')
      .orderBy('id')
      .execute()
  ).map((l) => ({ id: l.id, date: l.date, lessonNumber: l.lesson_number, subjectId: l.subject_id, groupId: l.group_id, topic: l.topic }));
  const subjectIds = [...new Set(lessons.map((l) => l.subjectId))];
  const subjects = subjectIds.length
    ? await ctx.db.selectFrom('subject').select(['id', 'name', 'grading']).where('id', 'in', subjectIds).orderBy('name').execute()
    : [];
  const marks = (
    await ctx.db
      .selectFrom('mark as x')
      .innerJoin('lesson as l', 'l.id', 'x.lesson_id')
      .innerJoin('work_type as w', 'w.id', 'x.work_type_id')
      .select(['x.lesson_id', 'x.student_id', 'x.value', 'x.weight', 'w.name as work_type'])
      .where('l.class_id', '=', classId)
      .where('l.status', '=', 'held')
      .where('l.date', '>=', period.start)
      .where('l.date', '<=', period.end)
      .orderBy('l.date')
      .orderBy('l.lesson_number')
      .orderBy('x.position')
      .execute()
  ).map((m) => ({ lessonId: m.lesson_id, studentId: m.student_id, value: m.value, weight: m.weight, workType: m.work_type }));
  const absences = (
    await ctx.db
      .selectFrom('journal_cell as x')
      .innerJoin('lesson as l', 'l.id', 'x.lesson_id')
      .select(['x.lesson_id', 'x.student_id', 'x.absence'])
      .where('l.class_id', '=', classId)
      .where('l.status', '=', 'held')
      .where('l.date', '>=', period.start)
      .where('l.date', '<=', period.end)
      .where('x.absence', 'is not', null)
      .execute()
  ).map((a) => ({ lessonId: a.lesson_id, studentId: a.student_id, absence: a.absence! }));
  const groupIds = [...new Set(lessons.map((l) => l.groupId).filter((g): g is number => g !== null))];
  const students = (await rosterOf(ctx.db, classId, null, range)).map((s) => ({ id: s.id, name: s.name, active: s.active }));
  return {
    classId,
    className: cls.name,
    grade: cls.grade,
    period,
    subjects: subjects.map((s) => ({ id: s.id, name: s.name, grading: s.grading })),
    students,
    lessons,
    marks,
    absences,
    groups: await groupMemberships(ctx.db, groupIds, range),
  };
}

/**
 * Which (class, subject) journals the caller may analyse: the director, deputies and the office every one; a homeroom
 * teacher every subject of their class; a teacher the subjects they teach in a class (the teaching load).
 */
export interface AnalysisScope {
  may(classId: number, subjectId: number): boolean;
  /** Some journal of the class. */
  mayClass(classId: number): boolean;
}

export async function analysisScope(ctx: Ctx, yearId: number): Promise<AnalysisScope> {
  if (wholeSchool(ctx)) return { may: () => true, mayClass: () => true };
  const staffId = ctx.actor.staffId ?? -1;
  const led = new Set(
    (await ctx.db.selectFrom('class').select('id').where('year_id', '=', yearId).where('homeroom_staff_id', '=', staffId).execute()).map(
      (c) => c.id,
    ),
  );
  const taught = new Set(
    (
      await ctx.db
        .selectFrom('teaching_load')
        .select(['class_id', 'subject_id'])
        .where('year_id', '=', yearId)
        .where('staff_id', '=', staffId)
        .execute()
    ).map((l) => `${l.class_id}:${l.subject_id}`),
  );
  const classes = new Set([...taught].map((k) => Number(k.split(':')[0])));
  return {
    may: (classId, subjectId) => led.has(classId) || taught.has(`${classId}:${subjectId}`),
    mayClass: (classId) => led.has(classId) || classes.has(classId),
  };
}

export const SCOPE_FORBIDDEN =
  'Эти данные вам недоступны: учитель видит свои классы и предметы, классный руководитель — свой класс, администрация — всю школу.';

/** The classes to analyse: the one asked for, or every class of the year (in grade and letter order). */
export async function classesOf(ctx: Ctx, yearId: number, classId: number | null) {
  await getYear(ctx.db, yearId);
  let q = ctx.db.selectFrom('class').select(['id', 'name', 'grade']).where('year_id', '=', yearId);
  if (classId !== null) q = q.where('id', '=', classId);
  const rows = await q.orderBy('grade').orderBy('letter').execute();
  if (classId !== null && rows.length === 0) throw new AppError('NOT_FOUND', 'Класс не найден в этом учебном году');
  return rows;
}

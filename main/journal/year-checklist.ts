import type { Ctx } from '../kernel/context';
import { notFound } from '../kernel/invalid';
import { fullName, recordedPerson } from '../contract/rules/names';
import { ru } from '../contract/rules/dates';
import { schoolToday } from '../kernel/school-clock';
import { markKindName, markKindTitle } from '../contract/rules/council';
import type { ChecklistItem, Deferral, YearChecklist } from '../contract/year-close';
import type { FinalMarkKind } from '../contract/unions';

// What must be in a year before it can be closed (issue 14 part 2). For every class of the year and every subject it
// is taught (lessons or teaching load), each student in the class on a period's last day has that period's mark;
// each student in the class on the last period's last day has the year mark, and in grades 9 and 11 the final mark
// (exam marks are not required: not everyone sits every exam); every grade with classes has its study periods; every
// student in a class at the end of the year has the pedagogical council's decision. A missing mark deferred for an
// ill student (seed 001, teacher §12) is an accepted exception while its due date has not passed.

/** Grades whose final marks go into a certificate. */
const FINAL_GRADES = new Set([9, 11]);

interface YearClass {
  id: number;
  name: string;
  grade: number;
}

/** The end of the year for a class: the last day of its grade's last period (the year's end without periods). */
export interface ClassYearShape {
  cls: YearClass;
  periods: { number: number; name: string; end: string }[];
  lastEnd: string;
}

export async function yearShape(ctx: Ctx, yearId: number) {
  const year =
    (await ctx.db.selectFrom('academic_year').selectAll().where('id', '=', yearId).executeTakeFirst()) ?? notFound('Учебный год');
  const classes = await ctx.db
    .selectFrom('class')
    .select(['id', 'name', 'grade'])
    .where('year_id', '=', yearId)
    .orderBy('grade')
    .orderBy('letter')
    .execute();
  const periodRows = await ctx.db
    .selectFrom('study_period as sp')
    .innerJoin('grade_scheme as gs', 'gs.scheme_id', 'sp.scheme_id')
    .select(['gs.grade', 'sp.number', 'sp.name', 'sp.end_date'])
    .where('gs.year_id', '=', yearId)
    .orderBy('gs.grade')
    .orderBy('sp.number')
    .execute();
  const byGrade = new Map<number, { number: number; name: string; end: string }[]>();
  for (const p of periodRows)
    (byGrade.get(p.grade) ?? byGrade.set(p.grade, []).get(p.grade)!).push({ number: p.number, name: p.name, end: p.end_date });
  const shapes: ClassYearShape[] = classes.map((cls) => {
    const periods = byGrade.get(cls.grade) ?? [];
    const lastEnd = periods.reduce((a, p) => (p.end > a ? p.end : a), '') || year.end_date;
    return { cls, periods, lastEnd };
  });
  const enrollments = await ctx.db
    .selectFrom('enrollment as e')
    .innerJoin('class as c', 'c.id', 'e.class_id')
    .innerJoin('student as s', 's.id', 'e.student_id')
    .select(['e.class_id', 'e.student_id', 'e.start_date', 'e.end_date', 's.last_name', 's.first_name', 's.middle_name', 's.gender'])
    .where('c.year_id', '=', yearId)
    .orderBy('s.last_name')
    .orderBy('s.first_name')
    .orderBy('s.middle_name')
    .execute();
  /** The students in a class on a day, in alphabetical order, each once. */
  const inClassOn = (classId: number, day: string) => {
    const seen = new Set<number>();
    return enrollments.filter((e) => {
      if (e.class_id !== classId || e.start_date > day || (e.end_date !== null && e.end_date < day) || seen.has(e.student_id)) return false;
      seen.add(e.student_id);
      return true;
    });
  };
  return { year, shapes, inClassOn, nameOf: (e: (typeof enrollments)[number]) => fullName(e) };
}

export function deferralOf(
  d: { id: number; reason: string; due_date: string; created_by: string },
  hasMark: boolean,
  today: string,
): Deferral {
  const state = hasMark ? 'set' : d.due_date < today ? 'overdue' : 'deferred';
  return {
    id: d.id,
    reason: d.reason,
    dueDate: d.due_date,
    state,
    stateName: state === 'set' ? 'выставлена' : state === 'overdue' ? `срок истёк ${ru(d.due_date)}` : `отсрочена до ${ru(d.due_date)}`,
    createdBy: recordedPerson(d.created_by),
  };
}

export async function yearChecklist(ctx: Ctx, yearId: number): Promise<YearChecklist> {
  const { year, shapes, inClassOn, nameOf } = await yearShape(ctx, yearId);
  const today = await schoolToday(ctx);
  const [lessonSubjects, loadSubjects, marks, deferred, decisions, subjects] = await Promise.all([
    ctx.db
      .selectFrom('lesson as l')
      .innerJoin('class as c', 'c.id', 'l.class_id')
      .select(['l.class_id', 'l.subject_id'])
      .distinct()
      .where('c.year_id', '=', yearId)
      .execute(),
    ctx.db.selectFrom('teaching_load').select(['class_id', 'subject_id']).distinct().where('year_id', '=', yearId).execute(),
    ctx.db.selectFrom('final_mark').select(['class_id', 'subject_id', 'student_id', 'kind']).where('year_id', '=', yearId).execute(),
    ctx.db.selectFrom('deferred_mark').selectAll().where('year_id', '=', yearId).execute(),
    ctx.db.selectFrom('council_decision').select(['student_id']).where('year_id', '=', yearId).execute(),
    ctx.db.selectFrom('subject').select(['id', 'name']).orderBy('name').execute(),
  ]);
  const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
  const subjectOrder = new Map(subjects.map((s, i) => [s.id, i]));
  const subjectsOf = new Map<number, Set<number>>();
  for (const r of [...lessonSubjects, ...loadSubjects])
    (subjectsOf.get(r.class_id) ?? subjectsOf.set(r.class_id, new Set()).get(r.class_id)!).add(r.subject_id);
  const key = (classId: number, subjectId: number, studentId: number, kind: string) => `${classId}:${subjectId}:${studentId}:${kind}`;
  const present = new Set(marks.map((m) => key(m.class_id, m.subject_id, m.student_id, m.kind)));
  const deferredBy = new Map(deferred.map((d) => [key(d.class_id, d.subject_id, d.student_id, d.kind), d]));
  const decided = new Set(decisions.map((d) => d.student_id));

  const failures: ChecklistItem[] = [];
  const exceptions: ChecklistItem[] = [];
  const checked = { classes: shapes.length, students: 0, marks: 0, decisions: 0 };
  const base = { classId: null, className: '', subjectId: null, subject: '', studentId: null, student: '', markKind: null, deferral: null };
  const missingGrades = new Set<number>();
  for (const { cls, periods, lastEnd } of shapes) {
    if (!periods.length && !missingGrades.has(cls.grade)) {
      missingGrades.add(cls.grade);
      failures.push({
        ...base,
        kind: 'periods',
        classId: cls.id,
        className: cls.name,
        message: `${cls.grade} класс: не заданы учебные периоды (четверти, триместры или полугодия)`,
      });
    }
    const atEnd = inClassOn(cls.id, lastEnd);
    checked.students += atEnd.length;
    const classSubjects = [...(subjectsOf.get(cls.id) ?? [])].sort((a, b) => (subjectOrder.get(a) ?? 0) - (subjectOrder.get(b) ?? 0));
    const expect = (subjectId: number, e: (typeof atEnd)[number], kind: FinalMarkKind, periodName?: string) => {
      checked.marks++;
      const k = key(cls.id, subjectId, e.student_id, kind);
      const d = deferredBy.get(k);
      const has = present.has(k);
      if (has && !d) return;
      const item: ChecklistItem = {
        ...base,
        kind: 'mark',
        classId: cls.id,
        className: cls.name,
        subjectId,
        subject: subjectName.get(subjectId) ?? '',
        studentId: e.student_id,
        student: nameOf(e),
        markKind: kind,
        message: `${cls.name}, ${subjectName.get(subjectId) ?? ''}, ${nameOf(e)}: нет ${markKindName(kind, periodName)}`,
        deferral: d ? deferralOf(d, has, today) : null,
      };
      if (has)
        item.message = `${cls.name}, ${subjectName.get(subjectId) ?? ''}, ${nameOf(e)}: ${markKindTitle(kind, periodName)} выставлена после отсрочки`;
      if (item.deferral?.state === 'overdue') item.message += ` (отсрочка: ${item.deferral.stateName})`;
      (item.deferral && item.deferral.state !== 'overdue' ? exceptions : failures).push(item);
    };
    for (const subjectId of classSubjects) {
      for (const p of periods) for (const e of inClassOn(cls.id, p.end)) expect(subjectId, e, `p${p.number}`, p.name);
      for (const e of atEnd) {
        expect(subjectId, e, 'year');
        if (FINAL_GRADES.has(cls.grade)) expect(subjectId, e, 'final');
      }
    }
    for (const e of atEnd) {
      checked.decisions++;
      if (!decided.has(e.student_id))
        failures.push({
          ...base,
          kind: 'decision',
          classId: cls.id,
          className: cls.name,
          studentId: e.student_id,
          student: nameOf(e),
          message: `${cls.name}, ${nameOf(e)}: нет решения педагогического совета`,
        });
    }
  }
  return {
    year: { id: year.id, name: year.name, closed: !!year.closed, closedAt: year.closed_at, closedBy: recordedPerson(year.closed_by) },
    failures,
    exceptions,
    checked,
    canClose: !year.closed && failures.length === 0,
  };
}

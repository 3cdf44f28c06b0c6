import { sql } from 'kysely';
import { AppError } from '../../db';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import { daysBetween } from '../contract/rules/dates';
import { schoolToday } from '../kernel/school-clock';
import { notFound } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { assertCanReadClass, CLASS_FORBIDDEN, mayReadClass } from './access';
import { readCells } from './cell-store';
import { weightedAverage } from '../contract/rules/final-rules';
import { periodAt, periodRefs, rosterOf } from './roster';
import type { ClassAttendance, HomeroomView, StudentCard } from '../contract/journal-outputs';

// The homeroom teacher's read-only views (seed 000 §10): the whole class over all subjects, one student's year, and
// the class's attendance by day.

const collator = new Intl.Collator('ru');

async function classOf(ctx: Ctx, classId: number) {
  await assertCanReadClass(ctx, classId);
  const cls =
    (await ctx.db.selectFrom('class').select(['id', 'name', 'grade', 'year_id']).where('id', '=', classId).executeTakeFirst()) ??
    notFound('Класс');
  const year = await ctx.db
    .selectFrom('academic_year')
    .select(['id', 'name', 'start_date', 'end_date'])
    .where('id', '=', cls.year_id)
    .executeTakeFirstOrThrow();
  return { cls, year };
}

export async function homeroomView(ctx: Ctx, input: ParsedInput<'journal.homeroom'>): Promise<HomeroomView> {
  const { cls, year } = await classOf(ctx, input.classId);
  const periods = await periodRefs(ctx.db, year.id, cls.grade);
  if (!periods.length) throw new AppError('INVALID', `Для ${cls.grade} классов не заданы учебные периоды`);
  const period =
    (input.periodId ? periods.find((p) => p.id === input.periodId) : periodAt(periods, await schoolToday(ctx))) ??
    notFound('Учебный период');
  const filter = sql`l.class_id = ${cls.id} and l.date between ${period.start} and ${period.end} and l.status = 'held'`;
  const lessons = (
    await sql<{
      id: number;
      subject_id: number;
      date: string;
    }>`select l.id, l.subject_id, l.date from lesson l where ${filter} order by l.date, l.lesson_number`.execute(ctx.db)
  ).rows;
  const subjectIds = [...new Set(lessons.map((l) => l.subject_id))];
  const subjects = subjectIds.length
    ? await ctx.db.selectFrom('subject').select(['id', 'name']).where('id', 'in', subjectIds).execute()
    : [];
  subjects.sort((a, b) => collator.compare(a.name, b.name));
  const cells = await readCells(ctx.db, filter);
  const students = await rosterOf(ctx.db, cls.id, null, { start_date: period.start, end_date: period.end });
  const finals = students.length
    ? await ctx.db
        .selectFrom('final_mark')
        .select(['student_id', 'subject_id', 'value'])
        .where('year_id', '=', year.id)
        .where('kind', '=', period.kind)
        .where(
          'student_id',
          'in',
          students.map((s) => s.id),
        )
        .execute()
    : [];
  const useWeights = await getSetting(ctx.db, 'journal.useWeights');
  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  const perStudent = new Map<
    number,
    { subject: number; text: string; marks: { value: string; weight: number }[]; absence: string | null }[]
  >();
  for (const c of cells.values()) {
    const l = lessonById.get(c.lessonId);
    if (!l) continue;
    const list = perStudent.get(c.studentId) ?? [];
    list.push({ subject: l.subject_id, text: c.marks.map((m) => m.value).join('/'), marks: c.marks, absence: c.absence });
    perStudent.set(c.studentId, list);
  }
  return {
    classId: cls.id,
    className: cls.name,
    period,
    periods,
    subjects,
    students: students.map((s) => {
      const entries = perStudent.get(s.id) ?? [];
      const absences = entries.filter((e) => e.absence);
      return {
        ...s,
        missed: absences.length,
        missedIllness: absences.filter((e) => e.absence === 'б').length,
        missedExcused: absences.filter((e) => e.absence === 'у').length,
        rows: subjects.map((sub) => {
          const mine = entries.filter((e) => e.subject === sub.id);
          const marks = mine.flatMap((e) => e.marks);
          const avg = weightedAverage(marks, useWeights);
          return {
            subjectId: sub.id,
            subjectName: sub.name,
            marks: mine.filter((e) => e.text).map((e) => e.text),
            average: avg === null ? null : Math.round(avg * 100) / 100,
            periodMark: finals.find((f) => f.student_id === s.id && f.subject_id === sub.id)?.value ?? null,
            missed: mine.filter((e) => e.absence).length,
          };
        }),
      };
    }),
  };
}

export async function studentCard(ctx: Ctx, input: ParsedInput<'journal.studentCard'>): Promise<StudentCard> {
  const student =
    (await ctx.db
      .selectFrom('student')
      .select(['id', 'last_name', 'first_name', 'middle_name'])
      .where('id', '=', input.studentId)
      .executeTakeFirst()) ?? notFound('Ученик');
  const enrollments = await ctx.db
    .selectFrom('enrollment')
    .innerJoin('class', 'class.id', 'enrollment.class_id')
    .select(['enrollment.class_id', 'enrollment.start_date', 'enrollment.end_date', 'class.year_id', 'class.name', 'class.grade'])
    .where('enrollment.student_id', '=', student.id)
    .orderBy('enrollment.start_date', 'desc')
    .execute();
  const inYear = input.yearId
    ? enrollments.filter((e) => e.year_id === input.yearId)
    : enrollments.filter((e) => e.year_id === enrollments[0]?.year_id);
  if (!inYear.length) throw new AppError('NOT_FOUND', 'Ученик не учился в этом учебном году');
  // The homeroom teacher of any class the student was in that year may read the card; the administration always.
  let allowed = false;
  for (const e of inYear) if (!allowed) allowed = await mayReadClass(ctx, e.class_id);
  if (!allowed) throw new AppError('FORBIDDEN', CLASS_FORBIDDEN);
  const year = await ctx.db
    .selectFrom('academic_year')
    .select(['id', 'name'])
    .where('id', '=', inYear[0].year_id)
    .executeTakeFirstOrThrow();
  const classIds = [...new Set(inYear.map((e) => e.class_id))];
  const filter = sql`l.class_id in (${sql.join(classIds)}) and l.status = 'held'`;
  const cells = await readCells(ctx.db, filter, student.id);
  const lessonIds = [...new Set([...cells.values()].map((c) => c.lessonId))];
  const lessons = lessonIds.length
    ? await ctx.db.selectFrom('lesson').select(['id', 'date', 'subject_id']).where('id', 'in', lessonIds).execute()
    : [];
  const lessonById = new Map(lessons.map((l) => [l.id, l]));
  const finals = await ctx.db
    .selectFrom('final_mark')
    .select(['subject_id', 'kind', 'value'])
    .where('year_id', '=', year.id)
    .where('student_id', '=', student.id)
    .execute();
  const subjectIds = [...new Set([...lessons.map((l) => l.subject_id), ...finals.map((f) => f.subject_id)])];
  const subjects = subjectIds.length
    ? await ctx.db.selectFrom('subject').select(['id', 'name']).where('id', 'in', subjectIds).execute()
    : [];
  subjects.sort((a, b) => collator.compare(a.name, b.name));
  const types = new Map((await ctx.db.selectFrom('work_type').select(['id', 'short']).execute()).map((t) => [t.id, t.short]));
  const useWeights = await getSetting(ctx.db, 'journal.useWeights');
  return {
    studentId: student.id,
    name: [student.last_name, student.first_name, student.middle_name].filter(Boolean).join(' '),
    className: inYear
      .map((e) => e.name)
      .reverse()
      .join(' → '),
    yearName: year.name,
    periods: await periodRefs(ctx.db, year.id, inYear[0].grade),
    subjects: subjects.map((sub) => {
      const mine = [...cells.values()].filter((c) => lessonById.get(c.lessonId)?.subject_id === sub.id);
      mine.sort((a, b) => lessonById.get(a.lessonId)!.date.localeCompare(lessonById.get(b.lessonId)!.date));
      const avg = weightedAverage(
        mine.flatMap((c) => c.marks),
        useWeights,
      );
      return {
        subjectId: sub.id,
        subjectName: sub.name,
        entries: mine.map((c) => ({
          date: lessonById.get(c.lessonId)!.date,
          lessonId: c.lessonId,
          text: c.text,
          workTypes: c.marks.map((m) => types.get(m.workTypeId) ?? ''),
          comment: c.comment,
        })),
        finals: Object.fromEntries(finals.filter((f) => f.subject_id === sub.id).map((f) => [f.kind, f.value])),
        average: avg === null ? null : Math.round(avg * 100) / 100,
      };
    }),
  };
}

export async function classAttendance(ctx: Ctx, input: ParsedInput<'journal.attendance'>): Promise<ClassAttendance> {
  const { cls } = await classOf(ctx, input.classId);
  if (input.from > input.to) throw new AppError('INVALID', 'Начало периода позже его конца');
  if (daysBetween(input.from, input.to) > 400) throw new AppError('INVALID', 'Слишком длинный период: не больше учебного года');
  const rows = (
    await sql<{
      student_id: number;
      lesson_id: number;
      date: string;
      lesson_number: number;
      subject: string;
      absence: 'н' | 'б' | 'у';
    }>`select c.student_id, c.lesson_id, l.date, l.lesson_number, s.name as subject, c.absence
      from journal_cell c join lesson l on l.id = c.lesson_id join subject s on s.id = l.subject_id
      where l.class_id = ${cls.id} and l.date between ${input.from} and ${input.to} and l.status = 'held' and c.absence is not null
      order by l.date, l.lesson_number`.execute(ctx.db)
  ).rows;
  const days = (
    await sql<{
      date: string;
    }>`select distinct date from lesson where class_id = ${cls.id} and date between ${input.from} and ${input.to} and status = 'held' order by date`.execute(
      ctx.db,
    )
  ).rows.map((r) => r.date);
  const students = await rosterOf(ctx.db, cls.id, null, { start_date: input.from, end_date: input.to });
  return {
    classId: cls.id,
    className: cls.name,
    from: input.from,
    to: input.to,
    days,
    students: students.map((s) => {
      const out: Record<string, { н: number; б: number; у: number }> = {};
      let total = 0;
      for (const r of rows) {
        if (r.student_id !== s.id) continue;
        const d = (out[r.date] ??= { н: 0, б: 0, у: 0 });
        d[r.absence]++;
        total++;
      }
      return { ...s, days: out, total };
    }),
    absences: rows.map((r) => ({
      lessonId: r.lesson_id,
      studentId: r.student_id,
      date: r.date,
      lessonNumber: r.lesson_number,
      subject: r.subject,
      absence: r.absence,
    })),
  };
}

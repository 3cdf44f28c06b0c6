import { sql } from 'kysely';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { ControlWorkReport, ControlWorkResult, ControlWorkStudent } from '../contract/control-monitoring';
import type { AbsenceCode } from '../contract/unions';
import { shortName } from '../contract/rules/names';
import { RESULT_FORMULAS, rates } from '../contract/rules/results';
import { notFound } from '../kernel/invalid';
import { schoolToday } from '../kernel/school-clock';
import { getYear } from '../school/years';
import { dueAt, readerScope, visible, type ReaderScope } from './scope';

// Internal monitoring (ВШК) of the control works on the school's schedule (seed 001, deputy §11; issue 12, part 6).
// A work is linked to its marks without a table of its own: the lessons that hold it are the held lessons of its
// class and subject on its date (at its lesson number when the schedule gives one; one per group where the class is
// split), and its marks are the marks of those lessons of the work type «Контрольная работа» or of the type named
// as the work's kind («Диктант»). That is what the journal already writes: a mark entered on the day of a scheduled
// work gets the type «Контрольная работа» by default (main/journal/cells.ts), and a student who wrote it later has
// the mark put on the same lesson. Success and quality are `rates()` of those marks, as in the results report.

export const CONTROL_WORK_NOTES: readonly string[] = [
  'Работа — урок её класса и предмета в день по графику (в указанный урок, если он задан; при делении на группы — урок каждой группы).',
  'Отметки за работу — отметки этого урока с видом работы «Контрольная работа» или с видом, названным как вид работы в графике.',
  'Должны были писать — ученики класса (и группы урока) на дату работы; не писали — те из них, у кого нет отметки за работу.',
  ...RESULT_FORMULAS.slice(2),
];

/** The join of a work (alias w) to the lessons that hold it (alias l). */
const holds = sql`l.class_id = w.class_id and l.subject_id = w.subject_id and l.date = w.date
  and (w.lesson_number is null or l.lesson_number = w.lesson_number) and l.status = 'held'`;

/** The mark (alias m, its type t) counts for the work (alias w). */
const countsFor = sql`(t.name = 'Контрольная работа' or t.name = w.kind)`;

interface WorkRow {
  id: number;
  date: string;
  lesson_number: number | null;
  class_id: number;
  class_name: string;
  subject_name: string;
  kind: string;
  title: string;
  due: number;
}

async function works(ctx: Ctx, scope: ReaderScope, where: { yearId: number; classId?: number | null; id?: number }) {
  const one = where.id ? sql`and w.id = ${where.id}` : sql``;
  const cls = where.classId ? sql`and w.class_id = ${where.classId}` : sql``;
  const rows = (
    await sql<WorkRow>`
      select w.id, w.date, w.lesson_number, w.class_id, c.name as class_name, s.name as subject_name, w.kind, w.title,
        (select count(distinct e.student_id) from lesson l join enrollment e on e.class_id = l.class_id
          where ${holds} and ${dueAt('l', 'e.student_id')}) as due
      from control_work w join class c on c.id = w.class_id join subject s on s.id = w.subject_id
      where w.year_id = ${where.yearId} ${one} ${cls} and ${visible(scope, 'w')}
      order by w.date, c.grade, c.letter, s.name`.execute(ctx.db)
  ).rows;
  const ids = rows.map((r) => r.id);
  const marks = ids.length
    ? (
        await sql<{ work_id: number; student_id: number; value: string }>`
          select w.id as work_id, m.student_id, m.value
          from control_work w join lesson l on ${holds} join mark m on m.lesson_id = l.id join work_type t on t.id = m.work_type_id
          where w.year_id = ${where.yearId} ${one} ${cls} and ${countsFor} and ${visible(scope, 'w')}
          order by m.student_id, m.position`.execute(ctx.db)
      ).rows
    : [];
  const byWork = new Map<number, Map<number, string[]>>();
  for (const m of marks) {
    const w = byWork.get(m.work_id) ?? byWork.set(m.work_id, new Map()).get(m.work_id)!;
    w.set(m.student_id, [...(w.get(m.student_id) ?? []), m.value]);
  }
  return { rows, byWork };
}

function result(r: WorkRow, marks: Map<number, string[]> | undefined, today: string): ControlWorkResult {
  const figures = rates((marks ?? new Map<number, string[]>()).values());
  return {
    id: r.id,
    date: r.date,
    lessonNumber: r.lesson_number,
    classId: r.class_id,
    className: r.class_name,
    subjectName: r.subject_name,
    kind: r.kind,
    title: r.title,
    due: Number(r.due),
    wrote: marks?.size ?? 0,
    future: r.date > today,
    ...figures,
  };
}

export async function listControlWorkResults(ctx: Ctx, input: ParsedInput<'vshk.list'>): Promise<ControlWorkResult[]> {
  await getYear(ctx.db, input.yearId);
  const today = await schoolToday(ctx);
  const { rows, byWork } = await works(ctx, readerScope(ctx, input.yearId), { yearId: input.yearId, classId: input.classId });
  return rows.map((r) => result(r, byWork.get(r.id), today));
}

const collator = new Intl.Collator('ru');

export async function controlWorkReport(ctx: Ctx, input: ParsedInput<'vshk.report'>): Promise<ControlWorkReport> {
  const w = await ctx.db.selectFrom('control_work').select(['id', 'year_id']).where('id', '=', input.id).executeTakeFirst();
  if (!w) notFound('Контрольная работа');
  const scope = readerScope(ctx, w.year_id);
  const { rows, byWork } = await works(ctx, scope, { yearId: w.year_id, id: w.id });
  // A work outside the reader's classes and subjects is as absent as a missing one.
  if (rows.length === 0) notFound('Контрольная работа');
  const work = result(rows[0], byWork.get(w.id), await schoolToday(ctx));
  const lessons = (
    await sql<{ id: number; lesson_number: number; group_name: string | null; last_name: string; first_name: string; middle_name: string }>`
      select l.id, l.lesson_number, g.name as group_name, st.last_name, st.first_name, st.middle_name
      from control_work w join lesson l on ${holds} left join study_group g on g.id = l.group_id
        join staff st on st.id = coalesce(l.substitute_staff_id, l.staff_id)
      where w.id = ${w.id} order by l.lesson_number, g.name`.execute(ctx.db)
  ).rows;
  const due = (
    await sql<{ student_id: number; last_name: string; first_name: string; absence: AbsenceCode | null }>`
      select distinct e.student_id, s.last_name, s.first_name,
        (select jc.absence from journal_cell jc where jc.lesson_id = l.id and jc.student_id = e.student_id) as absence
      from control_work w join lesson l on ${holds} join enrollment e on e.class_id = l.class_id
        join student s on s.id = e.student_id
      where w.id = ${w.id} and ${dueAt('l', 'e.student_id')}`.execute(ctx.db)
  ).rows;
  const marks = byWork.get(w.id) ?? new Map<number, string[]>();
  const students: ControlWorkStudent[] = due
    .map((d) => ({
      studentId: d.student_id,
      name: `${d.last_name} ${d.first_name}`,
      marks: marks.get(d.student_id) ?? [],
      absence: d.absence,
    }))
    .sort((a, b) => collator.compare(a.name, b.name) || a.studentId - b.studentId);
  return {
    work,
    lessons: lessons.map((l) => ({ id: l.id, lessonNumber: l.lesson_number, groupName: l.group_name, teacher: shortName(l) })),
    students,
    missing: students.filter((s) => s.marks.length === 0),
    notes: CONTROL_WORK_NOTES,
  };
}

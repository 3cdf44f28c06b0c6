import { sql } from 'kysely';
import { AppError } from '../../db/index';
import type { AbsenceCode } from '../../db/schema';
import type { Ctx } from '../kernel/context';
import { invalid, notFound } from '../kernel/invalid';
import { fullName, shortName } from '../contract/rules/names';
import { isIsoDate } from '../contract/rules/dates';
import { assertCanReadClass } from '../journal/access';
import { readCells } from '../journal/cell-store';
import { periodRefs, rosterOf } from '../journal/roster';
import type { Cell } from '../contract/journal-outputs';

// What an extract (выписка) for parents shows, read from the journal's tables through the journal's own read
// functions (readCells: the marks and the absence/comment of each student × lesson): one class's lessons over a span,
// split by student. A whole class costs the same few queries as one student.

export interface ExtractSpan {
  from: string;
  to: string;
}

export interface ExtractMark {
  date: string;
  value: string;
  /** The kind of work: the work type's name («Контрольная работа»). */
  workType: string;
  workShort: string;
}

export interface ExtractAbsence {
  date: string;
  lessonNumber: number;
  subject: string;
  code: AbsenceCode;
}

export interface ExtractSubject {
  id: number;
  name: string;
  lessons: number;
  marks: ExtractMark[];
  /** Period marks entered for periods that overlap the span: «1 четверть» → «4». */
  periodMarks: { period: string; value: string }[];
  /** The homework given at the subject's last lesson of the span (what is due next). */
  homework: { date: string; text: string } | null;
}

export interface ExtractComment {
  date: string;
  subject: string;
  text: string;
}

export interface ExtractData {
  school: { fullName: string; shortName: string };
  cls: { id: number; name: string; grade: number; letter: string; homeroom: string | null };
  year: { id: number; name: string };
  student: { id: number; name: string; shortName: string };
  span: ExtractSpan;
  subjects: ExtractSubject[];
  absences: ExtractAbsence[];
  comments: ExtractComment[];
  withHomework: boolean;
}

export function assertSpan(span: ExtractSpan): void {
  if (!isIsoDate(span.from) || !isIsoDate(span.to)) invalid('Даты выписки: ГГГГ-ММ-ДД');
  if (span.from > span.to) invalid('Начало периода выписки позже его конца');
}

const collator = new Intl.Collator('ru');

/**
 * Extracts for `studentIds` (all students in the class during the span when omitted), in class-list order. The
 * caller must be allowed to read the whole class: its homeroom teacher, a deputy, the director or the office.
 */
export async function loadExtracts(
  ctx: Ctx,
  classId: number,
  span: ExtractSpan,
  o: { studentIds?: readonly number[]; homework?: boolean } = {},
): Promise<ExtractData[]> {
  assertSpan(span);
  await assertCanReadClass(ctx, classId);
  const cls = (await ctx.db.selectFrom('class').selectAll().where('id', '=', classId).executeTakeFirst()) ?? notFound('Класс');
  const year = await ctx.db.selectFrom('academic_year').selectAll().where('id', '=', cls.year_id).executeTakeFirstOrThrow();
  if (span.to < year.start_date || span.from > year.end_date)
    invalid(`Период выписки не пересекается с ${year.name} учебным годом класса ${cls.name}`);
  const school = await ctx.db.selectFrom('school').select(['full_name', 'short_name']).where('id', '=', 1).executeTakeFirst();
  const homeroom = cls.homeroom_staff_id
    ? await ctx.db
        .selectFrom('staff')
        .select(['last_name', 'first_name', 'middle_name'])
        .where('id', '=', cls.homeroom_staff_id)
        .executeTakeFirst()
    : undefined;

  const roster = await rosterOf(ctx.db, classId, null, { start_date: span.from, end_date: span.to });
  let students = roster;
  if (o.studentIds) {
    const wanted = new Set(o.studentIds);
    students = roster.filter((s) => wanted.has(s.id));
    const missing = o.studentIds.filter((id) => !students.some((s) => s.id === id));
    if (missing.length)
      throw new AppError('NOT_FOUND', `Ученик не учился в классе ${cls.name} в период выписки (код ${missing.join(', ')})`);
  }
  if (!students.length) return [];
  const ids = students.map((s) => s.id);
  const people = await ctx.db
    .selectFrom('student')
    .select(['id', 'last_name', 'first_name', 'middle_name'])
    .where('id', 'in', ids)
    .execute();
  const personById = new Map(people.map((p) => [p.id, p]));

  const filter = sql`l.class_id = ${classId} and l.date between ${span.from} and ${span.to} and l.status = 'held'`;
  const lessons = (
    await sql<{ id: number; subject_id: number; group_id: number | null; date: string; lesson_number: number; homework: string }>`
      select l.id, l.subject_id, l.group_id, l.date, l.lesson_number, l.homework from lesson l where ${filter}
      order by l.date, l.lesson_number, l.id`.execute(ctx.db)
  ).rows;
  const subjectIds = [...new Set(lessons.map((l) => l.subject_id))];
  const subjects = subjectIds.length
    ? await ctx.db.selectFrom('subject').select(['id', 'name']).where('id', 'in', subjectIds).execute()
    : [];
  const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
  const groupIds = [...new Set(lessons.map((l) => l.group_id).filter((g): g is number => g !== null))];
  const members = groupIds.length
    ? await ctx.db
        .selectFrom('group_member')
        .select(['group_id', 'student_id'])
        .where('group_id', 'in', groupIds)
        .where('student_id', 'in', ids)
        .execute()
    : [];
  const inGroup = new Set(members.map((m) => `${m.group_id}:${m.student_id}`));
  const workTypes = new Map((await ctx.db.selectFrom('work_type').select(['id', 'name', 'short']).execute()).map((w) => [w.id, w]));
  const cells = await readCells(ctx.db, filter);
  const cellsByStudent = new Map<number, Cell[]>();
  for (const c of cells.values()) {
    const list = cellsByStudent.get(c.studentId) ?? [];
    list.push(c);
    cellsByStudent.set(c.studentId, list);
  }
  const lessonById = new Map(lessons.map((l) => [l.id, l]));

  const periods = (await periodRefs(ctx.db, year.id, cls.grade)).filter((p) => p.start <= span.to && p.end >= span.from);
  const kinds = periods.map((p) => p.kind as string);
  const lastPeriod = (await periodRefs(ctx.db, year.id, cls.grade)).at(-1);
  const withYear = !!lastPeriod && span.to >= lastPeriod.end;
  if (withYear) kinds.push('year');
  const finals = kinds.length
    ? await ctx.db
        .selectFrom('final_mark')
        .select(['student_id', 'subject_id', 'kind', 'value'])
        .where('class_id', '=', classId)
        .where('year_id', '=', year.id)
        .where('student_id', 'in', ids)
        .where('kind', 'in', kinds as never[])
        .execute()
    : [];
  const periodName = (kind: string) => (kind === 'year' ? 'Год' : (periods.find((p) => p.kind === kind)?.name ?? kind));
  if (finals.length) {
    const missing = [...new Set(finals.map((f) => f.subject_id))].filter((id) => !subjectName.has(id));
    if (missing.length)
      for (const s of await ctx.db.selectFrom('subject').select(['id', 'name']).where('id', 'in', missing).execute())
        subjectName.set(s.id, s.name);
  }

  return students.map((st) => {
    const p = personById.get(st.id)!;
    const present = (date: string) => st.active.some((r) => r.start_date <= date && date <= r.end_date);
    const mine = lessons.filter((l) => present(l.date) && (l.group_id === null || inGroup.has(`${l.group_id}:${st.id}`)));
    const bySubject = new Map<number, ExtractSubject>();
    const subjectOf = (id: number) => {
      let s = bySubject.get(id);
      if (!s) {
        s = { id, name: subjectName.get(id) ?? '', lessons: 0, marks: [], periodMarks: [], homework: null };
        bySubject.set(id, s);
      }
      return s;
    };
    for (const l of mine) {
      const s = subjectOf(l.subject_id);
      s.lessons++;
      if (o.homework && l.homework.trim()) s.homework = { date: l.date, text: l.homework.trim() };
    }
    const absences: ExtractAbsence[] = [];
    const comments: ExtractComment[] = [];
    const own = (cellsByStudent.get(st.id) ?? [])
      .map((c) => ({ c, l: lessonById.get(c.lessonId)! }))
      .sort((a, b) => a.l.date.localeCompare(b.l.date) || a.l.lesson_number - b.l.lesson_number || a.l.id - b.l.id);
    for (const { c, l } of own) {
      const s = subjectOf(l.subject_id);
      for (const m of c.marks) {
        const w = workTypes.get(m.workTypeId);
        s.marks.push({ date: l.date, value: m.value, workType: w?.name ?? '', workShort: w?.short ?? '' });
      }
      if (c.absence) absences.push({ date: l.date, lessonNumber: l.lesson_number, subject: s.name, code: c.absence });
      if (c.comment.trim()) comments.push({ date: l.date, subject: s.name, text: c.comment.trim() });
    }
    for (const f of finals.filter((x) => x.student_id === st.id)) {
      subjectOf(f.subject_id).periodMarks.push({ period: periodName(f.kind), value: f.value });
    }
    const order = (k: string) => (k === 'Год' ? 99 : periods.findIndex((p) => p.name === k));
    for (const s of bySubject.values()) s.periodMarks.sort((a, b) => order(a.period) - order(b.period));
    return {
      school: { fullName: school?.full_name ?? '', shortName: school?.short_name ?? '' },
      cls: { id: cls.id, name: cls.name, grade: cls.grade, letter: cls.letter, homeroom: homeroom ? fullName(homeroom) : null },
      year: { id: year.id, name: year.name },
      student: { id: st.id, name: fullName(p), shortName: shortName(p) },
      span,
      subjects: [...bySubject.values()].sort((a, b) => collator.compare(a.name, b.name)),
      absences,
      comments,
      withHomework: !!o.homework,
    };
  });
}

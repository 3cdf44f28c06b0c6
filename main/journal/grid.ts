import { sql } from 'kysely';
import { AppError, type Db } from '../../db';
import type { GradingSystem } from '../../db/schema';
import { can, type Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import { fullName, recordedPerson, shortName } from '../contract/rules/names';
import { notFound } from '../kernel/invalid';
import { getSettings } from '../kernel/settings';
import { assertCanRead, leadsClass, mayWrite, substitutedLessons, wholeSchool, type JournalKey } from './access';
import { ABSENCE_CODES } from '../contract/rules/cell-text';
import { cellKey, readCells } from './cell-store';
import { periodFigures, taughtWithoutMarks } from '../contract/rules/final-rules';
import { activeLock, lockInfo } from './locks';
import { lessonClock, toGridLesson } from './lesson-details';
import { schoolToday } from '../kernel/school-clock';
import { parentsChoice } from '../school/parent-choice';
import { periodAt, periodRefs, rosterOf } from './roster';
import type { GridLesson, JournalGrid, JournalRef, StudentFinal } from '../contract/journal-outputs';

// The journal grid: one class × subject (or one group) × one period.

export interface JournalHead {
  cls: { id: number; name: string; grade: number; year_id: number; homeroom_staff_id: number | null };
  year: { id: number; name: string; start_date: string; end_date: string; closed: number };
  subject: { id: number; name: string; grading: GradingSystem };
  group: { id: number; name: string } | null;
}

export async function journalHead(db: Db, key: JournalKey): Promise<JournalHead> {
  const cls =
    (await db
      .selectFrom('class')
      .select(['id', 'name', 'grade', 'year_id', 'homeroom_staff_id'])
      .where('id', '=', key.classId)
      .executeTakeFirst()) ?? notFound('Класс');
  const year = await db
    .selectFrom('academic_year')
    .select(['id', 'name', 'start_date', 'end_date', 'closed'])
    .where('id', '=', cls.year_id)
    .executeTakeFirstOrThrow();
  const subject =
    (await db.selectFrom('subject').select(['id', 'name', 'grading']).where('id', '=', key.subjectId).executeTakeFirst()) ??
    notFound('Предмет');
  let group: JournalHead['group'] = null;
  if (key.groupId) {
    const g = await db.selectFrom('study_group').select(['id', 'name', 'class_id']).where('id', '=', key.groupId).executeTakeFirst();
    if (!g || g.class_id !== cls.id) throw new AppError('NOT_FOUND', 'Группа не найдена в этом классе');
    group = { id: g.id, name: g.name };
  }
  return { cls, year, subject, group };
}

/** What every journal view says about itself: class, subject, group, teacher, year and grading. */
export function journalRef(head: JournalHead, teacher: string): JournalRef & { yearId: number; grading: GradingSystem } {
  return {
    classId: head.cls.id,
    className: head.cls.name,
    subjectId: head.subject.id,
    subjectName: head.subject.name,
    groupId: head.group?.id ?? null,
    groupName: head.group?.name ?? null,
    teacher,
    yearId: head.year.id,
    grading: head.subject.grading,
  };
}

/** The SQL condition selecting a journal's lessons (alias `l`). */
export function journalLessons(key: JournalKey, from: string, to: string) {
  const group = key.groupId ? sql`l.group_id = ${key.groupId}` : sql`l.group_id is null`;
  return sql`l.class_id = ${key.classId} and l.subject_id = ${key.subjectId} and ${group} and l.date between ${from} and ${to}`;
}

/**
 * The journals the caller may open in a year: every class × subject (× group) of the teaching load and of the year's
 * lessons (a timetable without a load row, a substituted lesson) within their scope.
 */
export async function listJournals(ctx: Ctx, yearId: number): Promise<JournalRef[]> {
  const all = wholeSchool(ctx);
  const staffId = ctx.actor.staffId ?? -1;
  // Grouped lessons name their teacher through min(): PostgreSQL wants every selected column grouped or aggregated
  // (SQLite took any row's), and the load's teacher wins below anyway.
  const mine = all ? sql`1 = 1` : sql`(x.staff_id = ${staffId} or x.substitute_staff_id = ${staffId} or c.homeroom_staff_id = ${staffId})`;
  const rows = (
    await sql<{
      classId: number;
      className: string;
      grade: number;
      letter: string;
      subjectId: number;
      subjectName: string;
      groupId: number | null;
      groupName: string | null;
      staffId: number;
      fromLoad: number;
    }>`
      select c.id as "classId", c.name as "className", c.grade, c.letter, s.id as "subjectId", s.name as "subjectName", x.group_id as "groupId",
             g.name as "groupName", x.staff_id as "staffId", x.from_load as "fromLoad"
      from (
        select class_id, subject_id, group_id, staff_id, null as substitute_staff_id, 1 as from_load from teaching_load where year_id = ${yearId}
        union all
        select l.class_id, l.subject_id, l.group_id, ${all ? sql`min(l.staff_id), min(l.substitute_staff_id)` : sql`l.staff_id, l.substitute_staff_id`}, 0
        from lesson l join class lc on lc.id = l.class_id
        where lc.year_id = ${yearId} ${all ? sql`group by l.class_id, l.subject_id, l.group_id` : sql`and (l.staff_id = ${staffId} or l.substitute_staff_id = ${staffId} or lc.homeroom_staff_id = ${staffId}) group by l.class_id, l.subject_id, l.group_id, l.staff_id, l.substitute_staff_id`}
      ) x
      join class c on c.id = x.class_id
      join subject s on s.id = x.subject_id
      left join study_group g on g.id = x.group_id
      where ${mine}`.execute(ctx.db)
  ).rows;
  const staffIds = [...new Set(rows.map((r) => r.staffId))];
  const staff = new Map(
    (staffIds.length
      ? await ctx.db.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', staffIds).execute()
      : []
    ).map((x) => [x.id, shortName(x)]),
  );
  // One entry per journal; the teacher of the load wins over the teacher of some lesson.
  const byKey = new Map<string, (typeof rows)[number]>();
  for (const r of rows) {
    const k = `${r.classId}:${r.subjectId}:${r.groupId ?? 0}`;
    const have = byKey.get(k);
    if (!have || (!have.fromLoad && r.fromLoad)) byKey.set(k, r);
  }
  const collator = new Intl.Collator('ru');
  return [...byKey.values()]
    .sort(
      (a, b) =>
        a.grade - b.grade ||
        collator.compare(a.letter, b.letter) ||
        collator.compare(a.subjectName, b.subjectName) ||
        collator.compare(a.groupName ?? '', b.groupName ?? ''),
    )
    .map((r) => ({
      classId: r.classId,
      className: r.className,
      subjectId: r.subjectId,
      subjectName: r.subjectName,
      groupId: r.groupId,
      groupName: r.groupName,
      teacher: staff.get(r.staffId) ?? '',
    }));
}

export async function loadGrid(ctx: Ctx, input: ParsedInput<'journal.grid'>): Promise<JournalGrid> {
  const key: JournalKey = { classId: input.classId, subjectId: input.subjectId, groupId: input.groupId ?? null };
  await assertCanRead(ctx, key);
  const head = await journalHead(ctx.db, key);
  const periods = await periodRefs(ctx.db, head.year.id, head.cls.grade);
  if (periods.length === 0)
    throw new AppError('INVALID', `Для ${head.cls.grade} классов в ${head.year.name} учебном году не заданы учебные периоды`);
  const today = await schoolToday(ctx);
  const period = (input.periodId ? periods.find((p) => p.id === input.periodId) : periodAt(periods, today)) ?? notFound('Учебный период');
  const range = { start_date: period.start, end_date: period.end };

  const lessonRows = await sql<{
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
  }>`
    select l.id, l.date, l.lesson_number, l.topic, l.homework, l.work_kind, l.plan_topic_id, l.status, l.staff_id, l.substitute_staff_id, l.class_id
    from lesson l where ${journalLessons(key, period.start, period.end)} and l.status != 'moved'
    order by l.date, l.lesson_number`.execute(ctx.db);
  const staffIds = [...new Set(lessonRows.rows.flatMap((l) => [l.staff_id, l.substitute_staff_id ?? l.staff_id]))];
  const staff = new Map(
    (staffIds.length
      ? await ctx.db.selectFrom('staff').select(['id', 'last_name', 'first_name', 'middle_name']).where('id', 'in', staffIds).execute()
      : []
    ).map((s) => [s.id, shortName(s)]),
  );
  const clock = await lessonClock(ctx, head.year.id, key.classId, period.start, period.end);
  const lessons: GridLesson[] = lessonRows.rows.map((l) => toGridLesson(l, staff, clock));

  const students = await rosterOf(ctx.db, key.classId, key.groupId ?? null, range);
  const choice = await parentsChoice(
    ctx.db,
    students.map((s) => s.id),
    today,
  );
  const cellMap = await readCells(ctx.db, journalLessons(key, period.start, period.end));
  const cells: Record<string, JournalGrid['cells'][string]> = {};
  for (const [k, c] of cellMap) cells[k] = c;

  const s = await getSettings(ctx.db, ['journal.plusMinus', 'journal.useWeights', 'journal.minMarks', 'journal.roundFrom']);
  const rules = {
    plusMinus: s['journal.plusMinus'],
    useWeights: s['journal.useWeights'],
    // No «меньше N отметок» warnings where nobody gives marks.
    minMarks: taughtWithoutMarks(head.cls.grade) ? 0 : s['journal.minMarks'],
    roundFrom: s['journal.roundFrom'],
  };
  const finalRows = students.length
    ? await ctx.db
        .selectFrom('final_mark')
        .select(['student_id', 'value'])
        .where('year_id', '=', head.year.id)
        .where('subject_id', '=', key.subjectId)
        .where('kind', '=', period.kind)
        .where(
          'student_id',
          'in',
          students.map((s) => s.id),
        )
        .execute()
    : [];
  const setMarks = new Map(finalRows.map((r) => [r.student_id, r.value]));
  const finals: Record<number, StudentFinal> = {};
  for (const s of students) {
    const marks = lessons.flatMap((l) => cellMap.get(cellKey(s.id, l.id))?.marks ?? []);
    finals[s.id] = { value: setMarks.get(s.id) ?? null, ...periodFigures(marks, head.subject.grading, rules) };
  }

  const lock = await activeLock(ctx.db, key, period.kind);
  const writer = await mayWrite(ctx, key);
  // A substitute who does not teach the journal fills the lessons they took, and only those.
  const substituted = !writer && can(ctx.actor, 'journal.write') ? await substitutedLessons(ctx, key) : [];
  const inPeriod = new Set(lessons.map((l) => l.id));
  const onlyLessonIds = substituted.length ? substituted.filter((id) => inPeriod.has(id)) : null;
  const readOnlyReason =
    !writer && !onlyLessonIds?.length
      ? (await leadsClass(ctx, key.classId)) && !wholeSchool(ctx)
        ? 'Классный руководитель видит журнал своего класса только для чтения'
        : 'Только просмотр: вносить записи может учитель, ведущий предмет, или заместитель директора'
      : head.year.closed
        ? `${head.year.name} учебный год закрыт`
        : lock
          ? `Период закрыт: отметки за ${period.name.toLowerCase()} выставлены ${lock.locked_at.slice(0, 10).split('-').reverse().join('.')} (${recordedPerson(lock.locked_by)}). Исправления — через заместителя директора.`
          : null;
  const teacherRow = await ctx.db
    .selectFrom('teaching_load')
    .innerJoin('staff', 'staff.id', 'teaching_load.staff_id')
    .select(['staff.last_name', 'staff.first_name', 'staff.middle_name'])
    .where('teaching_load.class_id', '=', key.classId)
    .where('teaching_load.subject_id', '=', key.subjectId)
    .where((e) => (key.groupId ? e('teaching_load.group_id', '=', key.groupId) : e('teaching_load.group_id', 'is', null)))
    .executeTakeFirst();
  const workTypes = await ctx.db.selectFrom('work_type').select(['id', 'name', 'short', 'weight']).orderBy('position').execute();
  return {
    ...journalRef(head, teacherRow ? fullName(teacherRow) : (lessons[0]?.teacher ?? '')),
    period,
    periods,
    lessons,
    students,
    paperChoice: students.filter((s) => choice.get(s.id)?.paper.length).map((s) => s.id),
    cells,
    finals,
    lock: lock ? lockInfo(lock) : null,
    canEdit: readOnlyReason === null,
    readOnlyReason,
    onlyLessonIds,
    canUnlock: can(ctx.actor, 'journal.unlock') && !!lock,
    workTypes,
    absenceCodes: [...ABSENCE_CODES],
    rules,
  };
}

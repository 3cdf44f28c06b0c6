import { sql } from 'kysely';
import type { Db } from '../../db';
import { engineOf, leftFirstJoin } from '../../db/dialect';
import type { Ctx } from '../kernel/context';
import { deadlineRules } from '../kernel/settings';
import { nextDay, prevDay } from '../contract/rules/dates';
import { delayText, lateness, onLocalDays, type EntryKind } from '../contract/rules/entry-deadline';
import { recordedPerson, shortName } from '../contract/rules/names';
import type { Correction } from '../contract/journal-outputs';
import { schoolTimeZone } from '../kernel/school-clock';

// First entries made after their deadline (issue 11, part 12): marks, absences, topics and homework whose first-entry
// time (mark.entered_at, journal_cell.entered_at, lesson.topic_at / homework_at) is past the deadline that
// `lateness()` in main/contract/rules/entry-deadline.ts decides. Nothing here decides lateness itself.

export interface EntryRange {
  yearId: number;
  classId?: number | null;
  /** Local dates of the entries, inclusive. */
  from: string;
  to: string;
}

/** When each class's last held lesson ends on each day of the range: `${classId}:${date}` → «HH:MM». */
export async function lastLessonEnds(db: Db, yearId: number, from: string, to: string, classId?: number): Promise<Map<string, string>> {
  const one = classId ? sql`and l.class_id = ${classId}` : sql``;
  const rows = (
    await sql<{ class_id: number; date: string; end_time: string | null }>`
      select l.class_id, l.date, max(b.end_time) as end_time
      from lesson l join class c on c.id = l.class_id
      join bell b on b.schedule_id = c.bell_schedule_id and b.lesson_number = l.lesson_number
      where c.year_id = ${yearId} and l.status = 'held' and l.date between ${from} and ${to} ${one}
      group by l.class_id, l.date`.execute(db)
  ).rows;
  return new Map(rows.filter((r) => r.end_time).map((r) => [`${r.class_id}:${r.date}`, r.end_time!]));
}

interface Row {
  lesson_id: number;
  student_id: number | null;
  text: string;
  entered_at: string;
  entered_by: string;
  work_type_id: number | null;
  /** 0/1 on SQLite, a boolean on PostgreSQL: read as `!!credited`. */
  credited: number | boolean;
  date: string;
  class_id: number;
  subject_id: number;
  group_id: number | null;
  /** The lesson's teacher: its substitute, or the teacher of the timetable. */
  lesson_staff_id: number;
  staff_id: number | null;
}

type FirstEntryKind = Exclude<EntryKind, 'change'>;

const WHAT: Record<FirstEntryKind, string> = {
  mark: 'отметка',
  absence: 'пропуск',
  attendance: 'посещаемость',
  topic: 'тема урока',
  homework: 'домашнее задание',
};

/** A first entry made after its deadline, as stored: ids, its time and how late it was (minutes). */
export interface LateFirstEntry {
  kind: FirstEntryKind;
  lessonId: number;
  studentId: number | null;
  classId: number;
  subjectId: number;
  groupId: number | null;
  lessonStaffId: number;
  date: string;
  enteredAt: string;
  enteredBy: string;
  staffId: number | null;
  text: string;
  workType: string | undefined;
  late: number;
}

/**
 * Late first entries made on the local days `from`…`to`: every kind's stored first-entry time judged by `lateness()`.
 * `attendance`: also the lessons whose attendance was first taken then (the weekly control; the corrections report
 * lists the entries themselves).
 */
export async function lateFirstEntries(ctx: Ctx, range: EntryRange, opts: { attendance?: boolean } = {}): Promise<LateFirstEntry[]> {
  const timeZone = await schoolTimeZone(ctx.db);
  const rules = await deadlineRules(ctx.db);
  // The stored times are UTC: a day either side covers every time zone; the local date is checked below. Only ids
  // and times are read per entry (a month of a large school is tens of thousands of marks); names come once, after.
  // `cross join` keeps SQLite on the entry-time indexes (0009) instead of walking the year's lessons (db/dialect.ts).
  const lo = prevDay(range.from);
  const hi = nextDay(nextDay(range.to));
  const cls = range.classId ? sql`and l.class_id = ${range.classId}` : sql``;
  // `+l.class_id`: the entry-time indexes lead, not the class index (which would walk the year's lessons)
  const year = sql`+l.class_id in (select id from class where year_id = ${range.yearId}) ${cls}`;
  const common = sql`l.date, l.class_id, l.subject_id, l.group_id, coalesce(l.substitute_staff_id, l.staff_id) as lesson_staff_id`;
  const teacher = sql`coalesce(l.substitute_staff_id, l.staff_id) as staff_id`;
  const lessonFirst = leftFirstJoin(engineOf(ctx.db));

  const marks = await sql<Row>`
    select m.lesson_id, m.student_id, m.value as text, m.entered_at, m.entered_by, m.work_type_id, null as staff_id,
           exists (select 1 from journal_cell j where j.lesson_id = m.lesson_id and j.student_id = m.student_id and j.absence is not null) as credited,
           ${common}
    from mark m ${lessonFirst} lesson l on l.id = m.lesson_id
    where m.entered_at >= ${lo} and m.entered_at < ${hi} and ${year}`.execute(ctx.db);
  const absences = await sql<Row>`
    select j.lesson_id, j.student_id, j.absence as text, j.entered_at, j.entered_by, null as work_type_id, 0 as credited, null as staff_id, ${common}
    from journal_cell j ${lessonFirst} lesson l on l.id = j.lesson_id
    where j.absence is not null and j.entered_at >= ${lo} and j.entered_at < ${hi} and ${year}`.execute(ctx.db);
  const topics = await sql<Row>`
    select l.id as lesson_id, null as student_id, l.topic as text, l.topic_at as entered_at, '' as entered_by, null as work_type_id, 0 as credited, ${teacher}, ${common}
    from lesson l
    where l.topic != '' and l.topic_at >= ${lo} and l.topic_at < ${hi} and ${year}`.execute(ctx.db);
  const homework = await sql<Row>`
    select l.id as lesson_id, null as student_id, l.homework as text, l.homework_at as entered_at, '' as entered_by, null as work_type_id, 0 as credited, ${teacher}, ${common}
    from lesson l
    where l.homework != '' and l.homework_at >= ${lo} and l.homework_at < ${hi} and ${year}`.execute(ctx.db);
  const attendance = opts.attendance
    ? await sql<Row>`
    select l.id as lesson_id, null as student_id, '' as text, l.attendance_at as entered_at, '' as entered_by, null as work_type_id, 0 as credited, ${teacher}, ${common}
    from lesson l
    where l.status = 'held' and l.attendance_at >= ${lo} and l.attendance_at < ${hi} and ${year}`.execute(ctx.db)
    : { rows: [] as Row[] };

  const workTypes = new Map((await ctx.db.selectFrom('work_type').select(['id', 'name']).execute()).map((w) => [w.id, w.name]));
  const inRange = (r: Row) => onLocalDays(r.entered_at, range.from, range.to, timeZone);
  let first = '9999-12-31';
  let last = '0000-01-01';
  for (const rows of [marks.rows, absences.rows, topics.rows, homework.rows, attendance.rows])
    for (const r of rows) {
      if (r.date < first) first = r.date;
      if (r.date > last) last = r.date;
    }
  const ends = first <= last ? await lastLessonEnds(ctx.db, range.yearId, first, last) : new Map<string, string>();

  const found: LateFirstEntry[] = [];
  const check = (kind: FirstEntryKind, rows: Row[]) => {
    for (const r of rows) {
      if (!inRange(r)) continue;
      const workType = r.work_type_id === null ? undefined : workTypes.get(r.work_type_id);
      const late = lateness(
        kind,
        r.entered_at,
        { date: r.date, lastLessonEnd: ends.get(`${r.class_id}:${r.date}`) ?? null },
        timeZone,
        rules,
        { workType, credited: !!r.credited },
      );
      if (late !== null)
        found.push({
          kind,
          lessonId: r.lesson_id,
          studentId: r.student_id,
          classId: r.class_id,
          subjectId: r.subject_id,
          groupId: r.group_id,
          lessonStaffId: r.lesson_staff_id,
          date: r.date,
          enteredAt: r.entered_at,
          enteredBy: r.entered_by,
          staffId: r.staff_id,
          text: r.text,
          workType,
          late,
        });
    }
  };
  check('mark', marks.rows);
  check('absence', absences.rows);
  check('topic', topics.rows);
  check('homework', homework.rows);
  check('attendance', attendance.rows);
  return found;
}

/** Late first entries made on the local days `from`…`to`, oldest first. */
export async function lateEntries(ctx: Ctx, range: EntryRange): Promise<Correction[]> {
  const found = await lateFirstEntries(ctx, range);

  const names = async <T extends { id: number }>(
    table: 'student' | 'staff' | 'class' | 'subject',
    ids: Iterable<number>,
    name: (row: T) => string,
  ) => {
    const out = new Map<number, string>();
    const list = [...new Set(ids)];
    for (let i = 0; i < list.length; i += 500) {
      const part = (await ctx.db
        .selectFrom(table)
        .selectAll()
        .where('id', 'in', list.slice(i, i + 500))
        .execute()) as unknown as T[];
      for (const row of part) out.set(row.id, name(row));
    }
    return out;
  };
  const students = await names<{ id: number; last_name: string; first_name: string }>(
    'student',
    found.flatMap((f) => (f.studentId === null ? [] : [f.studentId])),
    (s) => `${s.last_name} ${s.first_name}`,
  );
  const staff = await names<{ id: number; last_name: string; first_name: string; middle_name: string }>(
    'staff',
    found.flatMap((f) => (f.staffId === null ? [] : [f.staffId])),
    shortName,
  );
  const classes = await names<{ id: number; name: string }>(
    'class',
    found.map((f) => f.classId),
    (c) => c.name,
  );
  const subjects = await names<{ id: number; name: string }>(
    'subject',
    found.map((f) => f.subjectId),
    (s) => s.name,
  );

  return found
    .sort((a, b) => a.enteredAt.localeCompare(b.enteredAt))
    .map((r, i) => ({
      key: `late:${i}`,
      kind: 'late' as const,
      auditId: null,
      at: r.enteredAt,
      actor: recordedPerson(r.enteredBy) || (r.staffId !== null ? (staff.get(r.staffId) ?? '') : ''),
      className: classes.get(r.classId) ?? '',
      subjectName: subjects.get(r.subjectId) ?? '',
      lessonDate: r.date,
      student: r.studentId === null ? '' : (students.get(r.studentId) ?? String(r.studentId)),
      what: WHAT[r.kind],
      before: '(пусто)',
      after: r.kind === 'mark' && r.workType ? `${r.text} (${r.workType})` : r.text,
      when: 'первая запись позже срока',
      reason: '',
      delayMinutes: r.late,
      delay: delayText(r.late),
    }));
}

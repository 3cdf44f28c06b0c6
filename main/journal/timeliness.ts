import { sql } from 'kysely';
import { AppError, type Db } from '../../db';
import type { Ctx } from '../kernel/context';
import { getSetting } from '../kernel/settings';
import { nextDay, prevDay } from '../contract/rules/dates';
import { delayText, isTimeZone, lateness, localDate, type EntryKind } from '../contract/rules/entry-deadline';
import { shortName } from '../contract/rules/names';
import type { Correction } from '../contract/journal-outputs';

// First entries made after their deadline (issue 11, part 12): marks, absences, topics and homework whose first-entry
// time (mark.entered_at, journal_cell.entered_at, lesson.topic_at / homework_at) is past the deadline that
// `lateness()` in main/contract/rules/entry-deadline.ts decides. Nothing here decides lateness itself.

export async function schoolTimeZone(db: Db): Promise<string> {
  const tz = await getSetting(db, 'school.timeZone');
  if (!isTimeZone(tz))
    throw new AppError('INVALID', `Неизвестный часовой пояс школы «${tz}» (настройка school.timeZone): укажите, например, Europe/Moscow`);
  return tz;
}

export interface EntryRange {
  yearId: number;
  classId?: number | null;
  /** Local dates of the entries, inclusive. */
  from: string;
  to: string;
}

/** When each class's last held lesson ends on each day of the range: `${classId}:${date}` → «HH:MM». */
async function lastLessonEnds(db: Db, yearId: number, from: string, to: string): Promise<Map<string, string>> {
  const rows = (
    await sql<{ class_id: number; date: string; end_time: string | null }>`
      select l.class_id, l.date, max(b.end_time) as end_time
      from lesson l join class c on c.id = l.class_id
      join bell b on b.schedule_id = c.bell_schedule_id and b.lesson_number = l.lesson_number
      where c.year_id = ${yearId} and l.status = 'held' and l.date between ${from} and ${to}
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
  work_type: string | null;
  credited: number;
  date: string;
  class_id: number;
  class_name: string;
  subject_name: string;
}

const WHAT: Record<Exclude<EntryKind, 'change'>, string> = {
  mark: 'отметка',
  absence: 'пропуск',
  topic: 'тема урока',
  homework: 'домашнее задание',
};

/** Late first entries made on the local days `from`…`to`, oldest first. */
export async function lateEntries(ctx: Ctx, range: EntryRange): Promise<Correction[]> {
  const timeZone = await schoolTimeZone(ctx.db);
  // The stored times are UTC: a day either side covers every time zone; the local date is checked below.
  const lo = prevDay(range.from);
  const hi = nextDay(nextDay(range.to));
  const cls = range.classId ? sql`and l.class_id = ${range.classId}` : sql``;
  const common = sql`l.date, l.class_id, c.name as class_name, s.name as subject_name`;
  const joins = sql`join class c on c.id = l.class_id join subject s on s.id = l.subject_id`;
  const where = (col: ReturnType<typeof sql>) => sql`${col} >= ${lo} and ${col} < ${hi} and c.year_id = ${range.yearId} ${cls}`;

  const marks = await sql<Row>`
    select m.lesson_id, m.student_id, m.value as text, m.entered_at, m.entered_by, w.name as work_type,
           exists (select 1 from journal_cell j where j.lesson_id = m.lesson_id and j.student_id = m.student_id and j.absence is not null) as credited,
           ${common}
    from mark m join lesson l on l.id = m.lesson_id ${joins} join work_type w on w.id = m.work_type_id
    where ${where(sql`m.entered_at`)}`.execute(ctx.db);
  const absences = await sql<Row>`
    select j.lesson_id, j.student_id, j.absence as text, j.entered_at, j.entered_by, null as work_type, 0 as credited, ${common}
    from journal_cell j join lesson l on l.id = j.lesson_id ${joins}
    where j.absence is not null and ${where(sql`j.entered_at`)}`.execute(ctx.db);
  const teacher = sql`coalesce(l.substitute_staff_id, l.staff_id)`;
  const topics = await sql<Row & { staff_id: number }>`
    select l.id as lesson_id, null as student_id, l.topic as text, l.topic_at as entered_at, '' as entered_by, null as work_type, 0 as credited,
           ${teacher} as staff_id, ${common}
    from lesson l ${joins}
    where l.topic != '' and ${where(sql`l.topic_at`)}`.execute(ctx.db);
  const homework = await sql<Row & { staff_id: number }>`
    select l.id as lesson_id, null as student_id, l.homework as text, l.homework_at as entered_at, '' as entered_by, null as work_type, 0 as credited,
           ${teacher} as staff_id, ${common}
    from lesson l ${joins}
    where l.homework != '' and ${where(sql`l.homework_at`)}`.execute(ctx.db);

  const inRange = (r: Row) => {
    const d = localDate(r.entered_at, timeZone);
    return range.from <= d && d <= range.to;
  };
  const lessonDates = [...marks.rows, ...absences.rows, ...topics.rows, ...homework.rows].map((r) => r.date).sort();
  const ends = lessonDates.length
    ? await lastLessonEnds(ctx.db, range.yearId, lessonDates[0], lessonDates[lessonDates.length - 1])
    : new Map<string, string>();

  const found: { kind: Exclude<EntryKind, 'change'>; r: Row; late: number }[] = [];
  const check = (kind: Exclude<EntryKind, 'change'>, rows: Row[]) => {
    for (const r of rows) {
      if (!inRange(r)) continue;
      const late = lateness(kind, r.entered_at, { date: r.date, lastLessonEnd: ends.get(`${r.class_id}:${r.date}`) ?? null }, timeZone, {
        workType: r.work_type ?? undefined,
        credited: !!r.credited,
      });
      if (late !== null) found.push({ kind, r, late });
    }
  };
  check('mark', marks.rows);
  check('absence', absences.rows);
  check('topic', topics.rows);
  check('homework', homework.rows);

  const studentIds = [...new Set(found.map((f) => f.r.student_id).filter((x): x is number => x !== null))];
  const students = new Map<number, string>();
  for (let i = 0; i < studentIds.length; i += 500) {
    const part = await ctx.db
      .selectFrom('student')
      .select(['id', 'last_name', 'first_name'])
      .where('id', 'in', studentIds.slice(i, i + 500))
      .execute();
    for (const s of part) students.set(s.id, `${s.last_name} ${s.first_name}`);
  }
  const staffIds = [...new Set([...topics.rows, ...homework.rows].map((r) => r.staff_id))];
  const staff = new Map<number, string>();
  for (let i = 0; i < staffIds.length; i += 500) {
    const part = await ctx.db
      .selectFrom('staff')
      .select(['id', 'last_name', 'first_name', 'middle_name'])
      .where('id', 'in', staffIds.slice(i, i + 500))
      .execute();
    for (const s of part) staff.set(s.id, shortName(s));
  }

  return found
    .sort((a, b) => a.r.entered_at.localeCompare(b.r.entered_at))
    .map(({ kind, r, late }, i) => ({
      key: `late:${i}`,
      kind: 'late' as const,
      auditId: null,
      at: r.entered_at,
      actor: r.entered_by || staff.get((r as Row & { staff_id: number }).staff_id) || '',
      className: r.class_name,
      subjectName: r.subject_name,
      lessonDate: r.date,
      student: r.student_id === null ? '' : (students.get(r.student_id) ?? String(r.student_id)),
      what: WHAT[kind],
      before: '(пусто)',
      after: kind === 'mark' && r.work_type ? `${r.text} (${r.work_type})` : r.text,
      when: 'первая запись позже срока',
      reason: '',
      delayMinutes: late,
      delay: delayText(late),
    }));
}

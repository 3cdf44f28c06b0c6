import { sql, type RawBuilder } from 'kysely';
import { AppError } from '../../db/index';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { AbsenceCounts, AttendanceReport, AttendanceRow, NotTakenLesson } from '../contract/control-monitoring';
import { ru } from '../contract/rules/dates';
import { shortName } from '../contract/rules/names';
import { schoolToday } from '../kernel/school-clock';
import { getYear } from '../school/years';
import { classNamesOfYear } from '../school/classes';
import { readerScope, visible } from './scope';

// Attendance (issue 12, part 8): absences («н», «б», «у») by class, month, day and student, against the
// student-lessons («seats») the held lessons gave, and the lessons where attendance was never taken. Counted in the
// database, up to today on the school's clock.

export const ATTENDANCE_NOTES: readonly string[] = [
  'Учитываются проведённые уроки с начала выбранного периода по сегодняшний день включительно; уроки после сегодняшнего дня не учитываются.',
  'Ученико-уроки — каждый проведённый урок столько раз, сколько учеников класса (группы урока) должны были на нём быть в тот день.',
  'Пропуски: «н» — без уважительной причины, «б» — по болезни, «у» — по уважительной причине.',
  'Посещаемость = (ученико-уроки − пропуски) ÷ ученико-уроки × 100 %.',
  'Посещаемость не отмечалась — проведённый урок до сегодняшнего дня, в котором нет ни темы, ни отметки, ни пропуска.',
];

const MONTHS = ['январь', 'февраль', 'март', 'апрель', 'май', 'июнь', 'июль', 'август', 'сентябрь', 'октябрь', 'ноябрь', 'декабрь'];
export const monthName = (ym: string) => `${MONTHS[Number(ym.slice(5, 7)) - 1]} ${ym.slice(0, 4)}`;

const NOT_TAKEN_SHOWN = 300;

interface Range {
  yearId: number;
  classId: number | null;
  from: string;
  to: string;
}

/** The held lessons of the range the reader may see, as a subquery aliased l. */
function heldLessons(ctx: Ctx, r: Range) {
  const cls = r.classId ? sql`and l.class_id = ${r.classId}` : sql``;
  return sql`(select l.id, l.class_id, l.group_id, l.subject_id, l.date, l.lesson_number, l.staff_id, l.substitute_staff_id, l.entered_at, l.attendance_at
    from lesson l join class c on c.id = l.class_id
    where c.year_id = ${r.yearId} and l.status = 'held' and l.date between ${r.from} and ${r.to} ${cls}
      and ${visible(readerScope(ctx, r.yearId), 'l')})`;
}

type Key = (student: RawBuilder<unknown>) => RawBuilder<unknown>;

async function seatsBy(ctx: Ctx, r: Range, key: Key): Promise<Map<string, number>> {
  const rows = (
    await sql<{ k: string | number; seats: number }>`
      select ${key(sql.ref('e.student_id'))} as k, count(*) as seats
      from ${heldLessons(ctx, r)} l join enrollment e on e.class_id = l.class_id
        and e.start_date <= l.date and (e.end_date is null or e.end_date >= l.date)
      where l.group_id is null or exists (select 1 from group_member gm where gm.group_id = l.group_id
        and gm.student_id = e.student_id and gm.start_date <= l.date and (gm.end_date is null or gm.end_date >= l.date))
      group by k`.execute(ctx.db)
  ).rows;
  return new Map(rows.map((x) => [String(x.k), Number(x.seats)]));
}

async function absencesBy(ctx: Ctx, r: Range, key: Key): Promise<Map<string, AbsenceCounts>> {
  const rows = (
    await sql<{ k: string | number; n: number; b: number; u: number }>`
      select ${key(sql.ref('jc.student_id'))} as k, sum(case when jc.absence = 'н' then 1 else 0 end) as n,
        sum(case when jc.absence = 'б' then 1 else 0 end) as b, sum(case when jc.absence = 'у' then 1 else 0 end) as u
      from ${heldLessons(ctx, r)} l join journal_cell jc on jc.lesson_id = l.id
      where jc.absence is not null
      group by k`.execute(ctx.db)
  ).rows;
  return new Map(
    rows.map((x) => {
      const [н, б, у] = [Number(x.n), Number(x.b), Number(x.u)];
      return [String(x.k), { н, б, у, total: н + б + у }];
    }),
  );
}

const NONE: AbsenceCounts = { н: 0, б: 0, у: 0, total: 0 };
const add = (a: AbsenceCounts, b: AbsenceCounts): AbsenceCounts => ({ н: a.н + b.н, б: a.б + b.б, у: a.у + b.у, total: a.total + b.total });

export function attendanceRow(key: string, name: string, seats: number, a: AbsenceCounts = NONE): AttendanceRow {
  return { key, name, seats, ...a, attendance: seats ? Math.round(((seats - a.total) / seats) * 1000) / 10 : null };
}

interface Grouped {
  seats: Map<string, number>;
  absences: Map<string, AbsenceCounts>;
  keys: string[];
}

async function grouped(ctx: Ctx, r: Range, key: Key): Promise<Grouped> {
  const [seats, absences] = await Promise.all([seatsBy(ctx, r, key), absencesBy(ctx, r, key)]);
  return { seats, absences, keys: [...new Set([...seats.keys(), ...absences.keys()])] };
}

export async function attendanceReport(ctx: Ctx, input: ParsedInput<'attendance.report'>): Promise<AttendanceReport> {
  const year = await getYear(ctx.db, input.yearId);
  const today = await schoolToday(ctx);
  const from = input.from ?? year.start_date;
  const end = input.to ?? year.end_date;
  if (from > end) throw new AppError('INVALID', 'Начало периода позже его конца');
  const to = [end, today, year.end_date].sort()[0];
  const r: Range = { yearId: input.yearId, classId: input.classId, from: from < year.start_date ? year.start_date : from, to };

  const classes = await classNamesOfYear(ctx.db, input.yearId);
  // One pass over the seats and one over the absences, by class and month; the class and month rows are their sums.
  const cells = await grouped(ctx, r, () => sql`l.class_id || '|' || substr(l.date, 1, 7)`);
  const fold = (part: 0 | 1) => {
    const seats = new Map<string, number>();
    const absences = new Map<string, AbsenceCounts>();
    for (const k of cells.keys) {
      const key = k.split('|')[part];
      seats.set(key, (seats.get(key) ?? 0) + (cells.seats.get(k) ?? 0));
      const a = cells.absences.get(k);
      if (a) absences.set(key, add(absences.get(key) ?? NONE, a));
    }
    return { seats, absences, keys: [...seats.keys(), ...[...absences.keys()].filter((k) => !seats.has(k))] };
  };
  const byClass = fold(0);
  const byMonth = fold(1);
  const rowOf = (g: Grouped, k: string, name: string) => attendanceRow(k, name, g.seats.get(k) ?? 0, g.absences.get(k));
  const classRows = classes.filter((c) => byClass.keys.includes(String(c.id))).map((c) => rowOf(byClass, String(c.id), c.name));
  const months = byMonth.keys.sort().map((k) => rowOf(byMonth, k, monthName(k)));
  const sum = (rows: AttendanceRow[], key: string, name: string) =>
    attendanceRow(
      key,
      name,
      rows.reduce((s, x) => s + x.seats, 0),
      rows.reduce((s, x) => add(s, x), NONE),
    );

  let days: AttendanceRow[] = [];
  let students: AttendanceRow[] = [];
  if (input.classId) {
    const byDay = await grouped(ctx, r, () => sql.ref('l.date'));
    days = byDay.keys.sort().map((k) => rowOf(byDay, k, ru(k)));
    const byStudent = await grouped(ctx, r, (s) => s);
    const names = byStudent.keys.length
      ? await ctx.db.selectFrom('student').select(['id', 'last_name', 'first_name']).where('id', 'in', byStudent.keys.map(Number)).execute()
      : [];
    const collator = new Intl.Collator('ru');
    students = names
      .sort((a, b) => collator.compare(`${a.last_name} ${a.first_name}`, `${b.last_name} ${b.first_name}`) || a.id - b.id)
      .map((s) => rowOf(byStudent, String(s.id), `${s.last_name} ${s.first_name}`));
  }

  // Attendance never taken: held lessons before today without the time of their first entry (lesson.attendance_at, the
  // one record of it: set at a lesson's first cell, topic or homework; the weekly control reads the same column).
  const notTakenWhere = sql`l.date < ${today} and l.attendance_at is null`;
  const notTakenCount = Number(
    (await sql<{ n: number }>`select count(*) as n from ${heldLessons(ctx, r)} l where ${notTakenWhere}`.execute(ctx.db)).rows[0]?.n ?? 0,
  );
  const notTaken = (
    await sql<{
      id: number;
      date: string;
      lesson_number: number;
      class_name: string;
      subject_name: string;
      group_name: string | null;
      last_name: string;
      first_name: string;
      middle_name: string;
    }>`select l.id, l.date, l.lesson_number, c.name as class_name, s.name as subject_name, g.name as group_name,
        st.last_name, st.first_name, st.middle_name
      from ${heldLessons(ctx, r)} l join class c on c.id = l.class_id join subject s on s.id = l.subject_id
        left join study_group g on g.id = l.group_id join staff st on st.id = coalesce(l.substitute_staff_id, l.staff_id)
      where ${notTakenWhere}
      order by l.date desc, c.grade, c.letter, l.lesson_number limit ${NOT_TAKEN_SHOWN}`.execute(ctx.db)
  ).rows.map((l): NotTakenLesson => ({
    lessonId: l.id,
    date: l.date,
    lessonNumber: l.lesson_number,
    className: l.class_name,
    subjectName: l.subject_name,
    groupName: l.group_name,
    teacher: shortName(l),
  }));

  return {
    yearName: year.name,
    from: r.from,
    to,
    today,
    classes: classRows,
    months,
    total: sum(classRows, 'total', input.classId ? (classRows[0]?.name ?? 'Класс') : 'Итого'),
    days,
    students,
    notTaken,
    notTakenCount,
    notes: ATTENDANCE_NOTES,
  };
}

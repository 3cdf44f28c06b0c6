import { sql } from 'kysely';
import { AppError } from '../../db';
import { addDays, engineOf, groupConcat, leftFirstJoin } from '../../db/dialect';
import type { ParsedInput } from '../contract';
import {
  WEEKLY_KINDS,
  type WeeklyControl,
  type WeeklyCounts,
  type WeeklyItem,
  type WeeklyKind,
  type WeeklyLine,
  type WeeklyStatus,
} from '../contract/control-weekly';
import { delayText, lateness, localDate, localDayEnd, type EntryKind } from '../contract/rules/entry-deadline';
import { shortName } from '../contract/rules/names';
import type { FinalMarkKind } from '../contract/unions';
import type { Ctx } from '../kernel/context';
import { deadlineRules, getSetting } from '../kernel/settings';
import { wholeSchool } from '../journal/access';
import { lastLessonEnds, lateFirstEntries } from '../journal/timeliness';
import { schoolTimeZone } from '../kernel/school-clock';

// The weekly control report (issue 12 part 3). Every list is read from the database in a few aggregated queries over
// the week (or, for marks, the current period), never lesson by lesson over the school; whether an entry is late or
// overdue is asked of the one rule, `lateness()` (main/contract/rules/entry-deadline.ts), with the stored first-entry
// times (lesson.topic_at, homework_at, attendance_at; mark.entered_at; journal_cell.entered_at).

/** At most this many items of one list per line are kept for drill-down. */
const ITEMS_PER_LIST = 20;

export const WEEKLY_RULES: readonly string[] = [
  'Неделя — с понедельника по воскресенье; сроки проверяются на сейчас (для прошедшей недели — на конец воскресенья) по часовому поясу школы.',
  'Без темы, без домашнего задания, без посещаемости: проведённые уроки недели, запись которых уже просрочена по правилам «Правила и сроки». Посещаемость считается отмеченной при первой записи урока (клетка ученика или тема).',
  'Записи позже срока: первые записи (тема, задание, посещаемость, каждая отметка, пропуск), сделанные на этой неделе после срока.',
  'Мало отметок: ученики журнала с числом текущих отметок за текущий период меньше минимума для отметки за период; доля без отметок — ученики без единой отметки (Положение 003 §4.5.5). 1-е классы (безотметочное обучение) не учитываются.',
  'Работы без отметок: контрольные (по графику и по КТП) и письменные работы по сей день без отметок, срок проверки которых прошёл.',
  'Нет отметок за период: в последние дни периода (окно из «Правила и сроки») и неделю после его конца — ученики без отметки за период.',
];

const emptyCounts = (): WeeklyCounts => Object.fromEntries(WEEKLY_KINDS.map((k) => [k, 0])) as WeeklyCounts;

/** Monday…Sunday of the week containing `day`. */
export function weekOf(day: string): { from: string; to: string } {
  const d = new Date(`${day}T00:00:00Z`);
  const back = (d.getUTCDay() + 6) % 7;
  const from = new Date(d.getTime() - back * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(d.getTime() + (6 - back) * 86_400_000).toISOString().slice(0, 10);
  return { from, to };
}

/** Whose lines the caller sees: null: the school; otherwise their staff id (their lessons and the classes they lead). */
interface Scope {
  staffId: number | null;
  classes: Set<number>;
  name: string;
}

async function scopeOf(ctx: Ctx, yearId: number): Promise<Scope | null> {
  if (wholeSchool(ctx)) return null;
  const staffId = ctx.actor.staffId;
  if (staffId === null) throw new AppError('FORBIDDEN', 'Еженедельный контроль доступен администрации, учителям и классным руководителям.');
  const led = await ctx.db
    .selectFrom('class')
    .select(['id', 'name'])
    .where('year_id', '=', yearId)
    .where('homeroom_staff_id', '=', staffId)
    .execute();
  const name = led.length ? `мои уроки и ${led.length === 1 ? 'класс' : 'классы'} ${led.map((c) => c.name).join(', ')}` : 'мои уроки';
  return { staffId, classes: new Set(led.map((c) => c.id)), name };
}

interface LessonRow {
  id: number;
  class_id: number;
  subject_id: number;
  group_id: number | null;
  teacher: number;
  date: string;
  lesson_number: number;
  topic: string;
  homework: string;
  attendance_at: string | null;
  period_number: number | null;
}

export async function weeklyControl(ctx: Ctx, input: ParsedInput<'controlWeekly.report'>): Promise<WeeklyControl> {
  const { from, to } = weekOf(input.week);
  const year = await ctx.db
    .selectFrom('academic_year')
    .select(['id', 'name'])
    .where('start_date', '<=', to)
    .where('end_date', '>=', from)
    .orderBy('start_date', 'desc')
    .executeTakeFirst();
  if (!year) throw new AppError('NOT_FOUND', `Неделя ${from.split('-').reverse().join('.')} не попадает в учебный год`);
  const scope = await scopeOf(ctx, year.id);
  const [timeZone, rules, minMarks, windowDays] = await Promise.all([
    schoolTimeZone(ctx.db),
    deadlineRules(ctx.db),
    getSetting(ctx.db, 'journal.minMarks'),
    getSetting(ctx.db, 'deadline.periodMarksWindowDays'),
  ]);
  const nowIso = ctx.now().toISOString();
  // A past week is judged as it stood at the end of its Sunday on the school's clock.
  const endOfWeek = localDayEnd(to, timeZone);
  const asOf = nowIso < endOfWeek ? nowIso : endOfWeek;
  const today = localDate(asOf, timeZone);
  const cut = today < to ? today : to;
  const engine = engineOf(ctx.db);
  const leftFirst = leftFirstJoin(engine);
  const cls = input.classId !== null ? sql`and l.class_id = ${input.classId}` : sql``;
  const yearClasses = sql`l.class_id in (select id from class where year_id = ${year.id})`;

  const lines = new Map<string, WeeklyLine>();
  const inScope = (teacher: number | null, classId: number) => !scope || teacher === scope.staffId || scope.classes.has(classId);
  const lineOf = (teacher: number | null, classId: number, subjectId: number, groupId: number | null) => {
    const key = `${teacher ?? ''}:${classId}:${subjectId}:${groupId ?? ''}`;
    let line = lines.get(key);
    if (!line)
      lines.set(
        key,
        (line = {
          key,
          teacherId: teacher,
          teacher: '',
          classId,
          className: '',
          subjectId,
          subjectName: '',
          groupId,
          groupName: null,
          students: 0,
          withoutMarks: 0,
          withoutMarksShare: null,
          items: [],
          ...emptyCounts(),
        }),
      );
    return line;
  };
  const add = (line: WeeklyLine, kind: WeeklyKind, item: Omit<WeeklyItem, 'kind'>, n = 1) => {
    line[kind] += n;
    if (line.items.filter((i) => i.kind === kind).length < ITEMS_PER_LIST) line.items.push({ kind, ...item });
  };
  const periodKind = (n: number | null): FinalMarkKind | null => (n ? (`p${n}` as FinalMarkKind) : null);

  // 1. Held lessons of the week with a missing entry that is overdue now: typing it now would be late.
  const missing = (
    await sql<LessonRow>`
      select l.id, l.class_id, l.subject_id, l.group_id, coalesce(l.substitute_staff_id, l.staff_id) as teacher, l.date,
             l.lesson_number, l.topic, l.homework, l.attendance_at, p.number as period_number
      from lesson l left join study_period p on p.id = l.period_id
      where l.date between ${from} and ${cut} and l.status = 'held' and ${yearClasses} ${cls}
        and (trim(l.topic) = '' or trim(l.homework) = '' or l.attendance_at is null)
      order by l.date, l.lesson_number`.execute(ctx.db)
  ).rows;
  const ends = missing.length ? await lastLessonEnds(ctx.db, year.id, from, cut) : new Map<string, string>();
  const overdue = (kind: EntryKind, l: LessonRow) =>
    lateness(kind, asOf, { date: l.date, lastLessonEnd: ends.get(`${l.class_id}:${l.date}`) ?? null }, timeZone, rules) !== null;
  for (const l of missing) {
    if (!inScope(l.teacher, l.class_id)) continue;
    const line = lineOf(l.teacher, l.class_id, l.subject_id, l.group_id);
    const item = { lessonId: l.id, studentId: null, date: l.date, periodKind: periodKind(l.period_number) };
    const text = `${l.date.split('-').reverse().join('.')}, ${l.lesson_number}-й урок`;
    if (!l.topic.trim() && overdue('topic', l)) add(line, 'noTopic', { ...item, text });
    if (!l.homework.trim() && overdue('homework', l)) add(line, 'noHomework', { ...item, text });
    if (l.attendance_at === null && overdue('attendance', l)) add(line, 'noAttendance', { ...item, text });
  }

  // 2. First entries made this week after their deadline (the same list as the corrections report, plus attendance).
  const late = await lateFirstEntries(ctx, { yearId: year.id, classId: input.classId, from, to }, { attendance: true });
  const latePeriods = new Map(
    late.length
      ? (
          await sql<{ id: number; number: number | null }>`
            select l.id, p.number from lesson l left join study_period p on p.id = l.period_id
            where l.id in (${sql.join([...new Set(late.map((e) => e.lessonId))])})`.execute(ctx.db)
        ).rows.map((r) => [r.id, r.number])
      : [],
  );
  const WHAT: Record<string, string> = {
    mark: 'отметка',
    absence: 'пропуск',
    attendance: 'посещаемость',
    topic: 'тема',
    homework: 'домашнее задание',
  };
  for (const e of late.sort((a, b) => a.date.localeCompare(b.date) || a.lessonId - b.lessonId)) {
    if (!inScope(e.lessonStaffId, e.classId)) continue;
    add(lineOf(e.lessonStaffId, e.classId, e.subjectId, e.groupId), 'late', {
      lessonId: e.lessonId,
      studentId: e.studentId,
      date: e.date,
      periodKind: periodKind(latePeriods.get(e.lessonId) ?? null),
      text: `${e.date.split('-').reverse().join('.')}: ${WHAT[e.kind]}${e.kind === 'mark' ? ` «${e.text}»` : ''} ${delayText(e.late)}`,
    });
  }

  // 3. Current marks per student of each journal in the period that contains the report's day. The periods come
  // first (a handful of rows); the marks are then read lesson by lesson of those periods only (the left-first join keeps
  // SQLite on the lesson index instead of the marks of every year), counted per student in SQL.
  const current = (
    await sql<{ id: number; number: number; start_date: string }>`
      select p.id, p.number, p.start_date from study_period p join period_scheme s on s.id = p.scheme_id
      where s.year_id = ${year.id} and ${cut} between p.start_date and p.end_date`.execute(ctx.db)
  ).rows;
  const journalTeacher = sql`coalesce((select tl.staff_id from teaching_load tl where tl.class_id = j.class_id and tl.subject_id = j.subject_id
      and tl.group_id is not distinct from j.group_id order by tl.id limit 1), j.staff_id)`;
  const periodIds = current.length ? sql.join(current.map((p) => p.id)) : sql`null`;
  const periodStart = current.reduce((m, p) => (p.start_date < m ? p.start_date : m), cut);
  const perStudent = sql`
      j as (
        select l.class_id, l.subject_id, l.group_id, max(l.staff_id) as staff_id, max(p.number) as period_number
        from lesson l join study_period p on p.id = l.period_id
        where l.date between ${periodStart} and ${cut} and l.class_id in (select id from class where year_id = ${year.id} and grade > 1)
          and l.period_id in (${periodIds}) and l.status = 'held' ${cls}
        group by l.class_id, l.subject_id, l.group_id
      ),
      roster as (
        select j.class_id, j.subject_id, j.group_id, e.student_id
        from j join enrollment e on e.class_id = j.class_id and e.start_date <= ${cut} and (e.end_date is null or e.end_date >= ${cut})
        where j.group_id is null or exists (select 1 from group_member g where g.group_id = j.group_id and g.student_id = e.student_id
          and g.start_date <= ${cut} and (g.end_date is null or g.end_date >= ${cut}))
      ),
      n as (
        select l.class_id, l.subject_id, l.group_id, m.student_id, count(*) as n
        from lesson l ${leftFirst} mark m on m.lesson_id = l.id
        where l.class_id in (select class_id from j) and l.date between ${periodStart} and ${cut} and l.period_id in (${periodIds})
        group by l.class_id, l.subject_id, l.group_id, m.student_id
      ),
      per as (
        select r.class_id, r.subject_id, r.group_id, r.student_id, coalesce(n.n, 0) as n
        from roster r left join n on n.class_id = r.class_id and n.subject_id = r.subject_id and n.group_id is not distinct from r.group_id
          and n.student_id = r.student_id
      )`;
  const counts = current.length
    ? (
        await sql<{
          class_id: number;
          subject_id: number;
          group_id: number | null;
          teacher: number;
          period_number: number;
          students: number;
          few: number;
          without: number;
          few_list: string | null;
        }>`
      with ${perStudent}
      select j.class_id, j.subject_id, j.group_id, ${journalTeacher} as teacher, j.period_number,
             count(per.student_id) as students,
             coalesce(sum(case when per.n < ${minMarks} then 1 else 0 end), 0) as few,
             coalesce(sum(case when per.n = 0 then 1 else 0 end), 0) as without,
             ${groupConcat(engine, sql`case when per.n < ${minMarks} then per.student_id || ':' || per.n end`, ',')} as few_list
      from j left join per on per.class_id = j.class_id and per.subject_id = j.subject_id and per.group_id is not distinct from j.group_id
      group by j.class_id, j.subject_id, j.group_id, j.staff_id, j.period_number`.execute(ctx.db)
      ).rows
    : [];
  const fewStudents = new Map<string, { student_id: number; n: number }[]>();
  for (const c of counts) {
    if (!c.few_list) continue;
    const list = c.few_list.split(',').map((x) => {
      const [student, n] = x.split(':').map(Number);
      return { student_id: student, n };
    });
    fewStudents.set(
      `${c.class_id}:${c.subject_id}:${c.group_id ?? ''}`,
      list.sort((a, b) => a.n - b.n || a.student_id - b.student_id),
    );
  }
  const studentIds = new Set<number>();
  for (const c of counts) {
    if (!inScope(c.teacher, c.class_id)) continue;
    const line = lineOf(c.teacher, c.class_id, c.subject_id, c.group_id);
    line.students = c.students;
    line.withoutMarks = c.without;
    line.withoutMarksShare = c.students ? Math.round((c.without / c.students) * 1000) / 10 : null;
    line.fewMarks += c.few;
    for (const s of (fewStudents.get(`${c.class_id}:${c.subject_id}:${c.group_id ?? ''}`) ?? []).slice(0, ITEMS_PER_LIST)) {
      studentIds.add(s.student_id);
      line.items.push({
        kind: 'fewMarks',
        lessonId: null,
        studentId: s.student_id,
        date: null,
        periodKind: periodKind(c.period_number),
        text: `${s.n}`,
      });
    }
  }

  // 4. Control works (the schedule, the thematic plan's «контрольная») and written works without a single mark whose
  // checking deadline has passed.
  const works = (
    await sql<LessonRow & { work: string }>`
      with w as (
        select l.id from plan_topic pt ${leftFirst} lesson l on l.plan_topic_id = pt.id
        where pt.kind = 'control' and l.date <= ${cut} and l.status = 'held' and ${yearClasses} ${cls}
        union
        select l.id from control_work cw ${leftFirst} lesson l on l.class_id = cw.class_id and l.date = cw.date
          and l.subject_id = cw.subject_id and (cw.lesson_number is null or l.lesson_number = cw.lesson_number)
        where cw.year_id = ${year.id} and cw.date <= ${cut} and l.status = 'held' ${cls}
      )
      select l.id, l.class_id, l.subject_id, l.group_id, coalesce(l.substitute_staff_id, l.staff_id) as teacher, l.date,
             l.lesson_number, l.topic, l.homework, l.attendance_at, p.number as period_number,
             coalesce((select cw.kind from control_work cw where cw.class_id = l.class_id and cw.subject_id = l.subject_id
                         and cw.date = l.date and (cw.lesson_number is null or cw.lesson_number = l.lesson_number) limit 1),
                      'Контрольная работа') as work
      from w ${leftFirst} lesson l on l.id = w.id left join study_period p on p.id = l.period_id
      where not exists (select 1 from mark m where m.lesson_id = l.id)
      order by l.date, l.lesson_number`.execute(ctx.db)
  ).rows;
  for (const w of works) {
    if (!inScope(w.teacher, w.class_id)) continue;
    // a dictation or an essay is a written work (its own deadline); any other scheduled work is a control work
    const workType = /диктант|сочинен|изложен/i.test(w.work) ? 'Диктант' : 'Контрольная работа';
    if (lateness('mark', asOf, { date: w.date }, timeZone, rules, { workType }) === null) continue;
    add(lineOf(w.teacher, w.class_id, w.subject_id, w.group_id), 'unmarkedWork', {
      lessonId: w.id,
      studentId: null,
      date: w.date,
      periodKind: periodKind(w.period_number),
      text: `${w.date.split('-').reverse().join('.')}: ${w.work}`,
    });
  }

  // 5. Period marks missing in the period's last days (the marks' window) and the week after its end.
  const periods = (
    await sql<{ id: number; number: number; start_date: string; end_date: string }>`
      select p.id, p.number, p.start_date, p.end_date from study_period p join period_scheme s on s.id = p.scheme_id
      where s.year_id = ${year.id} and ${addDays(engine, sql`p.end_date`, -(windowDays - 1))} <= ${cut} and ${addDays(engine, sql`p.end_date`, 7)} >= ${from}`.execute(
      ctx.db,
    )
  ).rows;
  for (const p of periods) {
    const at = p.end_date < cut ? p.end_date : cut;
    const rows = (
      await sql<{ class_id: number; subject_id: number; group_id: number | null; teacher: number; missing: number; first: number }>`
        with j as (
          select l.class_id, l.subject_id, l.group_id, max(l.staff_id) as staff_id
          from lesson l join class c on c.id = l.class_id
          where l.date between ${p.start_date} and ${p.end_date} and l.class_id in (select id from class where year_id = ${year.id} and grade > 1)
            and l.period_id = ${p.id} and l.status = 'held' ${cls}
          group by l.class_id, l.subject_id, l.group_id
        )
        select j.class_id, j.subject_id, j.group_id, ${journalTeacher} as teacher, count(*) as missing, min(e.student_id) as first
        from j join enrollment e on e.class_id = j.class_id and e.start_date <= ${at} and (e.end_date is null or e.end_date >= ${at})
        where (j.group_id is null or exists (select 1 from group_member g where g.group_id = j.group_id and g.student_id = e.student_id
                 and g.start_date <= ${at} and (g.end_date is null or g.end_date >= ${at})))
          and not exists (select 1 from final_mark f where f.year_id = ${year.id} and f.class_id = j.class_id and f.subject_id = j.subject_id
                 and f.student_id = e.student_id and f.kind = ${`p${p.number}`})
        group by j.class_id, j.subject_id, j.group_id, j.staff_id`.execute(ctx.db)
    ).rows;
    for (const r of rows) {
      if (!inScope(r.teacher, r.class_id)) continue;
      add(
        lineOf(r.teacher, r.class_id, r.subject_id, r.group_id),
        'noPeriodMark',
        {
          lessonId: null,
          studentId: r.first,
          date: p.end_date,
          periodKind: periodKind(p.number),
          text: `${p.number}-й период: ${r.missing}`,
        },
        r.missing,
      );
      studentIds.add(r.first);
    }
  }

  // Names, once; lines with nothing in them are left out.
  const kept = [...lines.values()].filter((l) => WEEKLY_KINDS.some((k) => l[k] > 0));
  const ids = (pick: (l: WeeklyLine) => number | null) => [...new Set(kept.map(pick).filter((x): x is number => x !== null)), 0];
  const [staff, classes, subjects, groups, students] = await Promise.all([
    ctx.db
      .selectFrom('staff')
      .select(['id', 'last_name', 'first_name', 'middle_name'])
      .where(
        'id',
        'in',
        ids((l) => l.teacherId),
      )
      .execute(),
    ctx.db
      .selectFrom('class')
      .select(['id', 'name', 'grade', 'letter'])
      .where(
        'id',
        'in',
        ids((l) => l.classId),
      )
      .execute(),
    ctx.db
      .selectFrom('subject')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        ids((l) => l.subjectId),
      )
      .execute(),
    ctx.db
      .selectFrom('study_group')
      .select(['id', 'name'])
      .where(
        'id',
        'in',
        ids((l) => l.groupId),
      )
      .execute(),
    ctx.db
      .selectFrom('student')
      .select(['id', 'last_name', 'first_name'])
      .where('id', 'in', [...studentIds, 0])
      .execute(),
  ]);
  const staffName = new Map(staff.map((s) => [s.id, shortName(s)]));
  const classRow = new Map(classes.map((c) => [c.id, c]));
  const subjectName = new Map(subjects.map((s) => [s.id, s.name]));
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const studentName = new Map(students.map((s) => [s.id, `${s.last_name} ${s.first_name}`]));
  for (const l of kept) {
    l.teacher = l.teacherId !== null ? (staffName.get(l.teacherId) ?? '') : '';
    l.className = classRow.get(l.classId)?.name ?? '';
    l.subjectName = subjectName.get(l.subjectId) ?? '';
    l.groupName = l.groupId !== null ? (groupName.get(l.groupId) ?? null) : null;
    for (const i of l.items) {
      if (i.kind === 'fewMarks') i.text = `${studentName.get(i.studentId!) ?? ''}: ${i.text} из ${minMarks}`;
      if (i.kind === 'noPeriodMark') i.text = `${i.text} уч. (первый: ${studentName.get(i.studentId!) ?? ''})`;
    }
  }
  kept.sort(
    (a, b) =>
      a.teacher.localeCompare(b.teacher, 'ru') ||
      (classRow.get(a.classId)?.grade ?? 0) - (classRow.get(b.classId)?.grade ?? 0) ||
      a.className.localeCompare(b.className, 'ru') ||
      a.subjectName.localeCompare(b.subjectName, 'ru') ||
      (a.groupName ?? '').localeCompare(b.groupName ?? '', 'ru'),
  );
  const totals = emptyCounts();
  for (const l of kept) for (const k of WEEKLY_KINDS) totals[k] += l[k];
  let scopeName = scope ? scope.name : 'вся школа';
  if (input.classId !== null)
    scopeName += `, класс ${(await ctx.db.selectFrom('class').select('name').where('id', '=', input.classId).executeTakeFirst())?.name ?? ''}`;
  return { from, to, asOf, yearId: year.id, yearName: year.name, scope: scopeName, minMarks, lines: kept, totals, rules: WEEKLY_RULES };
}

/** The home screen's «Требует внимания»: this week's figures in the caller's scope. */
export async function weeklyStatus(ctx: Ctx): Promise<WeeklyStatus> {
  const timeZone = await schoolTimeZone(ctx.db);
  const today = localDate(ctx.now().toISOString(), timeZone);
  const { from, to } = weekOf(today);
  try {
    const r = await weeklyControl(ctx, { week: today, classId: null });
    return { from, to, scope: r.scope, totals: r.totals, lines: r.lines.length };
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND') return { from, to, scope: '', totals: null, lines: 0 };
    throw e;
  }
}

import { AppError } from '../../db/index';
import { sql } from 'kysely';
import type { Db } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { YEAR_CLOSED_MESSAGE } from '../kernel/year-lock';
import { mutate, type Trx } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import type { ClassGeneration, GenerationReport, GenerationTotals, HoursRow, ScheduledLesson } from '../contract/timetable-outputs';
import { ru } from '../contract/rules/dates';
import { shortName } from '../contract/rules/names';
import { invalid } from '../kernel/invalid';
import { getYear, parseGrades, periodsForGrade } from '../school/years';
import { studyDays, type HolidaySpan, type PeriodRange } from './calendar';
import { WEEKDAYS_SHORT } from './conflicts';
import { curriculumRows, resolveHours } from './curriculum';
import { lessonsWithData } from './lesson-data';
import {
  assignTopics,
  diffLessons,
  plannedLessons,
  topicUnits,
  type DiffConflict,
  type Existing,
  type Planned,
  type VersionSlots,
} from './plan-lessons';

// The year's lessons: generated from the timetable over each class's study periods, skipping
// holidays and non-working days. Regeneration changes only lessons without data (lesson-data.ts)
// and reports every case where the timetable and a lesson with data disagree.

const BATCH = 500;

const CONFLICT_TEXT: Record<DiffConflict['kind'], string> = {
  'obsolete-kept': 'урока больше нет в расписании, но в нём есть данные: урок оставлен',
  'changed-kept': 'в расписании другой учитель или кабинет, но в уроке есть данные: урок оставлен без изменений',
  blocked: 'урок по расписанию не создан: в это время стоит урок с данными',
};

async function yearCalendar(db: Db | Trx, yearId: number) {
  const holidays: HolidaySpan[] = (
    await db.selectFrom('holiday').select(['start_date', 'end_date', 'grades']).where('year_id', '=', yearId).execute()
  ).map((h) => ({
    ...h,
    grades: parseGrades(h.grades),
  }));
  const periodsByGrade = new Map<number, (PeriodRange & { name: string })[]>();
  const periods = async (grade: number) => {
    if (!periodsByGrade.has(grade)) periodsByGrade.set(grade, await periodsForGrade(db as Db, yearId, grade));
    return periodsByGrade.get(grade)!;
  };
  return { holidays, periods };
}

async function versionsOf(db: Db | Trx, yearId: number) {
  const versions = await db
    .selectFrom('timetable_version')
    .select(['id', 'valid_from'])
    .where('year_id', '=', yearId)
    .orderBy('valid_from')
    .execute();
  const slots = await db
    .selectFrom('timetable_slot')
    .select(['id', 'version_id', 'class_id', 'group_id', 'weekday', 'lesson_number', 'subject_id', 'staff_id', 'room_id'])
    .where('version_id', 'in', versions.length ? versions.map((v) => v.id) : [0])
    .execute();
  /** The versions with only this class's slots. */
  return (classId: number): VersionSlots[] =>
    versions.map((v) => ({ valid_from: v.valid_from, slots: slots.filter((s) => s.version_id === v.id && s.class_id === classId) }));
}

/**
 * Generates or regenerates the lessons of a year's classes (all, or the listed ones), from a date
 * or over the whole year. One transaction; one audit row per class with what changed.
 */
export async function generateLessons(ctx: Ctx, input: ParsedInput<'lessons.generate'>): Promise<GenerationReport> {
  const started = Date.now();
  const year = await getYear(ctx.db, input.yearId);
  // The database refuses any lesson a closed year would gain or lose; a run that would change nothing is refused too,
  // so the command never reports success on a closed year.
  if (year.closed) throw new AppError('LOCKED', YEAR_CLOSED_MESSAGE);
  if (input.from && (input.from < year.start_date || input.from > year.end_date))
    invalid(`Дата ${ru(input.from)} вне учебного года ${year.name}`);
  let q = ctx.db.selectFrom('class').select(['id', 'name', 'grade', 'week_days']).where('year_id', '=', year.id);
  if (input.classIds?.length) q = q.where('id', 'in', input.classIds);
  const classes = await q.orderBy('grade').orderBy('letter').execute();
  if (input.classIds?.length && classes.length !== new Set(input.classIds).size) invalid('Класс не найден в этом учебном году');
  const subjects = new Map((await ctx.db.selectFrom('subject').select(['id', 'name']).execute()).map((s) => [s.id, s.name]));
  const groups = new Map((await ctx.db.selectFrom('study_group').select(['id', 'name']).execute()).map((g) => [g.id, g.name]));

  const reports = await mutate(ctx, async (w) => {
    const cal = await yearCalendar(w.trx, year.id);
    const versionsFor = await versionsOf(w.trx, year.id);
    const plans = await planUnits(w.trx, year.id);
    const out: ClassGeneration[] = [];
    for (const c of classes) {
      const days = studyDays(await cal.periods(c.grade), cal.holidays, c.grade, c.week_days).filter(
        (d) => !input.from || d.date >= input.from,
      );
      const planned = plannedLessons(days, versionsFor(c.id));
      const withData = await lessonsWithData(w.trx, { classId: c.id });
      let eq = w.trx
        .selectFrom('lesson')
        .select([
          'id',
          'group_id',
          'subject_id',
          'staff_id',
          'room_id',
          'date',
          'lesson_number',
          'period_id',
          'slot_id',
          'origin',
          'status',
        ])
        .where('class_id', '=', c.id);
      if (input.from) eq = eq.where('date', '>=', input.from);
      const existing: Existing[] = (await eq.execute()).map((e) => ({ ...e, hasData: withData.has(e.id) }));
      const diff = diffLessons(existing, planned);
      await applyDiff(w.trx, c.id, diff);
      const topics = await assignClassTopics(w.trx, c, plans, withData);
      const r: ClassGeneration = {
        classId: c.id,
        className: c.name,
        added: diff.inserts.length,
        moved: diff.moves.length,
        updated: diff.updates.length,
        removed: diff.deletes.length,
        unchanged: diff.unchanged,
        topics,
        conflicts: diff.conflicts.map((x) => ({
          kind: x.kind,
          lessonId: x.lessonId,
          date: x.date,
          lessonNumber: x.lesson_number,
          message: `${c.name}, ${ru(x.date)} (${WEEKDAYS_SHORT[isoDay(x.date)]}), ${x.lesson_number} урок, ${subjects.get(x.subject_id) ?? '?'}${x.group_id ? ` (${groups.get(x.group_id) ?? ''})` : ''}: ${CONFLICT_TEXT[x.kind]}`,
        })),
      };
      if (r.added || r.moved || r.updated || r.removed || r.conflicts.length || r.topics)
        await w.audit({
          action: 'generate',
          entity: 'lesson',
          classId: c.id,
          after: {
            from: input.from ?? null,
            added: r.added,
            moved: r.moved,
            updated: r.updated,
            removed: r.removed,
            topics: r.topics,
            conflicts: r.conflicts.length,
          },
        });
      out.push(r);
    }
    return out;
  });
  const totals: GenerationTotals = { added: 0, moved: 0, updated: 0, removed: 0, unchanged: 0, topics: 0, conflicts: 0 };
  for (const r of reports) {
    totals.added += r.added;
    totals.moved += r.moved;
    totals.updated += r.updated;
    totals.removed += r.removed;
    totals.unchanged += r.unchanged;
    totals.topics += r.topics;
    totals.conflicts += r.conflicts.length;
  }
  return { classes: reports, totals, ms: Date.now() - started };
}

function isoDay(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

async function applyDiff(trx: Trx, classId: number, diff: ReturnType<typeof diffLessons>) {
  for (let i = 0; i < diff.deletes.length; i += BATCH)
    await trx
      .deleteFrom('lesson')
      .where('id', 'in', diff.deletes.slice(i, i + BATCH))
      .execute();
  const place = (p: Planned) => ({
    date: p.date,
    lesson_number: p.lesson_number,
    staff_id: p.staff_id,
    room_id: p.room_id,
    slot_id: p.slot_id,
    period_id: p.period_id,
  });
  for (const m of diff.moves) await trx.updateTable('lesson').set(place(m.to)).where('id', '=', m.id).execute();
  for (const u of diff.updates)
    await trx
      .updateTable('lesson')
      .set(u.onlyLinks ? { slot_id: u.to.slot_id, period_id: u.to.period_id } : place(u.to))
      .where('id', '=', u.id)
      .execute();
  for (let i = 0; i < diff.inserts.length; i += BATCH)
    await trx
      .insertInto('lesson')
      .values(
        diff.inserts.slice(i, i + BATCH).map((p) => ({
          class_id: classId,
          group_id: p.group_id,
          subject_id: p.subject_id,
          staff_id: p.staff_id,
          room_id: p.room_id,
          date: p.date,
          lesson_number: p.lesson_number,
          period_id: p.period_id,
          origin: 'timetable' as const,
          slot_id: p.slot_id,
        })),
      )
      .execute();
}

// --- thematic plan topics on lessons ---

type PlanUnits = Map<string, ReturnType<typeof topicUnits>>;

/** Topic units of every plan of a year, by `${subject}|${grade}|${class or 0}`. */
export async function planUnits(db: Db | Trx, yearId: number): Promise<PlanUnits> {
  const plans = await db
    .selectFrom('thematic_plan')
    .select(['id', 'subject_id', 'grade', 'class_id'])
    .where('year_id', '=', yearId)
    .execute();
  const topics = await db
    .selectFrom('plan_topic')
    .select(['id', 'plan_id', 'position', 'title', 'hours'])
    .where('plan_id', 'in', plans.length ? plans.map((p) => p.id) : [0])
    .execute();
  const byPlan = new Map<number, typeof topics>();
  for (const t of topics) byPlan.set(t.plan_id, [...(byPlan.get(t.plan_id) ?? []), t]);
  return new Map(plans.map((p) => [`${p.subject_id}|${p.grade}|${p.class_id ?? 0}`, topicUnits(byPlan.get(p.id) ?? [])]));
}

/**
 * Puts the thematic plan's topics on a class's lessons, per subject and group, in date order (a
 * class's own plan before its grade's). Lessons with data keep their topic. Returns how many
 * lessons changed.
 */
export async function assignClassTopics(
  trx: Trx,
  cls: { id: number; grade: number },
  plans: PlanUnits,
  withData: Set<number>,
): Promise<number> {
  const lessons = await trx
    .selectFrom('lesson')
    .select(['id', 'group_id', 'subject_id', 'date', 'lesson_number', 'status', 'plan_topic_id', 'topic'])
    .where('class_id', '=', cls.id)
    .execute();
  const sequences = new Map<string, typeof lessons>();
  for (const l of lessons) {
    const k = `${l.subject_id}|${l.group_id ?? 0}`;
    const list = sequences.get(k) ?? [];
    list.push(l);
    sequences.set(k, list);
  }
  const changes: { id: number; plan_topic_id: number | null; topic: string }[] = [];
  for (const list of sequences.values()) {
    const s = list[0].subject_id;
    const units = plans.get(`${s}|${cls.grade}|${cls.id}`) ?? plans.get(`${s}|${cls.grade}|0`) ?? [];
    changes.push(
      ...assignTopics(
        list.map((l) => ({ ...l, hasData: withData.has(l.id) })),
        units,
      ),
    );
  }
  for (let i = 0; i < changes.length; i += BATCH) {
    const chunk = changes.slice(i, i + BATCH);
    // One statement per batch: CASE keeps it portable to PostgreSQL, which types a bare parameter in a CASE as text.
    await sql`update lesson set
      plan_topic_id = case id ${sql.join(
        chunk.map((c) => sql`when ${c.id} then cast(${c.plan_topic_id} as integer)`),
        sql` `,
      )} end,
      topic = case id ${sql.join(
        chunk.map((c) => sql`when ${c.id} then ${c.topic}`),
        sql` `,
      )} end
      where id in (${sql.join(chunk.map((c) => c.id))})`.execute(trx);
  }
  return changes.length;
}

/** Re-assigns topics for the classes a plan applies to (after a plan is imported or deleted). */
export async function reassignTopics(trx: Trx, yearId: number, grade: number, classId: number | null) {
  const plans = await planUnits(trx, yearId);
  let q = trx.selectFrom('class').select(['id', 'grade']).where('year_id', '=', yearId).where('grade', '=', grade);
  if (classId) q = q.where('id', '=', classId);
  let n = 0;
  for (const c of await q.execute()) n += await assignClassTopics(trx, c, plans, await lessonsWithData(trx, { classId: c.id }));
  return n;
}

// --- reading lessons ---

export async function listLessons(ctx: Ctx, input: ParsedInput<'lessons.list'>): Promise<ScheduledLesson[]> {
  if (!input.classId && !input.staffId) invalid('Выберите класс или учителя');
  if (input.from > input.to) invalid('Начало периода позже конца');
  let q = ctx.db
    .selectFrom('lesson as l')
    .innerJoin('class as c', 'c.id', 'l.class_id')
    .innerJoin('subject as s', 's.id', 'l.subject_id')
    .innerJoin('staff as t', 't.id', 'l.staff_id')
    .leftJoin('staff as sub', 'sub.id', 'l.substitute_staff_id')
    .leftJoin('room as r', 'r.id', 'l.room_id')
    .leftJoin('study_group as g', 'g.id', 'l.group_id')
    .leftJoin('plan_topic as pt', 'pt.id', 'l.plan_topic_id')
    .leftJoin('bell as b', (j) => j.onRef('b.schedule_id', '=', 'c.bell_schedule_id').onRef('b.lesson_number', '=', 'l.lesson_number'))
    .select([
      'l.id',
      'l.class_id',
      'l.group_id',
      'l.subject_id',
      'l.staff_id',
      'l.substitute_staff_id',
      'l.room_id',
      'l.date',
      'l.lesson_number',
      'l.status',
      'l.origin',
      'l.topic',
      'l.homework',
      'l.plan_topic_id',
      'pt.kind as topic_kind',
      'c.name as class_name',
      's.name as subject_name',
      'r.number as room_number',
      'g.name as group_name',
      'b.start_time',
      'b.end_time',
      't.last_name',
      't.first_name',
      't.middle_name',
      'sub.last_name as sub_last',
      'sub.first_name as sub_first',
      'sub.middle_name as sub_middle',
    ])
    .where('l.date', '>=', input.from)
    .where('l.date', '<=', input.to);
  if (input.classId) q = q.where('l.class_id', '=', input.classId);
  if (input.staffId) {
    const sid = input.staffId;
    q = q.where((e) => e.or([e('l.staff_id', '=', sid), e('l.substitute_staff_id', '=', sid)]));
  }
  const rows = await q.orderBy('l.date').orderBy('l.lesson_number').orderBy('c.grade').orderBy('c.letter').limit(3000).execute();
  return rows.map((r) => ({
    id: r.id,
    classId: r.class_id,
    groupId: r.group_id,
    subjectId: r.subject_id,
    staffId: r.staff_id,
    substituteStaffId: r.substitute_staff_id,
    roomId: r.room_id,
    date: r.date,
    lessonNumber: r.lesson_number,
    status: r.status,
    origin: r.origin,
    topic: r.topic,
    homework: r.homework,
    planTopicId: r.plan_topic_id,
    topicKind: r.topic_kind,
    className: r.class_name,
    subjectName: r.subject_name,
    roomNumber: r.room_number,
    groupName: r.group_name,
    startTime: r.start_time,
    endTime: r.end_time,
    teacher: shortName(r),
    substitute: r.sub_last ? shortName({ last_name: r.sub_last, first_name: r.sub_first ?? '', middle_name: r.sub_middle ?? '' }) : null,
  }));
}

/**
 * Planned hours (curriculum hours a week × study weeks of the period) against the lessons that take
 * place, per class, subject, group and period.
 */
export async function hoursReport(ctx: Ctx, input: ParsedInput<'lessons.hours'>): Promise<HoursRow[]> {
  const year = await getYear(ctx.db, input.yearId);
  const cal = await yearCalendar(ctx.db, year.id);
  const rows = await curriculumRows(ctx.db, year.id);
  let q = ctx.db.selectFrom('class').select(['id', 'name', 'grade', 'week_days']).where('year_id', '=', year.id);
  if (input.classId) q = q.where('id', '=', input.classId);
  const classes = await q.orderBy('grade').orderBy('letter').execute();
  const subjects = new Map((await ctx.db.selectFrom('subject').select(['id', 'name']).execute()).map((s) => [s.id, s.name]));
  const counts = await ctx.db
    .selectFrom('lesson')
    .leftJoin('study_group', 'study_group.id', 'lesson.group_id')
    .select([
      'lesson.class_id',
      'lesson.group_id',
      'study_group.name as group_name',
      'lesson.subject_id',
      'lesson.period_id',
      sql<number>`count(*)`.as('n'),
    ])
    .where('lesson.status', '=', 'held')
    .where('lesson.class_id', 'in', classes.length ? classes.map((c) => c.id) : [0])
    .groupBy(['lesson.class_id', 'lesson.group_id', 'study_group.name', 'lesson.subject_id', 'lesson.period_id'])
    .execute();
  const out: HoursRow[] = [];
  for (const c of classes) {
    const periods = await cal.periods(c.grade);
    const days = studyDays(periods, cal.holidays, c.grade, c.week_days);
    const mine = counts.filter((x) => x.class_id === c.id);
    const subjectIds = new Set([
      ...rows.filter((r) => r.grade === c.grade && (r.class_id === null || r.class_id === c.id)).map((r) => r.subject_id),
      ...mine.map((m) => m.subject_id),
    ]);
    for (const p of periods) {
      const weeks = days.filter((d) => d.periodId === p.id).length / c.week_days;
      for (const s of subjectIds) {
        const planned = Math.round(resolveHours(rows, c, p.number, s) * weeks * 10) / 10;
        const lines = mine.filter((m) => m.subject_id === s && m.period_id === p.id);
        const groupsSeen = lines.filter((l) => l.group_id !== null);
        const wholeN = Number(lines.find((l) => l.group_id === null)?.n ?? 0);
        const targets = groupsSeen.length
          ? groupsSeen.map((g) => ({ groupId: g.group_id, group: g.group_name, scheduled: wholeN + Number(g.n) }))
          : [{ groupId: null, group: null, scheduled: wholeN }];
        for (const t of targets) {
          if (planned === 0 && t.scheduled === 0) continue;
          out.push({
            classId: c.id,
            className: c.name,
            subjectId: s,
            subject: subjects.get(s) ?? '?',
            ...t,
            period: p.name,
            periodId: p.id,
            weeks: Math.round(weeks * 10) / 10,
            planned,
            scheduled: t.scheduled,
            diff: Math.round((t.scheduled - planned) * 10) / 10,
          });
        }
      }
    }
  }
  return out;
}

import type { AbsenceCode, FinalMarkKind } from '../../../db/schema';
import type { Ctx } from '../../kernel/context';
import { ru, type DateRange } from '../../contract/rules/dates';
import { localDate } from '../../contract/rules/entry-deadline';
import { schoolTimeZone, schoolToday } from '../../kernel/school-clock';
import { groupMemberships, intersectRanges } from '../../journal/roster';
import { fullName, recordedPerson, shortName } from '../../contract/rules/names';
import { formatCell } from '../../contract/rules/cell-text';
import { curriculumRows, resolveHours } from '../../timetable/curriculum';
import type {
  AttendanceData,
  FinalMarksData,
  JournalData,
  JournalProviders,
  LessonColumn,
  RemarkLine,
  SpreadStudent,
  SubjectPagesData,
} from './model';

// The journal's data from the journal tables: subject pages (lessons with marks, absences, topics and homework),
// final marks and attendance of one class for its year. A class is read in a handful of queries, never per lesson,
// shared between the providers of one document (they receive the same `data` object): what every document needs
// (`classYear`: subjects, curriculum, absences), what only the subject pages need (`classPages`: lessons, groups,
// load, staff; `classCells`: the marks of every lesson). The ledger's providers (`../ledger/providers.ts`) read
// only the first, so the whole-school print worker does not read every mark five times per class.

/** A lesson of the class as the printed journal needs it. */
interface ClassLesson {
  id: number;
  date: string;
  subjectId: number;
  groupId: number | null;
  staffId: number;
  substituteId: number | null;
  topic: string;
  homework: string;
}

export interface ClassYear {
  /** Subjects of the school in catalogue order (federal component first), by id. */
  subjects: Map<number, { id: number; name: string; short: string; order: number }>;
  /** Subject ids the class has hours for in the curriculum (any period). */
  curriculum: Set<number>;
  /** Subject ids of the class's lessons. */
  lessonSubjects: Set<number>;
  /** The date of the class's last lesson so far, or null. */
  lastLesson: string | null;
  /** Absences in held lessons: lesson, its date, student, code. */
  absences: { lessonId: number; date: string; studentId: number; code: AbsenceCode }[];
}

interface ClassPages {
  /** In date and lesson-number order. */
  lessons: ClassLesson[];
  /** The class's groups with each member's dates in the group (within the year). */
  groups: Map<number, { id: number; name: string; subjectId: number | null; members: Map<number, DateRange[]> }>;
  /** Teaching load of the class: (subject, group) → staff ids by hours, most first. */
  load: Map<string, number[]>;
  staff: Map<number, { full: string; short: string }>;
}

const loadKey = (subjectId: number, groupId: number | null) => `${subjectId}|${groupId ?? 0}`;

/**
 * Lessons of the year that have taken place: held (not cancelled, not moved away), from the first day of the year to
 * today (a journal printed during the year has no empty columns for lessons still to come).
 */
const lessonRange = once(async (ctx: Ctx, data: JournalData): Promise<{ from: string; to: string }> => {
  const today = await schoolToday(ctx);
  return { from: data.year.start, to: today < data.year.end ? today : data.year.end };
});

/** Reads once per document: `data` is the same object for all providers of one document. A failed read is retried. */
function once<T>(read: (ctx: Ctx, data: JournalData) => Promise<T>): (ctx: Ctx, data: JournalData) => Promise<T> {
  const cache = new WeakMap<object, Promise<T>>();
  return (ctx, data) => {
    let p = cache.get(data);
    if (!p) {
      p = read(ctx, data);
      cache.set(data, p);
      p.catch(() => cache.delete(data));
    }
    return p;
  };
}

/** Held lessons of the class in the printed range (see `lessonRange`). */
function heldLessons(ctx: Ctx, data: JournalData, { from, to }: { from: string; to: string }) {
  return ctx.db
    .selectFrom('lesson')
    .where('lesson.class_id', '=', data.cls.id)
    .where('lesson.status', '=', 'held')
    .where('lesson.date', '>=', from)
    .where('lesson.date', '<=', to);
}

export const classYear = once(async (ctx: Ctx, data: JournalData): Promise<ClassYear> => {
  const db = ctx.db;
  const range = await lessonRange(ctx, data);
  const [bySubject, absences, subjects, curriculum] = await Promise.all([
    heldLessons(ctx, data, range)
      .select((e) => ['lesson.subject_id', e.fn.max('lesson.date').as('last')])
      .groupBy('lesson.subject_id')
      .execute(),
    heldLessons(ctx, data, range)
      .innerJoin('journal_cell', 'journal_cell.lesson_id', 'lesson.id')
      .select(['journal_cell.lesson_id', 'lesson.date', 'journal_cell.student_id', 'journal_cell.absence'])
      .where('journal_cell.absence', 'is not', null)
      .execute(),
    db.selectFrom('subject').select(['id', 'name', 'short_name', 'component']).orderBy('id').execute(),
    curriculumRows(db, data.year.id),
  ]);
  const ordered = [...subjects.filter((s) => s.component === 'federal'), ...subjects.filter((s) => s.component !== 'federal')];
  const cls = { id: data.cls.id, grade: data.cls.grade };
  const inCurriculum = new Set<number>();
  for (const r of curriculum) {
    if (r.grade !== cls.grade || (r.class_id !== null && r.class_id !== cls.id)) continue;
    if (resolveHours(curriculum, cls, r.period_number, r.subject_id) > 0) inCurriculum.add(r.subject_id);
  }
  return {
    subjects: new Map(ordered.map((s, i) => [s.id, { id: s.id, name: s.name, short: s.short_name || s.name, order: i }])),
    curriculum: inCurriculum,
    lessonSubjects: new Set(bySubject.map((r) => r.subject_id)),
    lastLesson: bySubject.reduce<string | null>((a, r) => (a === null || r.last > a ? r.last : a), null),
    absences: absences.map((a) => ({ lessonId: a.lesson_id, date: a.date, studentId: a.student_id, code: a.absence as AbsenceCode })),
  };
});

const classPages = once(async (ctx: Ctx, data: JournalData): Promise<ClassPages> => {
  const db = ctx.db;
  const classId = data.cls.id;
  const range = await lessonRange(ctx, data);
  const [lessons, groups, load] = await Promise.all([
    heldLessons(ctx, data, range)
      .select(['id', 'date', 'lesson_number', 'subject_id', 'group_id', 'staff_id', 'substitute_staff_id', 'topic', 'homework'])
      .orderBy('date')
      .orderBy('lesson_number')
      .orderBy('id')
      .execute(),
    db.selectFrom('study_group').select(['id', 'name', 'subject_id']).where('class_id', '=', classId).execute(),
    db
      .selectFrom('teaching_load')
      .select(['staff_id', 'subject_id', 'group_id', 'hours'])
      .where('year_id', '=', data.year.id)
      .where('class_id', '=', classId)
      .orderBy('hours', 'desc')
      .orderBy('id')
      .execute(),
  ]);
  const staffIds = new Set<number>();
  for (const l of lessons) {
    staffIds.add(l.staff_id);
    if (l.substitute_staff_id !== null) staffIds.add(l.substitute_staff_id);
  }
  for (const r of load) staffIds.add(r.staff_id);
  const [members, staffRows] = await Promise.all([
    groupMemberships(
      db,
      groups.map((g) => g.id),
      { start_date: data.year.start, end_date: data.year.end },
    ),
    staffIds.size
      ? db
          .selectFrom('staff')
          .select(['id', 'last_name', 'first_name', 'middle_name'])
          .where('id', 'in', [...staffIds])
          .execute()
      : [],
  ]);
  const loadMap = new Map<string, number[]>();
  for (const r of load) {
    const k = loadKey(r.subject_id, r.group_id);
    const list = loadMap.get(k) ?? [];
    if (!list.includes(r.staff_id)) list.push(r.staff_id);
    loadMap.set(k, list);
  }
  return {
    lessons: lessons.map((l) => ({
      id: l.id,
      date: l.date,
      subjectId: l.subject_id,
      groupId: l.group_id,
      staffId: l.staff_id,
      substituteId: l.substitute_staff_id,
      topic: l.topic,
      homework: l.homework,
    })),
    groups: new Map(
      groups.map((g) => [
        g.id,
        {
          id: g.id,
          name: g.name,
          subjectId: g.subject_id,
          members: members.get(g.id) ?? new Map<number, DateRange[]>(),
        },
      ]),
    ),
    load: loadMap,
    staff: new Map(staffRows.map((s) => [s.id, { full: fullName(s), short: shortName(s) }])),
  };
});

/** Cell text per lesson id per student id («н/5», «4/5», «б»): the absence first, then the marks in their order. */
const classCells = once(async (ctx: Ctx, data: JournalData): Promise<Map<number, Map<number, string>>> => {
  const range = await lessonRange(ctx, data);
  const [y, marks] = await Promise.all([
    classYear(ctx, data),
    heldLessons(ctx, data, range)
      .innerJoin('mark', 'mark.lesson_id', 'lesson.id')
      .select(['mark.lesson_id', 'mark.student_id', 'mark.value'])
      .orderBy('mark.lesson_id')
      .orderBy('mark.student_id')
      .orderBy('mark.position')
      .execute(),
  ]);
  const parts = new Map<number, Map<number, { marks: string[]; absence: string | null }>>();
  const part = (lessonId: number, studentId: number) => {
    let byStudent = parts.get(lessonId);
    if (!byStudent) parts.set(lessonId, (byStudent = new Map()));
    let c = byStudent.get(studentId);
    if (!c) byStudent.set(studentId, (c = { marks: [], absence: null }));
    return c;
  };
  for (const m of marks) part(m.lesson_id, m.student_id).marks.push(m.value);
  for (const a of y.absences) part(a.lessonId, a.studentId).absence = a.code;
  const cells = new Map<number, Map<number, string>>();
  for (const [lessonId, byStudent] of parts) {
    const out = new Map<number, string>();
    for (const [studentId, c] of byStudent) out.set(studentId, formatCell(c));
    cells.set(lessonId, out);
  }
  return cells;
});

/**
 * The class's subjects in catalogue order (federal component first): those of the curriculum, those with lessons and
 * any `extra` (e.g. with final marks only).
 */
export function classSubjectIds(y: ClassYear, extra: Iterable<number> = []): number[] {
  const ids = new Set<number>([...y.curriculum, ...y.lessonSubjects, ...extra]);
  return [...ids].filter((id) => y.subjects.has(id)).sort((a, b) => y.subjects.get(a)!.order - y.subjects.get(b)!.order);
}

function pageTeacher(pg: ClassPages, subjectId: number, groupId: number | null, lessons: readonly ClassLesson[]): string {
  const counts = new Map<number, number>();
  for (const l of lessons) counts.set(l.staffId, (counts.get(l.staffId) ?? 0) + 1);
  const byCount = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([id]) => id);
  const assigned = pg.load.get(loadKey(subjectId, groupId)) ?? (groupId === null ? [] : (pg.load.get(loadKey(subjectId, null)) ?? []));
  // the teacher of the load who taught the subject here, else whoever taught most of its lessons
  const main = assigned.find((id) => counts.has(id)) ?? byCount[0] ?? assigned[0];
  if (main === undefined) return '';
  // another scheduled teacher who took a fifth of the lessons or more (a teacher replaced for a term) is named too
  const others = byCount.filter((id) => id !== main && (counts.get(id) ?? 0) * 5 >= lessons.length);
  return [pg.staff.get(main)?.full ?? '', ...others.map((id) => pg.staff.get(id)?.short ?? '')].filter(Boolean).join(', ');
}

function spreadStudents(data: JournalData, keep: (id: number) => boolean): SpreadStudent[] {
  return data.students.filter((s) => keep(s.id)).map((s) => ({ id: s.id, name: `${s.lastName} ${s.firstName}`, active: s.active }));
}

function groupStudents(
  data: JournalData,
  members: ReadonlyMap<number, DateRange[]> | undefined,
  withData: ReadonlySet<number>,
): SpreadStudent[] {
  const out: SpreadStudent[] = [];
  for (const s of data.students) {
    const active = intersectRanges(s.active, members?.get(s.id) ?? []);
    if (active.length) out.push({ id: s.id, name: `${s.lastName} ${s.firstName}`, active });
    else if (withData.has(s.id)) out.push({ id: s.id, name: `${s.lastName} ${s.firstName}`, active: s.active });
  }
  return out;
}

/**
 * The columns of period and year marks a subject's left page shows after each period's last lesson, as the paper form
 * has them: a period's column once the period is over or when any of its marks is given.
 */
function markColumns(
  { to, yearEnd }: { to: string; yearEnd: string },
  periods: readonly { number: number; kind: string; start: string; end: string }[],
  marks: ReadonlyMap<number, Partial<Record<FinalMarkKind, string>>> | undefined,
  students: readonly SpreadStudent[],
): LessonColumn[] {
  const out: LessonColumn[] = [];
  const column = (key: FinalMarkKind, label: string, date: string) => {
    const cells: Record<number, string> = {};
    for (const st of students) {
      const v = marks?.get(st.id)?.[key];
      if (v) cells[st.id] = v;
    }
    if (date <= to || Object.keys(cells).length)
      out.push({ date, summary: label, summaryKey: key, cells, topic: '', hours: 0, homework: '' });
  };
  for (const p of periods) column(`p${p.number}` as FinalMarkKind, `${p.number} ${PERIOD_SHORT[p.kind] ?? 'ч.'}`, p.end);
  if (periods.length) column('year', 'Год', yearEnd);
  return out;
}

/** Lessons and mark columns in order: a mark column after every lesson up to its date. */
function withMarkColumns(lessons: LessonColumn[], marks: LessonColumn[]): LessonColumn[] {
  const out: LessonColumn[] = [];
  let k = 0;
  for (const l of lessons) {
    while (k < marks.length && marks[k].date < l.date) out.push(marks[k++]);
    out.push(l);
  }
  while (k < marks.length) out.push(marks[k++]);
  return out;
}

const classFinalMarksOnce = once(classFinalMarks);
const classPeriods = once((ctx: Ctx, data: JournalData) => gradePeriods(ctx, data.year.id, data.cls.grade));

async function subjects(ctx: Ctx, data: JournalData): Promise<SubjectPagesData[]> {
  const [y, pg, cells, periods, finals, range] = await Promise.all([
    classYear(ctx, data),
    classPages(ctx, data),
    classCells(ctx, data),
    classPeriods(ctx, data),
    classFinalMarksOnce(ctx, data),
    lessonRange(ctx, data),
  ]);
  const bySubject = new Map<number, Map<number | null, ClassLesson[]>>();
  for (const l of pg.lessons) {
    let byGroup = bySubject.get(l.subjectId);
    if (!byGroup) bySubject.set(l.subjectId, (byGroup = new Map()));
    const list = byGroup.get(l.groupId) ?? [];
    list.push(l);
    byGroup.set(l.groupId, list);
  }
  const groupOrder = (g: number | null) => (g === null ? '' : (pg.groups.get(g)?.name ?? ''));
  const collator = new Intl.Collator('ru', { numeric: true });
  const out: SubjectPagesData[] = [];
  for (const subjectId of classSubjectIds(y)) {
    const subject = y.subjects.get(subjectId)!;
    let byGroup = bySubject.get(subjectId);
    if (!byGroup) {
      // in the curriculum, no lessons yet: one empty spread per subgroup of the load (or for the class)
      byGroup = new Map();
      const loadGroups = [...pg.load.keys()].filter((k) => k.startsWith(`${subjectId}|`)).map((k) => Number(k.split('|')[1]) || null);
      for (const g of loadGroups.length ? loadGroups : [null]) byGroup.set(g, []);
    }
    const groupIds = [...byGroup.keys()].sort((a, b) =>
      a === null ? -1 : b === null ? 1 : collator.compare(groupOrder(a), groupOrder(b)) || a - b,
    );
    for (const groupId of groupIds) {
      const lessons = byGroup.get(groupId)!;
      const group = groupId === null ? null : pg.groups.get(groupId);
      // a group lists its members for the dates they were in it (a student who changed subgroups is on both spreads,
      // each for its own dates), and anyone else with an entry in its lessons
      const withData = new Set<number>();
      if (groupId !== null) for (const l of lessons) for (const id of cells.get(l.id)?.keys() ?? []) withData.add(id);
      const students = groupId === null ? spreadStudents(data, () => true) : groupStudents(data, group?.members, withData);
      const columns: LessonColumn[] = lessons.map((l) => {
        const sub = l.substituteId !== null && l.substituteId !== l.staffId ? pg.staff.get(l.substituteId)?.short : undefined;
        return {
          date: l.date,
          cells: Object.fromEntries(cells.get(l.id) ?? []),
          topic: sub ? `${l.topic}${l.topic ? ' ' : ''}(замена: ${sub})` : l.topic,
          hours: 1,
          homework: l.homework,
        };
      });
      const staffIds = new Set<number>([...lessons.map((l) => l.staffId), ...(pg.load.get(loadKey(subjectId, groupId)) ?? [])]);
      if (groupId !== null && !lessons.length) for (const id of pg.load.get(loadKey(subjectId, null)) ?? []) staffIds.add(id);
      out.push({
        key: groupId === null ? `s${subjectId}` : `s${subjectId}-g${groupId}`,
        subjectId,
        staffIds: [...staffIds],
        subject: subject.name,
        group: groupId === null ? null : (group?.name ?? `группа ${groupId}`),
        teacher: pageTeacher(pg, subjectId, groupId, lessons),
        students,
        lessons: withMarkColumns(columns, markColumns({ to: range.to, yearEnd: data.year.end }, periods, finals.get(subjectId), students)),
      });
    }
  }
  return out;
}

/** Column keys of the journal's and the ledger's final marks, in order: p1…pN, year, exam, final. */
export async function gradePeriods(
  ctx: Ctx,
  yearId: number,
  grade: number,
): Promise<{ number: number; kind: string; start: string; end: string }[]> {
  return ctx.db
    .selectFrom('study_period')
    .innerJoin('grade_scheme', 'grade_scheme.scheme_id', 'study_period.scheme_id')
    .innerJoin('period_scheme', 'period_scheme.id', 'study_period.scheme_id')
    .select(['study_period.number', 'period_scheme.kind', 'study_period.start_date as start', 'study_period.end_date as end'])
    .where('grade_scheme.year_id', '=', yearId)
    .where('grade_scheme.grade', '=', grade)
    .orderBy('study_period.number')
    .execute();
}

const PERIOD_SHORT: Record<string, string> = { quarter: 'ч.', trimester: 'тр.', half: 'пол.' };

/**
 * Final marks of the class's students for the year, per subject id, per student id, per kind. A mark shows in the
 * class it was given in; a student who finished the year in this class also brings the marks given in their
 * previous class (one row per student, subject and kind in the year).
 */
export async function classFinalMarks(
  ctx: Ctx,
  data: JournalData,
): Promise<Map<number, Map<number, Partial<Record<FinalMarkKind, string>>>>> {
  const ids = data.students.map((s) => s.id);
  const out = new Map<number, Map<number, Partial<Record<FinalMarkKind, string>>>>();
  if (!ids.length) return out;
  const stayed = new Set(data.students.filter((s) => s.active.some((r) => r.end_date >= data.year.end)).map((s) => s.id));
  // by class (the index on final_mark.class_id): this class and the other classes of the year its students were in
  const classes = await ctx.db
    .selectFrom('enrollment')
    .innerJoin('class', 'class.id', 'enrollment.class_id')
    .select('enrollment.class_id')
    .distinct()
    .where('class.year_id', '=', data.year.id)
    .where('enrollment.student_id', 'in', ids)
    .execute();
  const classIds = [...new Set([data.cls.id, ...classes.map((c) => c.class_id)])];
  const rows = (
    await ctx.db
      .selectFrom('final_mark')
      .select(['year_id', 'subject_id', 'student_id', 'class_id', 'kind', 'value'])
      .where('class_id', 'in', classIds)
      .where('student_id', 'in', ids)
      .execute()
  ).filter((r) => r.year_id === data.year.id);
  for (const r of rows) {
    if (r.class_id !== data.cls.id && !stayed.has(r.student_id)) continue;
    let bySt = out.get(r.subject_id);
    if (!bySt) out.set(r.subject_id, (bySt = new Map()));
    const m = bySt.get(r.student_id) ?? {};
    m[r.kind] = r.value;
    bySt.set(r.student_id, m);
  }
  return out;
}

async function finalMarks(ctx: Ctx, data: JournalData): Promise<FinalMarksData | null> {
  const [y, periods, marks] = await Promise.all([classYear(ctx, data), classPeriods(ctx, data), classFinalMarksOnce(ctx, data)]);
  const keys: FinalMarkKind[] = [...periods.map((p) => `p${p.number}` as FinalMarkKind), 'year', 'exam', 'final'];
  const columns = [...periods.map((p) => `${p.number} ${PERIOD_SHORT[p.kind] ?? 'ч.'}`), 'Год', 'Экз.', 'Итог'];
  const subjectIds = classSubjectIds(y, marks.keys());
  if (!subjectIds.length) return null;
  return {
    columns,
    subjects: subjectIds.map((id) => {
      const bySt = marks.get(id);
      const perStudent: Record<number, string[]> = {};
      for (const [studentId, m] of bySt ?? []) perStudent[studentId] = keys.map((k) => m[k] ?? '');
      return { name: y.subjects.get(id)!.name, marks: perStudent };
    }),
  };
}

const MONTH_NAMES = ['Январь', 'Февраль', 'Март', 'Апрель', 'Май', 'Июнь', 'Июль', 'Август', 'Сентябрь', 'Октябрь', 'Ноябрь', 'Декабрь'];

async function attendance(ctx: Ctx, data: JournalData, range?: DateRange): Promise<AttendanceData | null> {
  const y = await classYear(ctx, data);
  // the months of teaching: from the year's first month to the month of its last lesson (or of the year's end);
  // a period's copy: the months of the period
  let last = y.lastLesson ?? (await lessonRange(ctx, data)).to;
  if (range && range.end_date < last) last = range.end_date;
  const first = range && range.start_date > data.year.start ? range.start_date : data.year.start;
  const months: AttendanceData['months'] = [];
  for (let m = first.slice(0, 7); m <= last.slice(0, 7);) {
    months.push({ key: m, name: MONTH_NAMES[Number(m.slice(5, 7)) - 1] });
    const [yy, mm] = m.split('-').map(Number);
    m = mm === 12 ? `${yy + 1}-01` : `${yy}-${String(mm + 1).padStart(2, '0')}`;
  }
  const missed: Record<number, Record<string, { total: number; excused: number }>> = {};
  for (const a of y.absences) {
    if (range && (a.date < range.start_date || a.date > range.end_date)) continue;
    const per = (missed[a.studentId] ??= {});
    const v = (per[a.date.slice(0, 7)] ??= { total: 0, excused: 0 });
    v.total++;
    if (a.code === 'б' || a.code === 'у') v.excused++;
  }
  return { months, missed };
}

/** The inspection remarks on the class's journal (main/journal/remarks.ts), oldest first. */
async function remarks(ctx: Ctx, data: JournalData): Promise<RemarkLine[]> {
  const rows = await ctx.db
    .selectFrom('journal_remark as r')
    .leftJoin('subject as s', 's.id', 'r.subject_id')
    .leftJoin('study_group as g', 'g.id', 'r.group_id')
    .leftJoin('lesson as l', 'l.id', 'r.lesson_id')
    .leftJoin('student as st', 'st.id', 'r.student_id')
    .select([
      'r.date',
      'r.text',
      'r.due_date',
      'r.written_by',
      'r.answer',
      'r.answered_by',
      'r.answered_at',
      'r.fixed_by',
      'r.fixed_at',
      's.name as subject',
      'g.name as groupName',
      'l.date as lessonDate',
      'l.lesson_number as lessonNumber',
      'st.last_name as lastName',
      'st.first_name as firstName',
    ])
    .where('r.class_id', '=', data.cls.id)
    .orderBy('r.date')
    .orderBy('r.id')
    .execute();
  const tz = rows.length ? await schoolTimeZone(ctx.db) : 'UTC';
  const day = (at: string | null) => (at ? localDate(at, tz) : '');
  return rows.map((r) => {
    const about: string[] = [];
    if (r.subject) about.push(`${r.subject}${r.groupName ? ` (${r.groupName})` : ''}`);
    if (r.lessonDate) about.push(`урок ${ru(r.lessonDate)}${r.lessonNumber ? ` (${r.lessonNumber}-й)` : ''}`);
    if (r.lastName) about.push(`${r.lastName} ${r.firstName ?? ''}`.trim());
    return {
      date: r.date,
      about: about.join(', '),
      text: r.text,
      dueDate: r.due_date,
      inspector: recordedPerson(r.written_by),
      answer: r.answer ? { text: r.answer, by: recordedPerson(r.answered_by ?? ''), date: day(r.answered_at) } : null,
      fixed: r.fixed_at ? { by: recordedPerson(r.fixed_by ?? ''), date: day(r.fixed_at) } : null,
    };
  });
}

/** The journal's providers reading the journal tables: registered as the defaults in `../providers.ts`. */
export const DB_JOURNAL_PROVIDERS: JournalProviders = { subjects, finalMarks, attendance, remarks };

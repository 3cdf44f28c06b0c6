import { AppError } from '../../db/index';
import type { Row } from '../../db/schema';
import { can, personOf, requirePermission, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { schoolToday } from '../kernel/school-clock';
import { ru } from '../contract/rules/dates';
import type { ParsedInput } from '../contract/index';
import { REMARK_STATE_NAMES, type RemarkRow, type RemarkState, type RemarksList } from '../contract/journal-remarks';
import { leadsClass, teachesJournal, wholeSchool } from './access';
import { recordedPerson } from '../contract/rules/names';

// Inspection remarks on keeping the journal (issue 12 part 9, seed 003 §6.2). The deputy or the director
// (`journal.inspect`) writes a remark on a class's journal: the whole class, one subject (or group), a lesson of it,
// a student's cell. The teacher who keeps that journal — its teacher by the load or the timetable, the substitute for a
// lesson they took, the homeroom teacher for a remark on the whole class — sees it and answers; nobody else answers.
// The deputy marks it fixed (or takes the mark back). Every write goes through `mutate` with its audit row; a closed
// year's remarks are refused by the year-lock triggers (db/migrations/0018_journal_remark.ts).

const ANSWER_FORBIDDEN =
  'Ответить на замечание может только учитель, ведущий этот журнал (на замечание по всему классу — классный руководитель).';
const SEE_FORBIDDEN = 'Это замечание относится к журналу, который вы не ведёте.';

type RemarkDb = Row<'journal_remark'>;

function stateOf(r: Pick<RemarkDb, 'answer' | 'fixed_at'>): RemarkState {
  return r.fixed_at ? 'fixed' : r.answer ? 'answered' : 'open';
}

/** Answers of the journal-rights questions, by journal, within one listing (a year's remarks share few journals). */
type KeepsCache = Map<string, Promise<boolean>>;

function cached(cache: KeepsCache | undefined, key: string, ask: () => Promise<boolean>): Promise<boolean> {
  if (!cache) return ask();
  let v = cache.get(key);
  if (!v) cache.set(key, (v = ask()));
  return v;
}

/** Does the caller keep the journal this remark is about (and so see and answer it)? */
async function keepsRemarkJournal(ctx: Ctx, r: RemarkDb, cache?: KeepsCache): Promise<boolean> {
  const staffId = ctx.actor.staffId;
  if (staffId === null) return false;
  if (r.subject_id === null) return cached(cache, `class:${r.class_id}`, () => leadsClass(ctx, r.class_id));
  if (r.lesson_id !== null) {
    const l = await ctx.db
      .selectFrom('lesson')
      .select(['staff_id', 'substitute_staff_id'])
      .where('id', '=', r.lesson_id)
      .executeTakeFirst();
    if (l && (l.substitute_staff_id === staffId || l.staff_id === staffId)) return true;
  }
  const key = { classId: r.class_id, subjectId: r.subject_id, groupId: r.group_id };
  return cached(cache, `journal:${r.class_id}:${r.subject_id}:${r.group_id ?? ''}`, () => teachesJournal(ctx, key));
}

/** What the caller may do with a remark: see it at all, answer it, mark it fixed. */
async function rightsOn(ctx: Ctx, r: RemarkDb, cache?: KeepsCache): Promise<{ see: boolean; answer: boolean; fix: boolean }> {
  const fix = can(ctx.actor, 'journal.inspect');
  const keeps = !ctx.actor.system && can(ctx.actor, 'journal.write') && (await keepsRemarkJournal(ctx, r, cache));
  return { see: wholeSchool(ctx) || keeps, answer: keeps && !r.fixed_at, fix };
}

interface Names {
  classes: Map<number, string>;
  subjects: Map<number, string>;
  groups: Map<number, string>;
  lessons: Map<number, { date: string; number: number }>;
  students: Map<number, string>;
}

async function namesFor(ctx: Ctx, rows: RemarkDb[]): Promise<Names> {
  const ids = (f: (r: RemarkDb) => number | null) => [...new Set(rows.map(f).filter((x): x is number => x !== null))];
  const [classIds, subjectIds, groupIds, lessonIds, studentIds] = [
    ids((r) => r.class_id),
    ids((r) => r.subject_id),
    ids((r) => r.group_id),
    ids((r) => r.lesson_id),
    ids((r) => r.student_id),
  ];
  const [classes, subjects, groups, lessons, students] = await Promise.all([
    classIds.length ? ctx.db.selectFrom('class').select(['id', 'name']).where('id', 'in', classIds).execute() : [],
    subjectIds.length ? ctx.db.selectFrom('subject').select(['id', 'name']).where('id', 'in', subjectIds).execute() : [],
    groupIds.length ? ctx.db.selectFrom('study_group').select(['id', 'name']).where('id', 'in', groupIds).execute() : [],
    lessonIds.length ? ctx.db.selectFrom('lesson').select(['id', 'date', 'lesson_number']).where('id', 'in', lessonIds).execute() : [],
    studentIds.length ? ctx.db.selectFrom('student').select(['id', 'last_name', 'first_name']).where('id', 'in', studentIds).execute() : [],
  ]);
  return {
    classes: new Map(classes.map((c) => [c.id, c.name])),
    subjects: new Map(subjects.map((s) => [s.id, s.name])),
    groups: new Map(groups.map((g) => [g.id, g.name])),
    lessons: new Map(lessons.map((l) => [l.id, { date: l.date, number: l.lesson_number }])),
    students: new Map(students.map((s) => [s.id, `${s.last_name} ${s.first_name}`])),
  };
}

/** «5А · Математика (1 группа), урок 12.10.2025 (2-й), Иванов Иван»; «5А, весь класс». */
export function remarkWhere(parts: {
  className: string;
  subjectName: string;
  groupName: string | null;
  lesson: { date: string; number: number } | null;
  studentName: string | null;
}): string {
  if (!parts.subjectName) return `${parts.className}, весь класс`;
  let s = `${parts.className} · ${parts.subjectName}${parts.groupName ? ` (${parts.groupName})` : ''}`;
  if (parts.lesson) s += `, урок ${ru(parts.lesson.date)} (${parts.lesson.number}-й)`;
  if (parts.studentName) s += `, ${parts.studentName}`;
  return s;
}

function toRow(r: RemarkDb, n: Names, today: string, rights: { answer: boolean; fix: boolean }): RemarkRow {
  const state = stateOf(r);
  const lesson = r.lesson_id !== null ? (n.lessons.get(r.lesson_id) ?? null) : null;
  const className = n.classes.get(r.class_id) ?? '';
  const subjectName = r.subject_id !== null ? (n.subjects.get(r.subject_id) ?? '') : '';
  const groupName = r.group_id !== null ? (n.groups.get(r.group_id) ?? null) : null;
  const studentName = r.student_id !== null ? (n.students.get(r.student_id) ?? null) : null;
  return {
    id: r.id,
    yearId: r.year_id,
    classId: r.class_id,
    className,
    subjectId: r.subject_id,
    subjectName,
    groupId: r.group_id,
    groupName,
    lessonId: r.lesson_id,
    lessonDate: lesson?.date ?? null,
    lessonNumber: lesson?.number ?? null,
    studentId: r.student_id,
    studentName,
    where: remarkWhere({ className, subjectName, groupName, lesson, studentName }),
    date: r.date,
    text: r.text,
    dueDate: r.due_date,
    overdue: state !== 'fixed' && r.due_date !== null && r.due_date < today,
    writtenBy: recordedPerson(r.written_by),
    writtenAt: r.written_at,
    answer: r.answer,
    answeredBy: recordedPerson(r.answered_by),
    answeredAt: r.answered_at,
    fixedBy: recordedPerson(r.fixed_by),
    fixedAt: r.fixed_at,
    state,
    stateName: REMARK_STATE_NAMES[state],
    canAnswer: rights.answer,
    canFix: rights.fix,
  };
}

async function rowOf(ctx: Ctx, r: RemarkDb): Promise<RemarkRow> {
  const rights = await rightsOn(ctx, r);
  return toRow(r, await namesFor(ctx, [r]), await schoolToday(ctx), rights);
}

const ORDER: Record<RemarkState, number> = { open: 0, answered: 1, fixed: 2 };

export async function listRemarks(ctx: Ctx, input: ParsedInput<'remarks.list'>): Promise<RemarksList> {
  requirePermission(ctx.actor, 'journal.read');
  let q = ctx.db.selectFrom('journal_remark').selectAll().where('year_id', '=', input.yearId);
  if (input.classId) q = q.where('class_id', '=', input.classId);
  const all = await q.orderBy('date', 'desc').orderBy('id', 'desc').execute();
  const seen: { r: RemarkDb; rights: { answer: boolean; fix: boolean } }[] = [];
  const cache: KeepsCache = new Map();
  for (const r of all) {
    const rights = await rightsOn(ctx, r, cache);
    if (rights.see) seen.push({ r, rights });
  }
  const mine = seen.filter(({ r }) => !input.state || stateOf(r) === input.state);
  const [n, today] = await Promise.all([
    namesFor(
      ctx,
      mine.map((x) => x.r),
    ),
    schoolToday(ctx),
  ]);
  // unanswered first, then answered and not fixed, then fixed; newest first within each
  const rows = mine.map(({ r, rights }) => toRow(r, n, today, rights)).sort((a, b) => ORDER[a.state] - ORDER[b.state]);
  return {
    rows,
    unanswered: seen.filter(({ r }) => stateOf(r) === 'open').length,
    answeredNotFixed: seen.filter(({ r }) => stateOf(r) === 'answered').length,
  };
}

export async function writeRemark(ctx: Ctx, input: ParsedInput<'remarks.write'>): Promise<RemarkRow> {
  requirePermission(ctx.actor, 'journal.inspect');
  const cls =
    (await ctx.db.selectFrom('class').select(['id', 'year_id', 'name']).where('id', '=', input.classId).executeTakeFirst()) ??
    notFound('Класс');
  let subjectId = input.subjectId ?? null;
  let groupId = input.groupId ?? null;
  const lessonId = input.lessonId ?? null;
  const studentId = input.studentId ?? null;
  const text = input.text.trim();
  if (!text) invalid('Напишите текст замечания');
  if (lessonId !== null) {
    const l = await ctx.db
      .selectFrom('lesson')
      .select(['id', 'class_id', 'subject_id', 'group_id', 'date'])
      .where('id', '=', lessonId)
      .executeTakeFirst();
    if (!l || l.class_id !== cls.id) invalid(`Урок не найден в журнале ${cls.name} класса`);
    if (subjectId !== null && l.subject_id !== subjectId) invalid('Урок относится к другому предмету');
    if (input.groupId != null && l.group_id !== input.groupId) invalid('Урок относится к другой группе');
    subjectId = l.subject_id;
    groupId = l.group_id;
  }
  if (studentId !== null) {
    if (lessonId === null) invalid('Замечание по клетке журнала указывает урок');
    const e = await ctx.db
      .selectFrom('enrollment')
      .select('id')
      .where('class_id', '=', cls.id)
      .where('student_id', '=', studentId)
      .executeTakeFirst();
    if (!e) invalid(`Ученик не числится в ${cls.name} классе`);
  }
  if (groupId !== null) {
    if (subjectId === null) invalid('Замечание по группе указывает предмет');
    const g = await ctx.db.selectFrom('study_group').select('class_id').where('id', '=', groupId).executeTakeFirst();
    if (!g || g.class_id !== cls.id) invalid(`Группа не найдена в ${cls.name} классе`);
  }
  if (subjectId !== null) {
    const s = await ctx.db.selectFrom('subject').select('id').where('id', '=', subjectId).executeTakeFirst();
    if (!s) invalid('Предмет не найден');
  }
  const year = await ctx.db
    .selectFrom('academic_year')
    .select(['start_date', 'end_date', 'name'])
    .where('id', '=', cls.year_id)
    .executeTakeFirstOrThrow();
  const today = await schoolToday(ctx);
  // a remark on a past year's journal is dated within that year (its last day), so it prints on that journal's page
  const date = today > year.end_date ? year.end_date : today < year.start_date ? year.start_date : today;
  const due = input.dueDate ?? null;
  if (due !== null && due < date) invalid(`Срок исправления (${ru(due)}) не может быть раньше даты замечания (${ru(date)})`);
  const at = ctx.now().toISOString();
  const by = personOf(ctx.actor);
  const id = await mutate(ctx, async (w) => {
    const row = {
      year_id: cls.year_id,
      class_id: cls.id,
      subject_id: subjectId,
      group_id: groupId,
      lesson_id: lessonId,
      student_id: studentId,
      date,
      text,
      due_date: due,
      written_by: by,
      written_at: at,
    };
    const r = await w.trx.insertInto('journal_remark').values(row).returning('id').executeTakeFirstOrThrow();
    await w.audit({ action: 'create', entity: 'journal_remark', entityId: r.id, before: null, after: row });
    return r.id;
  });
  return rowOf(ctx, await ctx.db.selectFrom('journal_remark').selectAll().where('id', '=', id).executeTakeFirstOrThrow());
}

async function loadRemark(ctx: Ctx, id: number): Promise<RemarkDb> {
  return (await ctx.db.selectFrom('journal_remark').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Замечание');
}

export async function answerRemark(ctx: Ctx, input: ParsedInput<'remarks.answer'>): Promise<RemarkRow> {
  const r = await loadRemark(ctx, input.id);
  const rights = await rightsOn(ctx, r);
  if (!rights.see) throw new AppError('FORBIDDEN', SEE_FORBIDDEN);
  if (r.fixed_at) invalid('Замечание уже отмечено как исправленное: ответ не меняется');
  if (!rights.answer) throw new AppError('FORBIDDEN', ANSWER_FORBIDDEN);
  const answer = input.answer.trim();
  if (!answer) invalid('Напишите ответ на замечание');
  const at = ctx.now().toISOString();
  const by = personOf(ctx.actor);
  await mutate(ctx, async (w) => {
    await w.trx.updateTable('journal_remark').set({ answer, answered_by: by, answered_at: at }).where('id', '=', r.id).execute();
    await w.audit({
      action: 'remark.answer',
      entity: 'journal_remark',
      entityId: r.id,
      before: { answer: r.answer, answered_by: r.answered_by },
      after: { answer, answered_by: by },
    });
  });
  return rowOf(ctx, await loadRemark(ctx, r.id));
}

export async function fixRemark(ctx: Ctx, input: ParsedInput<'remarks.fix'>): Promise<RemarkRow> {
  requirePermission(ctx.actor, 'journal.inspect');
  const r = await loadRemark(ctx, input.id);
  if (input.fixed && r.fixed_at) invalid('Замечание уже отмечено как исправленное');
  if (!input.fixed && !r.fixed_at) invalid('Замечание не отмечено как исправленное');
  const at = ctx.now().toISOString();
  const set = input.fixed ? { fixed_by: personOf(ctx.actor), fixed_at: at } : { fixed_by: null, fixed_at: null };
  await mutate(ctx, async (w) => {
    await w.trx.updateTable('journal_remark').set(set).where('id', '=', r.id).execute();
    await w.audit({
      action: input.fixed ? 'remark.fix' : 'remark.unfix',
      entity: 'journal_remark',
      entityId: r.id,
      before: { fixed_by: r.fixed_by, fixed_at: r.fixed_at },
      after: set,
    });
  });
  return rowOf(ctx, await loadRemark(ctx, r.id));
}

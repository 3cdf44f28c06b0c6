import { AppError } from '../../db';
import { can, type Ctx } from '../kernel/context';
import { journalScopeIsWholeSchool } from '../contract/rules/roles';

// Who may read and change which journal. The router has already checked the permission (journal.read or
// journal.write); here the scope. A journal is one class × subject × group (null: the whole class), and every rule
// matches all three: the teacher of subgroup 1 neither reads nor fills subgroup 2's journal (issue 11, part 2).
// - the director, deputies and the office read every journal; the deputy corrects any (seed 001, deputy §6);
// - a teacher reads and fills the journals of their teaching load, or of the lessons the timetable gives them;
// - a substitute reads the journal of the lesson they took and fills that lesson only (seed 001 teacher §8);
// - a homeroom teacher reads every journal of their class and writes only what they teach themselves.

export interface JournalKey {
  classId: number;
  subjectId: number;
  groupId?: number | null;
}

/** A lesson as far as the rights are concerned. */
export interface LessonKey extends JournalKey {
  id: number;
  staff_id: number;
  substitute_staff_id: number | null;
}

export function wholeSchool(ctx: Ctx): boolean {
  return ctx.actor.system || journalScopeIsWholeSchool(ctx.actor.roles);
}

function mayCorrectAny(ctx: Ctx): boolean {
  return ctx.actor.system || ctx.actor.roles.includes('deputy');
}

/** The teaching load or the timetable makes the caller this journal's teacher (group matched exactly). */
export async function teachesJournal(ctx: Ctx, key: JournalKey): Promise<boolean> {
  const staffId = ctx.actor.staffId;
  if (staffId === null) return false;
  const groupId = key.groupId ?? null;
  const load = await ctx.db
    .selectFrom('teaching_load')
    .select('id')
    .where('class_id', '=', key.classId)
    .where('subject_id', '=', key.subjectId)
    .where('group_id', 'is not distinct from', groupId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  if (load) return true;
  const lesson = await ctx.db
    .selectFrom('lesson')
    .select('id')
    .where('class_id', '=', key.classId)
    .where('subject_id', '=', key.subjectId)
    .where('group_id', 'is not distinct from', groupId)
    .where('staff_id', '=', staffId)
    .limit(1)
    .executeTakeFirst();
  return !!lesson;
}

/** The caller took some lesson of this journal as a substitute. */
async function substitutedIn(ctx: Ctx, key: JournalKey): Promise<boolean> {
  return (await substitutedLessons(ctx, key, 1)).length > 0;
}

/** Lessons of this journal the caller took as a substitute (at most `limit`). */
export async function substitutedLessons(ctx: Ctx, key: JournalKey, limit = 10_000): Promise<number[]> {
  const staffId = ctx.actor.staffId;
  if (staffId === null) return [];
  const rows = await ctx.db
    .selectFrom('lesson')
    .select('id')
    .where('class_id', '=', key.classId)
    .where('subject_id', '=', key.subjectId)
    .where('group_id', 'is not distinct from', key.groupId ?? null)
    .where('substitute_staff_id', '=', staffId)
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function leadsClass(ctx: Ctx, classId: number): Promise<boolean> {
  if (ctx.actor.staffId === null) return false;
  const c = await ctx.db.selectFrom('class').select('homeroom_staff_id').where('id', '=', classId).executeTakeFirst();
  return !!c && c.homeroom_staff_id === ctx.actor.staffId;
}

/** May the caller change this whole journal (every lesson, period marks) at all, before locks and dates? */
export async function mayWrite(ctx: Ctx, key: JournalKey): Promise<boolean> {
  if (!can(ctx.actor, 'journal.write')) return false;
  if (mayCorrectAny(ctx)) return true;
  return teachesJournal(ctx, key);
}

/** May the caller change this lesson's entries: the journal's teacher, or the lesson's substitute. */
export async function mayWriteLesson(ctx: Ctx, l: LessonKey): Promise<boolean> {
  if (await mayWrite(ctx, l)) return true;
  return can(ctx.actor, 'journal.write') && ctx.actor.staffId !== null && l.substitute_staff_id === ctx.actor.staffId;
}

export async function mayRead(ctx: Ctx, key: JournalKey): Promise<boolean> {
  if (wholeSchool(ctx)) return true;
  return (await leadsClass(ctx, key.classId)) || (await teachesJournal(ctx, key)) || (await substitutedIn(ctx, key));
}

const READ_FORBIDDEN = 'Этот журнал вам недоступен: вы не ведёте этот предмет в этом классе или группе.';
const WRITE_FORBIDDEN = 'Вносить записи в этот журнал может только учитель, ведущий предмет в классе, или заместитель директора.';

export async function assertCanRead(ctx: Ctx, key: JournalKey): Promise<void> {
  if (!(await mayRead(ctx, key))) throw new AppError('FORBIDDEN', READ_FORBIDDEN);
}

export async function assertCanWrite(ctx: Ctx, key: JournalKey): Promise<void> {
  if (!(await mayWrite(ctx, key))) throw new AppError('FORBIDDEN', WRITE_FORBIDDEN);
}

export async function assertCanWriteLesson(ctx: Ctx, l: LessonKey): Promise<void> {
  if (!(await mayWriteLesson(ctx, l))) throw new AppError('FORBIDDEN', WRITE_FORBIDDEN);
}

/** The homeroom view and student cards: whole-school roles and the class's homeroom teacher. */
export async function mayReadClass(ctx: Ctx, classId: number): Promise<boolean> {
  return wholeSchool(ctx) || leadsClass(ctx, classId);
}

export const CLASS_FORBIDDEN = 'Сводный журнал класса доступен классному руководителю и администрации школы.';

export async function assertCanReadClass(ctx: Ctx, classId: number): Promise<void> {
  if (!(await mayReadClass(ctx, classId))) throw new AppError('FORBIDDEN', CLASS_FORBIDDEN);
}

import { AppError } from '../../db';
import { can, type Ctx } from '../kernel/context';
import { journalScopeIsWholeSchool } from '../contract/rules/roles';

// Who may read and change which journal. The router has already checked the permission (journal.read or
// journal.write); here the scope: the director, deputies and the office see every class; a teacher sees and fills the
// classes and subjects they teach (by the teaching load, or a lesson they gave or substituted), a homeroom teacher also
// reads their own class. Changes: the teacher of the subject and the deputy (corrections: seed 001, deputy §6).

export interface JournalKey {
  classId: number;
  subjectId: number;
  groupId?: number | null;
}

export function wholeSchool(ctx: Ctx): boolean {
  return ctx.actor.system || journalScopeIsWholeSchool(ctx.actor.roles);
}

async function teaches(ctx: Ctx, key: JournalKey): Promise<boolean> {
  const staffId = ctx.actor.staffId;
  if (staffId === null) return false;
  const load = await ctx.db
    .selectFrom('teaching_load')
    .select('id')
    .where('class_id', '=', key.classId)
    .where('subject_id', '=', key.subjectId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  if (load) return true;
  const lesson = await ctx.db
    .selectFrom('lesson')
    .select('id')
    .where('class_id', '=', key.classId)
    .where('subject_id', '=', key.subjectId)
    .where((e) => e.or([e('staff_id', '=', staffId), e('substitute_staff_id', '=', staffId)]))
    .limit(1)
    .executeTakeFirst();
  return !!lesson;
}

export async function leadsClass(ctx: Ctx, classId: number): Promise<boolean> {
  if (ctx.actor.staffId === null) return false;
  const c = await ctx.db.selectFrom('class').select('homeroom_staff_id').where('id', '=', classId).executeTakeFirst();
  return !!c && c.homeroom_staff_id === ctx.actor.staffId;
}

/** May the caller change this journal at all (before locks and dates)? */
export async function mayWrite(ctx: Ctx, key: JournalKey): Promise<boolean> {
  if (!can(ctx.actor, 'journal.write')) return false;
  if (ctx.actor.system || ctx.actor.roles.includes('deputy')) return true;
  return teaches(ctx, key);
}

export async function assertCanRead(ctx: Ctx, key: JournalKey): Promise<void> {
  if (wholeSchool(ctx)) return;
  if ((await leadsClass(ctx, key.classId)) || (await teaches(ctx, key))) return;
  throw new AppError('FORBIDDEN', 'Этот журнал вам недоступен: вы не ведёте этот предмет в этом классе.');
}

export async function assertCanWrite(ctx: Ctx, key: JournalKey): Promise<void> {
  if (await mayWrite(ctx, key)) return;
  throw new AppError('FORBIDDEN', 'Вносить записи в этот журнал может только учитель, ведущий предмет в классе, или заместитель директора.');
}

/** The homeroom view and student cards: whole-school roles and the class's homeroom teacher. */
export async function mayReadClass(ctx: Ctx, classId: number): Promise<boolean> {
  return wholeSchool(ctx) || leadsClass(ctx, classId);
}

export const CLASS_FORBIDDEN = 'Сводный журнал класса доступен классному руководителю и администрации школы.';

export async function assertCanReadClass(ctx: Ctx, classId: number): Promise<void> {
  if (!(await mayReadClass(ctx, classId))) throw new AppError('FORBIDDEN', CLASS_FORBIDDEN);
}

import { AppError } from '../../db';
import { can, type Ctx } from '../kernel/context';

// Scoped rights the seeds give below the administration (issue 15 part 1). The router has checked the permission of
// the channel (groups.write, plans.write, timetable.changes, absences.reason); here the scope, against the data:
// - groups (000 homeroom §5, teacher §10; 001 homeroom §6; 002 §6; 003 §4.3.3, §4.4.6): the homeroom teacher forms
//   every group of their class, a subject teacher the groups of their subject in a class where they teach it, the
//   journal administrator moves students between existing groups (and does nothing else to them);
// - thematic plans (000 teacher §8, 003 §4.4.4): a teacher places the plan of their subject for a class they teach it
//   in (a plan for the whole grade only when they teach it in every class of the grade);
// - timetable changes (003 §4.1.7, 004 §3.3): the journal administrator for the school, the homeroom teacher for their
//   class.
// Holders of «setup.write» (the director, the deputy) and the CLI's system actor keep the whole school. A refusal is an
// AppError('FORBIDDEN'), which the router writes to the audit log like any other.

export function wholeSchoolSetup(ctx: Ctx): boolean {
  return can(ctx.actor, 'setup.write');
}

function isAdmin(ctx: Ctx): boolean {
  return ctx.actor.system || ctx.actor.roles.includes('admin');
}

/** The caller is the homeroom teacher of this class. */
export async function leadsClass(ctx: Ctx, classId: number): Promise<boolean> {
  if (ctx.actor.staffId === null) return false;
  const c = await ctx.db.selectFrom('class').select('homeroom_staff_id').where('id', '=', classId).executeTakeFirst();
  return !!c && c.homeroom_staff_id === ctx.actor.staffId;
}

/** The caller teaches this subject in this class (any of its groups): by the teaching load or the timetable's lessons. */
export async function teachesSubjectIn(ctx: Ctx, classId: number, subjectId: number): Promise<boolean> {
  const staffId = ctx.actor.staffId;
  if (staffId === null) return false;
  const load = await ctx.db
    .selectFrom('teaching_load')
    .select('id')
    .where('class_id', '=', classId)
    .where('subject_id', '=', subjectId)
    .where('staff_id', '=', staffId)
    .executeTakeFirst();
  if (load) return true;
  const lesson = await ctx.db
    .selectFrom('lesson')
    .select('id')
    .where('class_id', '=', classId)
    .where('subject_id', '=', subjectId)
    .where('staff_id', '=', staffId)
    .limit(1)
    .executeTakeFirst();
  return !!lesson;
}

export const GROUPS_FORBIDDEN =
  'Группы класса формируют его классный руководитель и учителя, ведущие в классе предмет группы; переводит учеников между группами администратор журнала.';

interface GroupRow {
  class_id: number;
  subject_id: number | null;
  name: string;
  kind: string;
}

/**
 * May the caller save this group (`existing`: as stored; null for a new one) with these values? `onlyMembers`: the
 * save changes nothing but the list (the administrator's move).
 */
export async function assertMayChangeGroup(
  ctx: Ctx,
  next: { classId: number; subjectId: number | null },
  existing: GroupRow | null,
  onlyMembers: boolean,
): Promise<void> {
  if (wholeSchoolSetup(ctx)) return;
  // a group stays in its class (the service refuses a move with its own message); the rights follow the stored class
  if (existing && existing.class_id !== next.classId) next = { ...next, classId: existing.class_id };
  if (await leadsClass(ctx, next.classId)) return;
  const subjects = [next.subjectId, ...(existing ? [existing.subject_id] : [])];
  if (subjects.every((s) => s !== null) && (await allTaught(ctx, next.classId, subjects as number[]))) return;
  if (existing && onlyMembers && isAdmin(ctx)) return;
  throw new AppError('FORBIDDEN', GROUPS_FORBIDDEN);
}

async function allTaught(ctx: Ctx, classId: number, subjectIds: number[]): Promise<boolean> {
  for (const s of new Set(subjectIds)) if (!(await teachesSubjectIn(ctx, classId, s))) return false;
  return true;
}

export const PLAN_FORBIDDEN =
  'Тематическое планирование размещает учитель своего предмета в классах, где он его ведёт (или заместитель директора).';

/** May the caller place or remove the plan of (subject, grade, class | whole grade) in this year? */
export async function assertMayPlacePlan(
  ctx: Ctx,
  p: { yearId: number; subjectId: number; grade: number; classId: number | null },
): Promise<void> {
  if (wholeSchoolSetup(ctx)) return;
  if (p.classId !== null) {
    if (await teachesSubjectIn(ctx, p.classId, p.subjectId)) return;
  } else {
    const classes = await ctx.db.selectFrom('class').select('id').where('year_id', '=', p.yearId).where('grade', '=', p.grade).execute();
    if (classes.length && (await everyClass(ctx, classes, p.subjectId))) return;
  }
  throw new AppError('FORBIDDEN', PLAN_FORBIDDEN);
}

async function everyClass(ctx: Ctx, classes: { id: number }[], subjectId: number): Promise<boolean> {
  for (const c of classes) if (!(await teachesSubjectIn(ctx, c.id, subjectId))) return false;
  return true;
}

export const TIMETABLE_FORBIDDEN =
  'Изменения расписания вносят администратор журнала и заместитель директора, а по своему классу — его классный руководитель.';

/** May the caller enter a change (substitution, cancellation, move) of a lesson of this class? */
export async function assertMayChangeTimetable(ctx: Ctx, classId: number): Promise<void> {
  if (wholeSchoolSetup(ctx) || isAdmin(ctx)) return;
  if (await leadsClass(ctx, classId)) return;
  throw new AppError('FORBIDDEN', TIMETABLE_FORBIDDEN);
}

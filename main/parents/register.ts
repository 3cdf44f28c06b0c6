import { addDays, format, parseISO, startOfISOWeek } from 'date-fns';
import { AppError } from '../../db/index';
import type { Db } from '../../db/index';
import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { fullName, recordedPerson } from '../contract/rules/names';
import { isIsoDate } from '../contract/rules/dates';
import { schoolDayOf, schoolTimeZone } from '../kernel/school-clock';
import type { ExtractRegisterRow, PaperStudent, WeeklyState } from '../contract/parents';
import { assertCanReadClass, leadsClass } from '../journal/access';
import { rosterOf } from '../journal/roster';
import { parentsChoice } from '../school/parent-choice';
import type { ExtractSpan } from './extract-data';

// Who gets paper, and the register of what was printed for whom and handed over to whom (seed 004 §2.5, §4.1).
// A parent's choice is a notice (main/school/notices.ts), read by the rule in main/school/parent-choice.ts.

/** The week of `date` as the weekly batch covers it: from its Monday up to `date` itself (the Friday it is printed). */
export function weekSpan(date: string): ExtractSpan {
  if (!isIsoDate(date)) invalid('Дата недели: ГГГГ-ММ-ДД');
  return { from: format(startOfISOWeek(parseISO(date)), 'yyyy-MM-dd'), to: date };
}

/** Monday to Sunday of the week of `date`: an extract for this week is one whose span ends within it. */
function wholeWeek(date: string): ExtractSpan {
  const monday = startOfISOWeek(parseISO(date));
  return { from: format(monday, 'yyyy-MM-dd'), to: format(addDays(monday, 6), 'yyyy-MM-dd') };
}

/** Students in the class on `on`, in class-list order, whose parents chose paper extracts by then. */
export async function paperChoiceStudents(db: Db, classId: number, on: string): Promise<PaperStudent[]> {
  const roster = await rosterOf(db, classId, null, { start_date: on, end_date: on });
  const choice = await parentsChoice(
    db,
    roster.map((s) => s.id),
    on,
  );
  return roster
    .filter((s) => choice.get(s.id)?.paper.length)
    .map((s) => ({ studentId: s.id, name: s.name, guardians: choice.get(s.id)!.paper.map((g) => g.guardianName) }));
}

export interface PrintedExtract {
  studentId: number;
  pages: number;
}

/** Writes one register row per student of a file just printed. */
export async function recordPrinted(
  ctx: Ctx,
  classId: number,
  span: ExtractSpan,
  sha256: string,
  printed: readonly PrintedExtract[],
  kind: 'extract' | 'notice' = 'extract',
): Promise<number[]> {
  return mutate(ctx, async (w) => {
    const ids: number[] = [];
    for (const p of printed) {
      const values = {
        student_id: p.studentId,
        class_id: classId,
        kind,
        span_from: span.from,
        span_to: span.to,
        printed_at: w.at.toISOString(),
        printed_by: personOf(ctx.actor),
        file_sha256: sha256,
        pages: p.pages,
      };
      const r = await w.trx.insertInto('parent_extract').values(values).returning('id').executeTakeFirstOrThrow();
      await w.audit({ action: 'create', entity: 'parent_extract', entityId: r.id, classId, after: values });
      ids.push(r.id);
    }
    return ids;
  });
}

async function registerRows(db: Db, where: { classId?: number; id?: number; from?: string; to?: string }): Promise<ExtractRegisterRow[]> {
  let q = db
    .selectFrom('parent_extract as e')
    .innerJoin('student as s', 's.id', 'e.student_id')
    .select([
      'e.id',
      'e.student_id',
      'e.class_id',
      'e.kind',
      'e.span_from',
      'e.span_to',
      'e.printed_at',
      'e.printed_by',
      'e.file_sha256',
      'e.pages',
      'e.handed_at',
      'e.handed_to',
      'e.handed_recorded_by',
      's.last_name',
      's.first_name',
      's.middle_name',
    ]);
  if (where.classId !== undefined) q = q.where('e.class_id', '=', where.classId);
  if (where.id !== undefined) q = q.where('e.id', '=', where.id);
  if (where.from) q = q.where('e.span_to', '>=', where.from);
  if (where.to) q = q.where('e.span_from', '<=', where.to);
  const rows = await q.orderBy('e.printed_at').orderBy('e.id').execute();
  return rows.map((r) => ({
    id: r.id,
    studentId: r.student_id,
    classId: r.class_id,
    kind: r.kind,
    studentName: fullName(r),
    from: r.span_from,
    to: r.span_to,
    printedAt: r.printed_at,
    printedBy: recordedPerson(r.printed_by),
    sha256: r.file_sha256,
    pages: r.pages,
    handedAt: r.handed_at,
    handedTo: r.handed_to,
    handedRecordedBy: recordedPerson(r.handed_recorded_by),
  }));
}

/** The class's register of printed extracts, those whose span meets [from, to] when given. */
export async function classRegister(ctx: Ctx, classId: number, span: Partial<ExtractSpan> = {}): Promise<ExtractRegisterRow[]> {
  await assertCanReadClass(ctx, classId);
  return registerRows(ctx.db, { classId, ...span });
}

/** The homeroom teacher records that an extract was handed to a parent: once, on a date not before its printing. */
export async function recordHandOver(
  ctx: Ctx,
  input: { extractId: number; handedAt: string; handedTo: string },
): Promise<ExtractRegisterRow> {
  const row =
    (await ctx.db.selectFrom('parent_extract').selectAll().where('id', '=', input.extractId).executeTakeFirst()) ?? notFound('Выписка');
  if (!ctx.actor.system && !(await leadsClass(ctx, row.class_id)))
    throw new AppError('FORBIDDEN', 'Выдачу выписки отмечает классный руководитель этого класса.');
  const handedTo = input.handedTo.trim();
  if (!handedTo) invalid('Укажите, кому выдана выписка (фамилия, имя, отчество родителя)');
  if (!isIsoDate(input.handedAt)) invalid('Дата выдачи: ГГГГ-ММ-ДД');
  const timeZone = await schoolTimeZone(ctx.db);
  if (input.handedAt > schoolDayOf(ctx.now(), timeZone)) invalid('Дата выдачи не может быть в будущем');
  if (input.handedAt < schoolDayOf(new Date(row.printed_at), timeZone)) invalid('Дата выдачи раньше даты печати выписки');
  if (row.handed_at) invalid(`Выдача этой выписки уже отмечена: ${row.handed_at}, ${row.handed_to}`);
  await mutate(ctx, async (w) => {
    const after = {
      handed_at: input.handedAt,
      handed_to: handedTo,
      handed_recorded_by: personOf(ctx.actor),
      handed_recorded_at: w.at.toISOString(),
    };
    await w.trx.updateTable('parent_extract').set(after).where('id', '=', row.id).where('handed_at', 'is', null).executeTakeFirstOrThrow();
    await w.audit({
      action: 'update',
      entity: 'parent_extract',
      entityId: row.id,
      classId: row.class_id,
      before: { handed_at: null, handed_to: '' },
      after,
    });
  });
  return (await registerRows(ctx.db, { id: row.id }))[0];
}

/**
 * The week of `date` for one class: the students whose parents chose paper, and those of them with no extract for this
 * week handed over yet (an extract «for this week» is one whose span ends between the week's Monday and Sunday).
 */
export async function weeklyState(ctx: Ctx, classId: number, date: string): Promise<WeeklyState> {
  await assertCanReadClass(ctx, classId);
  const span = weekSpan(date);
  const week = wholeWeek(date);
  const paper = await paperChoiceStudents(ctx.db, classId, date);
  const rows = await ctx.db
    .selectFrom('parent_extract')
    .select(['student_id', 'handed_at'])
    .where('class_id', '=', classId)
    .where('kind', '=', 'extract')
    .where('span_to', '>=', week.from)
    .where('span_to', '<=', week.to)
    .execute();
  const handed = new Set(rows.filter((r) => r.handed_at).map((r) => r.student_id));
  const printed = new Set(rows.map((r) => r.student_id));
  return {
    from: span.from,
    to: span.to,
    paper,
    notReceived: paper.filter((p) => !handed.has(p.studentId)).map((p) => ({ ...p, printed: printed.has(p.studentId) })),
  };
}

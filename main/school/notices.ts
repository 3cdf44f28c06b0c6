import type { NoticeKind } from '../../db/schema';
import type { Ctx } from '../kernel/context';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { getClass } from './classes';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { fullName } from '../contract/rules/names';
import { invalid, notFound } from '../kernel/invalid';
import { assertCanEditStudent, canSeePersonal, currentEnrollment } from './students';
import { AppError } from '../../db/index';
import type { Selectable } from 'kysely';
import type { GuardianNoticeTable } from '../../db/schema';
import type { GuardianNotice, NoticesReportRow } from '../contract/school-outputs';

export const NOTICE_NAMES: Record<NoticeKind, string> = {
  pd_consent: 'Согласие на обработку персональных данных',
  pd_refusal: 'Отказ от обработки персональных данных',
  electronic_consent: 'Согласие получать сведения в электронной форме',
  electronic_refusal: 'Отказ от электронной формы: выписки на бумаге',
  info_refusal: 'Отказ от получения сведений об успеваемости',
  acknowledged: 'Ознакомлен(а) со сведениями журнала',
};

/** Kinds that replace each other: the latest of a group is the one in force. */
const GROUP: Record<NoticeKind, string> = {
  pd_consent: 'pd',
  pd_refusal: 'pd',
  electronic_consent: 'form',
  electronic_refusal: 'form',
  info_refusal: 'form',
  acknowledged: 'ack',
};

function toGuardianNotice(r: Selectable<GuardianNoticeTable>): GuardianNotice {
  return {
    id: r.id,
    studentId: r.student_id,
    guardianId: r.guardian_id,
    guardianName: r.guardian_name,
    kind: r.kind,
    kindName: NOTICE_NAMES[r.kind],
    date: r.date,
    document: r.document,
    note: r.note,
    createdBy: r.created_by,
    createdAt: r.created_at,
  };
}

export async function listNotices(ctx: Ctx, studentId: number): Promise<GuardianNotice[]> {
  if (!(await canSeePersonal(ctx, studentId)))
    throw new AppError('FORBIDDEN', 'Сведения о родителях этого ученика недоступны для вашей роли.');
  const rows = await ctx.db
    .selectFrom('guardian_notice')
    .selectAll()
    .where('student_id', '=', studentId)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return rows.map(toGuardianNotice);
}

export async function recordNotice(ctx: Ctx, input: ParsedInput<'notices.record'>) {
  const e = (await currentEnrollment(ctx.db, input.studentId)) ?? notFound('Ученик');
  await assertCanEditStudent(ctx, input.studentId, e.class_id);
  const g = await ctx.db.selectFrom('guardian').selectAll().where('id', '=', input.guardianId).executeTakeFirst();
  if (!g || g.student_id !== input.studentId) invalid('Родитель не относится к этому ученику');
  if (input.date > ctx.now().toISOString().slice(0, 10)) invalid('Дата заявления не может быть в будущем');
  return mutate(ctx, async (w) => {
    const values = {
      student_id: input.studentId,
      guardian_id: g.id,
      guardian_name: fullName(g),
      kind: input.kind,
      date: input.date,
      document: input.document,
      note: input.note,
      created_by: ctx.actor.name,
      created_at: w.at.toISOString(),
    };
    const r = await w.trx.insertInto('guardian_notice').values(values).returning('id').executeTakeFirstOrThrow();
    await w.audit({ action: 'create', entity: 'guardian_notice', entityId: r.id, classId: e.class_id, after: values });
    return r.id;
  });
}

async function assertReadsClass(ctx: Ctx, classId: number) {
  if (ctx.actor.system || !personalScopeIsOwnClass(ctx.actor.roles)) return;
  const c = await getClass(ctx.db, classId);
  if (c.homeroom_staff_id === null || c.homeroom_staff_id !== ctx.actor.staffId)
    throw new AppError('FORBIDDEN', 'Классный руководитель видит сведения только своего класса.');
}

/**
 * Per class: whose parents are informed on paper (weekly extracts), who refused any information
 * (the social pedagogue must be told), who has no personal-data consent on file.
 */
export async function noticesReport(ctx: Ctx, classId: number, on: string): Promise<NoticesReportRow[]> {
  await assertReadsClass(ctx, classId);
  const pupils = await ctx.db
    .selectFrom('enrollment')
    .innerJoin('student', 'student.id', 'enrollment.student_id')
    .select(['student.id', 'student.last_name', 'student.first_name', 'student.middle_name'])
    .where('enrollment.class_id', '=', classId)
    .where('enrollment.start_date', '<=', on)
    .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', on)]))
    .orderBy('student.last_name')
    .execute();
  const notices = await ctx.db
    .selectFrom('guardian_notice')
    .selectAll()
    .where('student_id', 'in', pupils.length ? pupils.map((p) => p.id) : [0])
    .where('date', '<=', on)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return pupils.map((p) => {
    const current = new Map<string, (typeof notices)[number]>();
    for (const n of notices.filter((x) => x.student_id === p.id)) current.set(GROUP[n.kind], n);
    const form = current.get('form');
    return {
      studentId: p.id,
      name: fullName(p),
      pdConsent: current.get('pd')?.kind === 'pd_consent',
      paperExtracts: form?.kind === 'electronic_refusal',
      refusedInformation: form?.kind === 'info_refusal',
      lastAcknowledged: current.get('ack')?.date ?? null,
    };
  });
}

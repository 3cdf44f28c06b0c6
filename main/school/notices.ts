import type { NoticeKind } from '../../db/schema';
import { personOf, type Ctx } from '../kernel/context';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { getClass } from './classes';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { fullName, recordedPerson } from '../contract/rules/names';
import { invalid, notFound } from '../kernel/invalid';
import { assertCanEditStudent, canSeePersonal, currentEnrollment } from './students';
import { AppError } from '../../db/index';
import type { Selectable } from 'kysely';
import type { GuardianNoticeTable } from '../../db/schema';
import type { GuardianNotice, NoticesReportRow, RefusalsList, SocialPedagogue } from '../contract/school-outputs';
import { getSetting, putSetting } from '../kernel/settings';
import { localDate } from '../contract/rules/entry-deadline';
import { noticeDaysLate } from '../contract/rules/personal-data';
import { parentsChoice } from './parent-choice';
import { classPupils, currentYearId } from './personal-checks';
import { schoolTimeZone, schoolToday } from '../kernel/school-clock';

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

function toGuardianNotice(r: Selectable<GuardianNoticeTable>, timeZone: string): GuardianNotice {
  const enteredOn = localDate(r.created_at, timeZone);
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
    createdBy: recordedPerson(r.created_by),
    createdAt: r.created_at,
    enteredOn,
    daysLate: noticeDaysLate(r.date, enteredOn),
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
  const timeZone = await schoolTimeZone(ctx.db);
  return rows.map((r) => toGuardianNotice(r, timeZone));
}

export async function recordNotice(ctx: Ctx, input: ParsedInput<'notices.record'>) {
  const e = (await currentEnrollment(ctx.db, input.studentId)) ?? notFound('Ученик');
  await assertCanEditStudent(ctx, input.studentId, e.class_id);
  const g = await ctx.db.selectFrom('guardian').selectAll().where('id', '=', input.guardianId).executeTakeFirst();
  if (!g || g.student_id !== input.studentId) invalid('Родитель не относится к этому ученику');
  if (input.date > (await schoolToday(ctx))) invalid('Дата заявления не может быть в будущем');
  return mutate(ctx, async (w) => {
    const values = {
      student_id: input.studentId,
      guardian_id: g.id,
      guardian_name: fullName(g),
      kind: input.kind,
      date: input.date,
      document: input.document,
      note: input.note,
      created_by: personOf(ctx.actor),
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
  const choice = await parentsChoice(
    ctx.db,
    pupils.map((p) => p.id),
    on,
  );
  return pupils.map((p) => {
    const current = new Map<string, (typeof notices)[number]>();
    for (const n of notices.filter((x) => x.student_id === p.id)) current.set(GROUP[n.kind], n);
    return {
      studentId: p.id,
      name: fullName(p),
      pdConsent: current.get('pd')?.kind === 'pd_consent',
      paperExtracts: !!choice.get(p.id)?.paper.length,
      refusedInformation: !!choice.get(p.id)?.refused.length,
      lastAcknowledged: current.get('ack')?.date ?? null,
    };
  });
}

// --- the social pedagogue (seed 004 §3.3–3.4) ---
// The homeroom teacher tells the deputy and the social pedagogue in writing when parents refuse any information; the
// social pedagogue «незамедлительно организует работу». The school names its social pedagogue among the staff (setting
// school.socialPedagogueStaffId); that person, the director and the deputies see the whole school's list of refusals,
// a homeroom teacher the refusals of their own class.

export async function socialPedagogue(ctx: Ctx): Promise<SocialPedagogue> {
  const staffId = await getSetting(ctx.db, 'school.socialPedagogueStaffId');
  const s = staffId
    ? await ctx.db.selectFrom('staff').select(['last_name', 'first_name', 'middle_name']).where('id', '=', staffId).executeTakeFirst()
    : undefined;
  return { staffId: s ? staffId : null, name: s ? fullName(s) : null };
}

export async function setSocialPedagogue(ctx: Ctx, staffId: number | null): Promise<SocialPedagogue> {
  if (staffId !== null) {
    const s = await ctx.db.selectFrom('staff').select(['id', 'active']).where('id', '=', staffId).executeTakeFirst();
    if (!s) invalid('Такого сотрудника нет в списке');
    if (!s.active) invalid('Сотрудник не работает в школе: выберите работающего');
  }
  await mutate(ctx, async (w) => {
    const before = await getSetting(w.trx, 'school.socialPedagogueStaffId');
    await putSetting(w.trx, 'school.socialPedagogueStaffId', staffId);
    await w.audit({
      action: 'update',
      entity: 'setting',
      before: { key: 'school.socialPedagogueStaffId', value: before },
      after: { key: 'school.socialPedagogueStaffId', value: staffId },
    });
  });
  return socialPedagogue(ctx);
}

const REFUSALS_FORBIDDEN =
  'Список отказов родителей от сведений видят социальный педагог, директор, заместители директора и классный руководитель своего класса.';

/** The students whose parents refused any information, on `date` (today on the school's clock if not given). */
export async function refusals(ctx: Ctx, date?: string): Promise<RefusalsList> {
  const on = date ?? (await schoolToday(ctx));
  const pedagogue = await socialPedagogue(ctx);
  const whole =
    ctx.actor.system ||
    ctx.actor.roles.some((r) => r === 'director' || r === 'deputy') ||
    (pedagogue.staffId !== null && ctx.actor.staffId === pedagogue.staffId);
  if (!whole && ctx.actor.staffId === null) throw new AppError('FORBIDDEN', REFUSALS_FORBIDDEN);
  const yearId = (await currentYearId(ctx.db, on)) ?? -1;
  let q = ctx.db.selectFrom('class').select(['id', 'name']).where('year_id', '=', yearId).orderBy('grade').orderBy('letter');
  if (!whole) q = q.where('homeroom_staff_id', '=', ctx.actor.staffId);
  const classes = await q.execute();
  // a homeroom teacher without a class this year gets an empty list (the home screen asks on every visit)
  if (!whole && !classes.length && !ctx.actor.roles.includes('homeroom')) throw new AppError('FORBIDDEN', REFUSALS_FORBIDDEN);
  const rows: RefusalsList['rows'] = [];
  for (const c of classes) {
    const pupils = await classPupils(ctx.db, c.id, on);
    const choice = await parentsChoice(
      ctx.db,
      pupils.map((p) => p.id),
      on,
    );
    for (const p of pupils) {
      const refused = choice.get(p.id)?.refused ?? [];
      if (!refused.length) continue;
      rows.push({
        studentId: p.id,
        name: fullName(p),
        classId: c.id,
        className: c.name,
        guardians: refused.map((g) => g.guardianName),
        since: refused.map((g) => g.date).sort()[0],
        documents: refused.map((g) => g.document).filter(Boolean),
      });
    }
  }
  return { date: on, wholeSchool: whole, socialPedagogue: pedagogue.name, rows };
}

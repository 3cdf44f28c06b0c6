import { matchesSearch } from '../contract/rules/search-match';
import { AppError, type Db } from '../../db/index';
import { can, personOf, requirePermission, type Ctx } from '../kernel/context';
import { mutate, type Writer } from '../kernel/mutate';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { isStudentPersonalField, type StudentPersonalField } from '../contract/rules/personal';
import type { GuardianFields, ParsedInput, StudentFields } from '../contract/index';
import { ru } from '../contract/rules/dates';
import { schoolToday } from '../kernel/school-clock';
import { formatSnils } from '../contract/rules/snils';
import { getClass } from './classes';
import { writeMovement } from './movement';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import { getYear } from './years';
import type { Selectable } from 'kysely';
import type { GuardianTable, StudentTable } from '../../db/schema';
import type { Guardian, StudentDetails, StudentListRow, StudentPersonal } from '../contract/school-outputs';

/** The personal fields' names, for refusals. */
const PERSONAL_FIELD_NAMES: Record<StudentPersonalField, string> = {
  birth_date: 'дата рождения',
  citizenship: 'гражданство',
  snils: 'СНИЛС',
  birth_cert_series: 'серия свидетельства о рождении',
  birth_cert_number: 'номер свидетельства о рождении',
  passport_series: 'серия паспорта',
  passport_number: 'номер паспорта',
  passport_issued: 'кем выдан паспорт',
  address_registered: 'адрес регистрации',
  address_temporary: 'временная регистрация',
  address_actual: 'фактический адрес',
  phone: 'телефон',
  health_group: 'группа здоровья',
  pe_group: 'физкультурная группа',
  health_notes: 'здоровье',
  life_situation: 'жизненная ситуация',
  personal_file_no: 'номер личного дела',
};

function toPersonal(s: Selectable<StudentTable>): StudentPersonal {
  return {
    birthDate: s.birth_date,
    citizenship: s.citizenship,
    snils: s.snils,
    birthCertSeries: s.birth_cert_series,
    birthCertNumber: s.birth_cert_number,
    passportSeries: s.passport_series,
    passportNumber: s.passport_number,
    passportIssued: s.passport_issued,
    addressRegistered: s.address_registered,
    addressTemporary: s.address_temporary,
    addressActual: s.address_actual,
    phone: s.phone,
    healthGroup: s.health_group,
    peGroup: s.pe_group,
    healthNotes: s.health_notes,
    lifeSituation: s.life_situation,
    personalFileNo: s.personal_file_no,
  };
}

function toGuardian(g: Selectable<GuardianTable>): Guardian {
  return {
    id: g.id,
    studentId: g.student_id,
    relation: g.relation,
    lastName: g.last_name,
    firstName: g.first_name,
    middleName: g.middle_name,
    phone: g.phone,
    email: g.email,
    address: g.address,
    workplace: g.workplace,
  };
}

export async function listStudents(ctx: Ctx, input: ParsedInput<'students.list'>): Promise<StudentListRow[]> {
  const on = input.date ?? (await schoolToday(ctx));
  let q = ctx.db
    .selectFrom('enrollment')
    .innerJoin('student', 'student.id', 'enrollment.student_id')
    .innerJoin('class', 'class.id', 'enrollment.class_id')
    .select([
      'student.id',
      'student.last_name',
      'student.first_name',
      'student.middle_name',
      'student.gender',
      'enrollment.class_id',
      'class.name as class_name',
      'enrollment.start_date',
      'enrollment.end_date',
    ]);
  if (input.classId) q = q.where('enrollment.class_id', '=', input.classId);
  if (!input.includeLeft || !input.classId)
    q = q
      .where('enrollment.start_date', '<=', on)
      .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', on)]));
  q = q.orderBy('student.last_name').orderBy('student.first_name').orderBy('enrollment.start_date');
  // The search is the pickers' one matcher, in JavaScript: SQL's lower() and like fold only Latin letters, so «иванов»
  // would miss «Иванов». A school's roster on a day is a few thousand rows at most.
  const search = input.search;
  const rows = search
    ? (await q.execute()).filter((r) => matchesSearch(`${r.last_name} ${r.first_name} ${r.middle_name}`, search)).slice(0, 2000)
    : await q.limit(2000).execute();
  return rows.map((r) => ({
    id: r.id,
    lastName: r.last_name,
    firstName: r.first_name,
    middleName: r.middle_name,
    gender: r.gender,
    classId: r.class_id,
    className: r.class_name,
    startDate: r.start_date,
    endDate: r.end_date,
    active: r.start_date <= on && (r.end_date === null || r.end_date >= on),
  }));
}

/** The class a student is (or last was) in. */
export async function currentEnrollment(db: Db, studentId: number) {
  return db
    .selectFrom('enrollment')
    .selectAll()
    .where('student_id', '=', studentId)
    .orderBy('start_date', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function leadsClassOf(ctx: Ctx, studentId: number): Promise<boolean> {
  if (ctx.actor.staffId === null) return false;
  const e = await currentEnrollment(ctx.db, studentId);
  if (!e) return false;
  const c = await getClass(ctx.db, e.class_id);
  return c.homeroom_staff_id === ctx.actor.staffId;
}

export async function canSeePersonal(ctx: Ctx, studentId: number): Promise<boolean> {
  if (!can(ctx.actor, 'students.personal')) return false;
  if (ctx.actor.system || !personalScopeIsOwnClass(ctx.actor.roles)) return true;
  return leadsClassOf(ctx, studentId);
}

export async function assertCanEditStudent(ctx: Ctx, studentId: number | null, classId: number): Promise<void> {
  requirePermission(ctx.actor, 'students.write');
  if (ctx.actor.system || ctx.actor.roles.some((r) => r === 'deputy' || r === 'admin')) return;
  const c = await getClass(ctx.db, classId);
  const own = c.homeroom_staff_id !== null && c.homeroom_staff_id === ctx.actor.staffId;
  const ok = own && (studentId === null || (await leadsClassOf(ctx, studentId)));
  if (!ok) throw new AppError('FORBIDDEN', 'Классный руководитель изменяет данные только учеников своего класса.');
}

export async function getStudent(ctx: Ctx, id: number, withPersonal = true): Promise<StudentDetails> {
  const s = (await ctx.db.selectFrom('student').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Ученик');
  const enrollments = await ctx.db
    .selectFrom('enrollment')
    .innerJoin('class', 'class.id', 'enrollment.class_id')
    .select(['enrollment.class_id', 'class.name as class_name', 'enrollment.start_date', 'enrollment.end_date'])
    .where('student_id', '=', id)
    .orderBy('start_date')
    .execute();
  const basic = {
    id: s.id,
    lastName: s.last_name,
    firstName: s.first_name,
    middleName: s.middle_name,
    gender: s.gender,
    enrollments: enrollments.map((e) => ({ classId: e.class_id, className: e.class_name, startDate: e.start_date, endDate: e.end_date })),
  };
  if (!withPersonal) return { ...basic, personal: null, guardians: null };
  if (!(await canSeePersonal(ctx, id)))
    throw new AppError('FORBIDDEN', 'Персональные данные этого ученика недоступны для вашей роли (152-ФЗ).');
  const guardians = await ctx.db.selectFrom('guardian').selectAll().where('student_id', '=', id).orderBy('id').execute();
  return { ...basic, personal: toPersonal(s), guardians: guardians.map(toGuardian) };
}

function studentValues(s: StudentFields) {
  return { ...s, snils: s.snils ? formatSnils(s.snils) : null, citizenship: s.citizenship || 'Российская Федерация' };
}

async function assertNoTwin(db: Db, s: StudentFields, exceptId: number) {
  const twin = await db
    .selectFrom('student')
    .select('id')
    .where('last_name', '=', s.last_name)
    .where('first_name', '=', s.first_name)
    .where('middle_name', '=', s.middle_name)
    .where('birth_date', '=', s.birth_date)
    .where('id', '!=', exceptId)
    .executeTakeFirst();
  if (twin)
    invalid(
      `Ученик ${s.last_name} ${s.first_name} ${s.middle_name}, ${ru(s.birth_date)} г. р., уже есть в базе: переведите или зачислите его, а не создавайте заново`,
    );
}

async function writeGuardians(w: Writer, studentId: number, guardians: GuardianFields[]) {
  await w.trx.deleteFrom('guardian').where('student_id', '=', studentId).execute();
  if (guardians.length)
    await w.trx
      .insertInto('guardian')
      .values(guardians.map((g) => ({ ...g, student_id: studentId })))
      .execute();
}

export async function createStudent(ctx: Ctx, input: ParsedInput<'students.create'>) {
  await assertCanEditStudent(ctx, null, input.classId);
  const cls = await getClass(ctx.db, input.classId);
  const year = await getYear(ctx.db, cls.year_id);
  if (input.date < year.start_date || input.date > year.end_date)
    invalid(`Дата зачисления ${ru(input.date)} вне учебного года ${year.name}`);
  if (input.student.birth_date >= input.date) invalid('Дата рождения должна быть раньше даты зачисления');
  await assertNoTwin(ctx.db, input.student, 0);
  const values = studentValues(input.student);
  return mutate(ctx, async (w) => {
    const r = await w.trx
      .insertInto('student')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, 'Ученик с таким СНИЛС уже есть'));
    await writeGuardians(w, r.id, input.guardians);
    await writeMovement(w, personOf(ctx.actor), {
      studentId: r.id,
      kind: 'arrival',
      date: input.date,
      from: null,
      to: cls,
      order_number: input.order_number,
      reason: 'Зачисление',
    });
    await w.audit({
      action: 'create',
      entity: 'student',
      entityId: r.id,
      classId: cls.id,
      after: { ...values, guardians: input.guardians, class: cls.name, date: input.date, order_number: input.order_number },
    });
    return r.id;
  });
}

/** The fields sent, as the student table stores them: the SNILS formatted, an empty citizenship the default one. */
function patchValues(p: ParsedInput<'students.update'>['student']): Partial<StudentFields> {
  const v: Partial<StudentFields> = Object.fromEntries(Object.entries(p).filter(([, x]) => x !== undefined));
  if ('snils' in v) v.snils = v.snils ? formatSnils(v.snils) : null;
  if ('citizenship' in v) v.citizenship = v.citizenship || 'Российская Федерация';
  return v;
}

/**
 * Changes only the fields sent. Personal fields and guardians need the right to this student's personal data: sent by
 * a role without it (the administrator) they are refused whole, never dropped in silence.
 */
export async function updateStudent(ctx: Ctx, input: ParsedInput<'students.update'>) {
  const e = (await currentEnrollment(ctx.db, input.id)) ?? notFound('Ученик');
  await assertCanEditStudent(ctx, input.id, e.class_id);
  const values = patchValues(input.student);
  const personal = Object.keys(values).filter(isStudentPersonalField);
  if ((personal.length || input.guardians !== undefined) && !(await canSeePersonal(ctx, input.id))) {
    const what = [...personal.map((k) => PERSONAL_FIELD_NAMES[k]), ...(input.guardians !== undefined ? ['сведения о родителях'] : [])];
    throw new AppError(
      'FORBIDDEN',
      `Персональные данные ученика (${what.join(', ')}) может изменять только роль с доступом к ним (152-ФЗ): измените только Ф. И. О. и пол.`,
    );
  }
  const current = await ctx.db.selectFrom('student').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
  if ('last_name' in values || 'first_name' in values || 'middle_name' in values || 'birth_date' in values)
    await assertNoTwin(ctx.db, { ...current, ...values } as StudentFields, input.id);
  return mutate(ctx, async (w) => {
    const row = await w.trx.selectFrom('student').selectAll().where('id', '=', input.id).executeTakeFirstOrThrow();
    const before: Record<string, unknown> = Object.fromEntries(Object.keys(values).map((k) => [k, row[k as keyof typeof row]]));
    const after: Record<string, unknown> = { ...values };
    if (Object.keys(values).length)
      await w.trx
        .updateTable('student')
        .set(values)
        .where('id', '=', input.id)
        .execute()
        .catch((err) => uniqueMessage(err, 'Ученик с таким СНИЛС уже есть'));
    if (input.guardians !== undefined) {
      before.guardians = await w.trx.selectFrom('guardian').selectAll().where('student_id', '=', input.id).execute();
      after.guardians = input.guardians;
      await writeGuardians(w, input.id, input.guardians);
    }
    await w.audit({ action: 'update', entity: 'student', entityId: input.id, classId: e.class_id, before, after });
    return input.id;
  });
}

import { AppError } from '../../../db/index';
import { can, requirePermission, type Ctx } from '../../kernel/context';
import { personalScopeIsOwnClass } from '../../contract/rules/roles';
import { notFound } from '../../kernel/invalid';
import type { JournalData, JournalStudent } from './model';

// Reads what the journal's own pages print: the school, the class and everyone enrolled in it during the year.

/**
 * Printing needs «print»; pages with addresses, parents and health are personal data: the director, deputies and the
 * office print any class, a homeroom teacher only their own.
 */
export async function assertCanPrintClass(ctx: Ctx, classId: number, personal: boolean): Promise<void> {
  requirePermission(ctx.actor, 'print');
  if (!personal || ctx.actor.system) return;
  if (!can(ctx.actor, 'students.personal'))
    throw new AppError('FORBIDDEN', 'Недостаточно прав: журнал содержит персональные данные обучающихся.');
  if (!personalScopeIsOwnClass(ctx.actor.roles)) return;
  const cls = await ctx.db.selectFrom('class').select('homeroom_staff_id').where('id', '=', classId).executeTakeFirst();
  if (!cls || cls.homeroom_staff_id === null || cls.homeroom_staff_id !== ctx.actor.staffId)
    throw new AppError('FORBIDDEN', 'Классный руководитель печатает журнал только своего класса.');
}

export async function loadJournalData(ctx: Ctx, classId: number): Promise<JournalData> {
  const cls = (await ctx.db.selectFrom('class').selectAll().where('id', '=', classId).executeTakeFirst()) ?? notFound('Класс');
  const year = await ctx.db.selectFrom('academic_year').selectAll().where('id', '=', cls.year_id).executeTakeFirstOrThrow();
  const school = await ctx.db.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst();
  const homeroom = cls.homeroom_staff_id
    ? await ctx.db
        .selectFrom('staff')
        .select(['last_name', 'first_name', 'middle_name'])
        .where('id', '=', cls.homeroom_staff_id)
        .executeTakeFirst()
    : undefined;
  const rows = await ctx.db
    .selectFrom('enrollment')
    .innerJoin('student', 'student.id', 'enrollment.student_id')
    .selectAll('student')
    .select(['enrollment.start_date as e_start', 'enrollment.end_date as e_end'])
    .where('enrollment.class_id', '=', classId)
    .where('enrollment.start_date', '<=', year.end_date)
    .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', year.start_date)]))
    .execute();
  const ids = [...new Set(rows.map((r) => r.id))];
  const guardians = ids.length
    ? await ctx.db.selectFrom('guardian').selectAll().where('student_id', 'in', ids).orderBy('id').execute()
    : [];
  const movements = ids.length
    ? await ctx.db
        .selectFrom('movement')
        .select(['student_id', 'date', 'order_number'])
        .where('student_id', 'in', ids)
        .where('date', '>=', year.start_date)
        .where('date', '<=', year.end_date)
        .orderBy('id')
        .execute()
    : [];
  const byId = new Map<number, JournalStudent>();
  for (const r of rows) {
    const range = {
      start_date: r.e_start < year.start_date ? year.start_date : r.e_start,
      end_date: r.e_end === null || r.e_end > year.end_date ? year.end_date : r.e_end,
    };
    const have = byId.get(r.id);
    if (have) {
      have.active.push(range);
      continue;
    }
    byId.set(r.id, {
      id: r.id,
      lastName: r.last_name,
      firstName: r.first_name,
      middleName: r.middle_name,
      birthDate: r.birth_date,
      gender: r.gender,
      active: [range],
      personalFileNo: r.personal_file_no,
      address: r.address_actual || r.address_registered,
      phone: r.phone,
      healthGroup: r.health_group,
      peGroup: r.pe_group,
      healthNotes: r.health_notes,
      orders: Object.fromEntries(
        movements.filter((m) => m.student_id === r.id && m.order_number.trim()).map((m) => [m.date, m.order_number.trim()]),
      ),
      guardians: guardians
        .filter((g) => g.student_id === r.id)
        .map((g) => ({
          relation: g.relation,
          name: [g.last_name, g.first_name, g.middle_name].filter(Boolean).join(' '),
          phone: g.phone,
          workplace: g.workplace,
        })),
    });
  }
  const collator = new Intl.Collator('ru');
  const students = [...byId.values()].sort(
    (a, b) =>
      collator.compare(a.lastName, b.lastName) ||
      collator.compare(a.firstName, b.firstName) ||
      collator.compare(a.middleName, b.middleName) ||
      a.id - b.id,
  );
  for (const s of students) s.active.sort((a, b) => a.start_date.localeCompare(b.start_date));
  return {
    school: {
      fullName: school?.full_name ?? '',
      shortName: school?.short_name ?? '',
      address: school?.address ?? '',
      directorName: school?.director_name ?? '',
    },
    year: { id: year.id, name: year.name, start: year.start_date, end: year.end_date },
    cls: {
      id: cls.id,
      name: cls.name,
      grade: cls.grade,
      letter: cls.letter,
      homeroom: homeroom ? [homeroom.last_name, homeroom.first_name, homeroom.middle_name].filter(Boolean).join(' ') : null,
    },
    students,
  };
}

import { sql } from 'kysely';
import type { Db } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import { getYear } from './years';
import type { ClassRow } from '../contract/school-outputs';

export async function listClasses(ctx: Ctx, yearId: number, date?: string): Promise<ClassRow[]> {
  const year = await getYear(ctx.db, yearId);
  const on = date ?? year.start_date;
  const rows = await ctx.db
    .selectFrom('class')
    .leftJoin('staff', 'staff.id', 'class.homeroom_staff_id')
    .select([
      'class.id',
      'class.year_id',
      'class.grade',
      'class.letter',
      'class.name',
      'class.homeroom_staff_id',
      'class.bell_schedule_id',
      'class.week_days',
      'class.shift',
      'class.room_id',
      sql<string | null>`staff.last_name || ' ' || staff.first_name || ' ' || staff.middle_name`.as('homeroom_name'),
      (eb) =>
        eb
          .selectFrom('enrollment')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('enrollment.class_id', '=', 'class.id')
          .where('enrollment.start_date', '<=', date ?? year.end_date)
          .where((e) => e.or([e('enrollment.end_date', 'is', null), e('enrollment.end_date', '>=', on)]))
          .as('student_count'),
    ])
    .where('class.year_id', '=', yearId)
    .orderBy('class.grade')
    .orderBy('class.letter')
    .execute();
  return rows.map((c) => ({
    id: c.id,
    yearId: c.year_id,
    grade: c.grade,
    letter: c.letter,
    name: c.name,
    homeroomStaffId: c.homeroom_staff_id,
    bellScheduleId: c.bell_schedule_id,
    weekDays: c.week_days,
    shift: c.shift,
    roomId: c.room_id,
    homeroomName: c.homeroom_name,
    studentCount: Number(c.student_count),
  }));
}

/** The year's classes, id and name, in the order of grades and letters (5А, 5Б, 6А…). */
export async function classNamesOfYear(db: Db, yearId: number): Promise<{ id: number; name: string }[]> {
  return db.selectFrom('class').select(['id', 'name']).where('year_id', '=', yearId).orderBy('grade').orderBy('letter').execute();
}

export async function getClass(db: Db, id: number) {
  return (await db.selectFrom('class').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Класс');
}

export async function saveClass(ctx: Ctx, input: ParsedInput<'classes.save'>) {
  await getYear(ctx.db, input.yearId);
  const values = {
    year_id: input.yearId,
    grade: input.grade,
    letter: input.letter,
    name: `${input.grade}${input.letter}`,
    homeroom_staff_id: input.homeroom_staff_id ?? null,
    bell_schedule_id: input.bell_schedule_id ?? null,
    week_days: input.week_days,
    shift: input.shift,
    room_id: input.room_id ?? null,
  };
  if (values.bell_schedule_id) {
    const bs = await ctx.db.selectFrom('bell_schedule').select('year_id').where('id', '=', values.bell_schedule_id).executeTakeFirst();
    if (!bs || bs.year_id !== input.yearId) invalid('Расписание звонков относится к другому учебному году');
  }
  const dup = `Класс ${values.name} в этом учебном году уже есть`;
  return mutate(ctx, async (w) => {
    if (input.id) {
      const before = await getClass(w.trx, input.id);
      await w.trx
        .updateTable('class')
        .set(values)
        .where('id', '=', input.id)
        .execute()
        .catch((e) => uniqueMessage(e, dup));
      await w.audit({ action: 'update', entity: 'class', entityId: input.id, classId: input.id, before, after: values });
      return input.id;
    }
    const r = await w.trx
      .insertInto('class')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, dup));
    await w.audit({ action: 'create', entity: 'class', entityId: r.id, classId: r.id, after: values });
    return r.id;
  });
}

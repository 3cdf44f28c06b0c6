import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { formatSnils } from '../contract/rules/snils';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import type { Selectable } from 'kysely';
import type { StaffTable } from '../../db/schema';
import type { StaffMember } from '../contract/school-outputs';

function toStaffMember(s: Selectable<StaffTable>): StaffMember {
  return {
    id: s.id,
    lastName: s.last_name,
    firstName: s.first_name,
    middleName: s.middle_name,
    position: s.position,
    birthDate: s.birth_date,
    snils: s.snils,
    phone: s.phone,
    email: s.email,
    active: !!s.active,
  };
}

export async function listStaff(ctx: Ctx): Promise<StaffMember[]> {
  return (await ctx.db.selectFrom('staff').selectAll().orderBy('last_name').orderBy('first_name').execute()).map(toStaffMember);
}

export async function saveStaff(ctx: Ctx, input: ParsedInput<'staff.save'>) {
  const { id, active, ...rest } = input;
  const values = {
    ...rest,
    birth_date: rest.birth_date ?? null,
    snils: rest.snils ? formatSnils(rest.snils) : null,
    active: active ? 1 : 0,
  };
  const twin = await ctx.db
    .selectFrom('staff')
    .select('id')
    .where('last_name', '=', values.last_name)
    .where('first_name', '=', values.first_name)
    .where('middle_name', '=', values.middle_name)
    .where('birth_date', 'is not distinct from', values.birth_date)
    .where('id', '!=', id ?? 0)
    .executeTakeFirst();
  if (twin) invalid(`Сотрудник ${values.last_name} ${values.first_name} ${values.middle_name} с той же датой рождения уже есть`);
  return mutate(ctx, async (w) => {
    if (id) {
      const before = (await w.trx.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Сотрудник');
      await w.trx
        .updateTable('staff')
        .set(values)
        .where('id', '=', id)
        .execute()
        .catch((e) => uniqueMessage(e, 'Сотрудник с таким СНИЛС уже есть'));
      await w.audit({ action: 'update', entity: 'staff', entityId: id, before, after: values });
      return id;
    }
    const r = await w.trx
      .insertInto('staff')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, 'Сотрудник с таким СНИЛС уже есть'));
    await w.audit({ action: 'create', entity: 'staff', entityId: r.id, after: values });
    return r.id;
  });
}

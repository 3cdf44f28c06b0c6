import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { notFound, uniqueMessage } from '../kernel/invalid';
import type { Selectable } from 'kysely';
import type { RoomTable, SubjectTable } from '../../db/schema';
import type { Room, Subject } from '../contract/school-outputs';

function toSubject(s: Selectable<SubjectTable>): Subject {
  return { id: s.id, name: s.name, shortName: s.short_name, component: s.component, grading: s.grading };
}

function toRoom(r: Selectable<RoomTable>): Room {
  return { id: r.id, number: r.number, name: r.name, capacity: r.capacity };
}

export async function listSubjects(ctx: Ctx): Promise<Subject[]> {
  return (await ctx.db.selectFrom('subject').selectAll().orderBy('component').orderBy('name').execute()).map(toSubject);
}

export async function saveSubject(ctx: Ctx, input: ParsedInput<'subjects.save'>) {
  const { id, ...values } = input;
  return mutate(ctx, async (w) => {
    if (id) {
      const before = (await w.trx.selectFrom('subject').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Предмет');
      await w.trx
        .updateTable('subject')
        .set(values)
        .where('id', '=', id)
        .execute()
        .catch((e) => uniqueMessage(e, `Предмет «${values.name}» уже есть`));
      await w.audit({ action: 'update', entity: 'subject', entityId: id, before, after: values });
      return id;
    }
    const r = await w.trx
      .insertInto('subject')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, `Предмет «${values.name}» уже есть`));
    await w.audit({ action: 'create', entity: 'subject', entityId: r.id, after: values });
    return r.id;
  });
}

export async function listRooms(ctx: Ctx): Promise<Room[]> {
  return (await ctx.db.selectFrom('room').selectAll().orderBy('number').execute()).map(toRoom);
}

export async function saveRoom(ctx: Ctx, input: ParsedInput<'rooms.save'>) {
  const { id, ...values } = input;
  return mutate(ctx, async (w) => {
    if (id) {
      const before = (await w.trx.selectFrom('room').selectAll().where('id', '=', id).executeTakeFirst()) ?? notFound('Кабинет');
      await w.trx
        .updateTable('room')
        .set(values)
        .where('id', '=', id)
        .execute()
        .catch((e) => uniqueMessage(e, `Кабинет ${values.number} уже есть`));
      await w.audit({ action: 'update', entity: 'room', entityId: id, before, after: values });
      return id;
    }
    const r = await w.trx
      .insertInto('room')
      .values(values)
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, `Кабинет ${values.number} уже есть`));
    await w.audit({ action: 'create', entity: 'room', entityId: r.id, after: values });
    return r.id;
  });
}

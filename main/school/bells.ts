import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';
import { bellProblems } from '../contract/rules/calendar-rules';
import { check, notFound, uniqueMessage } from '../kernel/invalid';
import { getYear } from './years';
import type { Selectable } from 'kysely';
import type { BellTable } from '../../db/schema';
import type { Bell, BellSchedule } from '../contract/school-outputs';

function toBell(b: Selectable<BellTable>): Bell {
  return { lessonNumber: b.lesson_number, startTime: b.start_time, endTime: b.end_time };
}

export async function listBellSchedules(ctx: Ctx, yearId: number): Promise<BellSchedule[]> {
  const schedules = await ctx.db.selectFrom('bell_schedule').selectAll().where('year_id', '=', yearId).orderBy('id').execute();
  const bells = await ctx.db
    .selectFrom('bell')
    .selectAll()
    .where('schedule_id', 'in', schedules.length ? schedules.map((s) => s.id) : [0])
    .orderBy('lesson_number')
    .execute();
  return schedules.map((s) => ({
    id: s.id,
    yearId: s.year_id,
    name: s.name,
    shift: s.shift,
    bells: bells.filter((b) => b.schedule_id === s.id).map(toBell),
  }));
}

export async function saveBellSchedule(ctx: Ctx, input: ParsedInput<'bells.save'>) {
  await getYear(ctx.db, input.yearId);
  check(bellProblems(input.bells));
  return mutate(ctx, async (w) => {
    const values = { year_id: input.yearId, name: input.name, shift: input.shift };
    let id = input.id ?? 0;
    if (input.id) {
      const before =
        (await w.trx.selectFrom('bell_schedule').selectAll().where('id', '=', input.id).executeTakeFirst()) ??
        notFound('Расписание звонков');
      await w.trx
        .updateTable('bell_schedule')
        .set(values)
        .where('id', '=', input.id)
        .execute()
        .catch((e) => uniqueMessage(e, `Расписание звонков «${input.name}» уже есть`));
      await w.trx.deleteFrom('bell').where('schedule_id', '=', input.id).execute();
      await w.audit({ action: 'update', entity: 'bell_schedule', entityId: id, before, after: { ...values, bells: input.bells } });
    } else {
      const r = await w.trx
        .insertInto('bell_schedule')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow()
        .catch((e) => uniqueMessage(e, `Расписание звонков «${input.name}» уже есть`));
      id = r.id;
      await w.audit({ action: 'create', entity: 'bell_schedule', entityId: id, after: { ...values, bells: input.bells } });
    }
    await w.trx
      .insertInto('bell')
      .values(input.bells.map((b) => ({ ...b, schedule_id: id })))
      .execute();
    return id;
  });
}

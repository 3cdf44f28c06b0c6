import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { Selectable } from 'kysely';
import type { SchoolTable } from '../../db/schema';
import type { ParsedInput } from '../contract/index';
import type { SchoolClock, SchoolInfo } from '../contract/school-outputs';
import { schoolDayOf, schoolTimeZone } from '../kernel/school-clock';

function toSchoolInfo(s: Selectable<SchoolTable>): SchoolInfo {
  return {
    fullName: s.full_name,
    shortName: s.short_name,
    address: s.address,
    directorName: s.director_name,
    phone: s.phone,
    email: s.email,
    inn: s.inn,
  };
}

/** The school's day and time zone (`school.clock`): what the renderer takes as «today». */
export async function schoolClock(ctx: Ctx): Promise<SchoolClock> {
  const timeZone = await schoolTimeZone(ctx.db);
  return { today: schoolDayOf(ctx.now(), timeZone), timeZone };
}

export async function getSchool(ctx: Ctx): Promise<SchoolInfo | null> {
  const s = await ctx.db.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst();
  return s ? toSchoolInfo(s) : null;
}

export async function saveSchool(ctx: Ctx, input: ParsedInput<'school.save'>) {
  return mutate(ctx, async (w) => {
    const before = await w.trx.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst();
    await w.trx
      .insertInto('school')
      .values({ id: 1, ...input })
      .onConflict((oc) => oc.column('id').doUpdateSet(input))
      .execute();
    await w.audit({ action: before ? 'update' : 'create', entity: 'school', entityId: 1, before, after: input });
    return 1;
  });
}

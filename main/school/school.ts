import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import type { ParsedInput } from '../contract/index';

export async function getSchool(ctx: Ctx) {
  return (await ctx.db.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst()) ?? null;
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

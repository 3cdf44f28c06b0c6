import { AppError } from '../../db/index';
import { can, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid } from '../kernel/invalid';
import { getSetting, putSetting } from '../kernel/settings';
import type { ParsedInput } from '../contract/index';
import type { SettingView } from '../contract/settings';
import { checkSettingValue, SETTING_DEFS, SETTING_KEYS, type SettingDef, type SettingKey } from '../contract/rules/settings';
import { recordedPerson } from '../contract/rules/names';

// The settings screen's services (issue 12, part 1): every rule with its value, default and source; a change is
// checked against the setting's kind, allowed only to the role the setting names, and audited with before and after.

type Value = number | boolean | string | null;

async function lastChanges(ctx: Ctx): Promise<Map<string, { at: string; actor: string }>> {
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['at', 'actor', 'after'])
    .where('entity', '=', 'setting')
    .where('action', '=', 'settings.save')
    .where('outcome', '=', 'ok')
    .orderBy('id')
    .execute();
  const out = new Map<string, { at: string; actor: string }>();
  for (const r of rows) {
    const key = (JSON.parse(r.after ?? '{}') as { key?: string }).key;
    if (key) out.set(key, { at: r.at, actor: r.actor });
  }
  return out;
}

async function view(ctx: Ctx, key: SettingKey, changes: Map<string, { at: string; actor: string }>): Promise<SettingView> {
  const def: SettingDef<unknown> = SETTING_DEFS[key];
  const change = changes.get(key);
  return {
    key,
    group: def.group,
    label: def.label,
    source: def.source,
    kind: def.kind,
    value: (await getSetting(ctx.db, key)) as Value,
    defaultValue: def.default as Value,
    editable: !def.editedOn && can(ctx.actor, def.permission),
    editedOn: def.editedOn ?? null,
    changedAt: change?.at ?? null,
    changedBy: recordedPerson(change?.actor ?? null),
  };
}

export async function listSettings(ctx: Ctx): Promise<SettingView[]> {
  const changes = await lastChanges(ctx);
  return Promise.all(SETTING_KEYS.map((k) => view(ctx, k, changes)));
}

export async function saveSetting(ctx: Ctx, input: ParsedInput<'settings.save'>): Promise<SettingView> {
  const def: SettingDef<unknown> = SETTING_DEFS[input.key];
  if (def.editedOn) invalid(`«${def.label}» меняется на экране «${def.editedOn}»`);
  if (!can(ctx.actor, def.permission))
    throw new AppError(
      'FORBIDDEN',
      def.permission === 'users.manage'
        ? 'Правила входа меняет администратор журнала.'
        : 'Правила журнала меняют заместитель директора, директор или администратор.',
    );
  const problem = checkSettingValue(input.key, input.value);
  if (problem) invalid(problem);
  await mutate(ctx, async (w) => {
    const before = await getSetting(w.trx, input.key);
    await putSetting(w.trx, input.key, input.value as never);
    await w.audit({
      action: 'settings.save',
      entity: 'setting',
      before: { key: input.key, value: before },
      after: { key: input.key, value: input.value },
    });
  });
  return view(ctx, input.key, await lastChanges(ctx));
}

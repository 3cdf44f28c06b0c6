import type { Db } from '../../db/index';
import type { Trx } from './mutate';
import type { DeadlineRules } from '../contract/rules/entry-deadline';
import { SETTING_DEFS, type SettingKey, type SettingValue } from '../contract/rules/settings';

// The school's rules are stored as JSON in `setting`; a key without a row has its default from the one list of
// definitions (`contract/rules/settings.ts`, with the regulation each default comes from).
export type { SettingKey } from '../contract/rules/settings';

export async function getSetting<K extends SettingKey>(db: Db | Trx, key: K): Promise<SettingValue<K>> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (JSON.parse(r.value) as SettingValue<K>) : SETTING_DEFS[key].default;
}

/** Several settings in one query (one round trip on PostgreSQL), each with its default when it has no row. */
export async function getSettings<K extends SettingKey>(db: Db | Trx, keys: readonly K[]): Promise<{ [P in K]: SettingValue<P> }> {
  const rows = await db.selectFrom('setting').select(['key', 'value']).where('key', 'in', keys).execute();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  const out = {} as { [P in K]: SettingValue<P> };
  for (const k of keys) {
    const v = stored.get(k);
    out[k] = (v === undefined ? SETTING_DEFS[k].default : JSON.parse(v)) as SettingValue<K>;
  }
  return out;
}

/** The entry deadlines as the school set them: the only source `lateness()` is given. */
export async function deadlineRules(db: Db): Promise<DeadlineRules> {
  const s = await getSettings(db, [
    'deadline.topicDays',
    'deadline.homeworkMinutes',
    'deadline.lessonMarkDays',
    'deadline.controlWorkDays',
    'deadline.writtenWorkDays',
  ]);
  return {
    topicDays: s['deadline.topicDays'],
    homeworkMinutes: s['deadline.homeworkMinutes'],
    lessonMarkDays: s['deadline.lessonMarkDays'],
    controlWorkDays: s['deadline.controlWorkDays'],
    writtenWorkDays: s['deadline.writtenWorkDays'],
  };
}

/** Writes a setting inside the caller's `mutate` (the caller writes the audit row with the value before and after). */
export async function putSetting<K extends SettingKey>(trx: Trx, key: K, value: SettingValue<K>): Promise<void> {
  const json = JSON.stringify(value);
  await trx
    .insertInto('setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

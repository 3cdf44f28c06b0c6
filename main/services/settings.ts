import type { Db } from '../../db';

// School-specific rules that differ between regulations live here, with their defaults.
export const DEFAULT_SETTINGS = {
  'auth.idleMinutes': 15,
  'auth.freeAttempts': 3,
  'auth.maxLockMinutes': 60,
  /** How the school prints journals: «листов» on the certification page counts pages or sheets accordingly. */
  'print.sided': 'single' as 'single' | 'double',
} as const;
export type SettingKey = keyof typeof DEFAULT_SETTINGS;

export async function getSetting<K extends SettingKey>(db: Db, key: K): Promise<(typeof DEFAULT_SETTINGS)[K]> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (JSON.parse(r.value) as (typeof DEFAULT_SETTINGS)[K]) : DEFAULT_SETTINGS[key];
}

import type { Db } from '../../db/index';
import type { Trx } from './mutate';

// School-specific rules that differ between regulations live here, with their defaults.
export const DEFAULT_SETTINGS = {
  'auth.idleMinutes': 15,
  'auth.freeAttempts': 3,
  'auth.maxLockMinutes': 60,
  /** A session ends this long after login however busy it was (the idle limit ends it sooner). */
  'auth.sessionHours': 12,
  /** How the school prints journals: «листов» on the certification page counts pages or sheets accordingly. */
  'print.sided': 'single' as 'single' | 'double',
  /** A teacher's weekly hours above this are flagged as overload (1 ставка = 18 ч). */
  'load.maxHoursPerWeek': 36,
  /** Control works (ВШК) a class may have on one day and in one week. */
  'controlWorks.perDay': 1,
  'controlWorks.perWeek': 3,
  /** Current marks a student needs for a period mark (seed 003 §5.2: three per trimester). */
  'journal.minMarks': 3,
  /** «4+», «5-» in the journal: only where the school's regulation allows them. */
  'journal.plusMinus': false,
  /** Weighted average by work type (the work types' weights) or a plain one. */
  'journal.useWeights': true,
  /** The suggested mark rounds up from this fraction: 3.5 → 4 with 0.5, 3.6 → 4 with 0.6. */
  'journal.roundFrom': 0.5,
  /** Topic and homework are due on the lesson's day (seed 001: homework within 1.5 h; seed 003: the same day). */
  'journal.entryDeadlineDays': 0,
  /** The school's time zone (IANA name): whether an entry is late is judged on the school's clock, not in UTC. */
  'school.timeZone': 'Europe/Moscow' as string,
  /**
   * The staff member who is the school's social pedagogue (seed 004 §3.4): told of every parent's refusal of any
   * information, and shown the list of those students. Null: nobody named yet.
   */
  'school.socialPedagogueStaffId': null as number | null,
} as const;
export type SettingKey = keyof typeof DEFAULT_SETTINGS;

export async function getSetting<K extends SettingKey>(db: Db | Trx, key: K): Promise<(typeof DEFAULT_SETTINGS)[K]> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  return r ? (JSON.parse(r.value) as (typeof DEFAULT_SETTINGS)[K]) : DEFAULT_SETTINGS[key];
}

/** Writes a setting inside the caller's `mutate` (the caller writes the audit row with the value before and after). */
export async function putSetting<K extends SettingKey>(trx: Trx, key: K, value: (typeof DEFAULT_SETTINGS)[K]): Promise<void> {
  const json = JSON.stringify(value);
  await trx
    .insertInto('setting')
    .values({ key, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
}

import { AppError, type Db } from '../../db/index';
import type { Trx } from './mutate';
import type { Ctx } from './context';
import { getSetting } from './settings';
import { isTimeZone, localDate } from '../contract/rules/entry-deadline';

// The school's clock: the one definition of «today» (setting school.timeZone). A school day is a day on the school's
// wall clock, never the process's local time zone nor UTC: at 21:30 UTC it is already tomorrow in Moscow, Omsk,
// Vladivostok. Every service that means «today» asks `schoolToday(ctx)`; date-only arithmetic after that stays in UTC.

/** The school's time zone (an IANA name), checked: a bad setting is an error, not a silent UTC. */
export async function schoolTimeZone(db: Db | Trx): Promise<string> {
  const tz = await getSetting(db, 'school.timeZone');
  if (!isTimeZone(tz))
    throw new AppError('INVALID', `Неизвестный часовой пояс школы «${tz}» (настройка school.timeZone): укажите, например, Europe/Moscow`);
  return tz;
}

/** The school's day of the instant `at` (YYYY-MM-DD). */
export function schoolDayOf(at: Date, timeZone: string): string {
  return localDate(at.toISOString(), timeZone);
}

/** Today on the school's clock (YYYY-MM-DD) at `ctx.now()`. */
export async function schoolToday(ctx: Pick<Ctx, 'db' | 'now'>): Promise<string> {
  return schoolDayOf(ctx.now(), await schoolTimeZone(ctx.db));
}

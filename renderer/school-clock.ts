import { localDate } from '../main/contract/rules/entry-deadline';

// The school's day in the renderer: the same clock as main's (main/kernel/school-clock.ts). The time zone comes from
// `school.clock`; the day is computed from it on every call, so a window left open past midnight moves on with the
// school, not with the computer's or the browser's own time zone (nor UTC).

/** Today on the school's clock in `timeZone`, YYYY-MM-DD. */
export function schoolDay(timeZone: string, at: Date = new Date()): string {
  return localDate(at.toISOString(), timeZone);
}

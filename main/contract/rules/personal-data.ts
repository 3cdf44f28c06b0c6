import { daysBetween } from './dates';

// The homeroom teacher's duties over the class's personal data (seed 004 §3.3; seed 000, homeroom §7): changes are
// entered no later than 3 days after the parent's notice, and the class's data are checked at least once a month.

/** Days the homeroom teacher has to enter a change after receiving the parent's notice (seed 004 §3.3). */
export const NOTICE_ENTRY_DAYS = 3;

/**
 * How many days past the 3-day term a notice dated `date` (the day it was received) was entered on the school-local
 * day `enteredOn`; 0 when in time.
 */
export function noticeDaysLate(date: string, enteredOn: string): number {
  return Math.max(0, daysBetween(date, enteredOn) - NOTICE_ENTRY_DAYS);
}

/** The first day of the calendar month holding `date` (ISO). */
export function monthStart(date: string): string {
  return `${date.slice(0, 7)}-01`;
}

/** Was the class's data for a student checked in the calendar month holding `today` (both school-local dates)? */
export function checkedThisMonth(checkedOn: string | null, today: string): boolean {
  return checkedOn !== null && checkedOn >= monthStart(today) && checkedOn <= today;
}

const MONTHS = ['январе', 'феврале', 'марте', 'апреле', 'мае', 'июне', 'июле', 'августе', 'сентябре', 'октябре', 'ноябре', 'декабре'];

/** «в декабре 2026 г.» for the month holding `date`. */
export function inMonth(date: string): string {
  return `в ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)} г.`;
}

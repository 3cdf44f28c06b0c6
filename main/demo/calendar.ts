import { addDays, format, getDay, parseISO } from 'date-fns';
import { isIsoDate, prevDay } from '../contract/rules/dates';

// The demo school's calendar for any school year (1 September – 31 August), made by rule rather than taken from a
// table, so that the demo can live in whichever year contains today. The rules follow the Russian practice of recent
// years: nine-day autumn holidays from the last Saturday of October's fourth week, winter holidays from the last
// Saturday of December to the second Sunday of January, nine-day spring holidays from the Saturday of March's fourth
// week, extra February holidays for the first grade, public holidays moved from a weekend to the next Monday, and the
// last lessons on 26 May.

/** The demo school is in Omsk (UTC+6, no daylight saving): its wall clock decides «today». */
export const DEMO_TIME_ZONE = 'Asia/Omsk';
/** The demo's «now» on its last day: entries made up to this local time are in, the rest is still to come. */
export const DEMO_NOW_LOCAL = '14:00';

export type HolidayKind = 'autumn' | 'winter' | 'spring' | 'summer' | 'extra' | 'public';

export interface DemoCalendar {
  year: { name: string; start_date: string; end_date: string };
  holidays: { name: string; kind: HolidayKind; start_date: string; end_date: string; grades: number[] }[];
  quarters: { name: string; start_date: string; end_date: string }[];
  halves: { name: string; start_date: string; end_date: string }[];
}

const iso = (d: Date) => format(d, 'yyyy-MM-dd');
const plus = (date: string, days: number) => iso(addDays(parseISO(date), days));

/** The local date in a time zone at an instant. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** The first calendar year of the school year (1 September – 31 August) that contains the date. */
export function schoolYearOf(date: string): number {
  if (!isIsoDate(date)) throw new Error(`not a date: ${date}`);
  const y = Number(date.slice(0, 4));
  return Number(date.slice(5, 7)) >= 9 ? y : y - 1;
}

/** The date of a month and day («10-13») within the school year starting in `startYear`. */
export function inSchoolYear(startYear: number, monthDay: string): string {
  return `${Number(monthDay.slice(0, 2)) >= 9 ? startYear : startYear + 1}-${monthDay}`;
}

/** The Saturday among the seven days from `first`. */
function saturdayFrom(first: string): string {
  const d = parseISO(first);
  return iso(addDays(d, (6 - getDay(d) + 7) % 7));
}

/** A public holiday on a weekend moves to the next Monday. */
function weekdayOrMonday(date: string): string {
  const wd = getDay(parseISO(date));
  return wd === 6 ? plus(date, 2) : wd === 0 ? plus(date, 1) : date;
}

export function demoCalendar(startYear: number): DemoCalendar {
  const y0 = startYear;
  const y1 = startYear + 1;
  const autumn = saturdayFrom(`${y0}-10-24`);
  // The autumn holidays run on to 4 November (a public holiday) when it falls on the Monday or Tuesday after them.
  const unity = `${y0}-11-04`;
  const autumnEnd = plus(autumn, 8) < unity && unity <= plus(autumn, 10) ? unity : plus(autumn, 8);
  const winter = saturdayFrom(`${y0}-12-25`);
  const winterEnd = plus(saturdayFrom(`${y1}-01-07`), 1);
  const extra = saturdayFrom(`${y1}-02-14`);
  const spring = saturdayFrom(`${y1}-03-21`);
  const springEnd = plus(spring, 8);
  const lastDay = `${y1}-05-26`;
  const holidays: DemoCalendar['holidays'] = [
    { name: 'Осенние каникулы', kind: 'autumn', start_date: autumn, end_date: autumnEnd, grades: [] },
    { name: 'Зимние каникулы', kind: 'winter', start_date: winter, end_date: winterEnd, grades: [] },
    { name: 'Дополнительные каникулы для 1 классов', kind: 'extra', start_date: extra, end_date: plus(extra, 8), grades: [1] },
    { name: 'Весенние каникулы', kind: 'spring', start_date: spring, end_date: springEnd, grades: [] },
    { name: 'Летние каникулы', kind: 'summer', start_date: plus(lastDay, 1), end_date: `${y1}-08-31`, grades: [] },
  ];
  const publicDays: [string, string][] = [
    ['День народного единства', `${y0}-11-04`],
    ['День защитника Отечества', `${y1}-02-23`],
    ['Международный женский день', `${y1}-03-08`],
    ['Праздник Весны и Труда', `${y1}-05-01`],
    ['День Победы', `${y1}-05-09`],
  ];
  for (const [name, day] of publicDays) {
    const d = weekdayOrMonday(day);
    if (!holidays.some((h) => h.grades.length === 0 && h.start_date <= d && d <= h.end_date))
      holidays.push({ name, kind: 'public', start_date: d, end_date: d, grades: [] });
  }
  holidays.sort((a, b) => a.start_date.localeCompare(b.start_date));
  return {
    year: { name: `${y0}/${y1}`, start_date: `${y0}-09-01`, end_date: `${y1}-08-31` },
    holidays,
    quarters: [
      { name: '1 четверть', start_date: `${y0}-09-01`, end_date: prevDay(autumn) },
      { name: '2 четверть', start_date: plus(autumnEnd, 1), end_date: prevDay(winter) },
      { name: '3 четверть', start_date: plus(winterEnd, 1), end_date: prevDay(spring) },
      { name: '4 четверть', start_date: plus(springEnd, 1), end_date: lastDay },
    ],
    halves: [
      { name: '1 полугодие', start_date: `${y0}-09-01`, end_date: prevDay(winter) },
      { name: '2 полугодие', start_date: plus(winterEnd, 1), end_date: lastDay },
    ],
  };
}

/** The weekday (1 Monday … 7 Sunday) of a date on or after `from`: e.g. the first Tuesday from 15 September. */
export function weekdayFrom(from: string, weekday: number): string {
  const d = parseISO(from);
  return iso(addDays(d, (weekday - (getDay(d) || 7) + 7) % 7));
}

/** The instant of a local «HH:MM» on a date in the demo's time zone (Omsk is UTC+6 all year). */
export function demoInstant(date: string, time: string): number {
  return Date.parse(`${date}T${time}:00+06:00`);
}

/** The demo's audit clock (`ctx.now`): each call moves it on by a second; `at` puts it on an instant (a transfer is
 * entered on its order's day, a substitution the day before the lesson), `now` reads it to come back later. */
export interface DemoClock {
  at(ms: number): void;
  /** The clock's current instant, to come back to with `at`. */
  now(): number;
}

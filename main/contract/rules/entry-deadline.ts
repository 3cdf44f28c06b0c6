// When a journal entry is late: the one rule, used by the corrections report and by anything else that asks (issue 11,
// part 12). Judged on the school's wall clock (setting `school.timeZone`), never in UTC: a mark typed at 01:30 in Omsk
// is a day late although it is still the lesson's day in UTC.
//
// Deadlines (seed 001, teacher's instruction; the defaults of the settings in `rules/settings.ts`, which the school may
// change on the settings screen):
// - marks (§2), absences (§7), the lesson's topic (§3): the lesson's day, up to 23:59 local time; taking attendance
//   (the lesson's first entry, lesson.attendance_at) is judged like absences;
// - homework (§4): during the lesson or within 1.5 hours after the class's last lesson that day (the bell schedule);
// - marks of a control work (§9): within 3 days of the lesson; of a written work, a dictation or an essay (§10): within
//   a week;
// - a mark in a cell that also records the absence (§2: a missed topic credited later, «н/5»): no deadline of its own;
// - a change of an entry already made (the corrections report): the lesson's day, like a first entry.
import { nextDay } from './dates';

export type EntryKind = 'mark' | 'absence' | 'attendance' | 'topic' | 'homework' | 'change';

export interface EntryLesson {
  /** The lesson's date, ISO, in the school's calendar. */
  date: string;
  /** When the class's last lesson that day ends, «HH:MM» local; null when the bell schedule does not tell. */
  lastLessonEnd?: string | null;
}

export interface EntryDetails {
  /** The mark's work type, by name. */
  workType?: string;
  /** The mark shares its cell with an absence: a missed topic credited later. */
  credited?: boolean;
}

/** The deadlines, in days and minutes, as the school set them (`rules/settings.ts`, `deadlineRules()` in main). */
export interface DeadlineRules {
  /** Topic and absences: days after the lesson's day (0: the day itself). */
  topicDays: number;
  /** Homework: minutes after the class's last lesson that day. */
  homeworkMinutes: number;
  /** Marks for the lesson, and changes of an entry: days after the lesson's day. */
  lessonMarkDays: number;
  /** Marks of a control work (seed 001 teacher §9). */
  controlWorkDays: number;
  /** Marks of a written work: a dictation, an essay (seed 001 teacher §10, seed 004 §3.5). */
  writtenWorkDays: number;
}

/** Work types whose marks have a grace period of their own, by name. */
const CONTROL_WORKS = new Set(['Контрольная работа']);
const WRITTEN_WORKS = new Set(['Диктант', 'Сочинение, изложение']);

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Is this a time zone the runtime knows («Europe/Moscow», «Asia/Omsk»)? */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const QUARTER = 15 * 60_000;
const DAY = 24 * 60 * 60_000;
const offsets = new Map<string, number>();

/** The zone's offset from UTC, in minutes, at the instant `ms`, asked of Intl. */
function offsetAt(ms: number, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) parts[p.type] = p.value;
  return Math.round(
    (Date.UTC(+parts.year, +parts.month - 1, +parts.day, +parts.hour, +parts.minute) - Math.floor(ms / 60_000) * 60_000) / 60_000,
  );
}

/**
 * The zone's offset from UTC, in minutes, at the instant `ms`. Formatting is slow, so a report over thousands of
 * entries asks Intl about a UTC day once (its start and end); only a day when the offset changes (daylight saving) is
 * asked per quarter of an hour, the finest step offsets change by.
 */
function offsetMinutes(ms: number, timeZone: string): number {
  const day = Math.floor(ms / DAY);
  const dayKey = `${timeZone}|d${day}`;
  let off = offsets.get(dayKey);
  if (off === undefined) {
    const start = offsetAt(day * DAY, timeZone);
    off = start === offsetAt((day + 1) * DAY - 60_000, timeZone) ? start : NaN;
    if (offsets.size > 100_000) offsets.clear();
    offsets.set(dayKey, off);
  }
  if (!Number.isNaN(off)) return off;
  const quarter = Math.floor(ms / QUARTER);
  const key = `${timeZone}|q${quarter}`;
  let q = offsets.get(key);
  if (q === undefined) offsets.set(key, (q = offsetAt(quarter * QUARTER, timeZone)));
  return q;
}

/** Minutes since 1970 on the school's wall clock at the UTC instant `iso`. */
function localMinutes(iso: string, timeZone: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new Error(`not a timestamp: ${iso}`);
  return Math.floor(ms / 60_000) + offsetMinutes(ms, timeZone);
}

/** The school's local date of a UTC instant. */
export function localDate(iso: string, timeZone: string): string {
  return new Date(localMinutes(iso, timeZone) * 60_000).toISOString().slice(0, 10);
}

/** Was the UTC instant `iso` on one of the school's local days `from`…`to` (inclusive)? */
export function onLocalDays(iso: string, from: string, to: string, timeZone: string): boolean {
  const m = localMinutes(iso, timeZone);
  return m >= wallMinutes(from) && m < wallMinutes(to) + 24 * 60;
}

/** The last minute of the school's local date `date` as a UTC instant (23:59 on the school's clock). */
export function localDayEnd(date: string, timeZone: string): string {
  const midnight = wallMinutes(nextDay(date));
  // The offset at the instant itself: asked twice, so a day when the clock moves still lands on the local midnight.
  let ms = midnight * 60_000;
  ms = (midnight - offsetMinutes(ms, timeZone)) * 60_000;
  ms = (midnight - offsetMinutes(ms, timeZone)) * 60_000;
  return new Date(ms - 60_000).toISOString();
}

const dayStarts = new Map<string, number>();

/** Wall-clock minutes of a local date and «HH:MM». */
function wallMinutes(date: string, time?: string): number {
  let day = dayStarts.get(date);
  if (day === undefined) {
    day = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10)) / 60_000;
    if (Number.isNaN(day)) throw new Error(`not a date: ${date}`);
    if (dayStarts.size > 50_000) dayStarts.clear();
    dayStarts.set(date, day);
  }
  return time ? day + +time.slice(0, 2) * 60 + +time.slice(3, 5) : day;
}

/** The deadline on the school's wall clock (minutes since 1970), or null when the entry has none. */
function deadline(kind: EntryKind, lesson: EntryLesson, details: EntryDetails, rules: DeadlineRules): number | null {
  const endOfDay = (days: number) => wallMinutes(lesson.date) + (days + 1) * 24 * 60;
  switch (kind) {
    case 'homework':
      return lesson.lastLessonEnd ? wallMinutes(lesson.date, lesson.lastLessonEnd) + rules.homeworkMinutes : endOfDay(0);
    case 'mark': {
      if (details.credited) return null;
      const w = details.workType ?? '';
      return endOfDay(CONTROL_WORKS.has(w) ? rules.controlWorkDays : WRITTEN_WORKS.has(w) ? rules.writtenWorkDays : rules.lessonMarkDays);
    }
    case 'change':
      return endOfDay(rules.lessonMarkDays);
    default:
      return endOfDay(rules.topicDays);
  }
}

/**
 * How late an entry made at `enteredAt` (a UTC ISO timestamp) is: minutes past its deadline on the school's clock,
 * or null when it was in time (or has no deadline).
 */
export function lateness(
  kind: EntryKind,
  enteredAt: string,
  lesson: EntryLesson,
  timeZone: string,
  rules: DeadlineRules,
  details: EntryDetails = {},
): number | null {
  const due = deadline(kind, lesson, details, rules);
  if (due === null) return null;
  const late = localMinutes(enteredAt, timeZone) - due;
  return late > 0 ? late : null;
}

/** «на 2 дн. 3 ч», «на 1 ч 15 мин», «на 5 мин». */
export function delayText(minutes: number): string {
  const days = Math.floor(minutes / (24 * 60));
  const hours = Math.floor((minutes % (24 * 60)) / 60);
  const mins = minutes % 60;
  const parts = days ? [`${days} дн.`, hours ? `${hours} ч` : ''] : [hours ? `${hours} ч` : '', mins || !hours ? `${mins} мин` : ''];
  return `на ${parts.filter(Boolean).join(' ')}`;
}

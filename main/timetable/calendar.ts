// Pure date arithmetic of the year's lessons: which dates a class studies on.
// Works on UTC dates so that the result never depends on the machine's time zone.

export interface PeriodRange {
  id: number;
  number: number;
  start_date: string;
  end_date: string;
}

export interface HolidaySpan {
  start_date: string;
  end_date: string;
  /** Empty: every grade. */
  grades: readonly number[];
}

export interface StudyDay {
  date: string;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
  periodId: number;
}

const DAY = 86_400_000;

export function isoWeekday(iso: string): number {
  const d = new Date(`${iso}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/** Monday of the ISO week holding the date: groups lessons by week. */
export function weekStart(iso: string): string {
  const t = Date.parse(`${iso}T00:00:00Z`);
  return new Date(t - (isoWeekday(iso) - 1) * DAY).toISOString().slice(0, 10);
}

export function addDaysIso(iso: string, n: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
}

export function holidayCovers(h: HolidaySpan, grade: number, date: string): boolean {
  return (h.grades.length === 0 || h.grades.includes(grade)) && h.start_date <= date && date <= h.end_date;
}

/**
 * Every date of the class's study periods on which it has lessons: inside a period, on one of the
 * class's working days (Monday to Friday, or to Saturday for a six-day week) and not in a holiday
 * that applies to its grade.
 */
export function studyDays(periods: readonly PeriodRange[], holidays: readonly HolidaySpan[], grade: number, weekDays: number): StudyDay[] {
  const mine = holidays.filter((h) => h.grades.length === 0 || h.grades.includes(grade));
  const out: StudyDay[] = [];
  for (const p of periods) {
    const end = Date.parse(`${p.end_date}T00:00:00Z`);
    for (let t = Date.parse(`${p.start_date}T00:00:00Z`); t <= end; t += DAY) {
      const date = new Date(t).toISOString().slice(0, 10);
      const dow = new Date(t).getUTCDay();
      const weekday = dow === 0 ? 7 : dow;
      if (weekday > weekDays) continue;
      if (mine.some((h) => h.start_date <= date && date <= h.end_date)) continue;
      out.push({ date, weekday, periodId: p.id });
    }
  }
  return out;
}

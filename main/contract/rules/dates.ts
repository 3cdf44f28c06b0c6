import { addDays, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';

// ISO dates compare correctly as text; date-fns does the arithmetic.
export const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: string): boolean {
  return ISO_DATE.test(s) && isValid(parseISO(s)) && format(parseISO(s), 'yyyy-MM-dd') === s;
}

export function nextDay(iso: string): string {
  return format(addDays(parseISO(iso), 1), 'yyyy-MM-dd');
}

export function prevDay(iso: string): string {
  return format(addDays(parseISO(iso), -1), 'yyyy-MM-dd');
}

export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** Russian display form 01.09.2025. */
export function ru(iso: string): string {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

export interface DateRange {
  start_date: string;
  end_date: string;
}

export function overlaps(a: DateRange, b: DateRange): boolean {
  return a.start_date <= b.end_date && b.start_date <= a.end_date;
}

export function contains(outer: DateRange, inner: DateRange): boolean {
  return outer.start_date <= inner.start_date && inner.end_date <= outer.end_date;
}

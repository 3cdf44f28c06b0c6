import { getDay, parseISO } from 'date-fns';
import { contains, nextDay, overlaps, prevDay, ru, type DateRange } from './dates';

// Pure rules of the school calendar, shared by the set-up services and their property tests.

export interface NamedRange extends DateRange {
  name: string;
}

export interface HolidayRange extends NamedRange {
  /** Empty: every grade. */
  grades: number[];
}

export function holidayAppliesTo(h: HolidayRange, grades: readonly number[]): boolean {
  return h.grades.length === 0 || grades.every((g) => h.grades.includes(g));
}

function isWeekend(iso: string): boolean {
  const d = getDay(parseISO(iso));
  return d === 0 || d === 6;
}

/**
 * Problems with a list of study periods of one scheme, in Russian; empty when they are fine.
 * Periods must lie inside the year, not overlap, follow in order, and any gap between them
 * must consist of weekends and holidays that apply to every grade of the scheme.
 */
export function periodProblems(
  year: DateRange,
  periods: readonly NamedRange[],
  holidays: readonly HolidayRange[],
  grades: readonly number[],
): string[] {
  const problems: string[] = [];
  periods.forEach((p) => {
    if (p.start_date > p.end_date) problems.push(`«${p.name}»: начало (${ru(p.start_date)}) позже конца (${ru(p.end_date)})`);
    else if (!contains(year, p))
      problems.push(
        `«${p.name}» (${ru(p.start_date)}–${ru(p.end_date)}) выходит за границы учебного года (${ru(year.start_date)}–${ru(year.end_date)})`,
      );
  });
  if (problems.length) return problems;
  for (let i = 0; i < periods.length; i++)
    for (let j = i + 1; j < periods.length; j++)
      if (overlaps(periods[i], periods[j])) problems.push(`Периоды «${periods[i].name}» и «${periods[j].name}» пересекаются`);
  if (problems.length) return problems;
  for (let i = 1; i < periods.length; i++) {
    const a = periods[i - 1];
    const b = periods[i];
    if (b.start_date < a.end_date) {
      problems.push(`Период «${b.name}» должен идти после «${a.name}»`);
      continue;
    }
    const gap = uncoveredDays(nextDay(a.end_date), prevDay(b.start_date), holidays, grades);
    if (gap.length > 0)
      problems.push(
        `Между «${a.name}» и «${b.name}» есть учебные дни вне периодов и каникул (${ru(gap[0])}` +
          (gap.length > 1 ? `–${ru(gap[gap.length - 1])}` : '') +
          '): добавьте каникулы или сдвиньте даты',
      );
  }
  return problems;
}

/** Working days from..to (inclusive) that are neither weekend nor holiday for these grades. */
export function uncoveredDays(from: string, to: string, holidays: readonly HolidayRange[], grades: readonly number[]): string[] {
  const out: string[] = [];
  const applicable = holidays.filter((h) => holidayAppliesTo(h, grades));
  for (let d = from; d <= to; d = nextDay(d)) {
    if (isWeekend(d)) continue;
    if (applicable.some((h) => h.start_date <= d && d <= h.end_date)) continue;
    out.push(d);
  }
  return out;
}

export function holidayProblems(year: DateRange, h: NamedRange): string[] {
  if (h.start_date > h.end_date) return [`«${h.name}»: начало позже конца`];
  if (!contains(year, h))
    return [
      `Каникулы «${h.name}» (${ru(h.start_date)}–${ru(h.end_date)}) выходят за границы учебного года (${ru(year.start_date)}–${ru(year.end_date)})`,
    ];
  return [];
}

export function yearProblems(name: string, y: DateRange): string[] {
  const [a, b] = name.split('/').map(Number);
  const problems: string[] = [];
  if (b !== a + 1) problems.push('Учебный год: второй год должен быть следующим за первым (например, 2025/2026)');
  if (y.start_date >= y.end_date) problems.push('Начало учебного года должно быть раньше конца');
  if (!y.start_date.startsWith(String(a))) problems.push(`Учебный год ${name} должен начинаться в ${a} году`);
  if (!y.end_date.startsWith(String(b))) problems.push(`Учебный год ${name} должен заканчиваться в ${b} году`);
  return problems;
}

export interface Bell {
  lesson_number: number;
  start_time: string;
  end_time: string;
}

export function bellProblems(bells: readonly Bell[]): string[] {
  const problems: string[] = [];
  const sorted = [...bells].sort((a, b) => a.lesson_number - b.lesson_number);
  const numbers = new Set<number>();
  for (const b of sorted) {
    if (numbers.has(b.lesson_number)) problems.push(`Урок №${b.lesson_number} указан дважды`);
    numbers.add(b.lesson_number);
    if (b.start_time >= b.end_time) problems.push(`Урок №${b.lesson_number}: начало ${b.start_time} не раньше конца ${b.end_time}`);
  }
  for (let i = 1; i < sorted.length; i++)
    if (sorted[i].start_time < sorted[i - 1].end_time)
      problems.push(`Урок №${sorted[i].lesson_number} начинается раньше, чем кончается урок №${sorted[i - 1].lesson_number}`);
  return problems;
}

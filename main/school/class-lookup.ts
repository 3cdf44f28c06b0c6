import { AppError, type Db } from '../../db/index';
import { plural } from '../contract/rules/plural';
import { UsageError } from '../kernel/cli-command';
import { classNamesOfYear } from './classes';

// Finding a school year and a class by the name a person typed: `--year 2025/2026 --class 5а` on the command line, the
// class column of an imported roster. One spelling rule and one refusal for every command and import.

/** Latin letters that look like Cyrillic ones, as typed on an English keyboard layout («5A», «10B»). */
const LATIN_LOOK_ALIKES: Record<string, string> = {
  A: 'А',
  B: 'В',
  E: 'Е',
  K: 'К',
  M: 'М',
  H: 'Н',
  O: 'О',
  P: 'Р',
  C: 'С',
  T: 'Т',
  X: 'Х',
  Y: 'У',
};

/**
 * A class name as compared: «5 а», «5-А», «5 «А»», «5A» with a Latin letter, «5а» → «5А». Both the typed name and the
 * stored names go through it, so a class stored as «10 «Б»» is found by «10б». Ё stays Ё: it is a letter of its own
 * (an import takes the letter from this spelling, and «5Ё» and «5Е» would be two classes).
 */
export function classNameKey(name: string): string {
  return name
    .replace(/[\s«»"'„“”-]/g, '')
    .toUpperCase()
    .replace(/[ABEKMHOPCTXY]/g, (c) => LATIN_LOOK_ALIKES[c]);
}

/** «2025/2026», «2025-2026», « 2025 / 2026 » → «2025/2026», the way year names are stored. */
export function yearNameKey(name: string): string {
  return name.trim().replace(/\s*[-–—/]\s*/g, '/');
}

function listed(names: string[]): string {
  return names.join(', ');
}

/** The refusal for a year the database lacks, naming the years it has. */
export function yearNotFound(name: string, years: string[]): AppError {
  const has = years.length
    ? `В базе ${plural(years.length, ['есть учебный год', 'есть учебные годы', 'есть учебные годы'])}: ${listed(years)}`
    : 'В базе нет ни одного учебного года';
  return new AppError('NOT_FOUND', `Учебный год «${name.trim()}» не найден. ${has}.`);
}

/** Levenshtein distance of two short strings (class names). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The classes of a year close to a typed name: one letter apart, or of the same grade («5Я» → 5А, 5Б, 5В). None close:
 * every class of the year, so the message always says what can be typed.
 */
export function closeClassNames(typed: string, names: string[]): string[] {
  const key = classNameKey(typed);
  const grade = /^\d+/.exec(key)?.[0];
  const close = names.filter((n) => {
    const k = classNameKey(n);
    return distance(k, key) <= 1 || (grade !== undefined && /^\d+/.exec(k)?.[0] === grade);
  });
  return close.length ? close : names;
}

/** The refusal for a class the year lacks, with the close names («Класс «5Я» в 2025/2026 учебном году не найден. …»). */
export function classNotFound(typed: string, yearName: string, names: string[]): AppError {
  if (!names.length)
    return new AppError('NOT_FOUND', `Класс «${typed.trim()}» в ${yearName} учебном году не найден: в этом году нет классов.`);
  const close = closeClassNames(typed, names);
  const what =
    close.length === names.length ? 'Классы этого года' : plural(close.length, ['Похожий класс', 'Похожие классы', 'Похожие классы']);
  return new AppError('NOT_FOUND', `Класс «${typed.trim()}» в ${yearName} учебном году не найден. ${what}: ${listed(close)}.`);
}

export interface FoundYear {
  id: number;
  name: string;
  start_date: string;
  end_date: string;
}

/** The year named so (`yearNameKey`); NOT_FOUND naming the years the database has. */
export async function findYear(db: Db, name: string): Promise<FoundYear> {
  const years = await db
    .selectFrom('academic_year')
    .select(['id', 'name', 'start_date', 'end_date'])
    .orderBy('start_date', 'desc')
    .execute();
  const y = years.find((x) => x.name === yearNameKey(name));
  if (!y)
    throw yearNotFound(
      name,
      years.map((x) => x.name),
    );
  return y;
}

export interface FoundClass {
  id: number;
  name: string;
}

/** Each typed name's class in the year, in the order typed; NOT_FOUND for the first one the year lacks. */
export async function findClasses(db: Db, year: { id: number; name: string }, typed: string[]): Promise<FoundClass[]> {
  const rows = await classNamesOfYear(db, year.id);
  const byKey = new Map(rows.map((r) => [classNameKey(r.name), r]));
  return typed.map((t) => {
    const c = byKey.get(classNameKey(t));
    if (!c)
      throw classNotFound(
        t,
        year.name,
        rows.map((r) => r.name),
      );
    return c;
  });
}

/** The class named so in the year (`classNameKey`); NOT_FOUND with the close names. */
export async function findClass(db: Db, year: { id: number; name: string }, typed: string): Promise<FoundClass> {
  return (await findClasses(db, year, [typed]))[0];
}

/** `--class 5А,5Б`: the names of a comma-separated option. */
export function classList(option: string): string[] {
  return option
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** Without a year named: the class in the latest year that has it; NOT_FOUND with the latest year's close names. */
export async function findClassInLatestYear(db: Db, typed: string): Promise<FoundClass & { yearName: string }> {
  const rows = await db
    .selectFrom('class as c')
    .innerJoin('academic_year as y', 'y.id', 'c.year_id')
    .select(['c.id', 'c.name', 'y.id as yearId', 'y.name as yearName'])
    .orderBy('y.start_date', 'desc')
    .orderBy('c.grade')
    .orderBy('c.letter')
    .execute();
  const hit = rows.find((r) => classNameKey(r.name) === classNameKey(typed));
  if (hit) return { id: hit.id, name: hit.name, yearName: hit.yearName };
  const latest = rows[0]?.yearName;
  if (!latest) throw new AppError('NOT_FOUND', `Класс «${typed.trim()}» не найден: в базе нет классов.`);
  throw classNotFound(
    typed,
    latest,
    rows.filter((r) => r.yearName === latest).map((r) => r.name),
  );
}

/** `--year 2025/2026` of a command: a usage error without it, NOT_FOUND naming the years for a year the database lacks. */
export async function yearOption(db: Db, name: string | undefined): Promise<FoundYear> {
  if (!name) throw new UsageError('Укажите --year, например 2025/2026');
  return findYear(db, name);
}

/** `--class 5А` of a command within its year as the class's id; null without the option. */
export async function classOption(db: Db, year: { id: number; name: string }, name: string | undefined): Promise<number | null> {
  return name ? (await findClass(db, year, name)).id : null;
}

import { z } from 'zod';
import { ROLES } from './rules/roles';
import { isIsoDate } from './rules/dates';
import { isValidSnils } from './rules/snils';

// Field schemas shared by every area's channels: Russian messages, length limits on every text.

z.config(z.locales.ru());

export const MAX_TEXT = 500;
/** Optional text: absent means empty, never undefined in the database. */
export const text = (max = MAX_TEXT) => z.string().trim().max(max, `Не длиннее ${max} символов`).default('');
export const required = (what: string, max = MAX_TEXT) =>
  z.string().trim().min(1, `Заполните поле «${what}»`).max(max, `«${what}»: не длиннее ${max} символов`);
export const isoDate = (what: string) => z.string().refine(isIsoDate, { message: `«${what}»: дата в формате ГГГГ-ММ-ДД` });
export const time = (what: string) => z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, `«${what}»: время в формате ЧЧ:ММ`);
export const id = z.number().int().positive();
export const optId = id.nullable().optional();
export const snils = z
  .string()
  .trim()
  .refine((s) => s === '' || isValidSnils(s), { message: 'СНИЛС указан неверно: не сходится контрольное число' })
  .transform((s) => (s === '' ? null : s))
  .nullable()
  .optional();
type Undefaulted<T> = T extends z.ZodDefault<infer I> ? I : T;

/**
 * An object schema for a change of some fields: every field optional and without its default, so that a field not
 * sent stays absent (and unchanged) instead of arriving as an empty default.
 */
export function patchOf<S extends z.ZodRawShape>(o: z.ZodObject<S>) {
  const shape = Object.fromEntries(
    Object.entries(o.shape).map(([k, v]) => [k, ((v instanceof z.ZodDefault ? v.unwrap() : v) as z.ZodType).optional()]),
  );
  return z.object(shape) as unknown as z.ZodObject<{ [K in keyof S]: z.ZodOptional<Undefaulted<S[K]>> }>;
}

export const empty = z.object({}).strict().optional().default({});

export const roles = z.array(z.enum(ROLES));

import fs from 'node:fs';
import path from 'node:path';
import { AppError, type Db } from '../../db/index';
import { osActor, UsageError } from './cli-command';
import type { Ctx } from './context';

// The option handling that the report and print commands share: the ctx a command acts with, `--year 2025/2026` and
// `--class 5А` as ids, the `--json` or `--format … --out FILE` choice, and the file written.

/** The context a command acts in: the OS user, the real clock. */
export const cliCtx = (db: Db): Ctx => ({ db, actor: osActor(), now: () => new Date() });

/** `--year 2025/2026` as the year's id: a usage error without it, NOT_FOUND for a year the database lacks. */
export async function yearIdByName(db: Db, name: string | undefined): Promise<number> {
  if (!name) throw new UsageError('Укажите --year, например 2025/2026');
  const year = await db.selectFrom('academic_year').select('id').where('name', '=', name.trim()).executeTakeFirst();
  if (!year) throw new AppError('NOT_FOUND', `Учебный год ${name} не найден`);
  return year.id;
}

/** `--class 5А` within a year as the class's id (null without the option); `notFound` is the refusal's message. */
export async function classIdInYear(db: Db, yearId: number, name: string | undefined, notFound: string): Promise<number | null> {
  if (!name) return null;
  const c = await db.selectFrom('class').select('id').where('year_id', '=', yearId).where('name', '=', name.trim()).executeTakeFirst();
  if (!c) throw new AppError('NOT_FOUND', notFound);
  return c.id;
}

/**
 * `--json` or `--format F --out FILE`, exactly one: the file format chosen, or null for JSON. `formats` lists the
 * formats the command writes; the messages name them («xlsx|pdf», «xlsx или pdf»).
 */
export function jsonOrFormat<F extends string>(values: { json?: boolean; format?: string; out?: string }, formats: readonly F[]): F | null {
  if (values.json === (values.format !== undefined))
    throw new UsageError(`Укажите либо --json, либо --format ${formats.join('|')} --out FILE`);
  if (values.format === undefined) return null;
  if (!(formats as readonly string[]).includes(values.format)) throw new UsageError(`--format: ${formats.join(' или ')}`);
  if (!values.out) throw new UsageError(`Укажите --out FILE.${values.format}`);
  return values.format as F;
}

/** Writes a command's output file; returns its absolute path for the message. */
export function writeOutputFile(out: string, content: Buffer | Uint8Array): string {
  const file = path.resolve(out);
  fs.writeFileSync(file, content);
  return file;
}

/** The school's full name for a file's header ('' before the school is set up). */
export async function schoolName(db: Db): Promise<string> {
  return (await db.selectFrom('school').select('full_name').executeTakeFirst())?.full_name ?? '';
}

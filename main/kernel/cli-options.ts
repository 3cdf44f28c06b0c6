import fs from 'node:fs';
import path from 'node:path';
import type { Db } from '../../db/index';
import { osActor, UsageError } from './cli-command';
import type { Ctx } from './context';

// The option handling that the report and print commands share: the ctx a command acts with, the `--json` or
// `--format … --out FILE` choice, and the file written. `--year` and `--class`: main/school/class-lookup.ts.

/** The context a command acts in: the OS user, the real clock. */
export const cliCtx = (db: Db): Ctx => ({ db, actor: osActor(), now: () => new Date() });

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

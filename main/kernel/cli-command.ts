import os from 'node:os';
import fs from 'node:fs';
import { AppError, openDatabase, type OpenDatabase } from '../../db/index';
import { systemActor, type Actor } from './context';

// 3: a file or chain is damaged; 4: the key or passphrase does not open it; 5: made by a newer version;
// 6: the destination cannot take it (no space, missing, read-only, too large for FAT32).
export const EXIT = { ok: 0, failed: 1, usage: 2, integrity: 3, key: 4, newer: 5, destination: 6 } as const;

export interface Out {
  log(s: string): void;
  err(s: string): void;
}

export class UsageError extends Error {}

export interface Command {
  /** One or more lines for the help text, starting with the command's own words. */
  usage: string;
  run(args: string[], out: Out): Promise<number>;
}

/** The CLI acts with the rights of whoever can open the file; its writes carry the OS user's name. */
export function osActor(): Actor {
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    /* some containers have no passwd entry */
  }
  return systemActor(`ОС: ${user} (командная строка)`);
}

/** Opens the file for one command. Only commands that make a database (demo) may create it. */
export async function withDatabase<T>(file: string | undefined, fn: (h: OpenDatabase) => Promise<T>, opts: { create?: boolean } = {}): Promise<T> {
  if (!file) throw new UsageError('Укажите --db FILE');
  if (!opts.create && !fs.existsSync(file)) throw new AppError('NOT_FOUND', `Файл базы данных не найден: ${file}`);
  const h = await openDatabase(file);
  try {
    return await fn(h);
  } finally {
    await h.close();
  }
}

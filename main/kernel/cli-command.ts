import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { AppError, openDatabase, SCHEMA_VERSION, type OpenDatabase } from '../../db/index';
import { openRaw, wrap } from '../../db/connection';
import { isPostgresUrl } from '../../db/dialect';
import { assertJournalOrMissing, assertPostgresJournalOrMissing } from '../../db/identify';
import { migratePostgres, openPool, redactUrl, wrapPostgres } from '../../db/postgres';
import { acquireLock, describeOwner, lockHolder } from '../../db/lock';
import { assertNotNewer } from '../../db/migrate';
import { forgetAnchor } from './audit-anchor';
import { systemActor, type Actor } from './context';

// 3: a file or chain is damaged; 4: the key or passphrase does not open it; 5: made by a newer version;
// 6: the destination cannot take it (no space, missing, read-only, too large for FAT32).
// 7: the database is held for writing by another program or command (its lock file names who).
export const EXIT = { ok: 0, failed: 1, usage: 2, integrity: 3, key: 4, newer: 5, destination: 6, busy: 7 } as const;

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
  return systemActor(`ОС: ${user} (командная строка)`, 'командная строка');
}

/**
 * What a command does with the database:
 * - `read` looks only. It runs even while the program (or another command) holds the database for writing,
 *   through a read-only connection beside the writer (WAL lets readers in); when nobody holds it, it takes the
 *   lock like a writer, because opening may migrate an older schema.
 * - `write` changes data: refused (DB_LOCKED, exit 7) while someone else holds the lock.
 * - `create` may also make a new database where no file exists (demo, init).
 * A file that exists but is not a journal database is refused by all three (DB_FOREIGN, exit 3), unchanged.
 */
export type Access = 'read' | 'write' | 'create';

/** The exit code for a refusal that concerns the database file itself. */
export function exitForError(code: string): number {
  if (code === 'DB_FOREIGN') return EXIT.integrity;
  if (code === 'DB_LOCKED') return EXIT.busy;
  if (code === 'DB_NEWER') return EXIT.newer;
  return EXIT.failed;
}

/** The command being run (`report results`), set by the CLI's dispatcher; for messages that name it. */
export const running = { command: '' };

export function cliProgramName(): string {
  return `командная строка: school-journal ${process.argv
    .slice(2, 4)
    .filter((a) => !a.startsWith('-'))
    .join(' ')}`.trim();
}

/**
 * A PostgreSQL database for one command (issue 17): no lock file (several instances share the server; the audit
 * chain's appends are ordered by the server), an empty database counts as `missing`, another program's tables are
 * refused, the schema brought up to date (refused without the rights, db/postgres.ts). `raw` does not exist
 * there: a command that needs the SQLite handle (backups, the demo, not ported yet) is refused with a Russian
 * message the moment it asks for it, before it has done anything.
 */
async function withPostgres<T>(url: string, fn: (h: OpenDatabase) => Promise<T>, access: Access): Promise<T> {
  const shown = redactUrl(url);
  const h = wrapPostgres(url, openPool(url));
  try {
    const kind = await assertPostgresJournalOrMissing(h.db, shown).catch((e: unknown) => {
      throw connectionError(e, shown);
    });
    if (kind === 'missing' && access !== 'create')
      throw new AppError(
        'NOT_FOUND',
        `В базе данных ${shown} нет таблиц журнала. Создайте их командой init (от имени владельца базы данных).`,
      );
    await migratePostgres(h.db);
    if (kind === 'missing') forgetAnchor(url); // a new database under this name starts a new audit chain
    const handle = { db: h.db, file: url, close: h.close } as OpenDatabase;
    Object.defineProperty(handle, 'raw', {
      get() {
        throw new AppError('UNSUPPORTED', sqliteOnlyMessage(running.command));
      },
    });
    return await fn(handle);
  } finally {
    await h.close();
  }
}

/** The refusal of a command that works with an SQLite file only (yet). */
export function sqliteOnlyMessage(command: string): string {
  const what = command ? `Команда «${command}»` : 'Эта команда';
  return `${what}: на сервере PostgreSQL пока недоступно (работает с базой SQLite). База данных не изменена.`;
}

/** A connection that failed before any query: the server's reason, with the connection string without its password. */
function connectionError(e: unknown, shown: string): unknown {
  const code = (e as { code?: string }).code;
  if (code === '42501')
    return new AppError(
      'FORBIDDEN',
      `Нет прав читать базу данных ${shown}: ${(e as Error).message}. Выдайте права скриптом build/pg-roles.sql.`,
    );
  if (e instanceof AppError || !(e instanceof Error)) return e;
  return new AppError('DB_UNAVAILABLE', `Не удаётся подключиться к базе данных ${shown}: ${e.message}`);
}

/** Opens the file (or the PostgreSQL database) for one command, with the lock its access needs (see Access). */
export async function withDatabase<T>(
  file: string | undefined,
  fn: (h: OpenDatabase) => Promise<T>,
  opts: { access?: Access } = {},
): Promise<T> {
  if (!file) throw new UsageError('Укажите --db FILE');
  const access = opts.access ?? 'write';
  if (isPostgresUrl(file)) return withPostgres(file, fn, access);
  const dbFile = path.resolve(file);
  const kind = assertJournalOrMissing(dbFile);
  if (kind === 'missing' && access !== 'create') throw new AppError('NOT_FOUND', `Файл базы данных не найден: ${file}`);
  if (access === 'read' && kind === 'journal') {
    const holder = lockHolder(dbFile);
    if (holder) {
      const raw = openRaw(dbFile, { readonly: true });
      const h = wrap(raw, dbFile);
      try {
        assertNotNewer(raw);
        if ((raw.pragma('user_version', { simple: true }) as number) < SCHEMA_VERSION)
          throw new AppError(
            'DB_LOCKED',
            `Структура базы данных ${file} устарела и будет обновлена, когда её откроют для записи; сейчас она открыта: ${describeOwner(holder)}.`,
          );
        return await fn(h);
      } finally {
        await h.close();
      }
    }
  }
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  const lock = acquireLock(dbFile, cliProgramName());
  try {
    const h = await openDatabase(dbFile);
    if (kind === 'missing') forgetAnchor(dbFile); // a new database at this path starts a new audit chain
    try {
      return await fn(h);
    } finally {
      await h.close();
    }
  } finally {
    lock.release();
  }
}

/**
 * For a command that does something else first (writes a key file, moves the file to a server): refuse early what
 * withDatabase would refuse. `lost` says what writing during the command would lose, after «Закройте программу и повторите».
 */
export function assertWritable(file: string, lost?: string): void {
  if (isPostgresUrl(file)) return; // no lock file on PostgreSQL; withDatabase refuses what is not a journal
  const dbFile = path.resolve(file);
  if (assertJournalOrMissing(dbFile) === 'missing') throw new AppError('NOT_FOUND', `Файл базы данных не найден: ${file}`);
  const holder = lockHolder(dbFile);
  if (holder)
    throw new AppError(
      'DB_LOCKED',
      `База данных ${file} сейчас открыта для записи: ${describeOwner(holder)}. Закройте программу и повторите${lost ? `: ${lost}` : '.'}`,
    );
}

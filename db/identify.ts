import fs from 'node:fs';
import Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { AppError } from './errors';

// Is this file a school journal's database? Asked before anything opens a file for writing, so that
// another program's SQLite file, an empty file or a text file is refused byte for byte unchanged
// (issue 11, part 6). Only `demo`, `init` and the program's first start on a path that does not exist
// create a database.

/** `PRAGMA application_id` of a journal database ("SJNL"), set by migration 0011. */
export const JOURNAL_APPLICATION_ID = 0x534a4e4c;

const SQLITE_MAGIC = Buffer.from('SQLite format 3\u0000', 'latin1');

export type FileKind = { kind: 'missing' } | { kind: 'journal' } | { kind: 'foreign'; reason: string };

function readHeader(file: string): Buffer {
  const fd = fs.openSync(file, 'r');
  try {
    const b = Buffer.alloc(100);
    const n = fs.readSync(fd, b, 0, 100, 0);
    return b.subarray(0, n);
  } finally {
    fs.closeSync(fd);
  }
}

/** A database from before migration 0011 (or one whose header change still sits in the -wal): its tables say so. */
function hasJournalTables(file: string): boolean {
  // A read-only connection to a WAL-mode file creates -wal and -shm when they are absent; remove what it created.
  const created = ['-wal', '-shm'].filter((s) => !fs.existsSync(file + s));
  let raw: Database.Database | null = null;
  try {
    raw = new Database(file, { readonly: true, fileMustExist: true });
    const tables = raw
      .prepare(`select count(*) from sqlite_master where type = 'table' and name in ('kysely_migration', 'audit_log', 'setting')`)
      .pluck()
      .get() as number;
    if (tables !== 3) return false;
    return !!raw.prepare(`select 1 from kysely_migration where name = '0001_foundation'`).get();
  } catch {
    return false;
  } finally {
    raw?.close();
    for (const s of created) {
      const f = file + s;
      try {
        if (s === '-shm' || fs.statSync(f).size === 0) fs.rmSync(f, { force: true });
      } catch {
        /* not there */
      }
    }
  }
}

export function fileKind(file: string): FileKind {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    return { kind: 'missing' };
  }
  if (!st.isFile()) return { kind: 'foreign', reason: 'это не файл' };
  if (st.size === 0) return { kind: 'foreign', reason: 'файл пустой' };
  const h = readHeader(file);
  if (h.length < 100 || !h.subarray(0, 16).equals(SQLITE_MAGIC)) return { kind: 'foreign', reason: 'это не файл SQLite' };
  const appId = h.readInt32BE(68);
  if (appId === JOURNAL_APPLICATION_ID) return { kind: 'journal' };
  if (appId !== 0) return { kind: 'foreign', reason: `база SQLite другой программы (application_id ${appId})` };
  return hasJournalTables(file) ? { kind: 'journal' } : { kind: 'foreign', reason: 'база SQLite другой программы' };
}

/** Refuses (DB_FOREIGN) a file that exists and is not a journal database; `missing` is the caller's decision. */
export function assertJournalOrMissing(file: string): 'missing' | 'journal' {
  const k = fileKind(file);
  if (k.kind === 'foreign')
    throw new AppError(
      'DB_FOREIGN',
      `Файл ${file} — не база данных школьного журнала (${k.reason}). Файл не изменён. ` +
        'Новую базу создаёт команда init или первый запуск программы с путём к ещё не существующему файлу.',
    );
  return k.kind;
}

/**
 * The same question for a PostgreSQL database (issue 17): no tables in its schema is `missing` (a database the
 * administrator created empty, for `init` or the first start), the journal's own tables are `journal`, anything else
 * is another program's and is refused unchanged.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: this asks what the database holds
export async function postgresKind(db: Kysely<any>): Promise<FileKind> {
  const tables = (
    await sql<{ name: string }>`select tablename as name from pg_tables where schemaname = current_schema() order by tablename`.execute(db)
  ).rows.map((r) => r.name);
  if (!tables.length) return { kind: 'missing' };
  const ours = ['kysely_migration', 'audit_log', 'setting'].every((t) => tables.includes(t));
  if (ours) {
    const first = await sql`select 1 from kysely_migration where name = '0001_foundation'`.execute(db);
    if (first.rows.length) return { kind: 'journal' };
  }
  const shown = tables.slice(0, 5).join(', ') + (tables.length > 5 ? ', …' : '');
  return { kind: 'foreign', reason: `в ней таблицы другой программы: ${shown}` };
}

/** `assertJournalOrMissing` for a PostgreSQL database; `target` names it in the message (without its password). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
export async function assertPostgresJournalOrMissing(db: Kysely<any>, target: string): Promise<'missing' | 'journal'> {
  const k = await postgresKind(db);
  if (k.kind === 'foreign')
    throw new AppError(
      'DB_FOREIGN',
      `База данных ${target} — не база школьного журнала (${k.reason}). Ничего не изменено. ` +
        'Для журнала создайте на сервере отдельную пустую базу данных и выполните в ней команду init.',
    );
  return k.kind;
}

import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { DB } from './schema';

export type Db = Kysely<DB>;

export interface OpenDatabase {
  db: Db;
  raw: Database.Database;
  file: string;
  close(): Promise<void>;
}

export interface OpenOptions {
  readonly?: boolean;
  /** Path to a better-sqlite3 .node built for another runtime (Electron's ABI). */
  nativeBinding?: string;
}

export function openRaw(file: string, opts: OpenOptions = {}): Database.Database {
  const raw = new Database(file, {
    readonly: opts.readonly ?? false,
    fileMustExist: opts.readonly ?? false,
    nativeBinding: opts.nativeBinding ?? process.env.SCHOOL_JOURNAL_SQLITE_BINDING,
  });
  raw.pragma('busy_timeout = 5000');
  if (!opts.readonly) {
    raw.pragma('journal_mode = WAL');
    // A mark once shown as saved must survive a power cut.
    raw.pragma('synchronous = FULL');
  }
  raw.pragma('foreign_keys = ON');
  return raw;
}

export function wrap(raw: Database.Database, file: string): OpenDatabase {
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: raw }) });
  return {
    db,
    raw,
    file,
    async close() {
      await db.destroy();
    },
  };
}

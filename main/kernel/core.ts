import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { idleCheckpointer } from '../../db/checkpoint';
import { assertJournalOrMissing, assertPostgresJournalOrMissing } from '../../db/identify';
import { acquireLock } from '../../db/lock';
import { isPostgresUrl } from '../../db/dialect';
import { openDatabase } from '../../db/index';
import { connectPostgres, openPostgres, redactUrl } from '../../db/postgres';
import { forgetAnchor, readAnchor, saveAnchor, saveAnchorDb } from './audit-anchor';
import { checkAnchors, checkAnchorsDb } from './audit-verify';
import type { AppEnv } from './env';
import { APP_VERSION } from './version';

/** Something a capability keeps running while the database is open (the backup schedule). */
export interface Running {
  stop(): void;
}

/** A capability's start hook: called once the database is open, stopped before it closes. */
export type Starter = (env: AppEnv) => Promise<Running | null>;

/** Compares the chain with the head this program last saw for this file; the warning text, or null. */
function checkRemembered(file: string, raw: Database.Database, firstStart: boolean): string | null {
  if (firstStart) {
    forgetAnchor(file); // a new database at this path starts a new chain
    return null;
  }
  const anchor = readAnchor(file);
  return rememberedWarning(anchor ? checkAnchors(raw, [anchor]) : []);
}

/** The warning text of anchor problems (shared by both engines). */
function rememberedWarning(problems: string[]): string | null {
  if (!problems.length) return null;
  const warning =
    `${problems.join('; ')}. Записи журнала аудита пропали или переписаны после последнего запуска программы. ` +
    'Проверьте журнал аудита и сравните с резервными копиями (audit verify --manifest); после разбора удалите файл отметки, ' +
    'чтобы программа запомнила журнал заново.';
  console.warn(`[журнал аудита] ${warning}`);
  return warning;
}

/** How the lock file names the program holding the database. */
const PROGRAM: Record<AppEnv['runtime'], string> = { electron: 'Школьный журнал', 'browser-host': 'Школьный журнал (браузерная версия)' };

export interface CoreOptions {
  dbFile: string;
  runtime: AppEnv['runtime'];
  now?: () => Date;
  nativeBinding?: string;
  /** false: no background work of the capabilities (tests, one-off tools). */
  background?: boolean;
}

export interface Core {
  env: AppEnv;
  /** Call after every answered or refused call: idle-time work (WAL checkpoints) waits for a quiet moment. */
  settled(): void;
  close(): Promise<void>;
}

/** The capabilities' start hooks, stopped again (and the database closed) if one of them fails. */
async function startAll(env: AppEnv, starters: readonly Starter[], onFail: () => Promise<void>): Promise<Running[]> {
  const running: Running[] = [];
  try {
    for (const start of starters) {
      const r = await start(env);
      if (r) running.push(r);
    }
  } catch (e) {
    for (const r of running) r.stop();
    await onFail();
    throw e;
  }
  return running;
}

/**
 * A core on a PostgreSQL database (issue 17; docs/POSTGRES.md): several instances may share it, so there is no lock
 * file and no WAL to checkpoint; the audit chain's appends are ordered by the server (kernel/audit-chain.ts), and
 * sessions and login lockouts are rows every instance reads (kernel/sessions.ts). An empty database is the first start
 * (the schema is created), another program's tables are refused unchanged. The head of the chain is remembered per
 * connection string without its password (audit-anchor.ts): at start, at most once a minute after a call, and at close.
 */
async function createPostgresCore(opts: CoreOptions, starters: readonly Starter[]): Promise<Core> {
  const probe = await connectPostgres(opts.dbFile, 1);
  let firstStart: boolean;
  try {
    firstStart = (await assertPostgresJournalOrMissing(probe.db, redactUrl(opts.dbFile))) === 'missing';
  } finally {
    await probe.close();
  }
  const h = await openPostgres(opts.dbFile);
  const env: AppEnv = {
    db: h.db,
    raw: null,
    dbFile: opts.dbFile,
    runtime: opts.runtime,
    version: APP_VERSION,
    now: opts.now ?? (() => new Date()),
    auditWarning: null,
  };
  if (firstStart) forgetAnchor(opts.dbFile);
  else {
    const anchor = readAnchor(opts.dbFile);
    env.auditWarning = rememberedWarning(anchor ? await checkAnchorsDb(h.db, [anchor]) : []);
  }
  let remembered = Date.now();
  const remember = async () => {
    if (env.auditWarning) return;
    try {
      await saveAnchorDb(opts.dbFile, env.db);
    } catch (e) {
      console.warn(`[журнал аудита] не удалось запомнить последнюю запись: ${(e as Error).message}`);
    }
  };
  await remember();
  const running = opts.background !== false ? await startAll(env, starters, () => h.close()) : [];
  return {
    env,
    settled: () => {
      if (Date.now() - remembered < 60_000) return;
      remembered = Date.now();
      void remember();
    },
    async close() {
      for (const r of running) r.stop();
      await remember();
      await env.db.destroy();
    },
  };
}

/** Opens the database (migrating it), builds the environment every way in shares and starts the capabilities. */
export async function createCore(opts: CoreOptions, starters: readonly Starter[]): Promise<Core> {
  if (isPostgresUrl(opts.dbFile)) return createPostgresCore(opts, starters);
  // A path that does not exist yet is the first start and becomes a new database; an existing file must be a
  // journal's. The program holds the database's lock for as long as it runs (db/lock.ts).
  const file = path.resolve(opts.dbFile);
  const firstStart = assertJournalOrMissing(file) === 'missing';
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = acquireLock(file, PROGRAM[opts.runtime]);
  let h;
  try {
    h = await openDatabase(opts.dbFile, { nativeBinding: opts.nativeBinding });
  } catch (e) {
    lock.release();
    throw e;
  }
  const raw = h.raw;
  const env: AppEnv = {
    db: h.db,
    raw: h.raw,
    dbFile: opts.dbFile,
    runtime: opts.runtime,
    version: APP_VERSION,
    now: opts.now ?? (() => new Date()),
    auditWarning: null,
  };
  env.auditWarning = checkRemembered(file, h.raw, firstStart);
  // The head is remembered at start, when calls pause (at most once a minute), and at close; not while a
  // warning stands, so the evidence stays until somebody has looked (docs/SECURITY.md).
  let remembered = Date.now();
  const remember = () => {
    if (env.auditWarning) return;
    try {
      saveAnchor(file, env.raw ?? raw);
    } catch (e) {
      console.warn(`[журнал аудита] не удалось запомнить последнюю запись: ${(e as Error).message}`);
    }
  };
  remember();
  const running =
    opts.background !== false
      ? await startAll(env, starters, async () => {
          await env.db.destroy();
          lock.release();
        })
      : [];
  // env.raw, not h.raw: a restore swaps the database under the environment.
  // The head is written when the calls pause, not inside a call: a file write on the save path would show in its p99.
  const checkpoints = idleCheckpointer(
    () => env.raw ?? raw,
    () => {
      if (Date.now() - remembered > 60_000) {
        remembered = Date.now();
        remember();
      }
    },
  );
  return {
    env,
    settled: () => checkpoints.poke(),
    async close() {
      remember();
      checkpoints.stop();
      for (const r of running) r.stop();
      // env.db, not the handle opened above: a restore swaps the database under the environment.
      await env.db.destroy();
      lock.release();
    },
  };
}

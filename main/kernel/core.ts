import fs from 'node:fs';
import path from 'node:path';
import { idleCheckpointer } from '../../db/checkpoint';
import { assertJournalOrMissing } from '../../db/identify';
import { acquireLock } from '../../db/lock';
import { openDatabase } from '../../db/index';
import type { AppEnv } from './env';
import { SessionStore } from './sessions';
import { getSetting } from './settings';
import { APP_VERSION } from './version';

/** Something a capability keeps running while the database is open (the backup schedule). */
export interface Running {
  stop(): void;
}

/** A capability's start hook: called once the database is open, stopped before it closes. */
export type Starter = (env: AppEnv) => Promise<Running | null>;

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

/** Opens the database (migrating it), builds the environment every way in shares and starts the capabilities. */
export async function createCore(opts: CoreOptions, starters: readonly Starter[]): Promise<Core> {
  // A path that does not exist yet is the first start and becomes a new database; an existing file must be a
  // journal's. The program holds the database's lock for as long as it runs (db/lock.ts).
  const file = path.resolve(opts.dbFile);
  assertJournalOrMissing(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = acquireLock(file, PROGRAM[opts.runtime]);
  let h;
  try {
    h = await openDatabase(opts.dbFile, { nativeBinding: opts.nativeBinding });
  } catch (e) {
    lock.release();
    throw e;
  }
  let idleMinutes: number = await getSetting(h.db, 'auth.idleMinutes');
  const env: AppEnv = {
    db: h.db,
    raw: h.raw,
    dbFile: opts.dbFile,
    runtime: opts.runtime,
    version: APP_VERSION,
    sessions: new SessionStore(() => idleMinutes * 60_000),
    now: opts.now ?? (() => new Date()),
  };
  const running: Running[] = [];
  if (opts.background !== false) {
    for (const start of starters) {
      const r = await start(env);
      if (r) running.push(r);
    }
  }
  // env.raw, not h.raw: a restore swaps the database under the environment.
  const checkpoints = idleCheckpointer(() => env.raw);
  return {
    env,
    settled: () => checkpoints.poke(),
    async close() {
      idleMinutes = 0;
      checkpoints.stop();
      for (const r of running) r.stop();
      // env.db, not the handle opened above: a restore swaps the database under the environment.
      await env.db.destroy();
      lock.release();
    },
  };
}

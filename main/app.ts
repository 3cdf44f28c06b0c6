import { openDatabase } from '../db';
import { idleCheckpointer } from '../db/checkpoint';
import { SessionStore } from './auth/sessions';
import { APP_VERSION } from './core/version';
import { getKey } from './backup/config';
import { backupWarnings } from './backup/schedule';
import { mediaRoots, startScheduler } from './backup/service';
import { Router, type RouterEnv } from './ipc/router';
import { getSetting } from './services/settings';

export interface Core {
  router: Router;
  env: RouterEnv;
  close(): Promise<void>;
}

export interface CoreOptions {
  dbFile: string;
  runtime: RouterEnv['runtime'];
  now?: () => Date;
  nativeBinding?: string;
  /** false: no in-app backup schedule (tests, one-off tools). */
  backupSchedule?: boolean;
}

/** Opens the database (migrating it) and builds the router every way in shares. */
export async function createCore(opts: CoreOptions): Promise<Core> {
  const h = await openDatabase(opts.dbFile, { nativeBinding: opts.nativeBinding });
  let idleMinutes: number = await getSetting(h.db, 'auth.idleMinutes');
  const env: RouterEnv = {
    db: h.db,
    raw: h.raw,
    dbFile: opts.dbFile,
    runtime: opts.runtime,
    version: APP_VERSION,
    sessions: new SessionStore(() => idleMinutes * 60_000),
    now: opts.now ?? (() => new Date()),
  };
  // Backups: the in-app schedule, and a start-up warning when the last verified backup is too old.
  const backups = opts.backupSchedule === false ? null : await startScheduler(env);
  if (await getKey(env.db)) for (const w of await backupWarnings(env.db, env.now(), mediaRoots())) console.warn(`[резервные копии] ${w}`);
  const router = new Router(env);
  // env.raw, not h.raw: a restore swaps the database under the router.
  const checkpoints = idleCheckpointer(() => env.raw);
  router.onSettled = () => checkpoints.poke();
  return {
    router,
    env,
    async close() {
      idleMinutes = 0;
      checkpoints.stop();
      backups?.stop();
      // env.db, not the handle opened above: a restore swaps the database under the router.
      await env.db.destroy();
    },
  };
}

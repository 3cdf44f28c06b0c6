import { openDatabase } from '../db';
import { SessionStore } from './auth/sessions';
import { APP_VERSION } from './core/version';
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
  return {
    router: new Router(env),
    env,
    async close() {
      idleMinutes = 0;
      await h.close();
    },
  };
}

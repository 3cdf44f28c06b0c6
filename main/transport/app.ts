import { handlers, starters } from '../capabilities';
import { createCore, type CoreOptions } from '../kernel/core';
import type { AppEnv } from '../kernel/env';
import { Router } from './router';

export interface App {
  router: Router;
  env: AppEnv;
  close(): Promise<void>;
}

/** The program on one database: the kernel with every capability started, and the router every way in shares. */
export async function startApp(opts: CoreOptions): Promise<App> {
  const core = await createCore(opts, starters);
  const router = new Router(core.env, handlers);
  router.onSettled = core.settled;
  return { router, env: core.env, close: core.close };
}

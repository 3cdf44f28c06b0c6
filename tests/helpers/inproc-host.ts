import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, type App } from '../../main/transport/app';
import { startHost, type Host, type HostOptions } from '../../main/transport/host/server';
import { HostClient } from './api';

/**
 * The real browser host (server.ts and the whole router) in this process, on a fresh SQLite file, with a clock the
 * test moves. For HTTP-level tests that need no Chromium and no build, and that must control time.
 */
export async function inProcessHost(opts: { dbFile?: string; host?: Partial<Omit<HostOptions, 'core' | 'staticDir'>> } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-host-'));
  const staticDir = path.join(dir, 'static');
  fs.mkdirSync(staticDir);
  fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>журнал</title>');
  const dbFile = opts.dbFile ?? path.join(dir, 'journal.sqlite');
  const clock = { offsetMs: 0 };
  const core: App = await startApp({
    dbFile,
    runtime: 'browser-host',
    background: false,
    now: () => new Date(Date.now() + clock.offsetMs),
  });
  const host: Host = await startHost({ core, staticDir, ...opts.host });
  // An SQLite file: its better-sqlite3 handle is there (null only on PostgreSQL, docs/POSTGRES.md).
  const raw = core.env.raw;
  if (!raw) throw new Error('the in-process host runs on an SQLite file');
  return {
    core: core as App & { env: App['env'] & { raw: typeof raw } },
    host,
    dbFile,
    clock,
    client: () => new HostClient(host.url).open(),
    async stop() {
      await host.close();
      await core.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

import fs from 'node:fs';
import path from 'node:path';
import { startApp } from '../app';
import { redactUrl } from '../../../db/postgres';
import { rendererDir, resolveDbTarget } from '../../kernel/paths';
import { startHost, type Host } from './server';

export interface LaunchOptions {
  db?: string;
  port?: number;
}

/** Starts the browser host on the user's database and prints the one address to open. */
export async function startFromCli(opts: LaunchOptions): Promise<Host> {
  const dbFile = resolveDbTarget(opts.db);
  const staticDir = rendererDir();
  if (!fs.existsSync(path.join(staticDir, 'index.html'))) throw new Error(`Интерфейс не собран (${staticDir}): выполните npm run build`);
  const core = await startApp({ dbFile, runtime: 'browser-host' });
  const host = await startHost({ core, staticDir, port: opts.port });
  console.log(`Браузерная версия открыта: ${host.url}`);
  console.log(`База данных: ${redactUrl(dbFile)}`);
  const stop = async () => {
    await host.close();
    await core.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return host;
}

import { parseArgs } from 'node:util';
import type { Command } from '../../kernel/cli-command';

export const host: Command = {
  usage: 'host [--db FILE] [--port N]\n      открыть программу в браузере (без Electron), напечатать адрес',
  async run(args) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, port: { type: 'string' } } });
    const { startFromCli } = await import('../host/launch');
    await startFromCli({ db: values.db, port: values.port ? Number(values.port) : undefined });
    return new Promise<number>(() => {}); // serves until the process is stopped
  },
};

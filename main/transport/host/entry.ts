import { startFromCli } from './launch';

// The browser host's own bundle: it loads the router and nothing the CLI's other commands need,
// so that start-up stays short.
export async function main(argv: string[]): Promise<number> {
  const { parseArgs } = await import('node:util');
  const { values } = parseArgs({ args: argv, options: { db: { type: 'string' }, port: { type: 'string' } } });
  try {
    await startFromCli({ db: values.db, port: values.port ? Number(values.port) : undefined });
  } catch (e) {
    console.error((e as Error).message);
    return 1;
  }
  return new Promise<number>(() => {});
}

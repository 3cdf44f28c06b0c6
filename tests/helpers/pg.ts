import { randomBytes } from 'node:crypto';
import pg from 'pg';

// PostgreSQL for the tests (issue 17). SJ_TEST_PG is the connection string of a server the tests may create and drop
// databases on (CI: build/pg-test-cluster.sh, a throwaway cluster on a unix socket). Unset: the PostgreSQL tests are
// skipped, and say so.

export const PG_URL = process.env.SJ_TEST_PG || null;

/** For `test(name, { skip: pgSkip }, …)`: false when PostgreSQL is there, else the printed reason. */
export const pgSkip: string | false = PG_URL ? false : 'SJ_TEST_PG is not set: the PostgreSQL side is skipped (docs/POSTGRES.md)';

/** The same server, another database (WHATWG URL cannot parse the empty host of a unix-socket URL). */
export function urlOfDatabase(base: string, database: string): string {
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/i.exec(base);
  if (!m) throw new Error(`not a PostgreSQL URL: ${base}`);
  return `${m[1]}/${database}${m[2] ?? ''}`;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: PG_URL! });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

/** A new empty database on the test server; `drop()` removes it (forcing out connections a failed test left). */
export async function freshPgDatabase(prefix = 'sj_test'): Promise<{ url: string; name: string; drop(): Promise<void> }> {
  if (!PG_URL) throw new Error('SJ_TEST_PG is not set');
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`create database ${name}`));
  return {
    url: urlOfDatabase(PG_URL, name),
    name,
    drop: () => admin((c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

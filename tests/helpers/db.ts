import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { openDatabase } from '../../db';
import { openPostgres } from '../../db/postgres';
import { systemActor, type Actor, type Ctx } from '../../main/kernel/context';
import { freshPgDatabase } from './pg';

/**
 * The engine the service tests run on: SQLite unless SJ_TEST_ENGINE=postgres (build/run-tests.mjs sets it for the
 * files of tests/postgres-files.txt, with SJ_TEST_PG naming the server; docs/POSTGRES.md).
 */
export const TEST_ENGINE: 'sqlite' | 'postgres' = process.env.SJ_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** A fresh PostgreSQL database on the test server, migrated, shaped like an SQLite handle but without `raw`. */
async function openTestPostgres(dir: string) {
  const d = await freshPgDatabase('sj_unit');
  const h = await openPostgres(d.url);
  return {
    db: h.db,
    // A test that reaches for better-sqlite3 is an SQLite-only test: it fails loudly here, and is left off the list.
    raw: null as unknown as Database.Database,
    // No file on PostgreSQL: a placeholder path; the CLI's --db takes `target` (the URL).
    file: path.join(dir, 'postgres'),
    url: d.url as string | null,
    migration: { ...h.migration, backupFile: null },
    close: () => h.close(),
    drop: () => d.drop(),
  };
}

/** A real migrated database (an SQLite file in a fresh temporary folder, or a PostgreSQL database), with a system actor. */
export async function tempDb(name = 'test.sqlite') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-test-'));
  const file = path.join(dir, name);
  const h = TEST_ENGINE === 'postgres' ? await openTestPostgres(dir) : { ...(await openDatabase(file)), url: null, drop: null };
  let closed: Promise<void> | null = null;
  // Closing twice is harmless (a test closes its handle before the CLI opens the database, then cleans up).
  const close = () => (closed ??= Promise.resolve(h.close()));
  const ctx: Ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date() };
  return {
    ...h,
    /** Closes this handle only; the PostgreSQL database stays until `cleanup()`, so the CLI can still open it. */
    close,
    dir,
    ctx,
    /** What the CLI's `--db` takes for this database: the SQLite file, or the PostgreSQL connection URL. */
    target: h.url ?? file,
    /**
     * One statement through the engine's own shell, outside the program: `sqlite3 <file>` or `psql <url>` (both print
     * a bare value per line). For counts read independently of Kysely and for hand-written writes the database itself
     * must refuse.
     */
    shell(statement: string): { status: number | null; stdout: string; stderr: string } {
      const [cmd, args] = h.url
        ? ['psql', [h.url, '-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', statement]]
        : ['sqlite3', [file, statement]];
      return spawnSync(cmd, args, { encoding: 'utf8' });
    },
    /** A second, independent handle on the same database (after the CLI wrote to it); close it after use. */
    reopen() {
      return h.url ? openPostgres(h.url) : openDatabase(file);
    },
    as(actor: Actor): Ctx {
      return { ...ctx, actor };
    },
    async cleanup() {
      await close();
      await h.drop?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

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

/**
 * `{ skip: CLI_ON_FILE_ONLY }` for a test that drives the CLI with `--db <file>` or reads the file with the `sqlite3`
 * shell: it runs on SQLite and is skipped, with this reason printed, on PostgreSQL until the CLI takes
 * `--db postgres://…` (docs/POSTGRES.md).
 */
export const CLI_ON_FILE_ONLY: string | false =
  TEST_ENGINE === 'postgres' ? 'the CLI opens an SQLite file only (--db postgres://… is not wired yet)' : false;

/** A fresh PostgreSQL database on the test server, migrated, shaped like an SQLite handle but without `raw`. */
async function openTestPostgres(dir: string) {
  const d = await freshPgDatabase('sj_unit');
  const h = await openPostgres(d.url);
  return {
    db: h.db,
    // A test that reaches for better-sqlite3 is an SQLite-only test: it fails loudly here, and is left off the list.
    raw: null as unknown as Database.Database,
    file: path.join(dir, 'postgres'),
    url: d.url as string | null,
    migration: { ...h.migration, backupFile: null },
    async close() {
      await h.close();
      await d.drop();
    },
  };
}

/** A real migrated database (an SQLite file in a fresh temporary folder, or a PostgreSQL database), with a system actor. */
export async function tempDb(name = 'test.sqlite') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-test-'));
  const file = path.join(dir, name);
  const h = TEST_ENGINE === 'postgres' ? await openTestPostgres(dir) : { ...(await openDatabase(file)), url: null };
  const ctx: Ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date() };
  return {
    ...h,
    dir,
    ctx,
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
    as(actor: Actor): Ctx {
      return { ...ctx, actor };
    },
    async cleanup() {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

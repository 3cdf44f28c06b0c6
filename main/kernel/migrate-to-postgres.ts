import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openRaw } from '../../db/connection';
import { copySqliteToPostgres, assertEmptyTarget, type CopyProgress, type CopyReport } from '../../db/copy-to-postgres';
import { AppError } from '../../db/errors';
import { assertWritable } from './cli-command';
import { appliedMigrations, assertNotNewer } from '../../db/migrate';
import { migrations, SCHEMA_VERSION } from '../../db/migrations';
import { migratePostgres, openPool, wrapPostgres, type OpenPostgres } from '../../db/postgres';
import { readAnchor } from './audit-anchor';
import { verifyAuditChain, verifyAuditChainDb } from './audit-verify';

// `school-journal migrate-to --from F.sqlite --to postgres://…` (issue 17 part 4): a school's SQLite file moved into
// an empty PostgreSQL database. The file is opened read-only and checked first (a journal, this version's schema,
// nobody writing to it, its audit chain whole); the target must hold nothing; the copy is one transaction that
// commits only when every table's count and the audit chain's head on the server equal the file's. The demo's
// `--db postgres://…` goes through here too (generated into a temporary file first).

export interface ChainCheck {
  rows: number;
  head: string | null;
  ms: number;
}

export interface MigrateToReport {
  copy: CopyReport;
  source: ChainCheck;
  target: ChainCheck;
  /** Everything from opening the file to the end of `analyze`. */
  ms: number;
}

export interface MigrateToOptions {
  onProgress?(p: CopyProgress): void;
  /** A Russian line for each step («Проверяю журнал аудита в файле…»). */
  onStep?(line: string): void;
  batchRows?: number;
}

/**
 * A read-only connection to a journal file. On a file in WAL mode SQLite creates -wal and -shm beside it even for a
 * reader; what it created is removed on close, so the folder is left as it was found.
 */
export function openReadOnly(file: string): { raw: Database.Database; close(): void } {
  const created = ['-wal', '-shm'].filter((s) => !fs.existsSync(file + s));
  const raw = openRaw(file, { readonly: true });
  return {
    raw,
    close() {
      raw.close();
      for (const s of created) {
        const f = file + s;
        try {
          if (s === '-shm' || fs.statSync(f).size === 0) fs.rmSync(f, { force: true });
        } catch {
          /* not there */
        }
      }
    },
  };
}

/**
 * Opens the file to be moved, refusing (nothing changed anywhere) what cannot be moved: a file that is not a journal
 * (DB_FOREIGN), one held for writing (DB_LOCKED: what it wrote during the move would be lost), one from a newer
 * (DB_NEWER) or an older program (DB_OLDER: the copy needs this version's tables).
 */
export function openSource(file: string): { raw: Database.Database; close(): void } {
  assertWritable(file, 'записанное во время переноса в PostgreSQL не попало бы.');
  const abs = path.resolve(file);
  const src = openReadOnly(abs);
  try {
    assertNotNewer(src.raw);
    const done = new Set(appliedMigrations(src.raw));
    const missing = Object.keys(migrations).filter((n) => !done.has(n));
    if (missing.length)
      throw new AppError(
        'DB_OLDER',
        `База данных ${file} записана предыдущей версией программы (схема ${done.size}, эта версия переносит схему ${SCHEMA_VERSION}). ` +
          `Откройте её этой версией (например, «school-journal stats --db ${file}»): структура обновится; затем повторите перенос. Файл не изменён.`,
      );
    return src;
  } catch (e) {
    src.close();
    throw e;
  }
}

/** A connection to the target, refused (DESTINATION) when the server cannot be reached or the database is missing. */
export async function connectTarget(url: string): Promise<OpenPostgres> {
  const h = wrapPostgres(url, openPool(url, 2));
  try {
    await sql`select 1`.execute(h.db);
    return h;
  } catch (e) {
    await h.close();
    throw new AppError('DESTINATION', `Не удалось подключиться к серверу PostgreSQL: ${(e as Error).message}`);
  }
}

/** The target checked empty (read only), then migrated to this version's schema. */
export async function prepareTarget(url: string): Promise<OpenPostgres> {
  const h = await connectTarget(url);
  try {
    await assertEmptyTarget(h.db);
    await migratePostgres(h.db);
    return h;
  } catch (e) {
    await h.close();
    throw e;
  }
}

const since = (t: number) => performance.now() - t;

/** The whole move of one file into one database (see the top of this file); `target` may be prepared already. */
export async function migrateToPostgres(
  fromFile: string,
  target: string | OpenPostgres,
  opts: MigrateToOptions = {},
): Promise<MigrateToReport> {
  const started = performance.now();
  const step = opts.onStep ?? (() => {});
  const src = openSource(fromFile);
  try {
    step('Проверяю журнал аудита в файле…');
    let t = performance.now();
    const anchor = readAnchor(path.resolve(fromFile));
    const chain = verifyAuditChain(src.raw, anchor ? [anchor] : []);
    if (!chain.ok)
      throw new AppError(
        'AUDIT_BROKEN',
        `Журнал аудита в файле ${fromFile} нарушен, перенос не начат:\n${chain.problems.map((p) => `  ${p}`).join('\n')}`,
      );
    const source: ChainCheck = { rows: chain.rows, head: chain.head, ms: since(t) };
    const h = typeof target === 'string' ? await prepareTarget(target) : target;
    try {
      step('Копирую таблицы одной транзакцией…');
      let checked: ChainCheck | null = null;
      const copy = await copySqliteToPostgres(src.raw, h.db, {
        batchRows: opts.batchRows,
        onProgress: opts.onProgress,
        async beforeCommit(trx) {
          step('Проверяю журнал аудита на сервере…');
          t = performance.now();
          const r = await verifyAuditChainDb(trx);
          if (!r.ok || r.rows !== source.rows || r.head !== source.head)
            throw new AppError(
              'AUDIT_BROKEN',
              `Журнал аудита на сервере не совпал с файлом (${r.rows} записей, последняя ${r.head ?? '—'}; в файле ${source.rows}, ` +
                `${source.head ?? '—'}${r.problem ? `; ${r.problem}` : ''}). Перенос отменён: данные в базу PostgreSQL не записаны.`,
            );
          checked = { rows: r.rows, head: r.head, ms: since(t) };
        },
      });
      return { copy, source, target: checked!, ms: since(started) };
    } finally {
      if (typeof target === 'string') await h.close();
    }
  } finally {
    src.close();
  }
}

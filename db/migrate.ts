import path from 'node:path';
import type Database from 'better-sqlite3';
import { Migrator, type Kysely } from 'kysely';
import { AppError } from './errors';
import { migrations, SCHEMA_VERSION, schemaVersionAfter } from './migrations';
import type { DB } from './schema';

const MIGRATION_TABLE = 'kysely_migration';

export interface MigrationReport {
  applied: string[];
  backupFile: string | null;
  schemaVersion: number;
}

export function appliedMigrations(raw: Database.Database): string[] {
  const table = raw.prepare(`select name from sqlite_master where type = 'table' and name = ?`).get(MIGRATION_TABLE);
  if (!table) return [];
  return (raw.prepare(`select name from ${MIGRATION_TABLE} order by name`).all() as { name: string }[]).map((r) => r.name);
}

/** Refuses a database written by a newer version of the program before anything touches it. */
export function assertNotNewer(raw: Database.Database): void {
  const known = new Set(Object.keys(migrations));
  const unknown = appliedMigrations(raw).filter((n) => !known.has(n));
  const userVersion = raw.pragma('user_version', { simple: true }) as number;
  if (unknown.length > 0 || userVersion > SCHEMA_VERSION) {
    throw new AppError(
      'DB_NEWER',
      `База данных создана более новой версией программы (схема ${Math.max(userVersion, SCHEMA_VERSION + unknown.length)}, ` +
        `эта программа знает схему ${SCHEMA_VERSION}). Обновите программу; база данных не изменена.`,
      { unknown, userVersion },
    );
  }
}

/**
 * Brings the schema to the latest version. Each migration runs inside its own
 * BEGIN IMMEDIATE … COMMIT because Kysely does not wrap SQLite migrations in a transaction.
 * A file that already holds data is copied beside itself first (online backup API).
 */
export async function migrateToLatest(db: Kysely<DB>, raw: Database.Database, file: string): Promise<MigrationReport> {
  assertNotNewer(raw);
  const done = new Set(appliedMigrations(raw));
  const pending = Object.keys(migrations).filter((n) => !done.has(n));
  if (pending.length === 0) return { applied: [], backupFile: null, schemaVersion: SCHEMA_VERSION };

  let backupFile: string | null = null;
  if (done.size > 0 && file !== ':memory:') {
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    backupFile = path.join(path.dirname(file), `${path.basename(file)}.before-migration-${stamp}`);
    await raw.backup(backupFile);
  }

  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
  });
  const applied: string[] = [];
  for (const name of pending) {
    raw.exec('BEGIN IMMEDIATE');
    try {
      const { error, results } = await migrator.migrateUp();
      const failed = results?.find((r) => r.status === 'Error');
      if (error || failed) throw error ?? new Error(`migration ${failed?.migrationName} failed`);
      // user_version is the position in the list, so the migration Kysely ran must be the one expected.
      const ran = results?.map((r) => r.migrationName) ?? [];
      if (ran.length !== 1 || ran[0] !== name) throw new Error(`expected to apply ${name}, Kysely applied [${ran.join(', ')}]`);
      raw.pragma(`user_version = ${schemaVersionAfter(name)}`);
      raw.exec('COMMIT');
      applied.push(name);
    } catch (e) {
      if (raw.inTransaction) raw.exec('ROLLBACK');
      throw new AppError(
        'MIGRATION_FAILED',
        `Не удалось обновить структуру базы данных (${name}). Изменения отменены` + (backupFile ? `, копия базы: ${backupFile}` : '') + '.',
        { cause: String(e) },
      );
    }
  }
  return { applied, backupFile, schemaVersion: SCHEMA_VERSION };
}

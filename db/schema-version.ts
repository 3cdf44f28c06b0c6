import { sql } from 'kysely';
import type { Db } from './connection';
import { engineOf } from './dialect';
import { schemaVersionPg } from './postgres';

/**
 * The schema version of an open journal database on either engine: SQLite keeps it in `PRAGMA user_version`,
 * PostgreSQL has no such header and counts the migrations applied (the same number: a migration's version is its
 * position in the list, db/migrations/index.ts).
 */
export async function schemaVersionOf(db: Db): Promise<number> {
  if (engineOf(db) === 'postgres') return schemaVersionPg(db);
  const r = await sql<{ user_version: number }>`pragma user_version`.execute(db);
  return r.rows[0]?.user_version ?? 0;
}

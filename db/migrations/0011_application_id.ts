import { type Kysely, sql } from 'kysely';
import { engineOf } from '../dialect';
import { JOURNAL_APPLICATION_ID } from '../identify';

// Marks the file as the school journal's own database: `PRAGMA application_id` lives in the SQLite header
// (offset 68), so a command can tell a journal from another program's SQLite file by reading 100 bytes,
// before SQLite or a migration touches it (db/identify.ts). Databases made before this migration are still
// recognised by their kysely_migration, audit_log and setting tables, and get the marker here.
// A PostgreSQL database has no file header to mark: it is named in its connection string instead.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (engineOf(db) === 'postgres') return;
  await sql.raw(`pragma application_id = ${JOURNAL_APPLICATION_ID}`).execute(db);
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

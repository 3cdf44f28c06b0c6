import { type Kysely, sql } from 'kysely';

// Backups: where they go, and what happened to each attempt and each restore drill.
// The backup key (public half only), the schedule and the retention live in `setting` as JSON.
export async function up(db: Kysely<unknown>): Promise<void> {
  // A destination is a folder, or a removable drive recognised by the marker file written on it
  // (drive_id), so that a USB stick that comes back under another letter or mount point is still ours.
  await db.schema
    .createTable('backup_destination')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('drive_id', 'text')
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create unique index backup_destination_drive on backup_destination(drive_id) where drive_id is not null`.execute(db);

  // One row per backup file written (or attempted) to one destination.
  await db.schema
    .createTable('backup_run')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('started_at', 'text', (c) => c.notNull())
    .addColumn('finished_at', 'text', (c) => c.notNull())
    .addColumn('trigger', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('destination_id', 'integer', (c) => c.references('backup_destination.id').onDelete('set null'))
    .addColumn('destination', 'text', (c) => c.notNull())
    .addColumn('file', 'text')
    .addColumn('db_bytes', 'integer')
    .addColumn('file_bytes', 'integer')
    .addColumn('sha256', 'text')
    .addColumn('schema_version', 'integer')
    .addColumn('audit_head', 'text')
    .addColumn('verified', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('rotated', 'text')
    .addColumn('message', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
  await sql`create index backup_run_started on backup_run(started_at)`.execute(db);

  // Restore drills and real restores: which file, what was found.
  await db.schema
    .createTable('backup_check')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('at', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('file', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('details', 'text')
    .addColumn('actor', 'text', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('The backup migration cannot be undone');
}

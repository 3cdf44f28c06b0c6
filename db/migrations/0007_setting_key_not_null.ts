import { type Kysely, sql } from 'kysely';

// 0001 declared `setting.key text primary key` without NOT NULL, and SQLite (for backwards
// compatibility) lets NULL into a primary key that is not an INTEGER rowid; db/schema.ts and every
// caller treat the key as a string. Found by tests/unit/schema-drift.test.ts. SQLite cannot add
// NOT NULL to an existing column, so the table is rebuilt; a row with a NULL key could never be read
// by key, so it is not carried over. Nothing else refers to `setting` (no foreign keys, triggers or views).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('setting_new')
    .addColumn('key', 'text', (c) => c.primaryKey().notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into setting_new(key, value) select key, value from setting where key is not null`.execute(db);
  await db.schema.dropTable('setting').execute();
  await db.schema.alterTable('setting_new').renameTo('setting').execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

import { type Kysely, sql } from 'kysely';

// Issue 17 part 3: several program instances on one database share who is logged in and who is locked out.
//
// `app_session`: one row per logged-in session. The token itself is never stored, only its SHA-256 (a stolen backup
// or a reader of the table cannot act as anybody). `last_seen` is written at most once a minute; `revoked_at` is set
// by a logout, a password change, a role change, an account disabled or compromised, and a restore, so that every
// instance refuses the token at its next call. Rows revoked or past their lifetime are deleted at the next login
// (kernel/sessions.ts). Not year data and not audited per call (the login is).
//
// `login_attempt`: failed attempts against logins nobody has, counted and locked like a real account's
// (app_user.failed_attempts / locked_until), so that no instance's answers tell an invented login from a real one.
// Keyed by the SHA-256 of what was typed: a password typed into the login field is not kept in the table.
//
// Portable as docs/POSTGRES.md says: the schema builder with SQLite's type names, plain indexes.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('app_session')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    // hex SHA-256 of the token handed to the client
    .addColumn('token_hash', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('app_user.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await sql`create unique index app_session_token on app_session(token_hash)`.execute(db);
  await sql`create index app_session_user on app_session(user_id)`.execute(db);
  await sql`create index app_session_created on app_session(created_at)`.execute(db);

  await db.schema
    .createTable('login_attempt')
    .addColumn('login_hash', 'text', (c) => c.primaryKey().notNull())
    .addColumn('failed_attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('locked_until', 'text')
    .addColumn('last_at', 'text', (c) => c.notNull())
    .execute();
  await sql`create index login_attempt_last on login_attempt(last_at)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('login_attempt').execute();
  await db.schema.dropTable('app_session').execute();
}

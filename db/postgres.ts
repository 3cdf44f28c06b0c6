import { Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { PortableSchemaPlugin } from './dialect';
import { AppError } from './errors';
import { migrations, SCHEMA_VERSION } from './migrations';
import type { DB } from './schema';

// A school journal on a PostgreSQL server (issue 17): one pool per process, the same migrations as SQLite through
// the portable-schema plugin (db/dialect.ts). Several program instances may share one database: the migrator
// takes PostgreSQL's advisory lock, so two instances starting at once migrate once.

const MIGRATION_TABLE = 'kysely_migration';

/** pg's OIDs whose text form is turned into a JS number, as better-sqlite3 returns them. */
const INT8 = 20;
const NUMERIC = 1700;

/**
 * SQLite hands back numbers; pg hands back bigint (count(*), sum of integers, every id column here) and numeric
 * (avg) as strings to keep their precision. Our ids and counts stay far below 2^53, so numbers they become.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8 || oid === NUMERIC) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format);
  },
};

export interface OpenPostgres {
  db: Kysely<DB>;
  url: string;
  close(): Promise<void>;
}

/**
 * The connection string without its password, for messages and as the key of what the program remembers about a
 * database (kernel/audit-anchor.ts): `postgres://sj_app@server:5432/school?sslmode=verify-full`.
 */
export function redactUrl(url: string): string {
  // Not WHATWG URL: it cannot parse the empty host of a unix-socket string (`postgresql://sj@/school?host=/run/pg`).
  return url.replace(/^(postgres(?:ql)?:\/\/[^:/@?]*):[^@/?]*@/i, '$1@').replace(/([?&]password=)[^&]*/gi, '$1***');
}

/**
 * Connections one program instance keeps to its school's database at most, unless the connection string says
 * `pool_max=N`. A district server serves many schools, each with a few instances, under one `max_connections`
 * (PostgreSQL's default is 100): docs/POSTGRES.md, part 6, has the measurement behind this figure. One instance is
 * one Node process, and every save of a school waits for the audit chain's lock, so more connections than this only
 * take memory from the server.
 */
export const DEFAULT_POOL_MAX = 4;
export const POOL_MAX_LIMIT = 50;

/** The connection string's own `pool_max` (taken out: neither pg nor libpq knows it) and the string without it. */
export function poolSettings(url: string): { connectionString: string; max: number } {
  const q = url.indexOf('?');
  if (q < 0) return { connectionString: url, max: DEFAULT_POOL_MAX };
  let max = DEFAULT_POOL_MAX;
  const rest: string[] = [];
  for (const part of url.slice(q + 1).split('&')) {
    const [k, v = ''] = part.split('=');
    if (k !== 'pool_max') {
      if (part) rest.push(part);
      continue;
    }
    const n = Number(decodeURIComponent(v));
    if (!Number.isInteger(n) || n < 1 || n > POOL_MAX_LIMIT)
      throw new AppError(
        'INVALID',
        `Параметр pool_max в строке подключения — число соединений от 1 до ${POOL_MAX_LIMIT}, а указано «${decodeURIComponent(v)}»`,
      );
    max = n;
  }
  return { connectionString: rest.length ? `${url.slice(0, q)}?${rest.join('&')}` : url.slice(0, q), max };
}

/** A pool on the school's database: at most `max` connections (else the string's `pool_max`, else the default). */
export function openPool(url: string, max?: number): pg.Pool {
  const s = poolSettings(url);
  const pool = new pg.Pool({
    connectionString: s.connectionString,
    max: max ?? s.max,
    // Seen in pg_stat_activity by the server's administrator; a connection string's own application_name wins.
    application_name: 'school-journal',
    types: types as pg.CustomTypesConfig,
  });
  // An idle connection the server ends (a restart, an administrator, a dropped database) is an 'error' event on the
  // pool; unheard, Node would end the whole process. The pool drops that connection and opens a new one when needed.
  pool.on('error', (e) => console.warn(`[PostgreSQL] соединение закрыто сервером: ${e.message}`));
  return pool;
}

export function wrapPostgres(url: string, pool: pg.Pool = openPool(url)): OpenPostgres {
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    url,
    async close() {
      await db.destroy();
    },
  };
}

export async function appliedMigrationsPg(db: Kysely<DB>): Promise<string[]> {
  const r = await sql<{ name: string }>`select name from ${sql.table(MIGRATION_TABLE)} order by name`
    .execute(db)
    .catch((e: { code?: string }) => {
      if (e.code === '42P01') return { rows: [] }; // undefined_table: a fresh database
      throw e;
    });
  return r.rows.map((x) => x.name);
}

/** The schema version of a PostgreSQL journal database: the number of migrations applied, as SQLite's user_version. */
export async function schemaVersionPg(db: Kysely<DB>): Promise<number> {
  return (await appliedMigrationsPg(db)).length;
}

/**
 * May the connected role change the schema? It must be able to create tables in the schema and own (or be a member
 * of the owner of) the journal's tables. The program's least-rights role may not: it is refused before anything runs.
 */
async function schemaRights(db: Kysely<DB>): Promise<{ user: string; may: boolean }> {
  const r = await sql<{ user: string; create: boolean; owner: boolean | null }>`
    select current_user as "user",
           has_schema_privilege(current_schema(), 'CREATE') as "create",
           (select pg_has_role(tableowner, 'USAGE') from pg_tables
             where schemaname = current_schema() and tablename = ${MIGRATION_TABLE}) as "owner"`.execute(db);
  const row = r.rows[0];
  return { user: row.user, may: !!row.create && row.owner !== false };
}

/**
 * Brings a PostgreSQL database to the latest schema. Kysely runs each pending migration inside one transaction
 * (PostgreSQL's DDL is transactional) under an advisory lock; a failed migration leaves nothing behind. A database
 * written by a newer program is refused before anything changes, as on SQLite.
 */
export async function migratePostgres(db: Kysely<DB>): Promise<{ applied: string[]; schemaVersion: number }> {
  const known = new Set(Object.keys(migrations));
  const applied = await appliedMigrationsPg(db);
  const unknown = applied.filter((n) => !known.has(n));
  if (unknown.length)
    throw new AppError(
      'DB_NEWER',
      `База данных создана более новой версией программы (схема ${SCHEMA_VERSION + unknown.length}, ` +
        `эта программа знает схему ${SCHEMA_VERSION}). Обновите программу; база данных не изменена.`,
      { unknown },
    );
  const done = new Set(applied);
  const pending = [...known].filter((n) => !done.has(n));
  // Up to date: the migrator is not even started (the program's role has no rights to its lock table's rows).
  if (!pending.length) return { applied: [], schemaVersion: SCHEMA_VERSION };
  const rights = await schemaRights(db);
  if (!rights.may)
    throw new AppError(
      'DB_RIGHTS',
      (applied.length
        ? `Структура базы данных устарела (схема ${applied.length}, этой программе нужна ${SCHEMA_VERSION}), `
        : 'В базе данных ещё нет таблиц журнала, ') +
        `а у пользователя PostgreSQL «${rights.user}» нет прав менять структуру базы. ` +
        (applied.length ? 'Обновите её' : 'Создайте их') +
        ' командой «school-journal migrate --db postgres://ВЛАДЕЛЕЦ@…» (или init) от имени владельца базы данных. База данных не изменена.',
      { pending },
    );
  const migrator = new Migrator({
    db: db.withPlugin(new PortableSchemaPlugin()) as unknown as Kysely<unknown>,
    provider: { getMigrations: async () => migrations },
    migrationTableName: MIGRATION_TABLE,
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed)
    throw new AppError(
      'MIGRATION_FAILED',
      `Не удалось обновить структуру базы данных (${failed?.migrationName ?? '?'}). Изменения отменены.`,
      { cause: String(error ?? failed?.migrationName) },
    );
  return { applied: (results ?? []).map((r) => r.migrationName), schemaVersion: SCHEMA_VERSION };
}

/** The database's name in a connection string (for messages; never the password). */
function databaseOf(url: string): string {
  const m = /^postgres(?:ql)?:\/\/[^/?]*\/([^?]*)/i.exec(url);
  return m?.[1] ? decodeURIComponent(m[1]) : '?';
}

/** The server's refusals at connecting, in words the school's administrator can act on; other errors as they are. */
export function connectionRefusal(e: unknown, url: string): unknown {
  const code = (e as { code?: string }).code;
  const db = databaseOf(url);
  const why: Record<string, string> = {
    // CONNECT on the database is not granted to this role: on a district server each school's role reaches only
    // its own school's database (docs/guide/admin-manual.md).
    '42501': `у роли из строки подключения нет права подключаться к базе «${db}» (на сервере района у каждой школы своя роль и своя база)`,
    '3D000': `базы «${db}» на сервере нет`,
    '28000': 'сервер не принимает эту роль с этого компьютера (pg_hba.conf) или такой роли нет',
    '28P01': 'неверный пароль роли',
  };
  if (!code || !why[code]) return e;
  return new AppError('DB_REFUSED', `Сервер PostgreSQL не открыл базу журнала: ${why[code]}. Проверьте строку подключения.`, {
    code,
    database: db,
  });
}

/**
 * A pool on the database, connected once: a refusal here is the server's about the connection itself (42501 there is
 * the database's CONNECT right; the same code later would be a table's right, which is not this message).
 */
export async function connectPostgres(url: string, max?: number): Promise<OpenPostgres> {
  const h = wrapPostgres(url, openPool(url, max));
  try {
    await sql`select 1`.execute(h.db);
    return h;
  } catch (e) {
    await h.close();
    throw connectionRefusal(e, url);
  }
}

/** Opens a PostgreSQL journal database and brings its schema up to date. */
export async function openPostgres(url: string): Promise<OpenPostgres & { migration: { applied: string[]; schemaVersion: number } }> {
  const h = await connectPostgres(url);
  try {
    const migration = await migratePostgres(h.db);
    return { ...h, migration };
  } catch (e) {
    await h.close();
    throw e;
  }
}

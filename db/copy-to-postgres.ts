import type Database from 'better-sqlite3';
import { CompiledQuery, sql, type Kysely } from 'kysely';
import { AppError } from './errors';
import type { DB } from './schema';

// The heart of `migrate-to` (issue 17 part 4): every row of an SQLite journal copied into a freshly migrated
// PostgreSQL database with its ids, in one transaction (all or nothing), then the counts compared table by table
// before the commit. The source is read in pages by rowid and written with multi-row inserts, so a five-year school
// (millions of marks) is copied in bounded memory. The command around it: main/kernel/migrate-to-postgres.ts.

/** PostgreSQL's limit of bind parameters in one statement (the protocol counts them in 16 bits). */
export const PG_MAX_PARAMS = 65535;
/** Rows per insert statement when the parameter limit allows more; measured in docs/POSTGRES.md. */
export const DEFAULT_BATCH_ROWS = 2000;
/**
 * The audit chain's advisory lock (main/kernel/audit-chain.ts AUDIT_CHAIN_LOCK, "SJNL"): held by the copy's
 * transaction, so no program instance appends to the chain of the database being filled, and two copies into one
 * database run one after the other (the second then finds it full and is refused).
 */
const CHAIN_LOCK = 0x534a4e4c;
/** Tables the migrations fill themselves (the work types of 0006): their rows are replaced by the source's. */
const SEEDED = new Set(['work_type']);

/** Rows per statement for a table of `columns` columns: at most `max`, and within the parameter limit. */
export function rowsPerInsert(columns: number, max = DEFAULT_BATCH_ROWS): number {
  return Math.max(1, Math.min(max, Math.floor(PG_MAX_PARAMS / Math.max(1, columns))));
}

/**
 * Not carried onto the server: the file's sessions (a token valid on the PC would stay valid on the server) and the
 * failed-login counts of invented logins. Everyone signs in again on the server.
 */
export const NOT_MOVED = new Set(['app_session', 'login_attempt']);

/** Tables in an order where every table comes after the tables its foreign keys point to. */
export function tablesInKeyOrder(raw: Database.Database): string[] {
  const names = raw
    .prepare(
      `select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\'
         and name not like 'kysely\\_migration%' escape '\\' order by name`,
    )
    .pluck()
    .all() as string[];
  const deps = new Map(
    names.map((n) => [
      n,
      (raw.prepare('select "table" from pragma_foreign_key_list(?)').pluck().all(n) as string[]).filter((t) => t !== n),
    ]),
  );
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (n: string, path: string[]) => {
    if (seen.has(n)) return;
    if (path.includes(n)) throw new Error(`foreign keys form a cycle: ${[...path, n].join(' → ')}`);
    for (const d of deps.get(n) ?? []) visit(d, [...path, n]);
    seen.add(n);
    out.push(n);
  };
  for (const n of names) visit(n, []);
  return out;
}

type AnyDb = Kysely<Record<string, Record<string, unknown>>>;

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Refuses a PostgreSQL database that already holds something: tables of another program, or a journal with data (any
 * row besides what the migrations seed). Reads only; safe before the migrations run.
 */
export async function assertEmptyTarget(db: Kysely<DB>): Promise<void> {
  const any = db as unknown as AnyDb;
  const tables = (
    await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`.execute(any)
  ).rows.map((r) => r.name);
  if (tables.length === 0) return;
  if (!tables.includes('kysely_migration'))
    throw new AppError(
      'TARGET_NOT_EMPTY',
      `В базе PostgreSQL уже есть таблицы другой программы (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ' …' : ''}). ` +
        'Перенос выполняется только в новую пустую базу; эта база не изменена.',
    );
  const filled: string[] = [];
  for (const t of tables) {
    if (t.startsWith('kysely_migration') || SEEDED.has(t)) continue;
    const r = await sql<{ x: number }>`select 1 as x from ${sql.table(t)} limit 1`.execute(any);
    if (r.rows.length) filled.push(t);
  }
  if (filled.length)
    throw new AppError(
      'TARGET_NOT_EMPTY',
      `База PostgreSQL не пустая: в ней уже есть данные журнала (таблицы ${filled.slice(0, 5).join(', ')}${filled.length > 5 ? ' …' : ''}). ` +
        'Перенос выполняется только в новую пустую базу; эта база не изменена.',
    );
}

export interface TableCopy {
  table: string;
  source: number;
  target: number;
  ms: number;
}

export interface CopyReport {
  tables: TableCopy[];
  rows: number;
  /** The copy's transaction, from its start to the commit. */
  ms: number;
  /** `analyze` after the commit (the planner's statistics of the new rows). */
  analyzeMs: number;
}

export interface CopyProgress {
  table: string;
  copied: number;
  total: number;
  /** The table's last page is written. */
  done: boolean;
}

export interface CopyOptions {
  /** At most this many rows per insert (DEFAULT_BATCH_ROWS); the parameter limit may make it fewer. */
  batchRows?: number;
  onProgress?(p: CopyProgress): void;
  /** Runs inside the copy's transaction after the counts matched, before the commit: throwing undoes everything. */
  beforeCommit?(trx: Kysely<DB>): Promise<void>;
}

/** One table, page by page in rowid order; returns the rows written. */
async function copyTable(raw: Database.Database, trx: AnyDb, table: string, total: number, opts: CopyOptions): Promise<number> {
  const page = raw.prepare(`select rowid as "__sj_rowid", * from ${quote(table)} where rowid > ? order by rowid limit ?`).raw(true);
  const columns = page
    .columns()
    .slice(1)
    .map((c) => c.name);
  const perInsert = rowsPerInsert(columns.length, opts.batchRows);
  const head = `insert into ${quote(table)} (${columns.map(quote).join(', ')}) values `;
  const statements = new Map<number, string>();
  const statement = (rows: number) => {
    let s = statements.get(rows);
    if (!s) {
      const tuples: string[] = [];
      for (let r = 0, p = 1; r < rows; r++) {
        const ps: string[] = [];
        for (let c = 0; c < columns.length; c++) ps.push(`$${p++}`);
        tuples.push(`(${ps.join(', ')})`);
      }
      s = head + tuples.join(', ');
      statements.set(rows, s);
    }
    return s;
  };
  // A closed year's rows would be refused by the year-lock triggers: years arrive open and are closed at the end.
  const closedAt = table === 'academic_year' ? columns.indexOf('closed') : -1;
  let after = Number.MIN_SAFE_INTEGER;
  let copied = 0;
  for (;;) {
    const rows = page.all(after, perInsert) as unknown[][];
    if (rows.length === 0) break;
    const params: unknown[] = [];
    for (const r of rows) for (let c = 1; c < r.length; c++) params.push(c - 1 === closedAt ? 0 : r[c]);
    try {
      await trx.executeQuery(CompiledQuery.raw(statement(rows.length), params));
    } catch (e) {
      throw new AppError(
        'MIGRATION_FAILED',
        `Таблица ${table}, ${after === Number.MIN_SAFE_INTEGER ? 'первые строки' : `строки после rowid ${after}`}: сервер PostgreSQL не принял их (${(e as Error).message}). ` +
          'Перенос отменён: данные в базу PostgreSQL не записаны.',
      );
    }
    copied += rows.length;
    after = rows[rows.length - 1][0] as number;
    opts.onProgress?.({ table, copied, total, done: rows.length < perInsert });
    if (rows.length < perInsert) break;
  }
  if (copied === 0) opts.onProgress?.({ table, copied, total, done: true });
  return copied;
}

const countOf = async (db: AnyDb, t: string) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0].n);

/**
 * Copies every table of `raw` (a journal at the latest schema) into `target` (migrated, empty but for seeded rows:
 * they are replaced by the source's). One transaction: on any error, a count that differs or a refusal of
 * `beforeCommit`, nothing stays in the target. The source is read in one read transaction (one snapshot). A closed
 * year is copied open and closed again at the end (the triggers let the `closed` flag change); identity sequences are
 * moved past the copied ids.
 */
export async function copySqliteToPostgres(raw: Database.Database, target: Kysely<DB>, opts: CopyOptions = {}): Promise<CopyReport> {
  const tables = tablesInKeyOrder(raw).filter((t) => !NOT_MOVED.has(t));
  const anyDb = target as unknown as AnyDb;
  const snapshot = !raw.inTransaction;
  if (snapshot) raw.exec('begin');
  try {
    const started = performance.now();
    const report: CopyReport = { tables: [], rows: 0, ms: 0, analyzeMs: 0 };
    await anyDb.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${sql.lit(CHAIN_LOCK)})`.execute(trx);
      await assertEmptyTarget(trx as unknown as Kysely<DB>);
      for (const t of [...tables].reverse()) if (SEEDED.has(t)) await trx.deleteFrom(t).execute();
      // The refusing triggers (year lock, append-only audit) run a plpgsql function per row; they have nothing to
      // refuse in a copy, so they are off inside this transaction and on again before its commit (DDL is
      // transactional: a failed copy leaves them as they were). Only the tables' owner may do it; another role's
      // copy keeps them, slower.
      const triggers = (
        await sql<{ table: string; name: string }>`select c.relname as "table", t.tgname as name
          from pg_trigger t join pg_class c on c.oid = t.tgrelid
          where not t.tgisinternal and c.relnamespace = current_schema()::regnamespace
            and pg_has_role(c.relowner, 'MEMBER')`.execute(trx)
      ).rows;
      for (const g of triggers) await sql.raw(`alter table ${quote(g.table)} disable trigger ${quote(g.name)}`).execute(trx);
      for (const t of tables) {
        const t0 = performance.now();
        const source = raw
          .prepare(`select count(*) from ${quote(t)}`)
          .pluck()
          .get() as number;
        const copied = await copyTable(raw, trx, t, source, opts);
        report.tables.push({ table: t, source, target: copied, ms: performance.now() - t0 });
        report.rows += source;
      }
      for (const g of triggers) await sql.raw(`alter table ${quote(g.table)} enable trigger ${quote(g.name)}`).execute(trx);
      for (const y of raw.prepare('select id, closed from academic_year where closed != 0').all() as { id: number; closed: number }[])
        await trx.updateTable('academic_year').set({ closed: y.closed }).where('id', '=', y.id).execute();
      const identities = await sql<{ table_name: string; column_name: string }>`
        select table_name, column_name from information_schema.columns
        where table_schema = current_schema() and is_identity = 'YES'`.execute(trx);
      for (const c of identities.rows)
        await sql`select setval(pg_get_serial_sequence(${quote(c.table_name)}, ${c.column_name}),
          coalesce((select max(${sql.ref(c.column_name)}) from ${sql.table(c.table_name)}), 0) + 1, false)`.execute(trx);
      // The server's own count, not the rows sent: what a later reader will see.
      for (const r of report.tables) r.target = await countOf(trx, r.table);
      const differ = report.tables.filter((r) => r.source !== r.target);
      if (differ.length)
        throw new AppError(
          'MIGRATION_FAILED',
          `Число строк не совпало: ${differ.map((d) => `${d.table} ${d.source} → ${d.target}`).join(', ')}. ` +
            'Перенос отменён: данные в базу PostgreSQL не записаны.',
        );
      await opts.beforeCommit?.(trx as unknown as Kysely<DB>);
    });
    report.ms = performance.now() - started;
    const a0 = performance.now();
    await sql`analyze`.execute(anyDb);
    report.analyzeMs = performance.now() - a0;
    return report;
  } finally {
    if (snapshot) raw.exec('commit');
  }
}

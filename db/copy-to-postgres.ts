import type Database from 'better-sqlite3';
import { sql, type Kysely } from 'kysely';
import { AppError } from './errors';
import type { DB } from './schema';

// The heart of `migrate-to` (issue 17 part 4): every row of an SQLite journal copied into a freshly migrated
// PostgreSQL database with its ids, in one transaction, then the counts compared table by table. The CLI command
// around it is not written yet (docs/POSTGRES.md).

const BATCH = 1000;

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

export interface CopyReport {
  tables: { table: string; source: number; target: number }[];
  rows: number;
}

/**
 * Copies every table. A closed year's rows would be refused by the year-lock triggers, so years arrive open and are
 * closed again at the end (the triggers let the `closed` flag change). Rows the migrations seeded in the target (work
 * types) are replaced by the source's. Identity sequences are moved past the copied ids.
 */
export async function copySqliteToPostgres(raw: Database.Database, target: Kysely<DB>): Promise<CopyReport> {
  const tables = tablesInKeyOrder(raw);
  const anyDb = target as unknown as Kysely<Record<string, Record<string, unknown>>>;
  const count = async (db: typeof anyDb, t: string) =>
    Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(db)).rows[0].n);
  if ((await count(anyDb, 'audit_log')) > 0 || (await count(anyDb, 'app_user')) > 0)
    throw new AppError('INVALID', 'База PostgreSQL не пустая: перенос выполняется только в новую базу.');
  await anyDb.transaction().execute(async (trx) => {
    for (const t of [...tables].reverse()) if (t !== 'audit_log' && (await count(trx, t)) > 0) await trx.deleteFrom(t).execute();
    for (const t of tables) {
      const rows = raw.prepare(`select * from "${t}" order by rowid`).all() as Record<string, unknown>[];
      for (let i = 0; i < rows.length; i += BATCH) {
        const chunk = rows.slice(i, i + BATCH).map((r) => (t === 'academic_year' ? { ...r, closed: 0 } : r));
        await trx.insertInto(t).values(chunk).execute();
      }
    }
    for (const y of raw.prepare('select id, closed from academic_year where closed != 0').all() as { id: number; closed: number }[])
      await trx.updateTable('academic_year').set({ closed: y.closed }).where('id', '=', y.id).execute();
    const identities = await sql<{ table_name: string; column_name: string }>`
      select table_name, column_name from information_schema.columns where table_schema = 'public' and is_identity = 'YES'`.execute(trx);
    for (const c of identities.rows)
      await sql`select setval(pg_get_serial_sequence(${c.table_name}, ${c.column_name}),
        coalesce((select max(${sql.ref(c.column_name)}) from ${sql.table(c.table_name)}), 0) + 1, false)`.execute(trx);
  });
  const report: CopyReport = { tables: [], rows: 0 };
  for (const t of tables) {
    const source = raw.prepare(`select count(*) from "${t}"`).pluck().get() as number;
    report.tables.push({ table: t, source, target: await count(anyDb, t) });
    report.rows += source;
  }
  const differ = report.tables.filter((r) => r.source !== r.target);
  if (differ.length)
    throw new AppError(
      'MIGRATION_FAILED',
      `Число строк не совпало: ${differ.map((d) => `${d.table} ${d.source} → ${d.target}`).join(', ')}`,
    );
  return report;
}

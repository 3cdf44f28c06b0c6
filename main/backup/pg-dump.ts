import type pg from 'pg';
import type { Readable } from 'node:stream';
import type { Seal } from './age-stream';
import { backupError } from './errors';
import { packStream, type Packed } from './pack';
import { assertToolFits, findPgTool, lastLine, libpqEnv, pgClient, runPgTool, serverMajor } from './pg-tools';

// The snapshot of a PostgreSQL server's database (issue 17, part 5): one REPEATABLE READ transaction exports its
// snapshot; the row counts, the audit chain's head and the schema version are read in it, and `pg_dump --snapshot`
// dumps exactly that moment. The manifest's counts and the archive therefore agree row for row, however many program
// instances keep writing meanwhile.

export interface PgSnapshotInfo {
  schemaVersion: number;
  auditHead: { id: number; hash: string } | null;
  /** Every table of the schema with its row count in the dumped snapshot. */
  counts: Record<string, number>;
  serverVersion: number;
  pgDumpVersion: number;
}

/** The tables a journal database holds (the schema the connection's search_path points to, normally `public`). */
export async function tableCounts(c: pg.Client | pg.PoolClient): Promise<Record<string, number>> {
  const tables = await c.query<{ name: string }>(
    `select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE' order by table_name`,
  );
  const counts: Record<string, number> = {};
  for (const { name } of tables.rows) {
    const r = await c.query<{ n: string }>(`select count(*) as n from "${name.replace(/"/g, '""')}"`);
    counts[name] = Number(r.rows[0].n);
  }
  return counts;
}

export async function readAuditHead(c: pg.Client | pg.PoolClient): Promise<{ id: number; hash: string } | null> {
  const r = await c.query<{ id: string; hash: string }>('select id, hash from audit_log order by id desc limit 1');
  return r.rows[0] ? { id: Number(r.rows[0].id), hash: r.rows[0].hash } : null;
}

/**
 * pg_dump -Fc of the database at `url` → age → `outFile`, streamed (memory stays flat for any size). The counts and
 * the head come from the same snapshot. A pg_dump that fails half-way fails the backup even though its output ended.
 */
export async function dumpPostgres(
  url: string,
  outFile: string,
  seal: Seal,
  onProgress?: (bytes: number) => void,
): Promise<{ snapshot: PgSnapshotInfo; packed: Packed }> {
  const { snapshot, result } = await dumpPostgresInto(url, (out) => packStream(out, outFile, seal, { gzip: false, onProgress }));
  return { snapshot, packed: result };
}

/**
 * pg_dump -Fc of the database at `url`, its output handed to `consume` (a stream into a file: a backup's age
 * container, the archive package's plain dump). Both must succeed: pg_dump's exit code is what says its output was
 * complete; a failed consumer (a full disk) is the reason when it comes first, pg_dump, killed for it, only echoes it.
 */
export async function dumpPostgresInto<T>(
  url: string,
  consume: (out: Readable) => Promise<T>,
  /** What a failed pg_dump left undone, for its message. */
  undone = 'Резервная копия не записана, старые копии сохранены.',
): Promise<{ snapshot: PgSnapshotInfo; result: T }> {
  const bin = findPgTool('pg_dump');
  const c = await pgClient(url);
  try {
    const server = await serverMajor(c);
    const pgDumpVersion = assertToolFits('pg_dump', bin, server);
    await c.query('begin transaction isolation level repeatable read, read only');
    const snapshotId = (await c.query<{ s: string }>('select pg_export_snapshot() as s')).rows[0].s;
    const counts = await tableCounts(c);
    if (!('audit_log' in counts && 'kysely_migration' in counts && 'setting' in counts))
      throw backupError(
        'BACKUP_FOREIGN',
        'Эта база PostgreSQL — не база «Школьного журнала» (нет таблиц audit_log, setting). Копия не сделана.',
      );
    const auditHead = await readAuditHead(c);
    const schemaVersion = counts.kysely_migration;
    // The exported snapshot lives as long as this transaction: pg_dump joins it before anything else happens.
    const dump = runPgTool(
      bin,
      ['--format=custom', `--snapshot=${snapshotId}`, '--no-password', '--encoding=UTF8'],
      libpqEnv(url),
      { stdin: false, stdout: true },
      (stderr) => backupError('BACKUP_SOURCE_DAMAGED', `pg_dump не смог сделать копию базы: ${lastLine(stderr)}. ${undone}`, { stderr }),
    );
    const consuming = consume(dump.child.stdout as Readable);
    consuming.catch(() => dump.child.exitCode === null && dump.child.kill());
    const [p, d] = await Promise.allSettled([consuming, dump.done]);
    if (p.status === 'rejected') throw p.reason;
    if (d.status === 'rejected') throw d.reason;
    await c.query('commit');
    return { snapshot: { schemaVersion, auditHead, counts, serverVersion: server, pgDumpVersion }, result: p.value };
  } finally {
    await c.end().catch(() => undefined);
  }
}

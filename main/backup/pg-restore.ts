import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type pg from 'pg';
import { SCHEMA_VERSION } from '../../db';
import { migrations } from '../../db/migrations';
import { wrapPostgres } from '../../db/postgres';
import { verifyAuditChainDb } from '../kernel/audit-verify';
import type { DrillReport } from '../contract/backup';
import type { Unseal } from './age-stream';
import { backupError } from './errors';
import type { Manifest } from './manifest';
import { unpackFile } from './pack';
import { readAuditHead, tableCounts } from './pg-dump';
import { findPgTool, lastLine, libpqEnv, pgClient, runPgTool, toolMajor, urlForPeople, urlWithDatabase } from './pg-tools';
import { checkAgainstManifest, isPostgresBackup } from './restore';
import { mib } from './safe-write';

// Reading a PostgreSQL server's backup back (issue 17, part 5). The decrypted pg_dump archive is streamed into
// pg_restore's stdin and never lands on a disk unencrypted. A restore goes into an EMPTY database only, in one
// transaction (all or nothing); afterwards the audit chain is verified and every table's row count compared with the
// counts the manifest took in the dumped snapshot. The drill does the same in a throwaway database and drops it.
// `verifyArchive` needs no server: pg_restore reads the whole archive and its COPY rows are counted.

const OTHER_ENGINE_PG =
  'Это резервная копия файла SQLite (*.sqlite.gz.age), а не базы PostgreSQL: восстановите её в файл (backup restore ФАЙЛ --db журнал.sqlite), а на сервер перенесите командой переноса на PostgreSQL. База данных не изменена.';

/** A PostgreSQL backup's own checks before anything is decrypted: the manifest's size and SHA-256, the engine, the schema. */
async function checkPgFile(file: string): Promise<Manifest | null> {
  const { manifest } = await checkAgainstManifest(file);
  if (!isPostgresBackup(file, manifest) && manifest) throw backupError('BACKUP_OTHER_ENGINE', OTHER_ENGINE_PG);
  if (manifest && manifest.schemaVersion > SCHEMA_VERSION)
    throw backupError(
      'BACKUP_NEWER',
      `Копия сделана более новой версией программы (схема ${manifest.schemaVersion}, эта программа знает схему ${SCHEMA_VERSION}). Обновите программу и повторите. База данных не изменена.`,
    );
  return manifest;
}

/** pg_restore must know the archive's format: at least the version of the pg_dump that wrote it. */
function restoreTool(manifest: Manifest | null): string {
  const bin = findPgTool('pg_restore');
  const need = manifest?.server?.pgDump;
  if (need && toolMajor(bin) < need)
    throw backupError(
      'BACKUP_PG_TOOLS',
      `Копия сделана pg_dump версии ${need}, а pg_restore здесь версии ${toolMajor(bin)}: установите пакет postgresql-client-${need} и повторите.`,
    );
  return bin;
}

/** Tables, views and sequences in the target database outside PostgreSQL's own schemas. */
async function userObjects(c: pg.Client): Promise<number> {
  const r = await c.query<{ n: string }>(
    `select count(*) as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname not in ('pg_catalog', 'information_schema') and n.nspname not like 'pg\\_%'
        and c.relkind in ('r', 'p', 'v', 'm', 'S', 'f')`,
  );
  return Number(r.rows[0].n);
}

/**
 * Decrypts `file` into pg_restore connected to `url` (one transaction, stops at the first error). A file without a
 * manifest is first decrypted once to nowhere, so that pg_restore never starts on a file whose end fails age's check.
 */
async function streamIntoDatabase(file: string, unseal: Unseal, url: string, manifest: Manifest | null): Promise<number> {
  const bin = restoreTool(manifest);
  if (!manifest) await unpackFile(file, unseal, null, { payload: 'pgdump' });
  const tool = runPgTool(
    bin,
    ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', '--no-password', '--dbname='],
    libpqEnv(url),
    { stdin: true, stdout: false },
    (stderr) =>
      backupError('BACKUP_RESTORE_FAILED', `pg_restore не восстановил копию: ${lastLine(stderr)}. Изменения в базе отменены.`, { stderr }),
  );
  const unpack = unpackFile(file, unseal, tool.child.stdin!, { payload: 'pgdump', maxPlainBytes: manifest?.sizes.database });
  // A file refused before its end (a wrong key refuses before the first byte): pg_restore is stopped, not left waiting.
  unpack.catch(() => stop(tool.child));
  const [u, t] = await Promise.allSettled([unpack, tool.done]);
  // The file's own refusal (wrong key, not ours) says more than pg_restore's "unexpected end of file".
  if (u.status === 'rejected') throw u.reason;
  if (t.status === 'rejected') throw t.reason;
  if (manifest && u.value.plainSha256 !== manifest.sha256.database)
    throw backupError('BACKUP_CORRUPT', 'Расшифрованный архив не совпадает с описью (SHA-256).');
  return u.value.plainBytes;
}

/** Ends a tool whose input was refused: its transaction rolls back, nothing stays half-restored. */
function stop(child: ChildProcess): void {
  child.stdin?.destroy();
  if (child.exitCode === null) child.kill();
}

export interface RestoredCheck {
  auditRows: number;
  auditChainOk: boolean;
  auditProblem: string | null;
  auditHeadMatches: boolean | null;
  counts: Record<string, number>;
  countsMatch: boolean | null;
  countMismatches: string[];
  schemaVersion: number;
}

/** The restored database against the manifest: the audit chain verified, its head and every table's count compared. */
export async function checkRestored(url: string, manifest: Manifest | null): Promise<RestoredCheck> {
  const h = wrapPostgres(url);
  const c = await pgClient(url);
  try {
    const chain = await verifyAuditChainDb(h.db);
    const counts = await tableCounts(c);
    const head = await readAuditHead(c);
    const names = (await c.query<{ name: string }>('select name from kysely_migration')).rows.map((r) => r.name);
    const unknown = names.filter((n) => !Object.hasOwn(migrations, n));
    if (unknown.length)
      throw backupError(
        'BACKUP_NEWER',
        `Копия сделана более новой версией программы (неизвестные изменения схемы: ${unknown.join(', ')}). Обновите программу.`,
      );
    const mismatches: string[] = [];
    if (manifest?.counts) {
      for (const t of new Set([...Object.keys(manifest.counts), ...Object.keys(counts)]))
        if (manifest.counts[t] !== counts[t]) mismatches.push(`${t}: ${counts[t] ?? 'нет'}/${manifest.counts[t] ?? 'нет'}`);
    }
    return {
      auditRows: chain.rows,
      auditChainOk: chain.ok,
      auditProblem: chain.problem,
      auditHeadMatches: manifest?.auditHead ? manifest.auditHead.hash === head?.hash && manifest.auditHead.id === head?.id : null,
      counts,
      countsMatch: manifest?.counts ? mismatches.length === 0 : null,
      countMismatches: mismatches,
      schemaVersion: names.length,
    };
  } finally {
    await c.end().catch(() => undefined);
    await h.close();
  }
}

function report(file: string, manifest: Manifest | null, bytes: number, r: RestoredCheck, what: string): DrillReport {
  const message =
    `${what}: схема ${r.schemaVersion}, архив ${mib(bytes)} МиБ, учеников ${r.counts.student ?? 0}, классов ${r.counts.class ?? 0}; ` +
    (r.auditChainOk ? `журнал аудита цел (${r.auditRows} записей)` : `журнал аудита нарушен: ${r.auditProblem}`) +
    (r.auditHeadMatches === false ? '; конец журнала аудита не совпадает с описью' : '') +
    (r.countsMatch === true ? '; число строк каждой таблицы совпадает с описью' : '') +
    (r.countsMatch === false ? `; число строк не совпадает с описью (${r.countMismatches.slice(0, 5).join('; ')})` : '');
  return {
    file,
    ok: true,
    engine: 'postgresql',
    schemaVersion: r.schemaVersion,
    databaseBytes: bytes,
    createdAt: manifest?.createdAt ?? null,
    auditRows: r.auditRows,
    auditChainOk: r.auditChainOk,
    auditProblem: r.auditProblem,
    auditHeadMatches: r.auditHeadMatches,
    counts: {
      students: r.counts.student ?? 0,
      classes: r.counts.class ?? 0,
      staff: r.counts.staff ?? 0,
      users: r.counts.app_user ?? 0,
      auditRows: r.counts.audit_log ?? 0,
    },
    countsMatch: r.countsMatch,
    countMismatches: r.countMismatches,
    message,
  };
}

/** Whether a restore or a drill found everything as the manifest says. */
export function restoredSound(r: Pick<DrillReport, 'auditChainOk' | 'auditHeadMatches' | 'countsMatch'>): boolean {
  return r.auditChainOk && r.auditHeadMatches !== false && r.countsMatch !== false;
}

/**
 * `backup restore FILE --to postgres://…`: into an existing EMPTY database (a non-empty one is refused before anything
 * is decrypted), then checked. The caller opens it with the program afterwards (which migrates an older schema up).
 */
export async function restorePostgres(file: string, unseal: Unseal, url: string): Promise<DrillReport> {
  const manifest = await checkPgFile(file);
  const c = await pgClient(url);
  try {
    const n = await userObjects(c);
    if (n > 0)
      throw backupError(
        'BACKUP_TARGET_NOT_EMPTY',
        `База ${urlForPeople(url)} не пуста (таблиц и других объектов: ${n}): копия восстанавливается только в пустую базу. ` +
          'Создайте новую (createdb -T template0 -E UTF8 --locale=C.UTF-8 ИМЯ) и укажите её. База данных не изменена.',
      );
  } finally {
    await c.end().catch(() => undefined);
  }
  const bytes = await streamIntoDatabase(file, unseal, url, manifest);
  return report(file, manifest, bytes, await checkRestored(url, manifest), 'Копия восстановлена');
}

/** Creates a throwaway database on the server of `url` (C.UTF-8 like a school's, when the server has that locale). */
async function throwawayDatabase(url: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `sj_drill_${randomBytes(6).toString('hex')}`;
  const c = await pgClient(url);
  try {
    try {
      await c.query(`create database ${name} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
    } catch (e) {
      if ((e as { code?: string }).code === '42501')
        throw backupError(
          'BACKUP_BAD_TARGET',
          `Для пробного восстановления нужно право создавать базы (CREATEDB) у пользователя сервера ${urlForPeople(url)}; без него доступна проверка архива (backup verify без --server).`,
        );
      await c.query(`create database ${name} template template0 encoding 'UTF8'`);
    }
  } finally {
    await c.end().catch(() => undefined);
  }
  return {
    url: urlWithDatabase(url, name),
    async drop() {
      const d = await pgClient(url);
      try {
        await d.query(`drop database if exists ${name} with (force)`);
      } finally {
        await d.end().catch(() => undefined);
      }
    },
  };
}

/** The drill: restored into a throwaway database on the server of `serverUrl`, checked, and dropped. */
export async function drillPostgres(file: string, unseal: Unseal, serverUrl: string): Promise<DrillReport> {
  const manifest = await checkPgFile(file);
  restoreTool(manifest);
  const target = await throwawayDatabase(serverUrl);
  try {
    const bytes = await streamIntoDatabase(file, unseal, target.url, manifest);
    return report(file, manifest, bytes, await checkRestored(target.url, manifest), 'Копия восстановлена в пробную базу и читается');
  } finally {
    await target.drop();
  }
}

export interface ArchiveCheck {
  ok: boolean;
  plainBytes: number;
  /** Row counts read from the archive's COPY data, per table. */
  counts: Record<string, number>;
  countsMatch: boolean | null;
  countMismatches: string[];
  schemaVersion: number;
  message: string;
}

/**
 * Counts the rows of each table in pg_restore's SQL script as it streams by (COPY … FROM stdin; one line a row;
 * `\.` ends the table), and keeps the first column of kysely_migration (the schema's migrations).
 */
class CopyCounter extends Writable {
  readonly counts: Record<string, number> = {};
  readonly migrations: string[] = [];
  private table: string | null = null;
  private rest = '';
  override _write(chunk: Buffer, _e: BufferEncoding, cb: () => void) {
    const text = this.rest + chunk.toString('utf8');
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      this.line(text.slice(start, nl));
      start = nl + 1;
    }
    this.rest = text.slice(start);
    cb();
  }
  private line(l: string) {
    if (this.table === null) {
      const m = /^COPY (?:[^\s.]+\.)?("(?:[^"]|"")+"|[^\s(]+) /.exec(l);
      if (m) {
        this.table = m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1];
        this.counts[this.table] = 0;
      }
      return;
    }
    if (l === '\\.') {
      this.table = null;
      return;
    }
    this.counts[this.table]++;
    if (this.table === 'kysely_migration') this.migrations.push(l.split('\t')[0]);
  }
}

/**
 * `backup verify` of a PostgreSQL backup, without a server: decrypted (age's every chunk checked), the manifest's
 * SHA-256 compared, and the whole archive read by pg_restore (not only its table of contents: `--list` stops there),
 * each table's rows counted against the manifest's counts.
 */
export async function verifyArchive(file: string, unseal: Unseal): Promise<ArchiveCheck> {
  const manifest = await checkPgFile(file);
  const bin = restoreTool(manifest);
  const tool = runPgTool(bin, ['--data-only', '--file=-'], process.env, { stdin: true, stdout: true }, (stderr) =>
    backupError('BACKUP_CORRUPT', `Архив pg_dump внутри копии не читается: ${lastLine(stderr)}. Копия повреждена.`, { stderr }),
  );
  const counter = new CopyCounter();
  tool.child.stdout!.pipe(counter);
  const counted = new Promise<void>((resolve, reject) => {
    counter.once('finish', resolve);
    counter.once('error', reject);
  });
  const unpack = unpackFile(file, unseal, tool.child.stdin!, { payload: 'pgdump', maxPlainBytes: manifest?.sizes.database });
  unpack.catch(() => stop(tool.child));
  const [u, t] = await Promise.allSettled([unpack, tool.done, counted]);
  if (u.status === 'rejected') throw u.reason;
  if (t.status === 'rejected') throw t.reason;
  if (manifest && u.value.plainSha256 !== manifest.sha256.database)
    throw backupError('BACKUP_CORRUPT', 'Расшифрованный архив не совпадает с описью (SHA-256).');
  if (!('audit_log' in counter.counts && 'setting' in counter.counts))
    throw backupError('BACKUP_FOREIGN', 'Архив pg_dump внутри копии — не база «Школьного журнала» (нет таблиц audit_log, setting).');
  const unknown = counter.migrations.filter((n) => !Object.hasOwn(migrations, n));
  if (unknown.length)
    throw backupError(
      'BACKUP_NEWER',
      `Копия сделана более новой версией программы (схема ${counter.migrations.length}). Обновите программу.`,
    );
  const mismatches: string[] = [];
  if (manifest?.counts)
    for (const name of new Set([...Object.keys(manifest.counts), ...Object.keys(counter.counts)]))
      if (manifest.counts[name] !== counter.counts[name])
        mismatches.push(`${name}: ${counter.counts[name] ?? 'нет'}/${manifest.counts[name] ?? 'нет'}`);
  const countsMatch = manifest?.counts ? mismatches.length === 0 : null;
  const message =
    `Архив цел и читается: схема ${counter.migrations.length}, ${mib(u.value.plainBytes)} МиБ, таблиц ${Object.keys(counter.counts).length}, ` +
    `учеников ${counter.counts.student ?? 0}, записей журнала аудита ${counter.counts.audit_log ?? 0}` +
    (countsMatch === true ? '; число строк каждой таблицы совпадает с описью' : '') +
    (countsMatch === false ? `; число строк не совпадает с описью (${mismatches.slice(0, 5).join('; ')})` : '') +
    '. Цепочка журнала аудита проверяется пробным восстановлением (--server).';
  return {
    ok: countsMatch !== false,
    plainBytes: u.value.plainBytes,
    counts: counter.counts,
    countsMatch,
    countMismatches: mismatches,
    schemaVersion: counter.migrations.length,
    message,
  };
}

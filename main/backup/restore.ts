import Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { SCHEMA_VERSION } from '../../db';
import { migrations } from '../../db/migrations';
import { verifyAuditChain } from '../kernel/audit-verify';
import type { DrillReport } from '../contract/backup';
import type { Unseal } from './age-stream';
import { backupError } from './errors';
import { PG_BACKUP_SUFFIX, readManifest, type Manifest } from './manifest';
import { unpackFile } from './pack';
import { fsyncDir, mib, sha256File, SPACE_MARGIN, spaceOf } from './safe-write';
import { checkDatabaseFile } from './snapshot';

// Reading a backup back: decrypt and decompress into a temporary file beside the database, check it
// (integrity, that it is ours, that its schema is not newer than this program), and only then either
// report (drill) or swap it in (restore). Every refusal leaves the live database exactly as it was.

export interface Prepared {
  temp: string;
  manifest: Manifest | null;
  schemaVersion: number;
  plainBytes: number;
  plainSha256: string;
}

export type RestorePhase = 'decrypt' | 'check' | 'swap' | 'done';
export type OnRestoreProgress = (p: { phase: RestorePhase; done: number; total: number }) => void;

/** A backup of a school journal is at most this many times larger than its compressed file. */
const MAX_EXPANSION = 200;

/**
 * What is checked before any byte is decrypted: the file is there, and with a manifest beside it, its size and SHA-256
 * are the manifest's (so a restore never starts from a damaged or cut file).
 */
export async function checkAgainstManifest(file: string): Promise<{ st: fs.Stats; manifest: Manifest | null }> {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw backupError('BACKUP_NOT_FOUND', `Файл резервной копии не найден: ${file}`);
  }
  if (!st.isFile()) throw backupError('BACKUP_NOT_FOUND', `Это не файл: ${file}`);
  const manifest = readManifest(file);
  if (manifest) {
    if (st.size < manifest.sizes.file)
      throw backupError(
        'BACKUP_TRUNCATED',
        `Файл резервной копии обрезан: ${st.size} байт из ${manifest.sizes.file} по описи. База данных не изменена.`,
      );
    if (st.size > manifest.sizes.file)
      throw backupError('BACKUP_CORRUPT', 'Файл резервной копии не совпадает со своей описью (размер больше). База данных не изменена.');
    if ((await sha256File(file)) !== manifest.sha256.file)
      throw backupError(
        'BACKUP_CORRUPT',
        'Файл резервной копии повреждён: SHA-256 не совпадает с описью (*.manifest.json). База данных не изменена.',
      );
  }
  return { st, manifest };
}

/** A backup of a PostgreSQL server (by its manifest, or by its name when it has none). */
export function isPostgresBackup(file: string, manifest: Manifest | null): boolean {
  return manifest ? manifest.engine === 'postgresql' : file.endsWith(PG_BACKUP_SUFFIX);
}

export const OTHER_ENGINE_SQLITE =
  'Это резервная копия базы на сервере PostgreSQL, а не файла SQLite: восстановите её в пустую базу PostgreSQL командой backup restore ФАЙЛ --to postgres://…. База данных не изменена.';

export async function prepareRestore(file: string, unseal: Unseal, workDir: string, onProgress?: OnRestoreProgress): Promise<Prepared> {
  const { st, manifest } = await checkAgainstManifest(file);
  if (isPostgresBackup(file, manifest)) throw backupError('BACKUP_OTHER_ENGINE', OTHER_ENGINE_SQLITE);
  const limit = manifest ? manifest.sizes.database : Math.max(st.size * MAX_EXPANSION, 64 * 1024 * 1024);
  const free = spaceOf(workDir).free;
  if (manifest && free < manifest.sizes.database * 2 + SPACE_MARGIN)
    throw backupError(
      'BACKUP_NO_SPACE',
      `Для восстановления нужно около ${mib(manifest.sizes.database * 2)} МиБ на диске компьютера, свободно ${mib(free)} МиБ.`,
    );

  const temp = path.join(workDir, `.restore-${process.pid}-${randomBytes(4).toString('hex')}.sqlite`);
  try {
    onProgress?.({ phase: 'decrypt', done: 0, total: st.size });
    const u = await unpackFile(file, unseal, temp, {
      maxPlainBytes: limit,
      onProgress: (n) => onProgress?.({ phase: 'decrypt', done: n, total: st.size }),
    });
    if (manifest && (u.fileSha256 !== manifest.sha256.file || u.plainSha256 !== manifest.sha256.database))
      throw backupError('BACKUP_CORRUPT', 'Файл резервной копии не совпадает со своей описью (SHA-256). База данных не изменена.');
    onProgress?.({ phase: 'check', done: 0, total: 1 });
    const c = await checkDatabaseFile(temp);
    if (!c.isSqlite)
      throw backupError('BACKUP_FOREIGN', 'Внутри резервной копии не база данных SQLite: это чужой файл. База данных не изменена.');
    if (!c.isJournal)
      throw backupError('BACKUP_FOREIGN', 'Внутри копии база SQLite другой программы, не «Школьного журнала». База данных не изменена.');
    const unknown = c.migrations.filter((m) => !Object.hasOwn(migrations, m));
    if (c.schemaVersion > SCHEMA_VERSION || unknown.length > 0)
      throw backupError(
        'BACKUP_NEWER',
        `Копия сделана более новой версией программы (схема ${c.schemaVersion}, эта программа знает схему ${SCHEMA_VERSION}). Обновите программу и повторите. База данных не изменена.`,
        { schemaVersion: c.schemaVersion, unknown },
      );
    if (!c.ok)
      throw backupError(
        'BACKUP_CORRUPT',
        `База в резервной копии повреждена (${c.problems.slice(0, 2).join('; ')}). База данных не изменена.`,
        { problems: c.problems },
      );
    return { temp, manifest, schemaVersion: c.schemaVersion, plainBytes: u.plainBytes, plainSha256: u.plainSha256 };
  } catch (e) {
    removeDbFiles(temp);
    // Without a manifest a damaged header looks exactly like somebody else's key.
    if (!manifest && (e as { code?: string }).code === 'BACKUP_WRONG_KEY')
      throw backupError(
        'BACKUP_WRONG_KEY',
        'Ключ не подходит к этой резервной копии: она зашифрована другим ключом или файл повреждён (описи *.manifest.json рядом нет). База данных не изменена.',
      );
    throw e;
  }
}

export function removeDbFiles(file: string): void {
  for (const s of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + s, { force: true });
}

/** Restores into a temporary file, checks everything a restore would, reports, and deletes it. Nothing else changes. */
export async function drill(file: string, unseal: Unseal, workDir: string, onProgress?: OnRestoreProgress): Promise<DrillReport> {
  const p = await prepareRestore(file, unseal, workDir, onProgress);
  try {
    const db = new Database(p.temp, { readonly: true, fileMustExist: true, nativeBinding: process.env.SCHOOL_JOURNAL_SQLITE_BINDING });
    try {
      const chain = verifyAuditChain(db);
      const count = (t: string) => {
        try {
          return Number(db.prepare(`select count(*) from "${t}"`).pluck().get());
        } catch {
          return 0;
        }
      };
      const counts = {
        students: count('student'),
        classes: count('class'),
        staff: count('staff'),
        users: count('app_user'),
        auditRows: count('audit_log'),
      };
      const lastId = chain.rows ? (db.prepare('select max(id) from audit_log').pluck().get() as number) : null;
      const auditHeadMatches = p.manifest?.auditHead
        ? p.manifest.auditHead.hash === chain.head && p.manifest.auditHead.id === lastId
        : null;
      const message =
        `Копия читается и цела: схема ${p.schemaVersion}, ${mib(p.plainBytes)} МиБ, учеников ${counts.students}, классов ${counts.classes}; ` +
        (chain.ok ? `журнал аудита цел (${chain.rows} записей)` : `журнал аудита нарушен: ${chain.problem}`) +
        (auditHeadMatches === false ? '; конец журнала аудита не совпадает с описью' : '');
      return {
        file,
        ok: true,
        schemaVersion: p.schemaVersion,
        databaseBytes: p.plainBytes,
        createdAt: p.manifest?.createdAt ?? null,
        auditRows: chain.rows,
        auditChainOk: chain.ok,
        auditProblem: chain.problem,
        auditHeadMatches,
        counts,
        message,
      };
    } finally {
      db.close();
    }
  } finally {
    removeDbFiles(p.temp);
  }
}

export function beforeRestoreName(dbFile: string, now: Date): string {
  return `${dbFile}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
}

/**
 * Puts a prepared (checked) file in place of a CLOSED database: stale -wal/-shm removed first, so
 * SQLite cannot replay the old database's log onto the restored one, then an atomic rename.
 */
export function swapIn(prepared: Prepared, dbFile: string): void {
  for (const s of ['-wal', '-shm', '-journal']) fs.rmSync(dbFile + s, { force: true });
  fs.renameSync(prepared.temp, dbFile);
  fsyncDir(path.dirname(path.resolve(dbFile)));
}

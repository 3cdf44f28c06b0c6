import Database from 'better-sqlite3';
import fs from 'node:fs';
import { Worker } from 'node:worker_threads';
import { wrap } from '../../db/connection';
import { auditHead } from '../kernel/audit-chain';
import { backupError } from './errors';

// A consistent copy of the live database taken with SQLite's online backup API while the program
// keeps working, and the checks run on such a copy (snapshot before backup, decrypted file before restore).

export interface SnapshotInfo {
  bytes: number;
  schemaVersion: number;
  auditHead: { id: number; hash: string } | null;
}

/**
 * Copies the live database page by page into `file`. Writes made meanwhile through the same
 * connection are carried into the copy by SQLite; writes by another process restart it. Either way the
 * result is one consistent moment. The copy is switched to rollback-journal mode so that the restored
 * file is a single self-contained SQLite file.
 */
export async function takeSnapshot(
  raw: Database.Database,
  file: string,
  onProgress?: (done: number, total: number) => void,
): Promise<SnapshotInfo> {
  fs.rmSync(file, { force: true });
  await raw.backup(file, {
    progress: ({ totalPages, remainingPages }) => {
      onProgress?.(totalPages - remainingPages, totalPages);
      return 2000; // pages per step; between steps the event loop serves the UI
    },
  });
  const snap = new Database(file, { nativeBinding: process.env.SCHOOL_JOURNAL_SQLITE_BINDING });
  try {
    snap.pragma('journal_mode = DELETE');
    const schemaVersion = snap.pragma('user_version', { simple: true }) as number;
    const h = wrap(snap, file);
    const head = await auditHead(h.db);
    await h.close();
    return { bytes: fs.statSync(file).size, schemaVersion, auditHead: head };
  } catch (e) {
    if (snap.open) snap.close();
    throw e;
  }
}

export interface DbCheck {
  ok: boolean;
  /** The first few lines of `PRAGMA integrity_check` when it is not "ok". */
  problems: string[];
  isSqlite: boolean;
  isJournal: boolean;
  schemaVersion: number;
  migrations: string[];
}

// Runs in a worker thread: integrity_check reads every page and would otherwise block the UI for seconds.
const CHECK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
let db;
try {
  db = new Database(workerData.file, { readonly: true, fileMustExist: true, nativeBinding: workerData.nativeBinding });
  const tables = new Set(db.prepare("select name from sqlite_master where type = 'table'").pluck().all());
  const isJournal = tables.has('kysely_migration') && tables.has('audit_log') && tables.has('setting');
  const migrations = tables.has('kysely_migration') ? db.prepare('select name from kysely_migration order by name').pluck().all() : [];
  const rows = db.prepare('pragma integrity_check(20)').pluck().all();
  const ok = rows.length === 1 && rows[0] === 'ok';
  parentPort.postMessage({ ok, problems: ok ? [] : rows, isSqlite: true, isJournal, schemaVersion: db.pragma('user_version', { simple: true }), migrations });
} catch (e) {
  const notDb = /not a database|file is encrypted|malformed|disk image/i.test(String(e && e.message));
  parentPort.postMessage({ ok: false, problems: [String(e && e.message)], isSqlite: !notDb ? true : false, isJournal: false, schemaVersion: 0, migrations: [], error: String(e && e.message) });
} finally {
  if (db) db.close();
}
`;

/** `PRAGMA integrity_check` and a look at what the file is, off the main thread. The file is opened read-only. */
export function checkDatabaseFile(file: string): Promise<DbCheck> {
  return new Promise((resolve, reject) => {
    const w = new Worker(CHECK_WORKER, {
      eval: true,
      workerData: { file, module: require.resolve('better-sqlite3'), nativeBinding: process.env.SCHOOL_JOURNAL_SQLITE_BINDING },
    });
    w.once('message', (m: DbCheck) => resolve(m));
    w.once('error', reject);
    w.once('exit', (code) => {
      if (code !== 0) reject(new Error(`integrity worker exited with ${code}`));
    });
  });
}

/** Refuses a snapshot that SQLite itself finds damaged: backing it up would hide the damage. */
export function assertSnapshotSound(c: DbCheck): void {
  if (!c.ok)
    throw backupError(
      'BACKUP_SOURCE_DAMAGED',
      `Проверка целостности копии базы не пройдена (${c.problems.slice(0, 3).join('; ')}). Резервная копия не записана: сообщите администратору, старые копии сохранены.`,
      { problems: c.problems },
    );
}

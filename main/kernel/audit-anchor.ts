import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { isPostgresUrl } from '../../db/dialect';
import { AppError, type Db } from '../../db/index';
import { redactUrl } from '../../db/postgres';
import { auditHead as auditHeadDb } from './audit-chain';
import type { Anchor } from './audit-verify';
import { userDataDir } from './paths';

// Anchors of the audit chain outside the database file (issue 11, part 7). The chain proves that no row was
// changed or taken out of the middle, but not that its end was cut off, nor that somebody with the file and this
// program's source rewrote it with recomputed hashes. A head (id and hash of the last row) kept elsewhere must
// still be found, equal, in the chain: every backup manifest carries one (main/backup/manifest.ts), and the
// program keeps the last head it saw in its user-data folder, one small file per database path.

export interface Head {
  id: number;
  hash: string;
}

export function auditHead(raw: Database.Database): Head | null {
  return (raw.prepare('select id, hash from audit_log order by id desc limit 1').get() as Head | undefined) ?? null;
}

/**
 * What names a database here: an SQLite file's full path, or a PostgreSQL connection string without its password
 * (the same database reached with another password, or by another instance of the program on this machine, is the
 * same database).
 */
function databaseKey(dbFile: string): string {
  return isPostgresUrl(dbFile) ? redactUrl(dbFile) : path.resolve(dbFile);
}

/** The file that remembers a database's last seen head: keyed by the database's full path or connection string. */
export function anchorFileFor(dbFile: string): string {
  const key = createHash('sha256').update(databaseKey(dbFile)).digest('hex').slice(0, 24);
  return path.join(userDataDir(), 'audit-anchors', `${key}.json`);
}

interface Stored extends Head {
  db: string;
  savedAt: string;
}

export function readAnchor(dbFile: string): Anchor | null {
  try {
    const s = JSON.parse(fs.readFileSync(anchorFileFor(dbFile), 'utf8')) as Stored;
    if (typeof s.id !== 'number' || typeof s.hash !== 'string') return null;
    const at = new Date(s.savedAt).toLocaleString('ru-RU');
    return { id: s.id, hash: s.hash, source: `последней записи, которую программа видела ${at} (${anchorFileFor(dbFile)})` };
  } catch {
    return null;
  }
}

/** Remembers the current head (written beside and renamed in, so a crash never leaves half a file). */
export function saveAnchor(dbFile: string, raw: Database.Database, now = new Date()): void {
  writeAnchor(dbFile, auditHead(raw), now);
}

/** `saveAnchor` through Kysely, on either engine (PostgreSQL has no better-sqlite3 handle). */
export async function saveAnchorDb(dbFile: string, db: Db, now = new Date()): Promise<void> {
  writeAnchor(dbFile, await auditHeadDb(db), now);
}

function writeAnchor(dbFile: string, head: Head | null, now: Date): void {
  const file = anchorFileFor(dbFile);
  if (!head) {
    fs.rmSync(file, { force: true });
    return;
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const stored: Stored = { db: databaseKey(dbFile), id: head.id, hash: head.hash, savedAt: now.toISOString() };
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(stored, null, 2) + '\n');
  fs.renameSync(tmp, file);
}

/** A new database at a path starts a new chain: what was remembered for the path before no longer applies. */
export function forgetAnchor(dbFile: string): void {
  fs.rmSync(anchorFileFor(dbFile), { force: true });
}

/** The head recorded in a backup manifest (`*.manifest.json`); null when the backed-up log was empty. */
export function readManifestAnchor(manifestFile: string): Anchor | null {
  let m: { auditHead?: Head | null; createdAt?: string; format?: string };
  try {
    m = JSON.parse(fs.readFileSync(manifestFile, 'utf8'));
  } catch (e) {
    throw new AppError('INVALID', `Не удаётся прочитать опись ${manifestFile}: ${(e as Error).message}`);
  }
  if (m.format !== 'school-journal-backup') throw new AppError('INVALID', `${manifestFile} — не опись резервной копии журнала`);
  if (!m.auditHead) return null;
  return { id: m.auditHead.id, hash: m.auditHead.hash, source: `описи копии ${path.basename(manifestFile)} (${m.createdAt ?? '?'})` };
}

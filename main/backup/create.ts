import type Database from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { APP_VERSION } from '../kernel/version';
import type { Seal, Unseal } from './age-stream';
import { backupError, describeFsError } from './errors';
import { generateKeyPair } from './keys';
import { backupFileName, manifestJson, MANIFEST_SUFFIX, baseName, type Manifest } from './manifest';
import { packFile, unpackFile, type Packed, type Payload } from './pack';
import { dumpPostgres } from './pg-dump';
import type { Retention } from '../contract/backup';
import { rotateFolder } from './rotation';
import { assertRoom, cleanPartials, copyVerified, mib, SPACE_MARGIN, spaceOf, writeFileSafely } from './safe-write';
import { assertSnapshotSound, checkDatabaseFile, takeSnapshot, type SnapshotInfo } from './snapshot';

// One backup: snapshot → integrity_check → gzip → age → each destination (safe write, read back,
// decrypt and compare) → manifest → rotation. Knows nothing of IPC or of the history tables.

export type BackupPhase = 'snapshot' | 'pack' | 'copy' | 'verify' | 'rotate' | 'done';
export interface BackupProgress {
  phase: BackupPhase;
  done: number;
  total: number;
  destination?: string;
}

export interface DestinationTarget {
  label: string;
  dir: string;
  id?: number | null;
}

export interface CreateOptions {
  /** The SQLite file's handle; null for a PostgreSQL server's database (then `dbFile` is its connection string). */
  raw: Database.Database | null;
  /**
   * The live database's path: the snapshot is taken beside it (it holds personal data unencrypted). On PostgreSQL the
   * connection string: pg_dump's output is encrypted as it streams, so only the encrypted file waits in the temp folder.
   */
  dbFile: string;
  seal: { recipient: string } | { passphrase: string };
  destinations: DestinationTarget[];
  kind: 'regular' | 'archive';
  trigger: 'manual' | 'scheduled' | 'cli';
  retention: Retention;
  school: string;
  now: Date;
  onProgress?: (p: BackupProgress) => void;
}

export interface CopyOutcome {
  destination: DestinationTarget;
  ok: boolean;
  file: string | null;
  message: string;
  rotated: string[];
}

export interface CreateResult {
  name: string;
  snapshot: SnapshotInfo;
  packed: Packed;
  copies: CopyOutcome[];
}

const RESTORE_HINT = 'age -d -i KEY.txt FILE.sqlite.gz.age | gunzip > journal.sqlite';
const PG_RESTORE_HINT =
  'createdb -T template0 -E UTF8 --locale=C.UTF-8 NEWDB && age -d -i KEY.txt FILE.pgdump.age | pg_restore --no-owner --no-privileges --exit-on-error --single-transaction -d NEWDB';

function workDirOf(dbFile: string, postgres: boolean): string {
  return dbFile === ':memory:' || postgres ? fs.realpathSync(os.tmpdir()) : path.dirname(path.resolve(dbFile));
}

/** Removes snapshot and artifact leftovers of killed runs (this host's dead processes). */
function cleanWorkLeftovers(dir: string): void {
  for (const n of fs.readdirSync(dir)) {
    const m = /\.backup-(\d+)-[0-9a-f]+\.(snapshot|age)(-journal)?$/.exec(n);
    if (!m || Number(m[1]) === process.pid) continue;
    try {
      process.kill(Number(m[1]), 0);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ESRCH') fs.rmSync(path.join(dir, n), { force: true });
    }
  }
}

export async function createBackup(o: CreateOptions): Promise<CreateResult> {
  if (o.destinations.length === 0)
    throw backupError('BACKUP_NO_DESTINATION', 'Нет доступного места для резервной копии: подключите носитель или укажите папку.');
  const postgres = o.raw === null;
  const work = workDirOf(o.dbFile, postgres);
  cleanWorkLeftovers(work);
  const tag = `${process.pid}-${randomBytes(4).toString('hex')}`;
  const stem = path.join(work, `${postgres ? 'school-journal-pg' : path.basename(o.dbFile)}.backup-${tag}`);
  const snapshotFile = `${stem}.snapshot`;
  const artifact = `${stem}.age`;
  // On PostgreSQL nothing unencrypted is written here, and the server's size says little about the dump's.
  const dbBytes = o.dbFile === ':memory:' || postgres ? 0 : fs.statSync(o.dbFile).size;
  const localFree = spaceOf(work).free;
  if (localFree < dbBytes * 1.6 + SPACE_MARGIN)
    throw backupError(
      'BACKUP_NO_SPACE',
      `На диске компьютера свободно ${mib(localFree)} МиБ, а для снимка базы нужно около ${mib(dbBytes * 1.6 + SPACE_MARGIN)} МиБ.`,
    );

  const progress = (p: BackupProgress) => o.onProgress?.(p);
  try {
    // A one-time key, held in memory only, lets this run decrypt what it wrote and prove the copy on the
    // medium restores to the exact snapshot. Its secret half is never stored: for everyone else the extra
    // header line is noise. A passphrase backup is checked with the passphrase itself.
    const verifier = await generateKeyPair();
    const seal: Seal = 'passphrase' in o.seal ? { passphrase: o.seal.passphrase } : { recipients: [o.seal.recipient, verifier.recipient] };
    const unseal: Unseal = 'passphrase' in o.seal ? { passphrase: o.seal.passphrase } : { identities: [verifier.identity] };
    let snapshot: SnapshotInfo;
    let packed: Packed;
    let pgPart: Pick<Manifest, 'counts' | 'server'> = {};
    if (o.raw) {
      snapshot = await takeSnapshot(o.raw, snapshotFile, (done, total) => progress({ phase: 'snapshot', done, total }));
      // integrity_check (worker thread) and compression (libuv pool) + encryption (main thread) overlap.
      const [check, p] = await Promise.all([
        checkDatabaseFile(snapshotFile),
        packFile(snapshotFile, artifact, seal, (n) => progress({ phase: 'pack', done: n, total: snapshot.bytes })),
      ]);
      packed = p;
      assertSnapshotSound(check);
      fs.rmSync(snapshotFile, { force: true });
    } else {
      progress({ phase: 'snapshot', done: 0, total: 1 });
      // The archive's size is known only at its end: the phase is shown without a share done.
      const d = await dumpPostgres(o.dbFile, artifact, seal, () => progress({ phase: 'pack', done: 0, total: 1 }));
      packed = d.packed;
      snapshot = { bytes: d.packed.plainBytes, schemaVersion: d.snapshot.schemaVersion, auditHead: d.snapshot.auditHead };
      pgPart = { counts: d.snapshot.counts, server: { version: d.snapshot.serverVersion, pgDump: d.snapshot.pgDumpVersion } };
    }

    const name = backupFileName(o.now, o.kind, randomBytes(3).toString('hex'), postgres ? 'postgresql' : 'sqlite');
    const manifest: Manifest = {
      format: 'school-journal-backup',
      formatVersion: postgres ? 2 : 1,
      engine: postgres ? 'postgresql' : 'sqlite',
      file: name,
      createdAt: o.now.toISOString(),
      kind: o.kind,
      trigger: o.trigger,
      app: { name: 'Школьный журнал', version: APP_VERSION },
      schemaVersion: snapshot.schemaVersion,
      school: o.school,
      encryption: {
        format: 'age-v1',
        mode: 'passphrase' in o.seal ? 'passphrase' : 'recipient',
        recipients: 'passphrase' in o.seal ? [] : [o.seal.recipient],
      },
      compression: postgres ? 'none' : 'gzip',
      sizes: { database: packed.plainBytes, file: packed.fileBytes },
      sha256: { database: packed.plainSha256, file: packed.fileSha256 },
      auditHead: snapshot.auditHead,
      ...pgPart,
      verified: {
        at: '',
        method: postgres
          ? 'read back; SHA-256 of file; decrypted; SHA-256 of the pg_dump archive'
          : 'read back; SHA-256 of file; decrypted and decompressed; SHA-256 of database',
      },
      restore: postgres ? PG_RESTORE_HINT : RESTORE_HINT,
    };

    const copies: CopyOutcome[] = [];
    for (const dest of o.destinations) {
      copies.push(await copyTo(dest, artifact, name, packed, unseal, manifest, o, progress));
    }
    progress({ phase: 'done', done: 1, total: 1 });
    return { name, snapshot, packed, copies };
  } finally {
    fs.rmSync(snapshotFile, { force: true });
    fs.rmSync(`${snapshotFile}-journal`, { force: true });
    fs.rmSync(artifact, { force: true });
  }
}

async function copyTo(
  dest: DestinationTarget,
  artifact: string,
  name: string,
  packed: Packed,
  unseal: Unseal,
  manifest: Manifest,
  o: CreateOptions,
  progress: (p: BackupProgress) => void,
): Promise<CopyOutcome> {
  const out: CopyOutcome = { destination: dest, ok: false, file: null, message: '', rotated: [] };
  try {
    try {
      fs.mkdirSync(dest.dir, { recursive: true });
    } catch (e) {
      throw backupError('BACKUP_NO_DESTINATION', `${describeFsError(e, dest.label)}. Резервная копия не записана.`);
    }
    assertRoom(dest.dir, packed.fileBytes + 64 * 1024, dest.label);
    cleanPartials(dest.dir);
    await copyVerified(artifact, dest.dir, name, packed.fileSha256, dest.label, {
      onProgress: (n) => progress({ phase: 'copy', done: n, total: packed.fileBytes, destination: dest.label }),
      verify: async (final) => {
        const back = await unpackFile(final, unseal, null, {
          payload: (manifest.engine === 'postgresql' ? 'pgdump' : 'sqlite') satisfies Payload,
          maxPlainBytes: packed.plainBytes,
          onProgress: (n) => progress({ phase: 'verify', done: n, total: packed.fileBytes, destination: dest.label }),
        });
        if (back.fileSha256 !== packed.fileSha256 || back.plainSha256 !== packed.plainSha256)
          throw backupError(
            'BACKUP_VERIFY_FAILED',
            `Записанная на «${dest.label}» копия при проверке не совпала с базой: носитель неисправен. Копия удалена.`,
          );
      },
    });
    const final = path.join(dest.dir, name);
    out.file = final;
    try {
      writeFileSafely(
        dest.dir,
        baseName(name) + MANIFEST_SUFFIX,
        manifestJson({ ...manifest, verified: { ...manifest.verified, at: new Date().toISOString() } }),
        dest.label,
      );
    } catch (e) {
      // Without its manifest a backup is not "complete": remove it rather than leave a doubtful file.
      fs.rmSync(final, { force: true });
      out.file = null;
      throw e;
    }
    out.ok = true;
    progress({ phase: 'rotate', done: 0, total: 1, destination: dest.label });
    out.rotated = rotateFolder(dest.dir, o.retention);
    out.message =
      `Записано и проверено: ${mib(packed.fileBytes)} МиБ` +
      (out.rotated.length ? `; удалено старых копий по графику хранения: ${out.rotated.length}` : '');
  } catch (e) {
    out.ok = false;
    out.message = (e as Error).message;
  }
  return out;
}

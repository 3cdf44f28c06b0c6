import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3';
import { AppError, openDatabase } from '../../db';
import { saveAnchor } from '../kernel/audit-anchor';
import { sql } from 'kysely';
import { systemActor, type Actor, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { sqliteHandle, type AppEnv } from '../kernel/env';
import { getSchool } from '../school/school';
import type { Unseal } from './age-stream';
import { getKey, getRetention, keyRefusal, listDestinations, recordBackup, recordCheck, setKey } from './config';
import { createBackup, type BackupProgress, type CreateResult, type DestinationTarget } from './create';
import { backupError } from './errors';
import { assertRecipient, generateKeyPair, keyFileText, protectKeyFile, readIdentities } from './keys';
import { readManifest } from './manifest';
import { drillPostgres } from './pg-restore';
import {
  beforeRestoreName,
  drill,
  isPostgresBackup,
  OTHER_ENGINE_SQLITE,
  prepareRestore,
  removeDbFiles,
  swapIn,
  type OnRestoreProgress,
} from './restore';
import type { DrillReport, JobKind, JobState, RestoreOutcome } from '../contract/backup';
import { closeAllSessions } from '../kernel/sessions';
import { backupWarnings, BackupScheduler } from './schedule';
import { recoverySheetPdf } from './sheet';
import { schoolDayOf, schoolTimeZone } from '../kernel/school-clock';

// The backup area inside the running program: one job at a time per database, its progress for the
// UI to poll, the schedule, and the restore that swaps the open database for the restored one. A new key and one
// backup are plain functions the CLI calls too.

interface AreaState {
  job: JobState | null;
  scheduler: BackupScheduler | null;
}
const areas = new WeakMap<AppEnv, AreaState>();
let jobIds = 0;

function area(env: AppEnv): AreaState {
  let a = areas.get(env);
  if (!a) areas.set(env, (a = { job: null, scheduler: null }));
  return a;
}

/** Where to look for removable drives: the platform's places, or SCHOOL_JOURNAL_MEDIA_ROOTS (tests, unusual set-ups). */
export function mediaRoots(): string[] | undefined {
  const v = process.env.SCHOOL_JOURNAL_MEDIA_ROOTS;
  return v ? v.split(path.delimiter).filter(Boolean) : undefined;
}

export function currentJob(env: AppEnv): JobState | null {
  return area(env).job;
}

function begin(env: AppEnv, kind: JobKind, now: Date): JobState {
  const a = area(env);
  if (a.job?.status === 'running') {
    const what = { backup: 'резервное копирование', drill: 'проверка копии', restore: 'восстановление' }[a.job.kind];
    throw backupError('BACKUP_BUSY', `Уже идёт ${what}: дождитесь окончания.`);
  }
  a.job = {
    id: ++jobIds,
    kind,
    status: 'running',
    phase: 'start',
    done: 0,
    total: 1,
    destination: null,
    message: '',
    startedAt: now.toISOString(),
    finishedAt: null,
  };
  return a.job;
}

function finish(job: JobState, ok: boolean, message: string): void {
  job.status = ok ? 'ok' : 'failed';
  job.phase = 'done';
  job.message = message;
  job.finishedAt = new Date().toISOString();
}

export interface BackupRequest {
  trigger: 'manual' | 'scheduled' | 'cli';
  kind: 'regular' | 'archive';
  /** On-demand backups may be sealed with a passphrase instead of the school's key. */
  passphrase?: string;
  /** Another public key (age1…) than the school's (the CLI's --recipient). */
  recipient?: string;
  /** These folders instead of the destinations set in the program (the CLI's --to). */
  folders?: string[];
}

/**
 * One backup of the database into its destinations, on record in the backup history whatever the outcome; throws
 * what refused it. The in-app job (a click, the schedule) and the CLI's `backup create` both run this.
 */
export async function backupNow(
  ctx: Ctx,
  /** The SQLite file (its handle and path), or a PostgreSQL server's database (`raw` null, `dbFile` its URL). */
  source: { raw: Database.Database | null; dbFile: string },
  req: BackupRequest,
  onProgress?: (p: BackupProgress) => void,
): Promise<CreateResult> {
  const startedAt = ctx.now();
  const mode = req.passphrase ? 'passphrase' : 'recipient';
  let result: CreateResult;
  try {
    let recipient: string | null = null;
    if (!req.passphrase && req.recipient) recipient = await assertRecipient(req.recipient);
    else if (!req.passphrase) {
      const key = await getKey(ctx.db);
      if (!key) throw backupError('BACKUP_NO_KEY', 'Сначала создайте ключ резервных копий (или задайте парольную фразу для этой копии).');
      // Never seal copies to a key whose secret half nobody confirmed saving (the OS scheduler runs this too).
      const refusal = keyRefusal(key, 'backup');
      if (refusal) throw backupError('BACKUP_KEY_UNCONFIRMED', refusal);
      recipient = key.recipient;
    }
    let targets: DestinationTarget[];
    if (req.folders?.length) targets = req.folders.map((d) => ({ id: null, label: d, dir: path.resolve(d) }));
    else {
      const dests = (await listDestinations(ctx.db, mediaRoots())).filter((d) => d.enabled);
      const ready = dests.filter((d) => d.dir);
      if (ready.length === 0)
        throw backupError(
          'BACKUP_NO_DESTINATION',
          dests.length
            ? `Ни одно место для копий не доступно: подключите носитель (${dests.map((d) => d.label).join(', ')}).`
            : 'Не указано, куда записывать резервные копии.',
        );
      targets = ready.map((d) => ({ id: d.id, label: d.label, dir: d.dir! }));
    }
    result = await createBackup({
      raw: source.raw,
      dbFile: source.dbFile,
      seal: req.passphrase ? { passphrase: req.passphrase } : { recipient: recipient! },
      destinations: targets,
      kind: req.kind,
      trigger: req.trigger,
      retention: await getRetention(ctx.db),
      school: (await getSchool(ctx))?.shortName ?? '',
      now: startedAt,
      onProgress,
    });
  } catch (e) {
    await recordBackup(ctx, { startedAt, trigger: req.trigger, kind: req.kind, mode, result: null, error: (e as Error).message });
    throw e;
  }
  const failed = result.copies.filter((c) => !c.ok);
  const error = failed.length === result.copies.length ? failed.map((c) => `${c.destination.label}: ${c.message}`).join('; ') : null;
  await recordBackup(ctx, { startedAt, trigger: req.trigger, kind: req.kind, mode, result, error });
  return result;
}

async function doBackup(env: AppEnv, ctx: Ctx, job: JobState, req: BackupRequest): Promise<void> {
  try {
    // On PostgreSQL (env.raw null, env.dbFile the URL) the same backup is a pg_dump of the server's database.
    const result = await backupNow(ctx, { raw: env.raw, dbFile: env.dbFile }, req, (p) =>
      Object.assign(job, { phase: p.phase, done: p.done, total: p.total, destination: p.destination ?? null }),
    );
    const failed = result.copies.filter((c) => !c.ok);
    finish(job, failed.length < result.copies.length, result.copies.map((c) => `${c.destination.label}: ${c.message}`).join('\n'));
  } catch (e) {
    finish(job, false, (e as Error).message);
  }
}

/** Starts a backup and returns at once; the UI polls currentJob(). */
export function startBackup(env: AppEnv, actor: Actor, req: BackupRequest): JobState {
  const job = begin(env, 'backup', env.now());
  const ctx: Ctx = { db: env.db, actor, now: env.now };
  void doBackup(env, ctx, job, req).catch((e) => finish(job, false, (e as Error).message));
  return { ...job };
}

/**
 * The scheduled run: the same job under the scheduler's name, skipped when another job is running. While the key is
 * unconfirmed it is refused (doBackup records the refusal in the history, which the start-up warnings show).
 */
export async function scheduledBackup(env: AppEnv): Promise<void> {
  let job: JobState;
  try {
    job = begin(env, 'backup', env.now());
  } catch {
    return;
  }
  await doBackup(env, { db: env.db, actor: systemActor('планировщик резервных копий'), now: env.now }, job, {
    trigger: 'scheduled',
    kind: 'regular',
  });
}

const KEY_EXISTS =
  'Ключ резервных копий уже создан. Новый ключ заменит его для следующих копий, а прежние копии по-прежнему открываются только прежним ключом — сохраните его. Подтвердите замену.';

export interface NewKey {
  recipient: string;
  identity: string;
  /** The key file's text: the bare key file, or armored and protected by the passphrase. */
  keyFile: string;
  keyFileName: string;
  /** The printable recovery sheet (PDF). */
  sheet: Buffer;
  protectedFile: boolean;
}

/**
 * A new key pair with its key file (protected by `passphrase` when given) and its recovery sheet. With a database
 * (`ctx`) the school's name goes on the sheet and the public key becomes the school's backup key; an existing key is
 * replaced only with `replace`. `save` gets the key first (the CLI writes its files there): a key that could not be
 * saved never becomes the school's key. Only the public half stays in the database.
 */
export async function createKey(
  ctx: Ctx | null,
  i: {
    passphrase?: string;
    replace?: boolean;
    /** the caller wrote the secret half where the operator asked (the CLI) */ confirmed?: boolean;
  },
  save?: (k: NewKey) => void | Promise<void>,
): Promise<NewKey> {
  if (ctx && (await getKey(ctx.db)) && !i.replace) throw new AppError('INVALID', KEY_EXISTS);
  const pair = await generateKeyPair();
  const now = ctx?.now() ?? new Date();
  const plain = keyFileText(pair, now);
  const keyFile = i.passphrase ? await protectKeyFile(plain, i.passphrase) : plain;
  const school = ctx ? ((await getSchool(ctx))?.fullName ?? '') : '';
  const sheet = await recoverySheetPdf({
    school,
    recipient: pair.recipient,
    keyText: i.passphrase ? keyFile : pair.identity,
    protectedByPassphrase: !!i.passphrase,
    createdAt: now,
  });
  // the file name's day is the school's day; without a database (the CLI's key for a new school) the computer's own
  const day = schoolDayOf(now, ctx ? await schoolTimeZone(ctx.db) : Intl.DateTimeFormat().resolvedOptions().timeZone);
  const key: NewKey = {
    recipient: pair.recipient,
    identity: pair.identity,
    keyFile,
    keyFileName: i.passphrase ? `ключ-резервных-копий-${day}.age.txt` : `ключ-резервных-копий-${day}.txt`,
    sheet,
    protectedFile: !!i.passphrase,
  };
  await save?.(key);
  // Only the public half stays on this PC, unconfirmed until the administrator says the secret half was saved.
  if (ctx)
    await setKey(ctx, {
      recipient: pair.recipient,
      createdAt: now.toISOString(),
      protectedFile: !!i.passphrase,
      confirmedAt: i.confirmed ? now.toISOString() : null,
    });
  return key;
}

/** The school's backup key from a public key made elsewhere (age-keygen); an existing key is replaced only with `replace`. */
export async function useRecipient(ctx: Ctx, i: { recipient: string; replace?: boolean }): Promise<true> {
  if ((await getKey(ctx.db)) && !i.replace) throw new AppError('INVALID', KEY_EXISTS);
  const recipient = await assertRecipient(i.recipient);
  // A public key made elsewhere: its secret half never passed through this program and is the administrator's already.
  const at = ctx.now().toISOString();
  await setKey(ctx, { recipient, createdAt: at, protectedFile: false, confirmedAt: at });
  return true;
}

export interface UnlockInput {
  keyText?: string;
  keyPassphrase?: string;
  passphrase?: string;
}

export async function unsealFrom(i: UnlockInput): Promise<Unseal> {
  if (i.passphrase) return { passphrase: i.passphrase };
  if (i.keyText) return { identities: await readIdentities(i.keyText, i.keyPassphrase) };
  throw backupError('BACKUP_NEEDS_KEY', 'Укажите секретный ключ (файл ключа) или парольную фразу копии.');
}

export async function runDrill(env: AppEnv, actor: Actor, file: string, unlock: UnlockInput): Promise<DrillReport> {
  const job = begin(env, 'drill', env.now());
  const ctx: Ctx = { db: env.db, actor, now: env.now };
  try {
    const unseal = await unsealFrom(unlock);
    const report = await drillAny(env, file, unseal, (p) => Object.assign(job, p));
    finish(job, true, report.message);
    await recordCheck(ctx, { kind: 'drill', file, ok: true, message: report.message, details: report });
    return report;
  } catch (e) {
    finish(job, false, (e as Error).message);
    await recordCheck(ctx, { kind: 'drill', file, ok: false, message: (e as Error).message });
    throw e;
  }
}

/**
 * The drill for either kind of backup: an SQLite backup in a temporary file (beside the database; on a server, beside
 * the backup file), a PostgreSQL backup in a throwaway database on the program's own server.
 */
async function drillAny(env: AppEnv, file: string, unseal: Unseal, onProgress: OnRestoreProgress): Promise<DrillReport> {
  const manifest = readManifest(file);
  if (isPostgresBackup(file, manifest)) {
    if (env.raw) throw backupError('BACKUP_OTHER_ENGINE', OTHER_ENGINE_SQLITE);
    onProgress({ phase: 'decrypt', done: 0, total: 1 });
    return drillPostgres(file, unseal, env.dbFile);
  }
  const work = env.raw ? path.dirname(path.resolve(env.dbFile)) : path.dirname(path.resolve(file));
  return drill(file, unseal, work, onProgress);
}

/**
 * Replaces the open database with a backup: prepare and check it beside the database while the program
 * keeps working, keep a copy of the current database, close it, swap, reopen (migrating an older schema
 * up), and end every session (the restored accounts may differ). Any refusal before the swap changes nothing.
 */
export async function restoreInApp(env: AppEnv, actor: Actor, file: string, unlock: UnlockInput): Promise<RestoreOutcome> {
  // A server's database is shared by every instance: it is never swapped under them. A backup goes into a new, empty
  // database (`backup restore FILE --to postgres://…`), which the instances are then pointed at.
  if (!env.raw)
    throw new AppError(
      'UNSUPPORTED',
      'Восстановление базы на сервере PostgreSQL делается не из программы, а командой school-journal backup restore ФАЙЛ --to postgres://…/новая_пустая_база (см. руководство по резервным копиям).',
    );
  const job = begin(env, 'restore', env.now());
  const ctx: Ctx = { db: env.db, actor, now: env.now };
  let prepared;
  try {
    const unseal = await unsealFrom(unlock);
    prepared = await prepareRestore(file, unseal, path.dirname(path.resolve(env.dbFile)), (p) => Object.assign(job, p));
  } catch (e) {
    finish(job, false, (e as Error).message);
    await recordCheck(ctx, { kind: 'restore', file, ok: false, message: (e as Error).message });
    throw e;
  }
  Object.assign(job, { phase: 'swap', done: 0, total: 1 });
  const previousCopy = beforeRestoreName(env.dbFile, env.now());
  try {
    await sqliteHandle(env, 'Восстановление из копии').backup(previousCopy);
  } catch (e) {
    removeDbFiles(prepared.temp);
    const msg = `Не удалось сохранить копию текущей базы перед восстановлением (${(e as Error).message}). База данных не изменена.`;
    finish(job, false, msg);
    throw backupError('BACKUP_RESTORE_FAILED', msg);
  }
  area(env).scheduler?.stop();
  await env.db.destroy();
  let message: string;
  try {
    swapIn(prepared, env.dbFile);
    const h = await openDatabase(env.dbFile);
    env.db = h.db;
    env.raw = h.raw;
    message = `База восстановлена из «${path.basename(file)}» (схема ${prepared.schemaVersion}). Прежняя база сохранена: ${previousCopy}. Войдите снова.`;
  } catch (e) {
    // Put the previous database back exactly as it was copied a moment ago.
    removeDbFiles(env.dbFile);
    fs.copyFileSync(previousCopy, env.dbFile);
    const h = await openDatabase(env.dbFile);
    env.db = h.db;
    env.raw = h.raw;
    message = `Восстановление не удалось (${(e as Error).message}); прежняя база возвращена на место.`;
    finish(job, false, message);
    await area(env).scheduler?.reload();
    throw backupError('BACKUP_RESTORE_FAILED', message);
  }
  await closeAllSessions(env.db, env.now());
  // A deliberate, audited restore: the remembered head of the audit chain follows the restored database.
  saveAnchor(env.dbFile, env.raw);
  env.auditWarning = null;
  const after: Ctx = { db: env.db, actor, now: env.now };
  await carryBackupSettings(after, previousCopy);
  await recordCheck(after, { kind: 'restore', file, ok: true, message, details: { previousCopy, schemaVersion: prepared.schemaVersion } });
  finish(job, true, message);
  await area(env).scheduler?.reload();
  return { previousCopy, schemaVersion: prepared.schemaVersion, message };
}

/**
 * The backup set-up belongs to this PC and its media, not to the school data being restored: the key,
 * schedule, destinations and the history (including the backup just restored from) are carried over
 * from the database that was replaced, so the schedule keeps writing to the same drives.
 */
async function carryBackupSettings(ctx: Ctx, previous: string): Promise<void> {
  const tables = ['backup_check', 'backup_run', 'backup_destination'] as const;
  await sql`attach database ${previous} as prev`.execute(ctx.db);
  try {
    await mutate(ctx, async (w) => {
      await sql`delete from main.setting where key like 'backup.%'`.execute(w.trx);
      await sql`insert into main.setting select * from prev.setting where key like 'backup.%'`.execute(w.trx);
      for (const t of tables) await sql`delete from main.${sql.raw(t)}`.execute(w.trx);
      for (const t of [...tables].reverse()) await sql`insert into main.${sql.raw(t)} select * from prev.${sql.raw(t)}`.execute(w.trx);
      await w.audit({ action: 'backup.carry_settings', entity: 'setting', after: { from: previous } });
    });
  } finally {
    await sql`detach database prev`.execute(ctx.db);
  }
}

/** Starts the in-app schedule for this program's database. */
export async function startScheduler(env: AppEnv): Promise<BackupScheduler> {
  const a = area(env);
  a.scheduler?.stop();
  a.scheduler = new BackupScheduler(
    () => env.db,
    () => scheduledBackup(env),
  );
  await a.scheduler.reload();
  return a.scheduler;
}

export function scheduler(env: AppEnv): BackupScheduler | null {
  return area(env).scheduler;
}

/** The backup capability's start hook: the in-app schedule, and a warning when the last verified backup is too old. */
export async function startBackups(env: AppEnv): Promise<BackupScheduler> {
  const s = await startScheduler(env);
  if (await getKey(env.db)) for (const w of await backupWarnings(env.db, env.now(), mediaRoots())) console.warn(`[резервные копии] ${w}`);
  return s;
}

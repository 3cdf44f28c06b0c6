import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Db } from '../../db';
import type { Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { markDrive, resolveDestination, scanVolumes } from './destinations';
import type { CreateResult } from './create';
import { DEFAULT_RETENTION } from './rotation';
import type { BackupCheck, BackupDestinationView, BackupRun, KeyInfo, Retention, Schedule } from '../contract/backup';

// What the database remembers about backups: the public key, the schedule, the retention, the
// destinations and the history. Every change goes through mutate() and so into the audit log.

export const DEFAULT_SCHEDULE: Schedule = { enabled: true, time: '17:30', weekdaysOnly: false };

// A key stored before confirmation existed reads as unconfirmed: nobody recorded that its secret half was saved.
const keySchema = z.object({
  recipient: z.string(),
  createdAt: z.string(),
  protectedFile: z.boolean(),
  confirmedAt: z.string().nullable().default(null),
});
const scheduleSchema = z.object({ enabled: z.boolean(), time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/), weekdaysOnly: z.boolean() });
const retentionSchema = z.object({
  daily: z.number().int().min(1).max(366),
  weekly: z.number().int().min(0).max(520),
  monthly: z.number().int().min(0).max(1200),
});

const KEYS = { key: 'backup.key', schedule: 'backup.schedule', retention: 'backup.retention' } as const;

async function readJson<T>(db: Db, key: string, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const r = await db.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
  if (!r) return fallback;
  try {
    const p = schema.safeParse(JSON.parse(r.value));
    return p.success ? p.data : fallback;
  } catch {
    return fallback;
  }
}

async function writeJson(ctx: Ctx, key: string, value: unknown, action: string): Promise<void> {
  await mutate(ctx, async (w) => {
    const before = await w.trx.selectFrom('setting').select('value').where('key', '=', key).executeTakeFirst();
    const json = JSON.stringify(value);
    await w.trx
      .insertInto('setting')
      .values({ key, value: json })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
      .execute();
    await w.audit({ action, entity: 'setting', before: before ? { key, value: JSON.parse(before.value) } : null, after: { key, value } });
  });
}

export const getKey = (db: Db) => readJson<KeyInfo | null>(db, KEYS.key, keySchema, null);
export const getSchedule = (db: Db) => readJson(db, KEYS.schedule, scheduleSchema, DEFAULT_SCHEDULE);
export const getRetention = (db: Db) => readJson(db, KEYS.retention, retentionSchema, DEFAULT_RETENTION);

export async function setKey(ctx: Ctx, key: KeyInfo): Promise<void> {
  await writeJson(ctx, KEYS.key, key, 'backup.key');
}
/** Why key-mode backups may not run yet (null: they may). The secret half must have been saved somewhere first. */
export function keyRefusal(key: KeyInfo | null, what: 'backup' | 'schedule'): string | null {
  if (key?.confirmedAt) return null;
  if (what === 'schedule')
    return key
      ? 'Расписание не включено: не подтверждено, что секретный ключ резервных копий сохранён. Сохраните файл ключа или лист восстановления и подтвердите это в разделе «Резервные копии» — затем включите расписание.'
      : 'Расписание не включено: сначала создайте ключ резервных копий и подтвердите, что секретный ключ сохранён.';
  return key
    ? 'Копия не сделана: не подтверждено, что секретный ключ резервных копий сохранён — без него копию никто не сможет открыть. Сохраните файл ключа или лист восстановления и подтвердите это в разделе «Резервные копии» (или создайте новый ключ).'
    : 'Сначала создайте ключ резервных копий (или задайте парольную фразу для этой копии).';
}

/**
 * Records that the administrator saved the secret half of the current key. `recipient` names the key the
 * administrator saw, so that a confirmation meant for a key since replaced is refused instead of confirming the new one.
 */
export async function confirmKey(ctx: Ctx, recipient: string, how: { via: string[]; proved: boolean }): Promise<KeyInfo> {
  return mutate(ctx, async (w) => {
    const row = await w.trx.selectFrom('setting').select('value').where('key', '=', KEYS.key).executeTakeFirst();
    const parsed = row ? keySchema.safeParse(JSON.parse(row.value)) : null;
    const key = parsed?.success ? parsed.data : null;
    if (!key) invalid('Ключ резервных копий ещё не создан.');
    if (key.recipient !== recipient.trim())
      invalid(
        'Этот ключ уже заменён другим: подтвердите сохранение действующего ключа (его открытый ключ показан в разделе «Резервные копии»).',
      );
    if (key.confirmedAt) return key;
    const confirmed: KeyInfo = { ...key, confirmedAt: w.at.toISOString() };
    const json = JSON.stringify(confirmed);
    await w.trx.updateTable('setting').set({ value: json }).where('key', '=', KEYS.key).execute();
    await w.audit({
      action: 'backup.key_confirmed',
      entity: 'setting',
      before: { key: KEYS.key, value: key },
      after: { key: KEYS.key, value: confirmed, via: how.via, proved: how.proved },
    });
    return confirmed;
  });
}

export async function setSchedule(ctx: Ctx, s: Schedule): Promise<void> {
  await writeJson(ctx, KEYS.schedule, scheduleSchema.parse(s), 'backup.schedule');
}
export async function setRetention(ctx: Ctx, r: Retention): Promise<void> {
  await writeJson(ctx, KEYS.retention, retentionSchema.parse(r), 'backup.retention');
}

// --- destinations ---

export async function listDestinations(db: Db, roots?: string[]): Promise<BackupDestinationView[]> {
  const rows = await db.selectFrom('backup_destination').selectAll().orderBy('id').execute();
  return rows.map((d) => {
    const dir = resolveDestination(d, roots);
    return {
      id: d.id,
      kind: d.kind,
      path: d.path,
      label: d.label,
      enabled: !!d.enabled,
      driveId: d.drive_id,
      connected: dir !== null,
      dir,
    };
  });
}

export async function addFolderDestination(ctx: Ctx, input: { path: string; label: string }): Promise<number> {
  const p = input.path.trim();
  if (!p) invalid('Укажите папку для резервных копий');
  if (!path.isAbsolute(p)) invalid('Укажите полный путь к папке (например, D:\\Резерв или /home/office/backup)');
  if (!fs.existsSync(p) || !fs.statSync(p).isDirectory()) invalid(`Папка «${p}» не найдена`);
  return mutate(ctx, async (w) => {
    const dup = await w.trx
      .selectFrom('backup_destination')
      .select('id')
      .where('kind', '=', 'folder')
      .where('path', '=', p)
      .executeTakeFirst();
    if (dup) invalid('Эта папка уже в списке');
    const r = await w.trx
      .insertInto('backup_destination')
      .values({ kind: 'folder', path: p, drive_id: null, label: input.label.trim() || p, created_at: w.at.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({ action: 'create', entity: 'backup_destination', entityId: r.id, after: { kind: 'folder', path: p } });
    return r.id;
  });
}

/** Marks a plugged-in drive as the school's backup drive (marker file in its root) and remembers it. */
export async function addDriveDestination(
  ctx: Ctx,
  input: { root: string; label: string },
  school: string,
  roots?: string[],
): Promise<number> {
  const volume = scanVolumes(roots).find((v) => v.root === input.root);
  if (!volume) invalid('Носитель не найден: подключите его и обновите список');
  const label = input.label.trim() || 'Носитель резервных копий';
  const marker = markDrive(volume!.root, label, school, ctx.now());
  return mutate(ctx, async (w) => {
    const dup = await w.trx.selectFrom('backup_destination').select('id').where('drive_id', '=', marker.driveId).executeTakeFirst();
    if (dup) invalid('Этот носитель уже в списке');
    const r = await w.trx
      .insertInto('backup_destination')
      .values({ kind: 'drive', path: volume!.root, drive_id: marker.driveId, label, created_at: w.at.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      action: 'create',
      entity: 'backup_destination',
      entityId: r.id,
      after: { kind: 'drive', root: volume!.root, driveId: marker.driveId, label },
    });
    return r.id;
  });
}

export async function setDestinationEnabled(ctx: Ctx, id: number, enabled: boolean): Promise<number> {
  return mutate(ctx, async (w) => {
    const d = await w.trx.selectFrom('backup_destination').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) notFound('Место для резервных копий');
    await w.trx
      .updateTable('backup_destination')
      .set({ enabled: enabled ? 1 : 0 })
      .where('id', '=', id)
      .execute();
    await w.audit({ action: 'update', entity: 'backup_destination', entityId: id, before: { enabled: !!d!.enabled }, after: { enabled } });
    return id;
  });
}

/** Forgets a destination; the backups already on it stay where they are. */
export async function removeDestination(ctx: Ctx, id: number): Promise<number> {
  return mutate(ctx, async (w) => {
    const d = await w.trx.selectFrom('backup_destination').selectAll().where('id', '=', id).executeTakeFirst();
    if (!d) notFound('Место для резервных копий');
    await w.trx.deleteFrom('backup_destination').where('id', '=', id).execute();
    await w.audit({ action: 'delete', entity: 'backup_destination', entityId: id, before: d });
    return id;
  });
}

// --- history ---

export async function recordBackup(
  ctx: Ctx,
  r: {
    startedAt: Date;
    trigger: 'manual' | 'scheduled' | 'cli';
    kind: 'regular' | 'archive';
    mode: 'recipient' | 'passphrase';
    result: CreateResult | null;
    error: string | null;
  },
): Promise<void> {
  await mutate(ctx, async (w) => {
    const base = {
      started_at: r.startedAt.toISOString(),
      finished_at: w.at.toISOString(),
      trigger: r.trigger,
      kind: r.kind,
      mode: r.mode,
      actor: ctx.actor.name,
    };
    const rows = r.result
      ? r.result.copies.map((c) => ({
          ...base,
          status: c.ok ? ('ok' as const) : ('failed' as const),
          destination_id: c.destination.id ?? null,
          destination: c.destination.label,
          file: c.file,
          db_bytes: r.result!.packed.plainBytes,
          file_bytes: c.ok ? r.result!.packed.fileBytes : null,
          sha256: c.ok ? r.result!.packed.fileSha256 : null,
          schema_version: r.result!.snapshot.schemaVersion,
          audit_head: r.result!.snapshot.auditHead?.hash ?? null,
          verified: c.ok ? 1 : 0,
          rotated: c.rotated.length ? JSON.stringify(c.rotated) : null,
          message: c.message,
        }))
      : [
          {
            ...base,
            status: 'failed' as const,
            destination_id: null,
            destination: '',
            file: null,
            db_bytes: null,
            file_bytes: null,
            sha256: null,
            schema_version: null,
            audit_head: null,
            verified: 0,
            rotated: null,
            message: r.error ?? '',
          },
        ];
    for (const row of rows) {
      const ins = await w.trx.insertInto('backup_run').values(row).returning('id').executeTakeFirstOrThrow();
      await w.audit({
        action: 'backup.create',
        entity: 'backup_run',
        entityId: ins.id,
        outcome: row.status === 'ok' ? 'ok' : 'error',
        after: { destination: row.destination, file: row.file, sha256: row.sha256, message: row.message },
      });
    }
  });
}

export async function listRuns(db: Db, limit = 200): Promise<BackupRun[]> {
  const rows = await db.selectFrom('backup_run').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    trigger: r.trigger,
    kind: r.kind,
    mode: r.mode,
    status: r.status,
    destinationId: r.destination_id,
    destination: r.destination,
    file: r.file,
    dbBytes: r.db_bytes,
    fileBytes: r.file_bytes,
    sha256: r.sha256,
    schemaVersion: r.schema_version,
    auditHead: r.audit_head,
    verified: r.verified === 1,
    rotated: r.rotated ? (JSON.parse(r.rotated) as string[]) : [],
    message: r.message,
    actor: r.actor,
  }));
}

export async function recordCheck(
  ctx: Ctx,
  c: { kind: 'drill' | 'restore'; file: string; ok: boolean; message: string; details?: unknown },
): Promise<void> {
  await mutate(ctx, async (w) => {
    const r = await w.trx
      .insertInto('backup_check')
      .values({
        at: w.at.toISOString(),
        kind: c.kind,
        file: c.file,
        ok: c.ok ? 1 : 0,
        message: c.message,
        details: c.details === undefined ? null : JSON.stringify(c.details),
        actor: ctx.actor.name,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.audit({
      action: `backup.${c.kind}`,
      entity: 'backup_check',
      entityId: r.id,
      outcome: c.ok ? 'ok' : 'error',
      after: { file: c.file, message: c.message },
    });
  });
}

export async function listChecks(db: Db, limit = 100): Promise<BackupCheck[]> {
  const rows = await db.selectFrom('backup_check').selectAll().orderBy('id', 'desc').limit(limit).execute();
  return rows.map((c) => ({
    id: c.id,
    at: c.at,
    kind: c.kind,
    file: c.file,
    ok: c.ok === 1,
    message: c.message,
    details: c.details === null ? null : (JSON.parse(c.details) as unknown),
    actor: c.actor,
  }));
}

/** The newest backup that was written and verified, anywhere. */
export async function lastVerified(db: Db) {
  return db
    .selectFrom('backup_run')
    .selectAll()
    .where('status', '=', 'ok')
    .where('verified', '=', 1)
    .orderBy('finished_at', 'desc')
    .limit(1)
    .executeTakeFirst();
}

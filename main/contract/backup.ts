import { z } from 'zod';
import { empty, id, required, text, time } from './fields';
import type { BackupDestinationKind, BackupKind, BackupMode, BackupTrigger } from './unions';

// Channels of the backup area (administrator only: permission backup.manage).

const passphrase = z.string().min(10, 'Парольная фраза не короче 10 символов').max(1024);
const backupFile = z
  .string()
  .trim()
  .min(1, 'Выберите файл резервной копии')
  .max(4096)
  .refine((s) => s.endsWith('.age'), { message: 'Файл резервной копии — *.age' });
const unlock = {
  keyText: z.string().max(20_000).optional(),
  keyPassphrase: z.string().max(1024).optional(),
  passphrase: z.string().max(1024).optional(),
};

export const backupSchemas = {
  'backup.status': empty,
  'backup.history': empty,
  'backup.keygen': z.object({ passphrase: passphrase.optional(), replace: z.boolean().optional() }),
  'backup.setRecipient': z.object({ recipient: required('Открытый ключ', 100), replace: z.boolean().optional() }),
  'backup.confirmKey': z.object({
    recipient: required('Открытый ключ', 100),
    saved: z.literal(true, { message: 'Отметьте «Я сохранил ключ в надёжном месте»' }),
    /** How the secret was saved, as the screen saw it (recorded in the audit log). */
    via: z
      .array(z.enum(['file', 'sheet', 'copy']))
      .max(3)
      .default([]),
    /** The key file's text or the typed secret key: main checks that it belongs to the stored public key. */
    keyText: z.string().max(20_000).optional(),
    keyPassphrase: z.string().max(1024).optional(),
  }),
  'backup.setSchedule': z.object({
    enabled: z.boolean(),
    time: time('Время копирования'),
    weekdaysOnly: z.boolean(),
    retention: z.object({
      daily: z.number().int().min(1, 'Ежедневных копий: не меньше 1').max(366),
      weekly: z.number().int().min(0).max(520),
      monthly: z.number().int().min(0).max(1200),
    }),
  }),
  'backup.addFolder': z.object({ path: required('Папка', 4096), label: text(100) }),
  'backup.addDrive': z.object({ root: required('Носитель', 4096), label: text(100) }),
  'backup.setDestinationEnabled': z.object({ id, enabled: z.boolean() }),
  'backup.removeDestination': z.object({ id }),
  'backup.create': z.object({ kind: z.enum(['regular', 'archive']).default('regular'), passphrase: passphrase.optional() }),
  'backup.progress': empty,
  'backup.list': empty,
  'backup.drill': z.object({ file: backupFile, ...unlock }),
  'backup.restore': z.object({ file: backupFile, ...unlock, confirm: z.literal(true, { message: 'Подтвердите замену базы данных' }) }),
} as const;

/** The school's backup key: only its public half is kept on this PC. */
export interface KeyInfo {
  recipient: string;
  createdAt: string;
  /** Whether the key file handed out was passphrase-protected (for the UI only; the PC never sees it). */
  protectedFile: boolean;
  /**
   * When the administrator confirmed that the secret half was saved (key file, recovery sheet or copied); null until
   * then, and key-mode backups (scheduled ones included) are refused while it is null.
   */
  confirmedAt: string | null;
}

/** When the program makes backups by itself. */
export interface Schedule {
  enabled: boolean;
  /** HH:MM, local time of this PC. */
  time: string;
  weekdaysOnly: boolean;
}

/** Grandfather-father-son rotation: the newest backup of each of the last N days, weeks and months is kept. */
export interface Retention {
  daily: number;
  weekly: number;
  monthly: number;
}

export type JobKind = 'backup' | 'drill' | 'restore';

/** The backup area's one job (a backup, a drill or a restore), as the screen polls it. */
export interface JobState {
  id: number;
  kind: JobKind;
  status: 'running' | 'ok' | 'failed';
  phase: string;
  done: number;
  total: number;
  destination: string | null;
  message: string;
  startedAt: string;
  finishedAt: string | null;
}

/** What a drill counted in the restored data. */
export interface DrillCounts {
  students: number;
  classes: number;
  staff: number;
  users: number;
  auditRows: number;
}

/** A drill: the backup restored into a temporary file, checked and deleted; nothing else changes. */
export interface DrillReport {
  file: string;
  ok: true;
  schemaVersion: number;
  databaseBytes: number;
  createdAt: string | null;
  auditRows: number;
  auditChainOk: boolean;
  auditProblem: string | null;
  /** Whether the chain head in the restored data matches the manifest's (null: no manifest or empty chain). */
  auditHeadMatches: boolean | null;
  counts: DrillCounts;
  /** PostgreSQL backups: whether every table's row count equals the manifest's (null: no counts to compare). */
  countsMatch?: boolean | null;
  /** The tables whose counts differ, «table: restored/manifest». */
  countMismatches?: string[];
  engine?: 'sqlite' | 'postgresql';
  message: string;
}

/** The open database replaced by a backup. */
export interface RestoreOutcome {
  /** The database as it was before the restore, kept beside it. */
  previousCopy: string;
  schemaVersion: number;
  message: string;
}

export interface BackupDestinationView {
  id: number;
  kind: BackupDestinationKind;
  path: string;
  label: string;
  enabled: boolean;
  driveId: string | null;
  connected: boolean;
  dir: string | null;
}

export interface BackupVolumeView {
  root: string;
  marked: boolean;
  label: string | null;
  free: number | null;
  fat: boolean | null;
}

export interface BackupFileView {
  file: string;
  name: string;
  destination: string;
  bytes: number;
  createdAt: string;
  kind: BackupKind | null;
  mode: BackupMode | null;
  schemaVersion: number | null;
  hasManifest: boolean;
}

export interface BackupStatus {
  key: KeyInfo | null;
  schedule: Schedule;
  retention: Retention;
  nextRun: string | null;
  destinations: BackupDestinationView[];
  volumes: BackupVolumeView[];
  warnings: string[];
  job: JobState | null;
  lastVerified: BackupLastVerified | null;
}

/** The newest backup that was written and verified. */
export interface BackupLastVerified {
  at: string;
  destination: string;
  file: string | null;
}

/** One backup written (or failed) to one destination. */
export interface BackupRun {
  id: number;
  startedAt: string;
  finishedAt: string;
  trigger: BackupTrigger;
  kind: BackupKind;
  mode: BackupMode;
  status: 'ok' | 'failed';
  destinationId: number | null;
  destination: string;
  file: string | null;
  /** The database's size. */
  dbBytes: number | null;
  /** The encrypted file's size. */
  fileBytes: number | null;
  sha256: string | null;
  schemaVersion: number | null;
  auditHead: string | null;
  /** The written file was read back and matched. */
  verified: boolean;
  /** Older files removed by rotation after this one verified. */
  rotated: string[];
  message: string;
  actor: string;
}

/** One drill or restore. */
export interface BackupCheck {
  id: number;
  at: string;
  kind: 'drill' | 'restore';
  file: string;
  ok: boolean;
  message: string;
  /** What the check reported (a drill's report, a restore's previous copy), as recorded. */
  details: unknown;
  actor: string;
}

export interface BackupHistory {
  runs: BackupRun[];
  checks: BackupCheck[];
}

export interface BackupKeygenResult {
  recipient: string;
  /** The secret key: shown once, never stored by the program. */
  identity: string;
  keyFile: string;
  keyFileName: string;
  sheetPdfBase64: string;
  protectedFile: boolean;
}

export interface BackupOutputs {
  'backup.status': BackupStatus;
  'backup.history': BackupHistory;
  'backup.keygen': BackupKeygenResult;
  'backup.setRecipient': true;
  'backup.confirmKey': KeyInfo;
  'backup.setSchedule': true;
  'backup.addFolder': number;
  'backup.addDrive': number;
  'backup.setDestinationEnabled': number;
  'backup.removeDestination': number;
  'backup.create': JobState;
  'backup.progress': JobState | null;
  'backup.list': BackupFileView[];
  'backup.drill': DrillReport;
  'backup.restore': RestoreOutcome;
}

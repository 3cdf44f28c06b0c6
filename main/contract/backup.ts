import { z } from 'zod';
import type { KeyInfo, Schedule } from '../backup/config';
import type { DrillReport } from '../backup/restore';
import type { Retention } from '../backup/rotation';
import type { JobState, RestoreOutcome } from '../backup/service';
import type { Row } from '../../db/schema';
import { empty, id, required, text, time } from './fields';

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

export interface BackupDestinationView {
  id: number;
  kind: 'folder' | 'drive';
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
  kind: 'regular' | 'archive' | null;
  mode: 'recipient' | 'passphrase' | null;
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
  lastVerified: { at: string; destination: string; file: string | null } | null;
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
  'backup.history': { runs: Row<'backup_run'>[]; checks: Row<'backup_check'>[] };
  'backup.keygen': BackupKeygenResult;
  'backup.setRecipient': true;
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

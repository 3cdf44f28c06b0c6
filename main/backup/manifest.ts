import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The manifest beside every backup file: plain JSON, readable in 25 years without this program.
// It is written last, after the backup file was read back and verified, so a manifest means "complete".

export const MANIFEST_FORMAT = 'school-journal-backup';
export const BACKUP_SUFFIX = '.sqlite.gz.age';
export const MANIFEST_SUFFIX = '.manifest.json';

const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.literal(1),
  file: z.string(),
  createdAt: z.string(),
  kind: z.enum(['regular', 'archive']),
  trigger: z.enum(['manual', 'scheduled', 'cli']),
  app: z.object({ name: z.string(), version: z.string() }),
  schemaVersion: z.number().int(),
  school: z.string(),
  encryption: z.object({ format: z.literal('age-v1'), mode: z.enum(['recipient', 'passphrase']), recipients: z.array(z.string()) }),
  compression: z.literal('gzip'),
  sizes: z.object({ database: z.number(), file: z.number() }),
  sha256: z.object({ database: z.string(), file: z.string() }),
  auditHead: z.object({ id: z.number(), hash: z.string() }).nullable(),
  verified: z.object({ at: z.string(), method: z.string() }),
  restore: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function baseName(backupFile: string): string {
  const b = path.basename(backupFile);
  return b.endsWith(BACKUP_SUFFIX) ? b.slice(0, -BACKUP_SUFFIX.length) : b.replace(/\.age$/, '');
}

export function manifestPathFor(backupFile: string): string {
  return path.join(path.dirname(backupFile), baseName(backupFile) + MANIFEST_SUFFIX);
}

/** The manifest next to a backup file, or null when there is none or it is not ours. */
export function readManifest(backupFile: string): Manifest | null {
  try {
    const parsed = manifestSchema.safeParse(JSON.parse(fs.readFileSync(manifestPathFor(backupFile), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A new backup's file name: UTC time to the second plus a random tail, so two runs never collide. */
export function backupFileName(at: Date, kind: 'regular' | 'archive', random: string): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `journal-${kind === 'archive' ? 'archive-' : ''}${stamp}-${random}${BACKUP_SUFFIX}`;
}

export interface FoundBackup {
  file: string;
  name: string;
  manifest: Manifest | null;
  bytes: number;
  mtime: string;
}

/** Backups in a folder, newest first. Files without a manifest are listed too (foreign or unfinished). */
export function listBackups(dir: string): FoundBackup[] {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const out: FoundBackup[] = [];
  for (const name of names) {
    if (name.startsWith('.') || !name.endsWith('.age')) continue;
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (!st.isFile()) continue;
      out.push({ file, name, manifest: readManifest(file), bytes: st.size, mtime: st.mtime.toISOString() });
    } catch {
      /* vanished while listing */
    }
  }
  return out.sort((a, b) => (b.manifest?.createdAt ?? b.mtime).localeCompare(a.manifest?.createdAt ?? a.mtime));
}

export function manifestJson(m: Manifest): string {
  return JSON.stringify(manifestSchema.parse(m), null, 2) + '\n';
}

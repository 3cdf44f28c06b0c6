import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

// The manifest beside every backup file: plain JSON, readable in 25 years without this program.
// It is written last, after the backup file was read back and verified, so a manifest means "complete".

export const MANIFEST_FORMAT = 'school-journal-backup';
export const BACKUP_SUFFIX = '.sqlite.gz.age';
/** A PostgreSQL server's backup (issue 17, part 5): pg_dump's custom format (compressed by pg_dump itself) in age. */
export const PG_BACKUP_SUFFIX = '.pgdump.age';
export const MANIFEST_SUFFIX = '.manifest.json';

/**
 * formatVersion 1: an SQLite file, gzip, age (every backup before the server mode; `engine` absent or 'sqlite').
 * formatVersion 2: a PostgreSQL `pg_dump -Fc` archive, age, no second compression, with `counts`. A program that knows
 * only version 1 finds no manifest it can read for a version-2 file and then refuses the payload as not its own
 * (it is not gzip); this program reads both.
 */
const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  formatVersion: z.union([z.literal(1), z.literal(2)]),
  engine: z.enum(['sqlite', 'postgresql']).default('sqlite'),
  file: z.string(),
  createdAt: z.string(),
  kind: z.enum(['regular', 'archive']),
  trigger: z.enum(['manual', 'scheduled', 'cli']),
  app: z.object({ name: z.string(), version: z.string() }),
  schemaVersion: z.number().int(),
  school: z.string(),
  encryption: z.object({ format: z.literal('age-v1'), mode: z.enum(['recipient', 'passphrase']), recipients: z.array(z.string()) }),
  /** 'none': the payload compresses itself (pg_dump -Fc compresses every table's data with zlib). */
  compression: z.enum(['gzip', 'none']),
  sizes: z.object({ database: z.number(), file: z.number() }),
  sha256: z.object({ database: z.string(), file: z.string() }),
  auditHead: z.object({ id: z.number(), hash: z.string() }).nullable(),
  /** PostgreSQL: every table's row count, taken in the snapshot pg_dump dumped (checked after a restore and a drill). */
  counts: z.record(z.string(), z.number()).optional(),
  /** PostgreSQL: the server's major version and the pg_dump that made the archive. */
  server: z.object({ version: z.number(), pgDump: z.number() }).optional(),
  verified: z.object({ at: z.string(), method: z.string() }),
  restore: z.string(),
});
export type Manifest = z.infer<typeof manifestSchema>;

export function baseName(backupFile: string): string {
  const b = path.basename(backupFile);
  for (const suffix of [BACKUP_SUFFIX, PG_BACKUP_SUFFIX]) if (b.endsWith(suffix)) return b.slice(0, -suffix.length);
  return b.replace(/\.age$/, '');
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
export function backupFileName(at: Date, kind: 'regular' | 'archive', random: string, engine: 'sqlite' | 'postgresql' = 'sqlite'): string {
  const stamp = at
    .toISOString()
    .replace(/\.\d+Z$/, 'Z')
    .replace(/:/g, '-');
  return `journal-${kind === 'archive' ? 'archive-' : ''}${stamp}-${random}${engine === 'postgresql' ? PG_BACKUP_SUFFIX : BACKUP_SUFFIX}`;
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

import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { spaceOf, writeFileSafely } from './safe-write';

// Where backups can go: any folder, and removable drives found by looking at the places each OS mounts
// them (polling; no native module needed). The school's backup drive is recognised by a marker file in
// its root, not by its letter or mount point, which change from one plug-in to the next.

export const MARKER_FILE = 'SCHOOL-JOURNAL-BACKUP-DRIVE.json';
/** Backups on a marked drive go into this folder in its root. */
export const DRIVE_FOLDER = 'school-journal-backups';

const markerSchema = z.object({
  format: z.literal('school-journal-backup-drive'),
  driveId: z.string().min(8),
  label: z.string(),
  school: z.string(),
  createdAt: z.string(),
});
export type DriveMarker = z.infer<typeof markerSchema>;

export interface MountedVolume {
  root: string;
  marker: DriveMarker | null;
  free: number | null;
  fat: boolean | null;
}

function subdirs(dir: string): string[] {
  try {
    return fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((d) => d.isDirectory() || d.isSymbolicLink())
      .map((d) => path.join(dir, d.name));
  } catch {
    return [];
  }
}

/** Candidate mount points of removable media on this platform. `roots` overrides them (tests, unusual set-ups). */
export function candidateRoots(roots?: string[]): string[] {
  if (roots) return roots.flatMap((r) => subdirs(r));
  if (process.platform === 'win32') {
    const out: string[] = [];
    for (let c = 'D'.charCodeAt(0); c <= 'Z'.charCodeAt(0); c++) {
      const root = `${String.fromCharCode(c)}:\\`;
      if (fs.existsSync(root)) out.push(root);
    }
    return out;
  }
  if (process.platform === 'darwin') return subdirs('/Volumes').filter((d) => d !== '/Volumes/Macintosh HD');
  // Linux: udisks mounts under /media/USER/LABEL or /run/media/USER/LABEL; people mount by hand under /mnt.
  return [
    ...subdirs('/media').flatMap((d) => [d, ...subdirs(d)]),
    ...subdirs('/run/media').flatMap((d) => subdirs(d)),
    ...subdirs('/mnt'),
  ].filter((d, i, all) => all.indexOf(d) === i);
}

export function readMarker(root: string): DriveMarker | null {
  try {
    const m = markerSchema.safeParse(JSON.parse(fs.readFileSync(path.join(root, MARKER_FILE), 'utf8')));
    return m.success ? m.data : null;
  } catch {
    return null;
  }
}

/** Mounted volumes right now, with the marker of each (if it is one of the school's backup drives). */
export function scanVolumes(roots?: string[]): MountedVolume[] {
  const out: MountedVolume[] = [];
  for (const root of candidateRoots(roots)) {
    let free: number | null;
    let fat: boolean | null;
    try {
      const s = spaceOf(root);
      free = s.free;
      fat = s.fat;
    } catch {
      continue; // an empty card reader slot, a stale mount point
    }
    // /media/USER itself is only a folder of mount points: skip it unless it carries a marker.
    const marker = readMarker(root);
    out.push({ root, marker, free, fat });
  }
  return out;
}

/** Writes the marker that makes a drive (or folder) "the school's backup drive". Keeps an existing marker's id. */
export function markDrive(root: string, label: string, school: string, now: Date): DriveMarker {
  const existing = readMarker(root);
  if (existing) return existing;
  const marker: DriveMarker = { format: 'school-journal-backup-drive', driveId: randomUUID(), label, school, createdAt: now.toISOString() };
  writeFileSafely(root, MARKER_FILE, JSON.stringify(marker, null, 2) + '\n', label);
  fs.mkdirSync(path.join(root, DRIVE_FOLDER), { recursive: true });
  return marker;
}

/** Where a destination's backups are right now, or null when its drive is not plugged in. */
export function resolveDestination(
  d: { kind: 'folder' | 'drive'; path: string; drive_id: string | null },
  roots?: string[],
): string | null {
  if (d.kind === 'folder') return fs.existsSync(d.path) ? d.path : null;
  const found = scanVolumes(roots).find((v) => v.marker?.driveId === d.drive_id);
  return found ? path.join(found.root, DRIVE_FOLDER) : null;
}

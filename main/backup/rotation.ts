import { getISOWeek, getISOWeekYear } from 'date-fns';
import fs from 'node:fs';
import type { Retention } from '../contract/backup';
import { listBackups, manifestPathFor } from './manifest';

// Grandfather-father-son rotation: keep the newest backup of each of the last N days, weeks and months.
// Year-end archive copies are never rotated; files without our manifest (foreign, unfinished) are never touched.

export const DEFAULT_RETENTION: Retention = { daily: 7, weekly: 4, monthly: 12 };

export interface RotationItem {
  name: string;
  createdAt: Date;
  kind: 'regular' | 'archive';
}

const dayKey = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
const weekKey = (d: Date) => `${getISOWeekYear(d)}-W${getISOWeek(d)}`;
const monthKey = (d: Date) => `${d.getFullYear()}-${d.getMonth() + 1}`;

/** Which backups the policy removes. The newest backup is always kept. Pure: no files touched. */
export function toRotate(items: RotationItem[], policy: Retention): string[] {
  const regular = items.filter((i) => i.kind === 'regular').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const keep = new Set<string>();
  if (regular[0]) keep.add(regular[0].name);
  for (const [n, key] of [
    [policy.daily, dayKey],
    [policy.weekly, weekKey],
    [policy.monthly, monthKey],
  ] as const) {
    const seen = new Set<string>();
    for (const i of regular) {
      const k = key(i.createdAt);
      if (seen.has(k)) continue;
      if (seen.size >= n) break;
      seen.add(k);
      keep.add(i.name);
    }
  }
  return regular.filter((i) => !keep.has(i.name)).map((i) => i.name);
}

/** Applies the policy in one folder; call only after the newest backup there was verified. Returns removed names. */
export function rotateFolder(dir: string, policy: Retention): string[] {
  const ours = listBackups(dir).filter((b) => b.manifest);
  const remove = toRotate(
    ours.map((b) => ({ name: b.name, createdAt: new Date(b.manifest!.createdAt), kind: b.manifest!.kind })),
    policy,
  );
  const removed: string[] = [];
  for (const name of remove) {
    const b = ours.find((x) => x.name === name)!;
    try {
      // The backup first, the manifest after: a manifest alone is harmless, a backup without one is kept by later runs.
      fs.rmSync(b.file);
      fs.rmSync(manifestPathFor(b.file), { force: true });
      removed.push(name);
    } catch {
      /* a read-only or vanished medium: try again next time */
    }
  }
  return removed;
}

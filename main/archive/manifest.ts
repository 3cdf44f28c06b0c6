import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Writable } from 'node:stream';

// The manifest of a year package: every file's path (relative, with «/»), size and SHA-256, written as manifest.json
// beside them. Verifying a folder hashes every file again and names each one that changed, is missing or is extra.

export const MANIFEST = 'manifest.json';
export const PACKAGE_FORMAT = 'school-journal-archive/1';

export interface ManifestFile {
  path: string;
  bytes: number;
  sha256: string;
}

export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  year: { name: string; start: string; end: string; closed: boolean };
  createdAt: string;
  createdBy: string;
  program: string;
  /** The database the data copy comes from: an SQLite file copy or a PostgreSQL `pg_dump -Fc` (absent: SQLite). */
  engine?: 'sqlite' | 'postgresql';
  /** Set on a copy on backup media: the files are the package's files encrypted with age (name + «.age»). */
  encrypted: boolean;
  files: ManifestFile[];
}

export async function sha256File(file: string): Promise<string> {
  const h = createHash('sha256');
  await pipeline(
    fs.createReadStream(file, { highWaterMark: 1 << 20 }),
    new Writable({
      write(chunk: Buffer, _e, cb) {
        h.update(chunk);
        cb();
      },
    }),
  );
  return h.digest('hex');
}

/** Every file under `dir` but the manifest, as relative paths with «/», sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r);
      else if (r !== MANIFEST) out.push(r);
    }
  };
  walk('');
  return out.sort();
}

export async function describeFiles(dir: string): Promise<ManifestFile[]> {
  const files: ManifestFile[] = [];
  for (const rel of listFiles(dir)) {
    const abs = path.join(dir, ...rel.split('/'));
    files.push({ path: rel, bytes: fs.statSync(abs).size, sha256: await sha256File(abs) });
  }
  return files;
}

export interface VerifyReport {
  ok: boolean;
  folder: string;
  checked: number;
  changed: string[];
  missing: string[];
  extra: string[];
  /** The manifest itself is missing or unreadable. */
  manifestProblem: string | null;
}

export function readManifest(dir: string): PackageManifest {
  const m = JSON.parse(fs.readFileSync(path.join(dir, MANIFEST), 'utf8')) as PackageManifest;
  if (m.format !== PACKAGE_FORMAT || !Array.isArray(m.files)) throw new Error(`не манифест архивного пакета (${MANIFEST})`);
  return m;
}

/** Hashes every file of the package again and compares with its manifest. */
export async function verifyPackage(dir: string): Promise<VerifyReport> {
  const folder = path.resolve(dir);
  const report: VerifyReport = { ok: false, folder, checked: 0, changed: [], missing: [], extra: [], manifestProblem: null };
  let m: PackageManifest;
  try {
    if (!fs.existsSync(folder)) throw new Error(`папки ${folder} нет`);
    m = readManifest(folder);
  } catch (e) {
    report.manifestProblem = (e as Error).message;
    return report;
  }
  const present = new Set(listFiles(folder));
  for (const f of m.files) {
    if (!present.has(f.path)) {
      report.missing.push(f.path);
      continue;
    }
    present.delete(f.path);
    report.checked++;
    const abs = path.join(folder, ...f.path.split('/'));
    if (fs.statSync(abs).size !== f.bytes || (await sha256File(abs)) !== f.sha256) report.changed.push(f.path);
  }
  report.extra = [...present];
  report.ok = !report.changed.length && !report.missing.length && !report.extra.length;
  return report;
}

/** The report in Russian, one line per problem. */
export function describeReport(r: VerifyReport): string[] {
  if (r.manifestProblem) return [`Манифест не прочитан: ${r.manifestProblem}`];
  return [
    ...r.changed.map((f) => `изменён: ${f}`),
    ...r.missing.map((f) => `отсутствует: ${f}`),
    ...r.extra.map((f) => `лишний файл: ${f}`),
  ];
}

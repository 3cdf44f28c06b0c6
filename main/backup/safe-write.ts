import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { backupError, describeFsError } from './errors';
import { Digest } from './pack';

// Writing to a medium that may fill up, be pulled out or lose power: the file appears under its final
// name only complete and fsync'd, never replaces another file, and leaves at most a hidden *.partial behind.

/** FAT32 cannot hold a file of 4 GiB or more. */
export const FAT32_MAX_FILE = 4 * 1024 ** 3 - 1;
const MSDOS_SUPER_MAGIC = 0x4d44;
/** Room left free on the medium beyond the file and its manifest. */
export const SPACE_MARGIN = 4 * 1024 * 1024;

export function fsyncDir(dir: string): void {
  let fd: number | null = null;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch (e) {
    // Windows cannot open or fsync a directory; NTFS and FAT there commit the rename with the file.
    if (process.platform !== 'win32') throw e;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

function partialName(name: string): string {
  return `.${name}.${os.hostname().replace(/[^\w-]/g, '_')}.${process.pid}.partial`;
}

/** Removes our own *.partial leftovers from killed runs: this host's dead processes, or anyone's after a day. */
export function cleanPartials(dir: string, now = Date.now()): string[] {
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  const host = os.hostname().replace(/[^\w-]/g, '_');
  for (const n of names) {
    const m = /^\.(.+)\.([\w-]+)\.(\d+)\.partial$/.exec(n);
    if (!m) continue;
    const full = path.join(dir, n);
    let stale: boolean;
    try {
      stale = now - fs.statSync(full).mtimeMs > 24 * 3600_000;
    } catch {
      continue;
    }
    if (!stale && m[2] === host && Number(m[3]) !== process.pid) {
      try {
        process.kill(Number(m[3]), 0);
      } catch (e) {
        stale = (e as NodeJS.ErrnoException).code === 'ESRCH';
      }
    }
    if (stale) {
      fs.rmSync(full, { force: true });
      removed.push(n);
    }
  }
  return removed;
}

export interface SpaceInfo {
  free: number;
  /** True when the file system is known to be FAT (Linux reports it); null when the platform cannot tell. */
  fat: boolean | null;
}

export function spaceOf(dir: string): SpaceInfo {
  const s = fs.statfsSync(dir);
  return { free: Number(s.bavail) * Number(s.bsize), fat: process.platform === 'linux' ? Number(s.type) === MSDOS_SUPER_MAGIC : null };
}

/**
 * Refuses before writing anything when the medium cannot take the file. Files of 4 GiB and more are
 * refused unless the file system is known not to be FAT: a split backup could not be restored with
 * `age -d | gunzip`, and a school journal's compressed database is far below that size.
 */
export function assertRoom(dir: string, bytes: number, label: string): SpaceInfo {
  let info: SpaceInfo;
  try {
    info = spaceOf(dir);
  } catch (e) {
    throw backupError('BACKUP_NO_DESTINATION', `${describeFsError(e, label)}. Резервная копия не записана.`);
  }
  if (bytes > FAT32_MAX_FILE && info.fat !== false)
    throw backupError(
      'BACKUP_TOO_LARGE',
      `Резервная копия (${mib(bytes)} МиБ) больше 4 ГиБ: такой файл не поместится на носитель с файловой системой FAT32. ` +
        'Отформатируйте носитель в exFAT или NTFS. Резервная копия не записана.',
    );
  if (info.free < bytes + SPACE_MARGIN)
    throw backupError(
      'BACKUP_NO_SPACE',
      `На носителе «${label}» свободно ${mib(info.free)} МиБ, а нужно ${mib(bytes + SPACE_MARGIN)} МиБ. Освободите место или возьмите другой носитель. Резервная копия не записана.`,
      { free: info.free, needed: bytes + SPACE_MARGIN },
    );
  return info;
}

export function mib(n: number): string {
  return (n / 1024 / 1024).toFixed(1);
}

/** Moves `from` to `to` without ever replacing an existing `to`. */
function publish(from: string, to: string, label: string): void {
  try {
    fs.linkSync(from, to); // atomic and refuses an existing name
    fs.unlinkSync(from);
    return;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST')
      throw backupError(
        'BACKUP_WRITE_FAILED',
        `Файл «${path.basename(to)}» уже есть на «${label}»: существующие копии не перезаписываются.`,
      );
    // FAT and exFAT have no hard links: check, then rename (names carry the time and a random part).
    if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV', 'EMLINK'].includes(code ?? '')) throw e;
  }
  if (fs.existsSync(to))
    throw backupError('BACKUP_WRITE_FAILED', `Файл «${path.basename(to)}» уже есть на «${label}»: существующие копии не перезаписываются.`);
  fs.renameSync(from, to);
}

/**
 * Copies `src` into `dir/name`: hidden partial name, fsync, publish without overwriting, fsync of the
 * folder, then read back and compare SHA-256. On any failure nothing remains under the final name.
 */
export async function copyVerified(
  src: string,
  dir: string,
  name: string,
  expectSha256: string,
  label: string,
  opts: { onProgress?: (written: number) => void; verify?: (final: string) => Promise<void> } = {},
): Promise<void> {
  const final = path.join(dir, name);
  const partial = path.join(dir, partialName(name));
  if (fs.existsSync(final))
    throw backupError('BACKUP_WRITE_FAILED', `Файл «${name}» уже есть на «${label}»: существующие копии не перезаписываются.`);
  let published = false;
  try {
    const d = new Digest(opts.onProgress);
    const out = fs.createWriteStream(partial, { flags: 'wx' });
    await pipeline(fs.createReadStream(src, { highWaterMark: 1 << 20 }), d, out);
    const fd = fs.openSync(partial, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (d.hex() !== expectSha256) throw backupError('BACKUP_VERIFY_FAILED', 'Копия изменилась при записи (не сходится SHA-256).');
    publish(partial, final, label);
    published = true;
    fsyncDir(dir);
    if (opts.verify) await opts.verify(final);
    else if ((await sha256File(final)) !== expectSha256)
      throw backupError(
        'BACKUP_VERIFY_FAILED',
        `Записанный на «${label}» файл при чтении не совпал с исходным (SHA-256): носитель неисправен. Копия удалена.`,
      );
  } catch (e) {
    fs.rmSync(partial, { force: true });
    if (published) fs.rmSync(final, { force: true });
    if ((e as { code?: string }).code?.startsWith('BACKUP_')) throw e;
    throw backupError('BACKUP_WRITE_FAILED', `${describeFsError(e, label)}. Резервная копия не записана; прежние копии не тронуты.`, {
      cause: String(e),
    });
  }
}

/** Small files (manifests, markers): the same partial → fsync → publish → fsync folder path. */
export function writeFileSafely(dir: string, name: string, content: string, label: string, opts: { replace?: boolean } = {}): void {
  const final = path.join(dir, name);
  const partial = path.join(dir, partialName(name));
  try {
    const fd = fs.openSync(partial, 'wx');
    try {
      fs.writeSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    if (opts.replace) fs.renameSync(partial, final);
    else publish(partial, final, label);
    fsyncDir(dir);
  } catch (e) {
    fs.rmSync(partial, { force: true });
    if ((e as { code?: string }).code?.startsWith('BACKUP_')) throw e;
    throw backupError('BACKUP_WRITE_FAILED', `${describeFsError(e, label)}.`, { cause: String(e) });
  }
}

export async function sha256File(file: string): Promise<string> {
  const d = new Digest();
  await pipeline(fs.createReadStream(file, { highWaterMark: 1 << 20 }), d, new Writable({ write: (_c, _e, cb) => cb() }));
  return d.hex();
}

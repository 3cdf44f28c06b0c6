import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../db/index';

// Writing a printed document never loses a file already there, and never leaves half a file under a real name:
// the renderer writes a temporary «.name.part» file beside the target, which then takes its name in one step.
//   refuse  — the target exists: the new file is dropped and the caller is told (the CLI's default);
//   replace — the new file takes the name atomically (rename; the CLI's --replace);
//   version — the next free name «Классный журнал 5А (2).pdf» (whole-school printing: a second run keeps the first).
// The no-clobber step is a hard link (fails with EEXIST if the name is taken, atomically); file systems without hard
// links (FAT and exFAT flash drives) get an exclusive copy instead.

export type ExistingFile = 'refuse' | 'replace' | 'version';

export function tempNameFor(target: string, tag: string = randomBytes(4).toString('hex')): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${tag}.part`);
}

function placeExclusive(tmp: string, target: string): boolean {
  try {
    fs.linkSync(tmp, target);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV' && code !== 'ENOSYS') throw e;
  }
  try {
    fs.copyFileSync(tmp, target, fs.constants.COPYFILE_EXCL);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/** «Классный журнал 5А (2).pdf» for n = 2. */
export function versionedName(target: string, n: number): string {
  if (n <= 1) return target;
  const ext = path.extname(target);
  return path.join(path.dirname(target), `${path.basename(target, ext)} (${n})${ext}`);
}

/**
 * Writes through `write(tmp)` and gives the result the target's name by `policy`. Returns the name it got.
 * The folder is created if needed; the temporary file is removed whatever happens.
 */
export async function writeFileSafely(
  target: string,
  policy: ExistingFile,
  write: (tmp: string) => Promise<void>,
  tag?: string,
): Promise<string> {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  if (policy === 'refuse' && fs.existsSync(target)) throw existsError(target);
  const tmp = tempNameFor(target, tag);
  try {
    await write(tmp);
    if (policy === 'replace') {
      fs.renameSync(tmp, target);
      return target;
    }
    for (let n = 1; n < 1000; n++) {
      const name = versionedName(target, n);
      if (placeExclusive(tmp, name)) return name;
      if (policy === 'refuse') throw existsError(target);
    }
    throw new AppError('EXISTS', `Слишком много версий файла ${target}`);
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function existsError(target: string): AppError {
  return new AppError('EXISTS', `Файл ${target} уже существует: укажите другое имя или --replace, чтобы заменить его.`);
}

/** Removes the temporary files a stopped job left (named with its tag) under `dir`. */
export function removePartFiles(dir: string, tag: string): number {
  let n = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile() && e.name.startsWith('.') && e.name.endsWith(`.${tag}.part`)) {
      fs.rmSync(path.join(e.parentPath ?? (e as unknown as { path: string }).path, e.name), { force: true });
      n++;
    }
  }
  return n;
}

import fs from 'node:fs';
import os from 'node:os';
import { AppError } from './errors';

// One writer per journal database (issue 11, part 6). Whoever writes (the program, the browser host, a CLI
// command that changes data, a restore or a migration) first creates `<database>.lock` with O_EXCL, which the
// file system grants to exactly one process, and writes who it is into it. A lock left by a process that died
// (kill -9, power cut) is recognised as stale when it was taken on this computer and its pid no longer runs.
//
// Why a lock file and not SQLite's own locking: `PRAGMA locking_mode = EXCLUSIVE` would also shut out the
// readers we want to keep (the CLI's stats, audit verify and print, the program's own print worker reading in
// a worker thread), and SQLite cannot say who holds a lock; the lock file names the user, program and time.

export interface LockOwner {
  pid: number;
  host: string;
  user: string;
  program: string;
  startedAt: string;
}

export interface DbLock {
  readonly file: string;
  readonly owner: LockOwner;
  release(): void;
}

export const lockFileOf = (dbFile: string) => `${dbFile}.lock`;

function userName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'неизвестный пользователь';
  }
}

function readOwner(lockFile: string): LockOwner | null {
  try {
    const o = JSON.parse(fs.readFileSync(lockFile, 'utf8')) as LockOwner;
    return typeof o.pid === 'number' && typeof o.host === 'string' ? o : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live holder of the database's lock, or null when it is free (a stale lock counts as free). */
export function lockHolder(dbFile: string): LockOwner | null {
  const lockFile = lockFileOf(dbFile);
  if (!fs.existsSync(lockFile)) return null;
  const o = readOwner(lockFile);
  if (!o) {
    // Being written this very moment by its creator, or garbage left by a crash: wait a little before calling it stale.
    try {
      return Date.now() - fs.statSync(lockFile).mtimeMs < 5000
        ? { pid: 0, host: '?', user: '?', program: '?', startedAt: new Date().toISOString() }
        : null;
    } catch {
      return null;
    }
  }
  if (o.host === os.hostname() && !alive(o.pid)) return null;
  return o;
}

export function describeOwner(o: LockOwner): string {
  const since = new Date(o.startedAt);
  const when = Number.isNaN(since.getTime())
    ? o.startedAt
    : since.toLocaleString('ru-RU', {
        day: '2-digit',
        month: '2-digit',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
  return `пользователь ${o.user}, программа «${o.program}», компьютер ${o.host}, процесс ${o.pid}, с ${when}`;
}

function lockedError(dbFile: string, o: LockOwner): AppError {
  return new AppError(
    'DB_LOCKED',
    `База данных ${dbFile} сейчас открыта для записи: ${describeOwner(o)}. ` +
      `Закройте программу или дождитесь окончания команды и повторите. Если такой программы точно нет (например, компьютер ` +
      `перезагружался по сети), удалите файл ${lockFileOf(dbFile)}.`,
    { owner: o },
  );
}

/** Takes the database's lock for this process, or throws DB_LOCKED naming who holds it. */
export function acquireLock(dbFile: string, program: string): DbLock {
  const lockFile = lockFileOf(dbFile);
  const owner: LockOwner = { pid: process.pid, host: os.hostname(), user: userName(), program, startedAt: new Date().toISOString() };
  const text = JSON.stringify(owner, null, 2) + '\n';
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = fs.openSync(lockFile, 'wx', 0o644);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = lockHolder(dbFile);
      if (holder) throw lockedError(dbFile, holder);
      // Stale: its process is gone. Remove it only if it is still the same stale file, then try again.
      fs.rmSync(lockFile, { force: true });
      continue;
    }
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      process.off('exit', release);
      const now = readOwner(lockFile);
      if (now && now.pid === owner.pid && now.startedAt === owner.startedAt) fs.rmSync(lockFile, { force: true });
    };
    process.on('exit', release);
    return { file: lockFile, owner, release };
  }
  throw lockedError(dbFile, readOwner(lockFile) ?? { ...owner, program: '?', user: '?' });
}

import { AppError } from '../../db';

// Every refusal in the backup area: a stable code for programs and tests, a Russian sentence for people.
export type BackupErrorCode =
  | 'BACKUP_NO_KEY'
  | 'BACKUP_KEY_UNCONFIRMED'
  | 'BACKUP_BAD_KEY'
  | 'BACKUP_NO_DESTINATION'
  | 'BACKUP_NO_SPACE'
  | 'BACKUP_TOO_LARGE'
  | 'BACKUP_WRITE_FAILED'
  | 'BACKUP_VERIFY_FAILED'
  | 'BACKUP_SOURCE_DAMAGED'
  | 'BACKUP_BUSY'
  | 'BACKUP_FOREIGN'
  | 'BACKUP_CORRUPT'
  | 'BACKUP_TRUNCATED'
  | 'BACKUP_WRONG_KEY'
  | 'BACKUP_WRONG_PASSPHRASE'
  | 'BACKUP_NEEDS_PASSPHRASE'
  | 'BACKUP_NEEDS_KEY'
  | 'BACKUP_NEWER'
  | 'BACKUP_NOT_FOUND'
  | 'BACKUP_RESTORE_FAILED'
  /** PostgreSQL (issue 17, part 5): pg_dump/pg_restore missing or older than the server */
  | 'BACKUP_PG_TOOLS'
  /** PostgreSQL: the connection string is not understood or the server does not answer */
  | 'BACKUP_BAD_TARGET'
  /** PostgreSQL: a restore goes into an empty database only */
  | 'BACKUP_TARGET_NOT_EMPTY'
  /** a PostgreSQL backup given to an SQLite restore, or the reverse */
  | 'BACKUP_OTHER_ENGINE';

export function backupError(code: BackupErrorCode, message: string, details?: unknown): AppError {
  return new AppError(code, message, details);
}

/** Codes that mean "the file itself is bad" (CLI exit code 3, like a broken audit chain). */
export const INTEGRITY_CODES = new Set<string>([
  'BACKUP_FOREIGN',
  'BACKUP_CORRUPT',
  'BACKUP_TRUNCATED',
  'BACKUP_SOURCE_DAMAGED',
  'BACKUP_VERIFY_FAILED',
]);
/** Codes that mean "the key or passphrase does not open this file" (CLI exit code 4). */
export const KEY_CODES = new Set<string>([
  'BACKUP_WRONG_KEY',
  'BACKUP_WRONG_PASSPHRASE',
  'BACKUP_NEEDS_PASSPHRASE',
  'BACKUP_NEEDS_KEY',
  'BACKUP_BAD_KEY',
]);

/** Turns a Node file-system error into words an office worker can act on. */
export function describeFsError(e: unknown, where: string): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOSPC':
      return `На носителе «${where}» закончилось место`;
    case 'EFBIG':
      return `Файл слишком велик для файловой системы носителя «${where}» (FAT32 не допускает файлов больше 4 ГиБ)`;
    case 'ENOENT':
    case 'ENODEV':
    case 'ENXIO':
    case 'EIO':
    case 'ESTALE':
      return `Носитель «${where}» недоступен (извлечён или неисправен)`;
    case 'EROFS':
      return `Носитель «${where}» защищён от записи`;
    case 'EACCES':
    case 'EPERM':
      return `Нет прав на запись в «${where}»`;
    case 'EDQUOT':
      return `Превышена квота на «${where}»`;
    default:
      return `Ошибка записи в «${where}»: ${(e as Error)?.message ?? String(e)}`;
  }
}

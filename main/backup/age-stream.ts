import * as age from 'age-encryption';
import fs from 'node:fs';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import { backupError } from './errors';
import { NativeScryptIdentity, NativeScryptRecipient } from './scrypt';

// age encryption as Node streams. age-encryption works on WHATWG streams and processes the STREAM
// payload in 64 KiB chunks, so memory stays flat whatever the size of the database.

/** How a backup is sealed: to the school's public key, or with a passphrase (on-demand backups). */
export type Seal = { recipients: string[] } | { passphrase: string };
/** How a backup is opened. */
export type Unseal = { identities: string[] } | { passphrase: string };

export const AGE_MAGIC = 'age-encryption.org/v1\n';
const ARMOR_BEGIN = '-----BEGIN AGE ENCRYPTED FILE-----';

type WebStream = ReadableStream<Uint8Array>;
const toWeb = (r: Readable) => Readable.toWeb(r) as unknown as WebStream;
const fromWeb = (w: WebStream) => Readable.fromWeb(w as unknown as NodeReadableStream<Uint8Array>, { highWaterMark: 1 << 20 });

export async function encryptStream(source: Readable, seal: Seal): Promise<Readable> {
  const e = new age.Encrypter();
  if ('passphrase' in seal) e.addRecipient(new NativeScryptRecipient(seal.passphrase));
  else for (const r of seal.recipients) e.addRecipient(r);
  return fromWeb(await e.encrypt(toWeb(source)));
}

export interface AgeHeaderInfo {
  /** Stanza types in the header: 'X25519', 'scrypt', … */
  stanzas: string[];
  armored: boolean;
}

/**
 * Reads an age header's recipient lines without decrypting anything, to tell a foreign file, a
 * passphrase-sealed file and a key-sealed file apart before asking for secrets.
 */
export function inspectAgeFile(file: string): AgeHeaderInfo {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(8192);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const head = buf.subarray(0, n).toString('latin1');
    if (head.startsWith(ARMOR_BEGIN)) return { stanzas: [], armored: true };
    if (!head.startsWith(AGE_MAGIC))
      throw backupError('BACKUP_FOREIGN', 'Это не резервная копия: файл не зашифрован в формате age (ожидается файл *.sqlite.gz.age).');
    const end = head.indexOf('\n---');
    if (end < 0) throw backupError('BACKUP_TRUNCATED', 'Файл резервной копии обрезан или повреждён: заголовок age не закончен.');
    const stanzas = head
      .slice(AGE_MAGIC.length, end)
      .split('\n')
      .filter((l) => l.startsWith('-> '))
      .map((l) => l.slice(3).split(' ')[0]);
    return { stanzas, armored: false };
  } finally {
    fs.closeSync(fd);
  }
}

/** Maps age-encryption's English errors onto the refusals people should see. */
export function explainDecryptError(e: unknown, header: AgeHeaderInfo, unseal: Unseal): Error {
  const msg = (e as Error)?.message ?? String(e);
  if ((e as { code?: string }).code?.startsWith('BACKUP_')) return e as Error;
  if (/no identity matched/.test(msg)) {
    const sealedWithPassphrase = header.stanzas.includes('scrypt');
    if (sealedWithPassphrase && 'identities' in unseal)
      return backupError('BACKUP_NEEDS_PASSPHRASE', 'Эта копия зашифрована парольной фразой, а не ключом: введите парольную фразу.');
    if (!sealedWithPassphrase && 'passphrase' in unseal)
      return backupError(
        'BACKUP_NEEDS_KEY',
        'Эта копия зашифрована ключом школы, а не парольной фразой: укажите файл ключа или секретный ключ.',
      );
    if (sealedWithPassphrase)
      return backupError('BACKUP_WRONG_PASSPHRASE', 'Неверная парольная фраза: копия не расшифрована. База данных не изменена.');
    return backupError(
      'BACKUP_WRONG_KEY',
      'Ключ не подходит к этой резервной копии (она зашифрована другим ключом). База данных не изменена.',
    );
  }
  if (/stream ended|final chunk|ciphertext size/.test(msg))
    return backupError('BACKUP_TRUNCATED', 'Файл резервной копии обрезан (записан не полностью). База данных не изменена.');
  if (/invalid tag|tag|invalid header HMAC|invalid stanza|invalid version|invalid header|non-ASCII|Unknown letter|base64|padding/.test(msg))
    return backupError(
      'BACKUP_CORRUPT',
      'Файл резервной копии повреждён: не сходится контрольный код шифрования. База данных не изменена.',
      { cause: msg },
    );
  return backupError('BACKUP_CORRUPT', `Файл резервной копии повреждён или не читается (${msg}). База данных не изменена.`, { cause: msg });
}

export async function decryptStream(source: Readable, unseal: Unseal): Promise<Readable> {
  const d = new age.Decrypter();
  if ('passphrase' in unseal) d.addIdentity(new NativeScryptIdentity(unseal.passphrase));
  else for (const i of unseal.identities) d.addIdentity(i);
  return fromWeb(await d.decrypt(toWeb(source)));
}

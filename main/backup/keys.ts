import * as age from 'age-encryption';
import { backupError } from './errors';
import { NativeScryptIdentity, NativeScryptRecipient } from './scrypt';

// The backup key pair. The PC keeps only the public half (age1…); the secret half (AGE-SECRET-KEY-1…)
// is shown once and leaves the PC as a key file and/or a printed recovery sheet.

export interface KeyPair {
  identity: string;
  recipient: string;
}

export async function generateKeyPair(): Promise<KeyPair> {
  const identity = await age.generateX25519Identity();
  return { identity, recipient: await age.identityToRecipient(identity) };
}

const RECIPIENT_RE = /^age1[02-9ac-hj-np-z]{58}$/;
const IDENTITY_RE = /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/;

/** Checks a public key the way age itself does (bech32 checksum included), with a Russian message. */
export async function assertRecipient(s: string): Promise<string> {
  const r = s.trim();
  if (!RECIPIENT_RE.test(r)) throw backupError('BACKUP_BAD_KEY', 'Открытый ключ должен начинаться с «age1» и состоять из 62 символов.');
  try {
    // Encrypting an empty file decodes the key fully, bech32 checksum included.
    const e = new age.Encrypter();
    e.addRecipient(r);
    await e.encrypt(new Uint8Array(0));
  } catch {
    throw backupError('BACKUP_BAD_KEY', 'Открытый ключ повреждён: не сходится контрольная сумма.');
  }
  return r;
}

/** The key file in the format of `age-keygen`, which stock `age -d -i FILE` reads. */
export function keyFileText(k: KeyPair, createdAt: Date): string {
  return [
    `# created: ${createdAt.toISOString()}`,
    `# public key: ${k.recipient}`,
    '# School journal backup key (Shkolny zhurnal). Keep off the PC. Restore: age -d -i THIS_FILE BACKUP.age | gunzip > journal.sqlite',
    k.identity,
    '',
  ].join('\n');
}

/**
 * The key file encrypted with a passphrase (age scrypt), ASCII-armored so it can be printed too.
 * Stock `age -d -i FILE` recognises such an identity file and asks for the passphrase.
 */
export async function protectKeyFile(keyFile: string, passphrase: string): Promise<string> {
  if (passphrase.length < 10) throw backupError('BACKUP_BAD_KEY', 'Парольная фраза для файла ключа — не короче 10 символов.');
  const e = new age.Encrypter();
  e.addRecipient(new NativeScryptRecipient(passphrase));
  return age.armor.encode(await e.encrypt(keyFile));
}

function isEncryptedText(s: string): boolean {
  return s.startsWith('-----BEGIN AGE ENCRYPTED FILE-----') || s.startsWith('age-encryption.org/v1');
}

/**
 * Reads secret keys from what the administrator supplies: a plain key file, a passphrase-protected
 * (armored) key file, or the bare AGE-SECRET-KEY-1… line typed from the recovery sheet.
 */
export async function readIdentities(input: string | Uint8Array, passphrase?: string): Promise<string[]> {
  const bytes = typeof input === 'string' ? new TextEncoder().encode(input) : input;
  let text = new TextDecoder()
    .decode(bytes)
    .replace(/^\uFEFF/, '')
    .trim();
  if (isEncryptedText(text)) {
    if (!passphrase) throw backupError('BACKUP_NEEDS_PASSPHRASE', 'Файл ключа защищён парольной фразой: введите её.');
    const d = new age.Decrypter();
    d.addIdentity(new NativeScryptIdentity(passphrase));
    try {
      const sealed = text.startsWith('-----BEGIN') ? age.armor.decode(text) : bytes;
      text = await d.decrypt(sealed, 'text');
    } catch (e) {
      if (/no identity matched/.test((e as Error).message))
        throw backupError('BACKUP_WRONG_PASSPHRASE', 'Неверная парольная фраза файла ключа.');
      throw backupError('BACKUP_BAD_KEY', 'Файл ключа повреждён: его не удаётся расшифровать.');
    }
  }
  // Tolerate what people do when typing from paper: spaces, line breaks inside, lower case.
  const ids = text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => l.replace(/\s+/g, '').toUpperCase());
  const joined = ids.join('');
  const candidates = ids.every((l) => IDENTITY_RE.test(l)) ? ids : IDENTITY_RE.test(joined) ? [joined] : [];
  if (candidates.length === 0)
    throw backupError(
      'BACKUP_BAD_KEY',
      'Это не секретный ключ резервных копий: ожидается строка «AGE-SECRET-KEY-1…» (74 знака) или файл ключа.',
    );
  for (const id of candidates) {
    try {
      await age.identityToRecipient(id);
    } catch {
      throw backupError('BACKUP_BAD_KEY', 'Секретный ключ введён с ошибкой: не сходится контрольная сумма. Проверьте каждый знак.');
    }
  }
  return candidates;
}

import * as age from 'age-encryption';
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';

// The age "scrypt" recipient and identity (passphrase mode), with the key derived by Node's native,
// asynchronous scrypt. age-encryption's own passphrase code runs scrypt in JavaScript on the calling
// thread: about 1.2 s of frozen UI per backup in a plain Node process, and ten times that under test
// loaders. The stanza is exactly the one in the age spec (https://age-encryption.org/v1), so stock
// `age -d` opens these files; the interoperability tests prove both directions.

const LABEL = 'age-encryption.org/v1/scrypt';
/** age's default work factor (2^18), as `age -p` uses. */
export const SCRYPT_LOG_N = 18;
const MAX_LOG_N = 20; // the same ceiling age applies when decrypting

function b64(b: Uint8Array): string {
  return Buffer.from(b).toString('base64').replace(/=+$/, '');
}
function unb64(s: string): Buffer | null {
  const b = Buffer.from(s, 'base64');
  return b64(b) === s ? b : null; // canonical unpadded base64 only, as the spec demands
}

function deriveKey(passphrase: string, salt: Uint8Array, logN: number): Promise<Buffer> {
  const N = 2 ** logN;
  return new Promise((resolve, reject) =>
    scrypt(
      Buffer.from(passphrase, 'utf8'),
      Buffer.concat([Buffer.from(LABEL), salt]),
      32,
      { N, r: 8, p: 1, maxmem: 256 * N * 8 + 1024 * 1024 },
      (e, k) => (e ? reject(e) : resolve(k)),
    ),
  );
}

const ZERO_NONCE = Buffer.alloc(12);

function seal(key: Buffer, fileKey: Uint8Array): Buffer {
  const c = createCipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: 16 });
  return Buffer.concat([c.update(fileKey), c.final(), c.getAuthTag()]);
}

function open(key: Buffer, body: Uint8Array): Buffer | null {
  if (body.length !== 32) throw new Error('invalid scrypt stanza');
  const d = createDecipheriv('chacha20-poly1305', key, ZERO_NONCE, { authTagLength: 16 });
  d.setAuthTag(Buffer.from(body.subarray(16)));
  try {
    return Buffer.concat([d.update(body.subarray(0, 16)), d.final()]);
  } catch {
    return null; // wrong passphrase
  }
}

export class NativeScryptRecipient implements age.Recipient {
  constructor(
    private readonly passphrase: string,
    private readonly logN = SCRYPT_LOG_N,
  ) {}
  async wrapFileKey(fileKey: Uint8Array): Promise<age.Stanza[]> {
    const salt = randomBytes(16);
    const key = await deriveKey(this.passphrase, salt, this.logN);
    return [new age.Stanza(['scrypt', b64(salt), String(this.logN)], seal(key, fileKey))];
  }
}

export class NativeScryptIdentity implements age.Identity {
  constructor(private readonly passphrase: string) {}
  async unwrapFileKey(stanzas: age.Stanza[]): Promise<Uint8Array | null> {
    const s = stanzas.find((x) => x.args[0] === 'scrypt');
    if (!s) return null;
    // A passphrase file must have no other recipients, or anyone holding them could swap the content.
    if (stanzas.length !== 1) throw new Error('scrypt recipient is not the only one in the header');
    if (s.args.length !== 3 || !/^[1-9][0-9]*$/.test(s.args[2])) throw new Error('invalid scrypt stanza');
    const salt = unb64(s.args[1]);
    const logN = Number(s.args[2]);
    if (!salt || salt.length !== 16) throw new Error('invalid scrypt stanza');
    if (logN > MAX_LOG_N) throw new Error('scrypt work factor is too high');
    return open(await deriveKey(this.passphrase, salt, logN), s.body);
  }
}

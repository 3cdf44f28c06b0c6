import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PassThrough, Transform, Writable, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { decryptStream, encryptStream, explainDecryptError, inspectAgeFile, type Seal, type Unseal } from './age-stream';
import { backupError } from './errors';

// The payload format, chosen so that stock tools restore it: `age -d -i key FILE | gunzip > x.sqlite`.
// gzip (not zstd): gunzip exists on every system and in 7-Zip, and zlib is built into Node.

const GZIP_LEVEL = 6; // the same as the gzip command's default

/** Counts bytes and hashes them as they flow past. */
export class Digest extends Transform {
  readonly hash = createHash('sha256');
  bytes = 0;
  constructor(private readonly onBytes?: (n: number) => void) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    this.onBytes?.(this.bytes);
    this.push(chunk);
    cb();
  }
  hex(): string {
    return this.hash.digest('hex');
  }
}

export interface Packed {
  plainBytes: number;
  plainSha256: string;
  fileBytes: number;
  fileSha256: string;
}

/** Snapshot → gzip → age → `outFile`, fsync'd. gzip runs in libuv's pool while age encrypts on the main thread. */
export async function packFile(snapshot: string, outFile: string, seal: Seal, onProgress?: (readBytes: number) => void): Promise<Packed> {
  const plain = new Digest(onProgress);
  const gz = zlib.createGzip({ level: GZIP_LEVEL, chunkSize: 1 << 20 });
  const source = fs
    .createReadStream(snapshot, { highWaterMark: 1 << 20 })
    .pipe(plain)
    .pipe(gz);
  const sealed = await encryptStream(source, seal);
  const cipher = new Digest();
  const out = fs.createWriteStream(outFile, { flags: 'wx' });
  await pipeline(sealed, cipher, out);
  const fd = fs.openSync(outFile, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  return { plainBytes: plain.bytes, plainSha256: plain.hex(), fileBytes: cipher.bytes, fileSha256: cipher.hex() };
}

export type Unpacked = Packed;

/**
 * Encrypted file → age → gunzip → `outFile` (or nowhere, when only checking), hashing both sides.
 * `maxPlainBytes` stops a decompression bomb or a wrong file from filling the disk.
 */
export async function unpackFile(
  file: string,
  unseal: Unseal,
  outFile: string | null,
  opts: { maxPlainBytes?: number; onProgress?: (readBytes: number) => void } = {},
): Promise<Unpacked> {
  const header = inspectAgeFile(file);
  let source: Readable;
  if (header.armored) {
    // Stock `age -a` output: decode the whole text (armored backups are not what this program writes).
    const { armor } = await import('age-encryption');
    const text = fs.readFileSync(file, 'utf8');
    let bytes: Uint8Array;
    try {
      bytes = armor.decode(text);
    } catch {
      throw backupError('BACKUP_CORRUPT', 'Файл резервной копии повреждён: текстовая (armor) оболочка age не читается.');
    }
    const p = new PassThrough();
    p.end(Buffer.from(bytes));
    source = p;
  } else source = fs.createReadStream(file, { highWaterMark: 1 << 20 });
  const cipher = new Digest(opts.onProgress);
  const plain = new Digest((n) => {
    if (opts.maxPlainBytes && n > opts.maxPlainBytes)
      plain.destroy(backupError('BACKUP_CORRUPT', 'Расшифрованные данные больше допустимого: это не резервная копия базы.'));
  });
  let decrypted: Readable;
  try {
    decrypted = await decryptStream(source.pipe(cipher), unseal);
  } catch (e) {
    source.destroy();
    throw explainDecryptError(e, header, unseal);
  }
  const gunzip = zlib.createGunzip({ chunkSize: 1 << 20 });
  const sink = outFile ? fs.createWriteStream(outFile, { flags: 'wx' }) : new DevNull();
  let stage = 'age';
  decrypted.once('end', () => (stage = 'gzip'));
  try {
    await pipeline(decrypted, gunzip, plain, sink);
  } catch (e) {
    // A file stream opens asynchronously: wait until it is closed, or the caller's clean-up may run before the file
    // exists and leave it behind. (Its 'error' is the one being handled here, so only 'close' is awaited.)
    if (!sink.closed) {
      sink.on('error', () => undefined);
      const closed = new Promise<void>((resolve) => sink.once('close', () => resolve()));
      if (!sink.destroyed) sink.destroy();
      await closed;
    }
    const code = (e as NodeJS.ErrnoException).code ?? '';
    if ((e as { code?: string }).code?.startsWith('BACKUP_')) throw e;
    if (
      code.startsWith('Z_') ||
      code === 'ERR_ZLIB' ||
      /incorrect header check|unexpected end of file|invalid/.test((e as Error).message)
    ) {
      if (stage === 'gzip' || /incorrect header check/.test((e as Error).message))
        throw backupError(
          'BACKUP_FOREIGN',
          'Файл расшифрован, но внутри не сжатая база (gzip): это не резервная копия «Школьного журнала».',
        );
    }
    if (code === 'ENOSPC')
      throw backupError('BACKUP_NO_SPACE', 'Не хватает места на диске для расшифровки копии. База данных не изменена.');
    throw explainDecryptError(e, header, unseal);
  }
  if (outFile) {
    const fd = fs.openSync(outFile, 'r+');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  }
  return { plainBytes: plain.bytes, plainSha256: plain.hex(), fileBytes: cipher.bytes, fileSha256: cipher.hex() };
}

class DevNull extends Writable {
  override _write(_c: Buffer, _e: BufferEncoding, cb: () => void) {
    cb();
  }
}

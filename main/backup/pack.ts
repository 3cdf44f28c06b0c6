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
  return packStream(fs.createReadStream(snapshot, { highWaterMark: 1 << 20 }), outFile, seal, { gzip: true, onProgress });
}

/**
 * Any payload stream → (gzip) → age → `outFile`, fsync'd; nothing is held whole in memory. A PostgreSQL server's
 * `pg_dump -Fc` output comes here without gzip: pg_dump already compresses each table's data with zlib, and a second
 * gzip over it costs a core for about nothing (measured in docs/POSTGRES.md).
 */
export async function packStream(
  source: Readable,
  outFile: string,
  seal: Seal,
  opts: { gzip: boolean; onProgress?: (readBytes: number) => void },
): Promise<Packed> {
  const plain = new Digest(opts.onProgress);
  let payload: Readable = source.pipe(plain);
  if (opts.gzip) payload = payload.pipe(zlib.createGzip({ level: GZIP_LEVEL, chunkSize: 1 << 20 }));
  source.once('error', (e) => payload.destroy(e));
  const sealed = await encryptStream(payload, seal);
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

/** What a backup holds: an SQLite file in gzip, or a PostgreSQL server's pg_dump custom-format archive. */
export type Payload = 'sqlite' | 'pgdump';

const PGDUMP_MAGIC = Buffer.from('PGDMP');
const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);

/**
 * Looks at the first decrypted bytes: a PostgreSQL archive given where an SQLite backup is expected (or the reverse)
 * is refused by name, instead of as an unreadable file.
 */
class PayloadSniff extends Transform {
  private seen = false;
  constructor(private readonly expected: Payload) {
    super();
  }
  override _transform(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null, d?: Buffer) => void) {
    if (!this.seen) {
      this.seen = true;
      const isPg = chunk.subarray(0, PGDUMP_MAGIC.length).equals(PGDUMP_MAGIC);
      const isGzip = chunk.subarray(0, 2).equals(GZIP_MAGIC);
      if (this.expected === 'sqlite' && isPg)
        return cb(
          backupError(
            'BACKUP_OTHER_ENGINE',
            'Это резервная копия базы на сервере PostgreSQL, а не файла SQLite: восстановите её в пустую базу PostgreSQL командой backup restore ФАЙЛ --to postgres://…. База данных не изменена.',
          ),
        );
      if (this.expected === 'pgdump' && isGzip)
        return cb(
          backupError(
            'BACKUP_OTHER_ENGINE',
            'Это резервная копия файла SQLite (*.sqlite.gz.age), а не базы PostgreSQL: восстановите её в файл (backup restore ФАЙЛ --db журнал.sqlite), а на сервер перенесите командой переноса на PostgreSQL. База данных не изменена.',
          ),
        );
      if (this.expected === 'pgdump' && !isPg)
        return cb(
          backupError(
            'BACKUP_FOREIGN',
            'Файл расшифрован, но внутри не архив pg_dump: это не резервная копия «Школьного журнала» с сервера PostgreSQL.',
          ),
        );
    }
    cb(null, chunk);
  }
}

export type Unpacked = Packed;

/**
 * Encrypted file → age → gunzip → `outFile` (or nowhere, when only checking), hashing both sides.
 * `maxPlainBytes` stops a decompression bomb or a wrong file from filling the disk. With `payload: 'pgdump'` there is
 * no gunzip, and the output may be a stream (pg_restore's stdin).
 */
export async function unpackFile(
  file: string,
  unseal: Unseal,
  outFile: string | null | Writable,
  opts: { maxPlainBytes?: number; onProgress?: (readBytes: number) => void; payload?: Payload } = {},
): Promise<Unpacked> {
  const payload = opts.payload ?? 'sqlite';
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
  const sink: Writable = typeof outFile === 'string' ? fs.createWriteStream(outFile, { flags: 'wx' }) : (outFile ?? new DevNull());
  let stage = 'age';
  decrypted.once('end', () => (stage = 'gzip'));
  try {
    const sniff = new PayloadSniff(payload);
    if (payload === 'sqlite') await pipeline(decrypted, sniff, zlib.createGunzip({ chunkSize: 1 << 20 }), plain, sink);
    else await pipeline(decrypted, sniff, plain, sink);
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
      if (payload === 'sqlite' && (stage === 'gzip' || /incorrect header check/.test((e as Error).message)))
        throw backupError(
          'BACKUP_FOREIGN',
          'Файл расшифрован, но внутри не сжатая база (gzip): это не резервная копия «Школьного журнала».',
        );
    }
    if (code === 'ENOSPC')
      throw backupError('BACKUP_NO_SPACE', 'Не хватает места на диске для расшифровки копии. База данных не изменена.');
    throw explainDecryptError(e, header, unseal);
  }
  if (typeof outFile === 'string') {
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

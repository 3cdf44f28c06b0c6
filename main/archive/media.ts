import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Ctx } from '../kernel/context';
import { encryptStream, type Seal } from '../backup/age-stream';
import { getKey, keyRefusal, listDestinations } from '../backup/config';
import { assertRecipient } from '../backup/keys';
import { mediaRoots } from '../backup/service';
import { describeFiles, MANIFEST, verifyPackage, type PackageManifest } from './manifest';

// The encrypted copy of a year package on the backup media: each file sealed with age to the school's backup key (the
// backup capability's code and key, so `age -d -i ключ.txt файл.age` opens it like a backup), under
// <носитель>/Архив/<2025-2026>/, with its own manifest.json listing the encrypted files' SHA-256 — so the copy is
// verified (archive verify, the scheduled re-check) without the secret key.

export interface MediaTarget {
  label: string;
  dir: string;
}

export type MediaTargets = { seal: Seal; targets: MediaTarget[] } | { refusal: string };

export interface MediaCopy {
  label: string;
  folder: string;
  ok: boolean;
  message: string;
}

export const MEDIA_FOLDER = 'Архив';

/** Where and how to write the encrypted copies, or why they cannot be written. */
export async function mediaTargets(ctx: Ctx, o: { folders?: string[]; recipient?: string }): Promise<MediaTargets> {
  let recipient: string;
  if (o.recipient) recipient = await assertRecipient(o.recipient);
  else {
    const key = await getKey(ctx.db);
    const refusal = key ? keyRefusal(key, 'backup') : 'не создан ключ резервных копий';
    if (refusal || !key) return { refusal: refusal ?? 'не создан ключ резервных копий' };
    recipient = key.recipient;
  }
  let targets: MediaTarget[];
  if (o.folders?.length) targets = o.folders.map((d) => ({ label: d, dir: path.resolve(d) }));
  else {
    const dests = (await listDestinations(ctx.db, mediaRoots())).filter((d) => d.enabled && d.dir);
    if (!dests.length) return { refusal: 'ни один носитель резервных копий не подключён' };
    targets = dests.map((d) => ({ label: d.label, dir: d.dir! }));
  }
  return { seal: { recipients: [recipient] }, targets };
}

async function encryptFile(src: string, dst: string, seal: Seal): Promise<void> {
  fs.mkdirSync(path.dirname(dst), { recursive: true });
  const tmp = `${dst}.part`;
  await pipeline(
    await encryptStream(fs.createReadStream(src, { highWaterMark: 1 << 20 }), seal),
    fs.createWriteStream(tmp, { flags: 'wx' }),
  );
  const fd = fs.openSync(tmp, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, dst);
}

export async function copyToMedia(
  folder: string,
  manifest: PackageManifest,
  t: { seal: Seal; targets: MediaTarget[] },
  say: (line: string) => void,
): Promise<MediaCopy[]> {
  const out: MediaCopy[] = [];
  for (const target of t.targets) {
    const dest = path.join(target.dir, MEDIA_FOLDER, path.basename(folder));
    try {
      if (fs.existsSync(dest) && fs.readdirSync(dest).length) throw new Error(`папка ${dest} уже не пуста`);
      for (const f of [...manifest.files.map((x) => x.path), MANIFEST]) {
        say(`  ${target.label}: ${f}`);
        await encryptFile(path.join(folder, ...f.split('/')), path.join(dest, ...`${f}.age`.split('/')), t.seal);
      }
      const copy: PackageManifest = { ...manifest, encrypted: true, files: await describeFiles(dest) };
      fs.writeFileSync(path.join(dest, MANIFEST), `${JSON.stringify(copy, null, 2)}\n`);
      const v = await verifyPackage(dest);
      out.push({ label: target.label, folder: dest, ok: v.ok, message: v.ok ? 'записано и проверено' : 'проверка копии не пройдена' });
    } catch (e) {
      out.push({ label: target.label, folder: dest, ok: false, message: (e as Error).message });
    }
  }
  return out;
}

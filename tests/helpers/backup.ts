import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { createBackup, type CreateOptions } from '../../main/backup/create';
import { generateKeyPair, keyFileText, type KeyPair } from '../../main/backup/keys';
import { DEFAULT_RETENTION } from '../../main/backup/rotation';
import { tempDb } from './db';

/** A demo school (small: 300 students keeps the tests quick) in a temporary database, and a key pair on disk. */
export async function demoWithKey(students = 300) {
  const t = await tempDb('journal.sqlite');
  await runDemo(t.db, t.raw, systemActor('тест'), { seed: 11, students, today: '2026-06-30' });
  const key: KeyPair = await generateKeyPair();
  const keyFile = path.join(t.dir, 'key.txt');
  fs.writeFileSync(keyFile, keyFileText(key, new Date()));
  return { ...t, key, keyFile };
}

export async function backupTo(
  t: { raw: CreateOptions['raw']; file: string },
  dir: string,
  seal: CreateOptions['seal'],
  extra: Partial<CreateOptions> = {},
) {
  return createBackup({
    raw: t.raw,
    dbFile: t.file,
    seal,
    destinations: [{ label: path.basename(dir), dir }],
    kind: 'regular',
    trigger: 'cli',
    retention: DEFAULT_RETENTION,
    school: 'Тестовая школа',
    now: new Date(),
    ...extra,
  });
}

export function sha256(file: string): string {
  return createHash('sha256').update(fs.readFileSync(file)).digest('hex');
}

/** The database's content fingerprint: its file plus its WAL, as they are on disk. */
export function dbFingerprint(file: string): string {
  const parts = ['', '-wal'].map((s) => (fs.existsSync(file + s) ? sha256(file + s) : '-'));
  return parts.join(':');
}

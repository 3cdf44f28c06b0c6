import assert from 'node:assert/strict';
import { execFileSync, execSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import zlib from 'node:zlib';
import { SCHEMA_VERSION } from '../../db';
import { runCli } from '../../main/transport/cli/index';
import { generateKeyPair, keyFileText } from '../../main/backup/keys';
import { manifestPathFor, readManifest } from '../../main/backup/manifest';
import { drill } from '../../main/backup/restore';
import { SPACE_MARGIN } from '../../main/backup/safe-write';
import { backupTo, dbFingerprint, demoWithKey, sha256 } from '../helpers/backup';

// Fault tests: every bad file is refused with its own code and a Russian message, and the live
// database is left exactly as it was; a full, vanishing or killed destination never shows a half file.

function quiet() {
  const errs: string[] = [];
  return { out: { log: () => undefined, err: (s: string) => errs.push(s) }, errs };
}

/** Restores `file` over the live demo database through the CLI and checks that nothing changed. */
async function refusedRestore(
  t: Awaited<ReturnType<typeof demoWithKey>>,
  file: string,
  args: string[],
  exit: number | number[],
  pattern: RegExp,
) {
  t.raw.pragma('wal_checkpoint(TRUNCATE)');
  const before = dbFingerprint(t.file);
  const filesBefore = fs.readdirSync(t.dir).sort();
  const q = quiet();
  const code = await runCli(['backup', 'restore', file, '--db', t.file, ...args], q.out);
  assert.ok([exit].flat().includes(code), `exit code ${code} for ${path.basename(file)}: ${q.errs.join(' ')}`);
  assert.match(q.errs.join(' '), pattern);
  assert.match(q.errs.join(' '), /[а-яё]/i, 'the message is in Russian');
  assert.equal(dbFingerprint(t.file), before, 'database untouched');
  assert.deepEqual(fs.readdirSync(t.dir).sort(), filesBefore, 'no temporary files left beside the database');
}

test('flipped byte, truncation, wrong key, wrong mode, foreign file, newer schema: each refused, database untouched', async () => {
  const t = await demoWithKey(200);
  try {
    const dest = path.join(t.dir, 'usb');
    const r = await backupTo(t, dest, { recipient: t.key.recipient });
    const good = r.copies[0].file!;
    const id = ['--identity', t.keyFile];
    const bad = path.join(t.dir, 'bad');
    fs.mkdirSync(bad);

    // one flipped byte in the payload, with and without the manifest beside it
    const flipped = path.join(bad, 'flipped.sqlite.gz.age');
    const bytes = fs.readFileSync(good);
    bytes[Math.floor(bytes.length * 0.6)] ^= 0x01;
    fs.writeFileSync(flipped, bytes);
    await refusedRestore(t, flipped, id, 3, /повреждён/);
    fs.copyFileSync(manifestPathFor(good), manifestPathFor(flipped));
    await refusedRestore(t, flipped, id, 3, /повреждён/);
    // one flipped byte in the header (the MAC covers it)
    const hdr = path.join(bad, 'header.sqlite.gz.age');
    const hb = fs.readFileSync(good);
    hb[40] ^= 0x01;
    fs.writeFileSync(hdr, hb);
    // without a manifest a changed key share is indistinguishable from somebody else's key
    await refusedRestore(t, hdr, id, [3, 4], /повреждён/);
    fs.copyFileSync(manifestPathFor(good), manifestPathFor(hdr));
    await refusedRestore(t, hdr, id, 3, /повреждён/);

    // truncated: with a manifest the size says so; without, the last STREAM chunk fails its check
    const cut = path.join(bad, 'cut.sqlite.gz.age');
    fs.writeFileSync(cut, fs.readFileSync(good).subarray(0, Math.floor(bytes.length / 2)));
    await refusedRestore(t, cut, id, 3, /повреждён|обрезан/);
    fs.copyFileSync(manifestPathFor(good), manifestPathFor(cut));
    await refusedRestore(t, cut, id, 3, /обрезан/);
    // cut exactly at a 64 KiB chunk boundary: age's last-chunk flag catches it
    const header = fs.readFileSync(good).indexOf('\n---') + 1;
    const headerEnd = fs.readFileSync(good).indexOf('\n', header) + 1 + 16;
    const boundary = path.join(bad, 'boundary.sqlite.gz.age');
    fs.writeFileSync(boundary, fs.readFileSync(good).subarray(0, headerEnd + (64 * 1024 + 16) * 2));
    await refusedRestore(t, boundary, id, 3, /повреждён|обрезан/);

    // a wrong key
    const other = await generateKeyPair();
    const otherKey = path.join(bad, 'other.txt');
    fs.writeFileSync(otherKey, keyFileText(other, new Date()));
    await refusedRestore(t, good, ['--identity', otherKey], 4, /Ключ не подходит/);
    // a passphrase where a key is needed, and the reverse
    const passFile = path.join(bad, 'pass.txt');
    fs.writeFileSync(passFile, 'какая-то парольная фраза\n');
    await refusedRestore(t, good, ['--passphrase-file', passFile], 4, /зашифрована ключом/);
    const byPass = await backupTo(t, path.join(t.dir, 'p'), { passphrase: 'верная парольная фраза' });
    await refusedRestore(t, byPass.copies[0].file!, ['--passphrase-file', passFile], 4, /Неверная парольная фраза/);
    await refusedRestore(t, byPass.copies[0].file!, id, 4, /парольной фразой/);
    // a key file that is not a key
    const notKey = path.join(bad, 'notkey.txt');
    fs.writeFileSync(notKey, 'hello\n');
    await refusedRestore(t, good, ['--identity', notKey], 4, /не секретный ключ/);

    // foreign files: not age; age but not gzip; gzip but not SQLite; SQLite of another program
    const random = path.join(bad, 'random.age');
    fs.writeFileSync(random, randomBytes(5000));
    await refusedRestore(t, random, id, 3, /не зашифрован в формате age/);
    const seal = (name: string, payload: Buffer) => {
      const p = path.join(bad, name);
      fs.writeFileSync(path.join(bad, 'payload'), payload);
      execSync(`age -r ${t.key.recipient} -o '${p}' '${path.join(bad, 'payload')}'`);
      return p;
    };
    await refusedRestore(t, seal('text.age', Buffer.from('просто текст')), id, 3, /не сжатая база/);
    await refusedRestore(t, seal('gztext.age', zlib.gzipSync(Buffer.from('просто текст'.repeat(100)))), id, 3, /не база данных SQLite/);
    const alien = path.join(bad, 'alien.sqlite');
    execFileSync('sqlite3', [alien, 'create table notes(t); insert into notes values (1);']);
    await refusedRestore(t, seal('alien.age', zlib.gzipSync(fs.readFileSync(alien))), id, 3, /другой программы/);

    // a backup from a newer version of the program
    const newer = path.join(bad, 'newer.sqlite');
    execFileSync('sqlite3', [t.file, `.backup '${newer}'`]);
    execFileSync('sqlite3', [
      newer,
      `insert into kysely_migration(name, timestamp) values ('9999_future', '2030-01-01'); PRAGMA user_version = ${SCHEMA_VERSION + 1};`,
    ]);
    await refusedRestore(t, seal('newer.age', zlib.gzipSync(fs.readFileSync(newer))), id, 5, /более новой версией/);

    // and the good file still restores (the refusals above did not damage anything)
    const d = await drill(good, { identities: [t.key.identity] }, t.dir);
    assert.equal(d.auditChainOk, true);
    assert.equal(d.auditHeadMatches, true);
  } finally {
    await t.cleanup();
  }
});

function tryMount(dir: string, size: string): string | null {
  fs.mkdirSync(dir, { recursive: true });
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  return r.status === 0 ? null : `mount refused: ${String(r.stderr).trim() || r.status}`;
}
function umount(dir: string) {
  spawnSync('umount', ['-l', dir]);
}
const finalFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).filter((n) => !n.startsWith('.')) : []);
const allFiles = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir) : []);

test('a destination too small, filling up mid-write, or vanishing mid-write: a failed backup, a clear message, no half file', async (tt) => {
  const t = await demoWithKey(300);
  const small = path.join(t.dir, 'small');
  const full = path.join(t.dir, 'fills');
  const gone = path.join(t.dir, 'gone');
  try {
    const refused = tryMount(small, '128k');
    if (refused) {
      tt.skip(refused);
      console.log(`skipped: ${refused}`);
      return;
    }
    // too small from the start: refused before writing
    const r1 = await backupTo(t, small, { recipient: t.key.recipient });
    assert.equal(r1.copies[0].ok, false);
    assert.match(r1.copies[0].message, /свободно .* МиБ, а нужно/);
    assert.deepEqual(allFiles(small), []);

    // The backup's size decides the other drives' sizes: room for it (so the copy starts), but not for it and more.
    const probe = await backupTo(t, path.join(t.dir, 'probe'), { recipient: t.key.recipient });
    assert.ok(probe.copies[0].ok, probe.copies[0].message);
    const room = Math.ceil((probe.packed.fileBytes + SPACE_MARGIN) / 2 ** 20) + 2;

    // fills up while writing: another program takes the space during the copy
    assert.equal(tryMount(full, `${room}m`), null);
    let filled = false;
    const r2 = await backupTo(
      t,
      full,
      { recipient: t.key.recipient },
      {
        onProgress: (p) => {
          if (p.phase === 'copy' && !filled) {
            filled = true;
            spawnSync('dd', ['if=/dev/zero', `of=${path.join(full, 'other-program.bin')}`, 'bs=64k']);
          }
        },
      },
    );
    assert.ok(filled);
    assert.equal(r2.copies[0].ok, false);
    assert.match(r2.copies[0].message, /закончилось место/);
    assert.deepEqual(finalFiles(full), ['other-program.bin'], 'no backup under its final name');
    assert.deepEqual(
      allFiles(full).filter((n) => n.endsWith('.partial')),
      [],
      'the partial file is removed',
    );

    // vanishes while writing: the drive is pulled (lazy unmount) in the middle of the copy
    assert.equal(tryMount(gone, `${room * 2}m`), null);
    const bigKey = await generateKeyPair();
    let pulled = false;
    const r3 = await backupTo(
      t,
      gone,
      { recipient: bigKey.recipient },
      {
        onProgress: (p) => {
          if (p.phase === 'copy' && !pulled) {
            pulled = true;
            umount(gone);
          }
        },
      },
    );
    assert.ok(pulled, `the copy never started: ${r3.copies[0].message}`);
    assert.equal(r3.copies[0].ok, false);
    assert.match(r3.copies[0].message, /недоступен|Ошибка записи/, r3.copies[0].message);
    assert.deepEqual(finalFiles(gone), [], `nothing under the final name where the drive was: ${finalFiles(gone).join(', ')}`);
  } finally {
    for (const d of [small, full, gone]) umount(d);
    await t.cleanup();
  }
});

test('a backup process killed mid-way leaves the older backups intact, and a clean retry works', async () => {
  const t = await demoWithKey(300);
  try {
    // Some incompressible bulk so that the phases take long enough to be interrupted.
    t.raw.exec('create table bulk(b blob)');
    const ins = t.raw.prepare('insert into bulk values (?)');
    for (let i = 0; i < 160; i++) ins.run(randomBytes(64 * 1024));
    const dest = path.join(t.dir, 'usb');
    // made two days ago, so that the same-day rotation of the retry keeps it
    const first = await backupTo(t, dest, { recipient: t.key.recipient }, { now: new Date(Date.now() - 2 * 86_400_000) });
    assert.ok(first.copies[0].ok);
    const older = first.copies[0].file!;
    const olderSha = sha256(older);

    for (const phase of ['pack', 'copy']) {
      const child = spawn(
        process.execPath,
        ['--import', 'tsx', path.join(__dirname, '..', 'helpers', 'backup-child.ts'), t.file, dest, t.key.recipient, phase],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          if (d.toString().includes(`IN ${phase}`)) {
            child.kill('SIGKILL');
            resolve();
          }
          if (d.toString().includes('FINISHED')) reject(new Error('the child finished before it was killed'));
        });
        child.once('exit', () => resolve());
      });
      await new Promise((r) => child.once('exit', r));
      assert.equal(child.signalCode, 'SIGKILL');
      // the older backup is intact, and nothing half-written carries a final name
      assert.equal(sha256(older), olderSha);
      assert.deepEqual(finalFiles(dest).sort(), [path.basename(manifestPathFor(older)), path.basename(older)].sort());
      if (phase === 'pack')
        assert.ok(
          fs.readdirSync(t.dir).some((n) => n.includes('.backup-') && n.endsWith('.snapshot')),
          'the killed run left its snapshot',
        );
      if (phase === 'copy')
        assert.ok(
          allFiles(dest).some((n) => n.endsWith('.partial')),
          'the killed run left a partial file',
        );
    }

    // the retry cleans up after the dead runs and succeeds
    const retry = await backupTo(t, dest, { recipient: t.key.recipient });
    assert.ok(retry.copies[0].ok, retry.copies[0].message);
    assert.deepEqual(
      allFiles(dest).filter((n) => n.endsWith('.partial')),
      [],
    );
    assert.deepEqual(
      fs.readdirSync(t.dir).filter((n) => n.includes('.backup-')),
      [],
    );
    assert.equal(finalFiles(dest).length, 4);
    assert.equal(readManifest(retry.copies[0].file!)!.sha256.file, sha256(retry.copies[0].file!));
    assert.equal(sha256(older), olderSha);
  } finally {
    await t.cleanup();
  }
});

import assert from 'node:assert/strict';
import { execFileSync, execSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCli } from '../../main/transport/cli/index';
import { readIdentities } from '../../main/backup/keys';
import { readManifest } from '../../main/backup/manifest';
import { drill } from '../../main/backup/restore';
import { backupTo, demoWithKey, sha256 } from '../helpers/backup';
import { isPdfA2b, pdfFonts } from '../helpers/tools';

// Interoperability with the stock tools nobody here wrote: age (Go), gzip, sqlite3.

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, lines, errs };
}

test('a backup made by the program is decrypted by stock age, gunzipped, and passes sqlite3 integrity_check', async () => {
  const t = await demoWithKey();
  try {
    const dest = path.join(t.dir, 'usb');
    const r = await backupTo(t, dest, { recipient: t.key.recipient });
    assert.ok(r.copies[0].ok, r.copies[0].message);
    const file = r.copies[0].file!;
    const m = readManifest(file)!;
    assert.equal(m.sha256.file, sha256(file));
    assert.equal(m.schemaVersion, t.raw.pragma('user_version', { simple: true }));
    assert.ok(m.auditHead && m.auditHead.hash.length === 64);
    const out = path.join(t.dir, 'restored.sqlite');
    execSync(`age -d -i '${t.keyFile}' '${file}' | gunzip > '${out}'`);
    assert.equal(sha256(out), m.sha256.database);
    assert.equal(execFileSync('sqlite3', [out, 'PRAGMA integrity_check']).toString().trim(), 'ok');
    const students = Number(execFileSync('sqlite3', [out, 'select count(*) from student']).toString());
    const live = t.raw.prepare('select count(*) from student').pluck().get();
    assert.equal(students, live);
    // A plain single-file database: no WAL flag, so it opens read-only anywhere.
    assert.equal(execFileSync('sqlite3', [out, 'PRAGMA journal_mode']).toString().trim(), 'delete');
  } finally {
    await t.cleanup();
  }
});

test('a file made by stock sqlite3 .backup + gzip + age -r is restored by `backup restore`, keeping the previous database', async () => {
  const t = await demoWithKey();
  try {
    const snap = path.join(t.dir, 'stock.sqlite');
    execFileSync('sqlite3', [t.file, `.backup '${snap}'`]);
    const enc = path.join(t.dir, 'stock.sqlite.gz.age');
    execSync(`gzip -c '${snap}' | age -r ${t.key.recipient} > '${enc}'`);
    // The target: another database, with different content, that the restore must replace.
    const target = path.join(t.dir, 'other', 'journal.sqlite');
    fs.mkdirSync(path.dirname(target));
    execFileSync('sqlite3', [target, 'create table x(a); insert into x values (1);']);
    const c = capture();
    const code = await runCli(['backup', 'restore', enc, '--db', target, '--identity', t.keyFile], c.out);
    assert.equal(code, 0, c.errs.join('\n'));
    assert.equal(
      execFileSync('sqlite3', [target, 'select count(*) from student']).toString().trim(),
      String(t.raw.prepare('select count(*) from student').pluck().get()),
    );
    assert.equal(execFileSync('sqlite3', [target, 'PRAGMA integrity_check']).toString().trim(), 'ok');
    const previous = fs.readdirSync(path.dirname(target)).filter((n) => n.includes('before-restore'));
    assert.equal(previous.length, 1);
    assert.equal(
      execFileSync('sqlite3', [path.join(path.dirname(target), previous[0]), 'select a from x'])
        .toString()
        .trim(),
      '1',
    );
    // The restore is itself on record in the restored database.
    assert.equal(
      execFileSync('sqlite3', [target, "select count(*) from backup_check where kind = 'restore' and ok = 1"]).toString().trim(),
      '1',
    );
  } finally {
    await t.cleanup();
  }
});

test('keygen: the key file works with stock age; a passphrase-protected key file too; the recovery sheet carries the key', async () => {
  const t = await demoWithKey(50);
  try {
    const c = capture();
    const keyFile = path.join(t.dir, 'k.txt');
    const sheet = path.join(t.dir, 'k.pdf');
    assert.equal(await runCli(['backup', 'keygen', '--out', keyFile, '--sheet', sheet, '--db', t.file], c.out), 0, c.errs.join('\n'));
    const recipient = c.lines[0];
    assert.match(recipient, /^age1[a-z0-9]{58}$/);
    // stock age-keygen derives the same public key from the file
    assert.equal(execFileSync('age-keygen', ['-y', keyFile]).toString().trim(), recipient);
    const text = execFileSync('pdftotext', ['-layout', sheet, '-']).toString();
    const identity = fs
      .readFileSync(keyFile, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('AGE-SECRET-KEY-1'))!;
    assert.ok(text.replace(/\s+/g, '').includes(identity), 'the secret key is printed (in groups of four)');
    assert.ok(text.includes('age -d -i key.txt'));
    // written as every PDF of the program: PDF/A-2b with the DejaVu faces it uses embedded
    assert.ok(isPdfA2b(sheet));
    assert.deepEqual(
      pdfFonts(sheet).sort((a, b) => a.name.localeCompare(b.name)),
      ['DejaVuSans', 'DejaVuSans-Bold', 'DejaVuSansMono'].map((name) => ({ name, embedded: true })),
    );
    // the key is refused when it exists already
    assert.equal(await runCli(['backup', 'keygen', '--out', keyFile], capture().out), 2);

    // Passphrase-protected: stock age asks for the passphrase on its terminal (script gives it one).
    const pass = path.join(t.dir, 'pass.txt');
    fs.writeFileSync(pass, 'длинная парольная фраза 2026\n');
    const sealed = path.join(t.dir, 'k.age.txt');
    const c2 = capture();
    assert.equal(await runCli(['backup', 'keygen', '--out', sealed, '--passphrase-file', pass], c2.out), 0);
    assert.ok(fs.readFileSync(sealed, 'utf8').startsWith('-----BEGIN AGE ENCRYPTED FILE-----'));
    const dest = path.join(t.dir, 'usb');
    const r = await backupTo(t, dest, { recipient: c2.lines[0] });
    const out = path.join(t.dir, 'r2.sqlite.gz');
    const res = spawnSync('script', ['-qec', `age -d -i '${sealed}' -o '${out}' '${r.copies[0].file}'`, '/dev/null'], {
      input: 'длинная парольная фраза 2026\n',
      timeout: 60_000,
    });
    assert.equal(res.status, 0, String(res.stdout));
    assert.equal(execSync(`gunzip -c '${out}' | sha256sum`).toString().split(' ')[0], readManifest(r.copies[0].file!)!.sha256.database);
    // and the program opens it with the passphrase, refuses it without or with a wrong one
    assert.equal((await readIdentities(fs.readFileSync(sealed), 'длинная парольная фраза 2026')).length, 1);
    await assert.rejects(readIdentities(fs.readFileSync(sealed)), { code: 'BACKUP_NEEDS_PASSPHRASE' });
    await assert.rejects(readIdentities(fs.readFileSync(sealed), 'не та фраза!!'), { code: 'BACKUP_WRONG_PASSPHRASE' });
  } finally {
    await t.cleanup();
  }
});

test('a passphrase backup (on demand) opens with stock age -d and the passphrase', async () => {
  const t = await demoWithKey(50);
  try {
    const r = await backupTo(t, path.join(t.dir, 'usb'), { passphrase: 'резервная копия по требованию' });
    assert.ok(r.copies[0].ok, r.copies[0].message);
    const out = path.join(t.dir, 'p.sqlite.gz');
    const res = spawnSync('script', ['-qec', `age -d -o '${out}' '${r.copies[0].file}'`, '/dev/null'], {
      input: 'резервная копия по требованию\n',
      timeout: 60_000,
    });
    assert.equal(res.status, 0, String(res.stdout));
    const db = path.join(t.dir, 'p.sqlite');
    execSync(`gunzip -c '${out}' > '${db}'`);
    assert.equal(execFileSync('sqlite3', [db, 'PRAGMA integrity_check']).toString().trim(), 'ok');

    // and the other way: stock `age -p` seals, the program's drill opens it with the passphrase
    const stock = path.join(t.dir, 'stock-p.sqlite.gz.age');
    const gz = path.join(t.dir, 'stock.sqlite.gz');
    execSync(`gzip -c '${db}' > '${gz}'`);
    const enc = spawnSync('script', ['-qec', `age -p -o '${stock}' '${gz}'`, '/dev/null'], {
      input: 'фраза для age -p 42\nфраза для age -p 42\n',
      timeout: 60_000,
    });
    assert.equal(enc.status, 0, String(enc.stdout));
    const report = await drill(stock, { passphrase: 'фраза для age -p 42' }, t.dir);
    assert.equal(report.auditChainOk, true);
    await assert.rejects(drill(stock, { passphrase: 'не та фраза' }, t.dir), { code: 'BACKUP_WRONG_PASSPHRASE' });
  } finally {
    await t.cleanup();
  }
});

test('CLI create and verify: exit 0, a manifest beside the file; verify without a key checks SHA-256 only', async () => {
  const t = await demoWithKey(50);
  try {
    const dest = path.join(t.dir, 'usb');
    const c = capture();
    assert.equal(
      await runCli(['backup', 'create', '--db', t.file, '--to', dest, '--recipient', t.key.recipient], c.out),
      0,
      c.errs.join('\n'),
    );
    const file = c.lines[0].split('\n')[0];
    assert.ok(fs.existsSync(file) && readManifest(file));
    const v1 = capture();
    assert.equal(await runCli(['backup', 'verify', file], v1.out), 0, v1.errs.join('\n'));
    const v2 = capture();
    assert.equal(await runCli(['backup', 'verify', file, '--identity', t.keyFile], v2.out), 0, v2.errs.join('\n'));
    assert.match(v2.lines[0], /журнал аудита цел/);
    // no key and no passphrase configured, none given: a usage error, not a crash
    const other = await demoWithKey(50);
    try {
      const c3 = capture();
      assert.equal(await runCli(['backup', 'create', '--db', other.file, '--to', dest], c3.out), 2);
    } finally {
      await other.cleanup();
    }
  } finally {
    await t.cleanup();
  }
});

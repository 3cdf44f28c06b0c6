import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { HostClient } from '../helpers/api';
import { cli, startHost } from '../helpers/browser';

// Issue 11, part 6: a journal database has one writer at a time (a lock file beside it naming the holder), and
// only `demo`, `init` and the program's first start create one; any other command refuses a file that is not a
// journal database with exit 3 and leaves its bytes alone.

const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'school-journal.cjs');

const sha = (f: string) => crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex');
const tmp = () => fs.mkdtempSync(path.join(os.tmpdir(), 'sj-files-'));
const leftovers = (f: string) => ['-wal', '-shm', '-journal', '.lock'].filter((s) => fs.existsSync(f + s));

test('a file that is not a journal database is refused by every command (exit 3), byte for byte unchanged', async () => {
  const dir = tmp();
  const other = path.join(dir, 'other.sqlite');
  execFileSync('sqlite3', [other, "create table photo(id integer primary key, name text); insert into photo(name) values ('лето.jpg');"]);
  const empty = path.join(dir, 'empty.sqlite');
  fs.writeFileSync(empty, '');
  const text = path.join(dir, 'notes.txt');
  fs.writeFileSync(text, 'список покупок\n');
  const pass = path.join(dir, 'pass.txt');
  fs.writeFileSync(pass, 'очень-длинная-фраза-для-копии\n');
  for (const file of [other, empty, text]) {
    const before = sha(file);
    for (const args of [
      ['stats', '--db', file],
      ['audit', 'verify', '--db', file],
      ['backup', 'create', '--db', file, '--to', dir, '--passphrase-file', pass],
      ['print', 'journal', '--db', file, '--year', '2025/2026', '--class', '5А', '--out', path.join(dir, 'x.pdf')],
      ['demo', '--db', file, '--students', '10'],
      ['init', '--db', file],
    ]) {
      const r = await cli(args);
      assert.equal(r.code, 3, `${args.join(' ')} on ${path.basename(file)}: ${r.stderr}`);
      assert.match(r.stderr, /не база данных школьного журнала/, args.join(' '));
      assert.equal(sha(file), before, `${args.join(' ')} changed ${path.basename(file)}`);
      assert.deepEqual(leftovers(file), [], `${args.join(' ')} left files beside ${path.basename(file)}`);
    }
  }
  // the host refuses it too, and exits
  const child = spawn(process.execPath, [CLI, 'host', '--db', other], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise((r) => child.once('exit', r));
  assert.notEqual(code, 0);
  assert.match(err, /не база данных школьного журнала/);
  assert.equal(execFileSync('sqlite3', [other, 'pragma journal_mode; select count(*) from sqlite_master;']).toString(), 'delete\n1\n');
  assert.deepEqual(leftovers(other), []);

  // `init` makes a journal database where there was none, and only there
  const made = path.join(dir, 'new.sqlite');
  assert.equal((await cli(['stats', '--db', made])).code, 1);
  assert.ok(!fs.existsSync(made));
  const init = await cli(['init', '--db', made]);
  assert.equal(init.code, 0, init.stderr);
  assert.equal((await cli(['stats', '--db', made, '--json'])).code, 0);
  assert.equal((await cli(['init', '--db', made])).code, 1, 'init does not touch an existing journal');
  fs.rmSync(dir, { recursive: true, force: true });
});

test('while the host holds the database: restore, a second host and CLI writers are refused naming the holder; readers run', async () => {
  const dir = tmp();
  const db = path.join(dir, 'journal.sqlite');
  assert.equal((await cli(['init', '--db', db])).code, 0);
  const pass = path.join(dir, 'pass.txt');
  fs.writeFileSync(pass, 'очень-длинная-фраза-для-копии\n');
  const backups = path.join(dir, 'backups');
  fs.mkdirSync(backups);
  const made = await cli(['backup', 'create', '--db', db, '--to', backups, '--passphrase-file', pass]);
  assert.equal(made.code, 0, made.stderr);
  const backupFile = fs.readdirSync(backups).find((n) => n.endsWith('.age'))!;

  const host = await startHost({ dbFile: db });
  try {
    const lock = JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'));
    assert.equal(lock.pid, host.child.pid);
    const c = await new HostClient(host.url).open();
    await c.call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' });

    const holder = new RegExp(`${os.userInfo().username}.*браузерная версия.*с \\d{2}\\.\\d{2}\\.\\d{4}`, 's');
    const restore = await cli(['backup', 'restore', path.join(backups, backupFile), '--db', db, '--passphrase-file', pass]);
    assert.equal(restore.code, 7, restore.stderr);
    assert.match(restore.stderr, holder);
    const writer = await cli(['backup', 'create', '--db', db, '--to', backups, '--passphrase-file', pass]);
    assert.equal(writer.code, 7, writer.stderr);
    assert.match(writer.stderr, holder);

    const second = spawn(process.execPath, [CLI, 'host', '--db', db], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    second.stderr.on('data', (d) => (err += d));
    assert.notEqual(await new Promise((r) => second.once('exit', r)), 0);
    assert.match(err, holder);

    // readers may still look (WAL lets them read beside the writer)
    const stats = await cli(['stats', '--db', db, '--json']);
    assert.equal(stats.code, 0, stats.stderr);
    assert.equal((await cli(['audit', 'verify', '--db', db])).code, 0);

    // what the host answered "ok" for is still there
    await new HostClient(host.url).open().then((x) => x.login('admin', 'admin-parol-1'));
  } finally {
    await host.stop();
  }
  assert.ok(!fs.existsSync(`${db}.lock`), 'the lock goes with the host');
  assert.equal(execFileSync('sqlite3', [db, "select count(*) from app_user where login = 'admin'"]).toString().trim(), '1');

  // a host killed outright leaves a stale lock: the next start sees its process is gone and takes over
  const killed = await startHost({ dbFile: db });
  killed.kill();
  await new Promise((r) => killed.child.once('exit', r));
  assert.ok(fs.existsSync(`${db}.lock`));
  const again = await startHost({ dbFile: db });
  await again.stop();

  // with nobody holding it, the restore goes ahead
  const restored = await cli(['backup', 'restore', path.join(backups, backupFile), '--db', db, '--passphrase-file', pass]);
  assert.equal(restored.code, 0, restored.stderr);
  assert.equal(execFileSync('sqlite3', [db, "select count(*) from app_user where login = 'admin'"]).toString().trim(), '0');
  fs.rmSync(dir, { recursive: true, force: true });
});

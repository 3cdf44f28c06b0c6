import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startApp, type App } from '../../main/transport/app';
import { runCli } from '../../main/transport/cli/index';
import { generateKeyPair } from '../../main/backup/keys';
import { scheduledBackup, scheduler } from '../../main/backup/service';
import { getKey } from '../../main/backup/config';
import { openDatabase } from '../../db';

// The first backup key: until the administrator confirms the secret half was saved, no copy is sealed to it — not by
// the schedule, not by hand, not by the CLI the OS scheduler runs — and the schedule does not start.

async function call<T = unknown>(core: App, token: string | null, channel: string, input: unknown = {}): Promise<T> {
  const r = await core.router.call(channel, input, token);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

async function waitJob(core: App, token: string) {
  for (;;) {
    const j = await call<{ status: string; message: string } | null>(core, token, 'backup.progress');
    if (j && j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, 20));
  }
}

function capture() {
  const errs: string[] = [];
  const lines: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, errs, lines };
}

const schedule = { enabled: true, time: '17:30', weekdaysOnly: false, retention: { daily: 7, weekly: 4, monthly: 12 } };

test('an unconfirmed key seals nothing and does not start the schedule; confirming it does', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-keyconfirm-'));
  const dbFile = path.join(dir, 'journal.sqlite');
  const folder = path.join(dir, 'backups');
  fs.mkdirSync(folder);
  const core = await startApp({ dbFile, runtime: 'browser-host' });
  let closed = false;
  try {
    const { token } = await call<{ token: string }>(core, null, 'auth.setupAdmin', {
      login: 'admin',
      displayName: 'Администратор',
      password: 'admin-parol-1',
    });
    await call(core, token, 'backup.addFolder', { path: folder, label: 'Папка' });

    // no key at all: the schedule (on by default) is not running, and cannot be switched on
    assert.equal(scheduler(core.env)?.next(), null);
    await assert.rejects(call(core, token, 'backup.setSchedule', schedule), /Расписание не включено: сначала создайте ключ/);

    const key = await call<{ recipient: string; identity: string; keyFile: string }>(core, token, 'backup.keygen', {});
    const status = await call<{ key: { confirmedAt: string | null }; warnings: string[]; nextRun: string | null }>(
      core,
      token,
      'backup.status',
    );
    assert.equal(status.key.confirmedAt, null);
    assert.equal(status.nextRun, null, 'the schedule does not start on an unconfirmed key');
    assert.ok(status.warnings.some((w) => /не подтверждено, что секретный ключ сохранён/.test(w)));

    // every way of sealing a copy to the unconfirmed key is refused, in Russian, and writes nothing
    await assert.rejects(call(core, token, 'backup.setSchedule', schedule), {
      code: 'BACKUP_KEY_UNCONFIRMED',
      message: /Расписание не включено/,
    });
    await assert.rejects(call(core, token, 'backup.create', {}), {
      code: 'BACKUP_KEY_UNCONFIRMED',
      message: /не подтверждено, что секретный ключ/,
    });
    await scheduledBackup(core.env);
    let history = await call<{ runs: { trigger: string; status: string; message: string }[] }>(core, token, 'backup.history');
    assert.equal(history.runs.length, 1);
    assert.equal(history.runs[0].trigger, 'scheduled');
    assert.equal(history.runs[0].status, 'failed');
    assert.match(history.runs[0].message, /не подтверждено, что секретный ключ/);
    assert.deepEqual(fs.readdirSync(folder), [], 'no copy was written');
    // a passphrase copy made by hand does not depend on the key
    await call(core, token, 'backup.create', { passphrase: 'длинная-фраза-копии' });
    assert.equal((await waitJob(core, token)).status, 'ok');

    // confirmations that must not count
    await assert.rejects(
      call(core, token, 'backup.confirmKey', { recipient: key.recipient, via: ['file'] }),
      /Я сохранил ключ в надёжном месте/,
    );
    await assert.rejects(call(core, token, 'backup.confirmKey', { recipient: key.recipient, saved: true }), /Сначала сохраните ключ/);
    const other = await generateKeyPair();
    await assert.rejects(call(core, token, 'backup.confirmKey', { recipient: other.recipient, saved: true, via: ['copy'] }), /уже заменён/);
    await assert.rejects(call(core, token, 'backup.confirmKey', { recipient: key.recipient, saved: true, keyText: other.identity }), {
      code: 'BACKUP_WRONG_KEY',
    });
    assert.equal((await getKey(core.env.db))?.confirmedAt, null);

    const confirmed = await call<{ confirmedAt: string }>(core, token, 'backup.confirmKey', {
      recipient: key.recipient,
      saved: true,
      via: ['file', 'sheet'],
    });
    assert.ok(confirmed.confirmedAt);
    const audit = await core.env.db.selectFrom('audit_log').selectAll().where('action', '=', 'backup.key_confirmed').execute();
    assert.equal(audit.length, 1);
    assert.deepEqual(JSON.parse(audit[0].after!).via, ['file', 'sheet']);

    // now the schedule runs and copies are made
    assert.ok(scheduler(core.env)?.next(), 'the default schedule starts once the key is confirmed');
    await call(core, token, 'backup.setSchedule', schedule);
    await scheduledBackup(core.env);
    history = await call(core, token, 'backup.history');
    assert.equal(history.runs[0].trigger, 'scheduled');
    assert.equal(history.runs[0].status, 'ok', history.runs[0].message);
    await call(core, token, 'backup.create', {});
    assert.equal((await waitJob(core, token)).status, 'ok');

    // a new key starts unconfirmed again and stops the schedule
    await call(core, token, 'backup.keygen', { replace: true });
    assert.equal(scheduler(core.env)?.next(), null);
    await assert.rejects(call(core, token, 'backup.create', {}), { code: 'BACKUP_KEY_UNCONFIRMED' });

    // What the OS scheduler runs, `backup create` with the program's key, refuses it too. It runs while the program is
    // closed: an open program holds the database's lock and the CLI would be refused for that instead.
    await core.close();
    closed = true;
    const copies = fs.readdirSync(folder).length;
    const c = capture();
    assert.equal(await runCli(['backup', 'create', '--db', dbFile], c.out), 1);
    assert.match(c.errs.join('\n'), /не подтверждено, что секретный ключ/);
    assert.equal(fs.readdirSync(folder).length, copies, 'no copy was written');
  } finally {
    if (!closed) await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('backup keygen writes the key file and the recovery sheet readable by the owner only, and counts as confirmed', async (t) => {
  if (process.platform === 'win32') return t.skip('file modes are a POSIX notion');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-keysheet-'));
  const old = process.umask(0o000); // the widest umask: the files must still come out 0600
  try {
    const dbFile = path.join(dir, 'journal.sqlite');
    await (await openDatabase(dbFile)).close();
    const keyFile = path.join(dir, 'key.txt');
    const sheet = path.join(dir, 'sheet.pdf');
    const c = capture();
    assert.equal(await runCli(['backup', 'keygen', '--out', keyFile, '--sheet', sheet, '--db', dbFile], c.out), 0, c.errs.join('\n'));
    assert.equal(fs.statSync(keyFile).mode & 0o777, 0o600);
    assert.equal(fs.statSync(sheet).mode & 0o777, 0o600);
    assert.equal(fs.readFileSync(sheet).subarray(0, 5).toString(), '%PDF-');
    // an existing sheet is never overwritten, and nothing is created then
    const c2 = capture();
    assert.equal(await runCli(['backup', 'keygen', '--out', path.join(dir, 'key2.txt'), '--sheet', sheet], c2.out), 2);
    assert.ok(!fs.existsSync(path.join(dir, 'key2.txt')));
    const h = await openDatabase(dbFile);
    try {
      assert.ok((await getKey(h.db))?.confirmedAt, 'the operator holds the key file the command wrote');
    } finally {
      await h.close();
    }
  } finally {
    process.umask(old);
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

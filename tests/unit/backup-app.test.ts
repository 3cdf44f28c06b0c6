import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { startApp, type App } from '../../main/transport/app';
import { backupWarnings } from '../../main/backup/schedule';
import { MARKER_FILE } from '../../main/backup/destinations';
import { runDemo } from '../../main/demo';
import { systemActor } from '../../main/kernel/context';
import { generateKeyPair } from '../../main/backup/keys';

// The backup area as the UI uses it: through the router, with sessions and permissions, while the
// program keeps writing; then a real restore that swaps the open database.

async function call<T = unknown>(core: App, token: string | null, channel: string, input: unknown = {}): Promise<T> {
  const r = await core.router.call(channel, input, token);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value as T;
}

async function waitJob(core: App, token: string) {
  for (;;) {
    const j = await call<{ status: string; message: string; phase: string } | null>(core, token, 'backup.progress');
    if (j && j.status !== 'running') return j;
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('admin: key, destinations (folder and a marked drive), back up while writing, drill, restore; others are refused', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-app-'));
  const media = path.join(dir, 'media');
  fs.mkdirSync(path.join(media, 'USB1'), { recursive: true });
  process.env.SCHOOL_JOURNAL_MEDIA_ROOTS = media;
  const dbFile = path.join(dir, 'journal.sqlite');
  let core = await startApp({ dbFile, runtime: 'browser-host' });
  try {
    await runDemo(core.env.db, core.env.raw!, systemActor('тест'), { seed: 5, students: 200, today: '2026-06-30' });
    const admin = await call<{ token: string }>(core, null, 'auth.setupAdmin', {
      login: 'admin',
      displayName: 'Администратор',
      password: 'admin-parol-1',
    }).catch(async () => call<{ token: string }>(core, null, 'auth.login', { login: 'admin', password: 'demo-parol-2025' }));
    const token = admin.token;
    // the deputy keeps editing while the administrator backs up
    const zavuch = (await call<{ token: string }>(core, null, 'auth.login', { login: 'zavuch', password: 'demo-parol-2025' })).token;

    // a teacher may not touch backups
    const teacher = await call<{ token: string }>(core, null, 'auth.login', {
      login: (
        await core.env.db
          .selectFrom('app_user')
          .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
          .select('login')
          .where('role', '=', 'teacher')
          .executeTakeFirstOrThrow()
      ).login,
      password: 'demo-parol-2025',
    });
    await assert.rejects(call(core, teacher.token, 'backup.status'), { code: 'FORBIDDEN' });
    await assert.rejects(call(core, teacher.token, 'backup.create', {}), { code: 'FORBIDDEN' });

    let status = await call<{ warnings: string[]; key: unknown }>(core, token, 'backup.status');
    assert.equal(status.key, null);
    assert.ok(status.warnings.some((w) => /не создан ключ/.test(w)));

    // the key: the secret half comes back once and is not stored anywhere in the database
    const key = await call<{ identity: string; recipient: string; keyFile: string; sheetPdfBase64: string }>(
      core,
      token,
      'backup.keygen',
      {},
    );
    assert.match(key.identity, /^AGE-SECRET-KEY-1/);
    assert.ok(Buffer.from(key.sheetPdfBase64, 'base64').subarray(0, 5).toString() === '%PDF-');
    await assert.rejects(call(core, token, 'backup.keygen', {}), /уже создан/);
    core.env.raw!.pragma('wal_checkpoint(TRUNCATE)');
    assert.ok(!fs.readFileSync(dbFile).includes(key.identity.slice(16)), 'the secret key is not in the database file');
    // confirmed as saved only by the secret key itself
    await assert.rejects(
      call(core, token, 'backup.confirmKey', { recipient: key.recipient, saved: true, keyText: (await generateKeyPair()).identity }),
      { code: 'BACKUP_WRONG_KEY' },
    );
    await call(core, token, 'backup.confirmKey', { recipient: key.recipient, saved: true, keyText: key.keyFile });

    // destinations: a folder, and a USB drive marked and then found again at another mount point
    const folder = path.join(dir, 'folder');
    fs.mkdirSync(folder);
    await call(core, token, 'backup.addFolder', { path: folder, label: 'Папка на диске D' });
    await assert.rejects(call(core, token, 'backup.addFolder', { path: path.join(dir, 'nope'), label: '' }), /не найдена/);
    status = await call(core, token, 'backup.status');
    assert.ok((status as unknown as { volumes: { root: string }[] }).volumes.some((v) => v.root === path.join(media, 'USB1')));
    await call(core, token, 'backup.addDrive', { root: path.join(media, 'USB1'), label: 'Флешка завуча' });
    assert.ok(fs.existsSync(path.join(media, 'USB1', MARKER_FILE)));
    fs.renameSync(path.join(media, 'USB1'), path.join(media, 'USB-E')); // plugged in again under another name

    // back up now, while the program keeps saving
    await call(core, token, 'backup.create', {});
    await assert.rejects(call(core, token, 'backup.create', {}), { code: 'BACKUP_BUSY' });
    let saved = 0;
    let job = await call<{ status: string } | null>(core, token, 'backup.progress');
    while (job?.status === 'running') {
      await call(core, zavuch, 'rooms.save', { number: `W${saved}`, name: 'во время копирования', capacity: 30 });
      saved++;
      // Requests reach the router as separate events in the program; here the loop must yield likewise.
      await new Promise((r) => setImmediate(r));
      job = await call(core, token, 'backup.progress');
    }
    const done = await waitJob(core, token);
    assert.equal(done.status, 'ok', done.message);
    const files = await call<{ file: string; destination: string; hasManifest: boolean }[]>(core, token, 'backup.list');
    assert.equal(files.length, 2);
    assert.ok(files.some((f) => f.file.startsWith(path.join(media, 'USB-E', 'school-journal-backups'))));
    const history = await call<{ runs: { status: string; verified: boolean }[] }>(core, token, 'backup.history');
    assert.equal(history.runs.filter((r) => r.status === 'ok' && r.verified === true).length, 2);
    status = await call(core, token, 'backup.status');
    assert.deepEqual(status.warnings, []);

    // a drill with the key file's text: nothing replaced
    const drill = await call<{ auditChainOk: boolean; auditHeadMatches: boolean }>(core, token, 'backup.drill', {
      file: files[0].file,
      keyText: key.keyFile,
    });
    assert.equal(drill.auditChainOk, true);
    assert.equal(drill.auditHeadMatches, true);
    await assert.rejects(
      call(core, token, 'backup.drill', { file: files[0].file, keyText: 'AGE-SECRET-KEY-1QQQ' }),
      /не секретный ключ|ошибкой/,
    );

    // a change after the backup, then a restore: the change is gone, the old database kept, sessions ended
    await call(core, zavuch, 'rooms.save', { number: 'ПОСЛЕ', name: 'после копии', capacity: 10 });
    await assert.rejects(call(core, token, 'backup.restore', { file: files[0].file, keyText: key.keyFile }), /Подтвердите/);
    const restored = await call<{ previousCopy: string }>(core, token, 'backup.restore', {
      file: files[0].file,
      keyText: key.keyFile,
      confirm: true,
    });
    await assert.rejects(call(core, token, 'backup.status'), { code: 'SESSION_EXPIRED' });
    await assert.rejects(call(core, zavuch, 'rooms.list'), { code: 'SESSION_EXPIRED' });
    const token2 = (
      await call<{ token: string }>(core, null, 'auth.login', { login: 'admin', password: 'admin-parol-1' }).catch(() =>
        call<{ token: string }>(core, null, 'auth.login', { login: 'admin', password: 'demo-parol-2025' }),
      )
    ).token;
    const rooms = await call<{ number: string }[]>(core, token2, 'rooms.list');
    assert.ok(!rooms.some((r) => r.number === 'ПОСЛЕ'));
    assert.ok(fs.existsSync(restored.previousCopy));
    const chain = await call<{ ok: boolean }>(core, token2, 'audit.verify');
    assert.equal(chain.ok, true);
    assert.equal(core.env.raw!.pragma('integrity_check', { simple: true }), 'ok');
    const checks = await call<{ checks: { kind: string; ok: boolean }[] }>(core, token2, 'backup.history');
    assert.ok(checks.checks.some((c) => c.kind === 'restore' && c.ok === true));
    assert.ok(!fs.readdirSync(dir).some((n) => n.startsWith('.restore-')));

    // the start-up warning when the last verified backup is older than the schedule allows
    const later = new Date(Date.now() + 5 * 86_400_000);
    assert.ok((await backupWarnings(core.env.db, later, [media])).some((w) => /дольше, чем допускает расписание/.test(w)));
    await core.close();
    core = await startApp({ dbFile, runtime: 'browser-host', now: () => later });
    console.log(`rooms saved while the backup ran: ${saved}`);
  } finally {
    delete process.env.SCHOOL_JOURNAL_MEDIA_ROOTS;
    await core.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

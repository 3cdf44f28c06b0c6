import assert from 'node:assert/strict';
import { execFileSync, execSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import pg from 'pg';
import { openDatabase } from '../../db';
import { openPostgres } from '../../db/postgres';
import { createBackup } from '../../main/backup/create';
import { generateKeyPair, keyFileText } from '../../main/backup/keys';
import { manifestPathFor, readManifest } from '../../main/backup/manifest';
import { restorePostgres } from '../../main/backup/pg-restore';
import { libpqEnv, urlForPeople, urlWithDatabase } from '../../main/backup/pg-tools';
import { DEFAULT_RETENTION } from '../../main/backup/rotation';
import * as cells from '../../main/journal/cells';
import { verifyAuditChainDb } from '../../main/kernel/audit-verify';
import { systemActor, type Ctx } from '../../main/kernel/context';
import { runCli } from '../../main/transport/cli/index';
import { startApp } from '../../main/transport/app';
import { addFolderDestination, listChecks, listRuns } from '../../main/backup/config';
import { restoreInApp, runDrill, scheduledBackup, useRecipient } from '../../main/backup/service';
import { sha256 } from '../helpers/backup';
import { freshPgDatabase, pgSkip, PG_URL } from '../helpers/pg';
import { firstMathLesson, schoolWithMathLessons } from '../helpers/timetable';

// Backups of a PostgreSQL server's database (issue 17, part 5): pg_dump -Fc in the same age container and manifest,
// restored with pg_restore into an empty database, verified and drilled; the refusals are the SQLite backups' ones.

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, lines, errs };
}

async function query<T extends pg.QueryResultRow>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query<T>(text)).rows;
  } finally {
    await c.end();
  }
}

/** Every table's row count, the way a person would check it. */
async function counts(url: string): Promise<Record<string, number>> {
  const tables = await query<{ t: string }>(
    url,
    "select table_name as t from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'",
  );
  const out: Record<string, number> = {};
  for (const { t } of tables) out[t] = Number((await query<{ n: string }>(url, `select count(*) as n from "${t}"`))[0].n);
  return out;
}

const userTables = async (url: string) =>
  Number((await query<{ n: string }>(url, "select count(*) as n from pg_tables where schemaname = 'public'"))[0].n);

/** A small school on PostgreSQL with one mark, built through the services. */
async function school(url: string) {
  const h = await openPostgres(url);
  const ctx: Ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date() };
  const s = await schoolWithMathLessons(ctx);
  const lesson = await firstMathLesson(h.db, s);
  const kids = await h.db
    .selectFrom('enrollment')
    .select('student_id')
    .where('class_id', '=', s.classes.c5)
    .orderBy('student_id')
    .execute();
  const teacher: Ctx = {
    ...ctx,
    actor: { userId: null, name: 'Иванова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false },
    now: () => new Date(`${lesson.date}T12:00:00Z`),
  };
  const mark = (i: number, text: string) => cells.saveCell(teacher, { lessonId: lesson.id, studentId: kids[i].student_id, text });
  await mark(0, '5');
  return { h, mark };
}

test(
  'a PostgreSQL database: pg_dump in age, stock age decrypts it, restored into an empty database with equal counts and chain head',
  { skip: pgSkip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-pgbk-'));
    const src = await freshPgDatabase('sj_bk');
    const dbs = [src];
    try {
      const { h, mark } = await school(src.url);
      const key = await generateKeyPair();
      const keyFile = path.join(dir, 'key.txt');
      fs.writeFileSync(keyFile, keyFileText(key, new Date()));
      const usb = path.join(dir, 'usb');

      // backup create through the CLI (what the OS scheduler runs), on the server's database
      const before = await counts(src.url);
      const c = capture();
      assert.equal(
        await runCli(['backup', 'create', '--db', src.url, '--to', usb, '--recipient', key.recipient], c.out),
        0,
        c.errs.join('\n'),
      );
      const file = c.lines[0].split('\n')[0];
      assert.match(path.basename(file), /^journal-.*\.pgdump\.age$/);
      const m = readManifest(file)!;
      assert.ok(m, 'a manifest beside the file');
      assert.equal(m.formatVersion, 2);
      assert.equal(m.engine, 'postgresql');
      assert.equal(m.compression, 'none');
      assert.equal(m.sha256.file, sha256(file));
      // the counts of the snapshot: the CLI's own history row is written after the dump
      for (const [t, n] of Object.entries(before)) if (t !== 'backup_run' && t !== 'audit_log') assert.equal(m.counts![t], n, t);
      assert.equal(m.counts!.mark, 1);
      // nothing unencrypted beside it, and the passphrase/password never reached a command line
      assert.deepEqual(fs.readdirSync(usb).sort(), [path.basename(file), path.basename(manifestPathFor(file))].sort());

      // stock age decrypts it to pg_dump's own archive, which stock pg_restore reads
      const dump = path.join(dir, 'journal.pgdump');
      execSync(`age -d -i '${keyFile}' -o '${dump}' '${file}'`);
      assert.equal(fs.readFileSync(dump).subarray(0, 5).toString(), 'PGDMP');
      assert.equal(sha256(dump), m.sha256.database);
      const list = execFileSync('pg_restore', ['--list', dump]).toString();
      assert.match(list, /TABLE DATA public audit_log/);
      assert.match(list, /TABLE DATA public mark/);

      // a mark written after the backup
      await mark(1, '4');
      assert.equal((await counts(src.url)).mark, 2);

      // restore into a fresh database: counts and chain head as the manifest says, the later mark absent
      const to = await freshPgDatabase('sj_bk_to');
      dbs.push(to);
      const r = await restorePostgres(file, { identities: [key.identity] }, to.url);
      assert.equal(r.auditChainOk, true, r.auditProblem ?? '');
      assert.equal(r.auditHeadMatches, true);
      assert.equal(r.countsMatch, true, r.countMismatches?.join('; '));
      assert.deepEqual(await counts(to.url), m.counts);
      const head = await query<{ id: string; hash: string }>(to.url, 'select id, hash from audit_log order by id desc limit 1');
      assert.deepEqual({ id: Number(head[0].id), hash: head[0].hash }, m.auditHead);
      const restored = await openPostgres(to.url);
      try {
        assert.equal((await verifyAuditChainDb(restored.db)).ok, true);
        const marks = await restored.db.selectFrom('mark').select('value').execute();
        assert.deepEqual(
          marks.map((x) => String(x.value)),
          ['5'],
        );
        // identity sequences continue after the restored ids (pg_dump carries their values)
        const seq = await query<{ n: string }>(to.url, "select nextval(pg_get_serial_sequence('audit_log', 'id')) as n");
        assert.ok(Number(seq[0].n) > Number(head[0].id));
      } finally {
        await restored.close();
      }

      // the CLI: restore into another empty database (recorded there), then refused into the now non-empty one
      const to2 = await freshPgDatabase('sj_bk_cli');
      dbs.push(to2);
      const cr = capture();
      assert.equal(await runCli(['backup', 'restore', file, '--to', to2.url, '--identity', keyFile], cr.out), 0, cr.errs.join('\n'));
      assert.match(cr.lines.join('\n'), /число строк каждой таблицы совпадает с описью/);
      assert.equal(
        (await query<{ n: string }>(to2.url, "select count(*) as n from backup_check where kind = 'restore' and ok = 1"))[0].n,
        '1',
      );
      const again = capture();
      assert.equal(await runCli(['backup', 'restore', file, '--to', to2.url, '--identity', keyFile], again.out), 2);
      assert.match(again.errs.join(' '), /не пуста/);

      // verify without a server: the whole archive read by pg_restore, every table's rows counted against the manifest
      const v = capture();
      assert.equal(await runCli(['backup', 'verify', file, '--identity', keyFile], v.out), 0, v.errs.join('\n'));
      assert.match(v.lines[0], /Архив цел.*совпадает с описью/);
      // the drill: a throwaway database on the server, checked and dropped
      const drillsBefore = await query(PG_URL!, "select datname from pg_database where datname like 'sj_drill_%'");
      const dr = capture();
      assert.equal(await runCli(['backup', 'verify', file, '--identity', keyFile, '--server', src.url], dr.out), 0, dr.errs.join('\n'));
      assert.match(dr.lines[0], /пробную базу.*журнал аудита цел.*совпадает с описью/);
      assert.deepEqual(await query(PG_URL!, "select datname from pg_database where datname like 'sj_drill_%'"), drillsBefore);
      await h.close();
    } finally {
      for (const d of dbs) await d.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'a PostgreSQL backup refuses as the SQLite ones do: wrong key or passphrase, truncated, foreign, the other engine; the target stays empty',
  { skip: pgSkip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-pgbk-'));
    const src = await freshPgDatabase('sj_bkf');
    const to = await freshPgDatabase('sj_bkf_to');
    try {
      const { h } = await school(src.url);
      await h.close();
      const key = await generateKeyPair();
      const keyFile = path.join(dir, 'key.txt');
      fs.writeFileSync(keyFile, keyFileText(key, new Date()));
      const make = (seal: { recipient: string } | { passphrase: string }, folder: string) =>
        createBackup({
          raw: null,
          dbFile: src.url,
          seal,
          destinations: [{ label: folder, dir: path.join(dir, folder) }],
          kind: 'regular',
          trigger: 'cli',
          retention: DEFAULT_RETENTION,
          school: 'Тестовая школа',
          now: new Date(),
        });
      const good = (await make({ recipient: key.recipient }, 'usb')).copies[0].file!;
      const byPass = (await make({ passphrase: 'верная парольная фраза' }, 'p')).copies[0].file!;
      const bad = path.join(dir, 'bad');
      fs.mkdirSync(bad);
      const id = ['--identity', keyFile];
      const passFile = path.join(bad, 'pass.txt');
      fs.writeFileSync(passFile, 'какая-то парольная фраза\n');

      const refused = async (file: string, args: string[], exit: number | number[], pattern: RegExp, target = ['--to', to.url]) => {
        const q = capture();
        const code = await runCli(['backup', 'restore', file, ...target, ...args], q.out);
        assert.ok([exit].flat().includes(code), `exit ${code} for ${path.basename(file)}: ${q.errs.join(' ')}`);
        assert.match(q.errs.join(' '), pattern);
        assert.match(q.errs.join(' '), /[а-яё]/i);
        assert.equal(await userTables(to.url), 0, 'the target database stays empty');
      };

      // a wrong key; a passphrase for a key backup and the reverse; a wrong passphrase
      const other = await generateKeyPair();
      const otherKey = path.join(bad, 'other.txt');
      fs.writeFileSync(otherKey, keyFileText(other, new Date()));
      await refused(good, ['--identity', otherKey], 4, /Ключ не подходит/);
      // verify and the drill refuse the same way (pg_restore, started for the stream, is stopped, not left waiting)
      for (const extra of [[], ['--server', src.url]]) {
        const v = capture();
        assert.equal(await runCli(['backup', 'verify', good, '--identity', otherKey, ...extra], v.out), 4);
        assert.match(v.errs.join(' '), /Ключ не подходит/);
      }
      await refused(good, ['--passphrase-file', passFile], 4, /зашифрована ключом/);
      await refused(byPass, ['--passphrase-file', passFile], 4, /Неверная парольная фраза/);
      await refused(byPass, id, 4, /парольной фразой/);

      // truncated: by the manifest's size; without a manifest, by age's last chunk (before pg_restore starts)
      const bytes = fs.readFileSync(good);
      const cut = path.join(bad, 'cut.pgdump.age');
      fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
      await refused(cut, id, 3, /повреждён|обрезан/);
      fs.copyFileSync(manifestPathFor(good), manifestPathFor(cut));
      await refused(cut, id, 3, /обрезан/);
      // a flipped byte, with the manifest beside it
      const flipped = path.join(bad, 'flipped.pgdump.age');
      bytes[Math.floor(bytes.length * 0.6)] ^= 0x01;
      fs.writeFileSync(flipped, bytes);
      fs.copyFileSync(manifestPathFor(good), manifestPathFor(flipped));
      await refused(flipped, id, 3, /повреждён/);

      // foreign: not age; age but not a pg_dump archive
      const random = path.join(bad, 'random.age');
      fs.writeFileSync(random, randomBytes(5000));
      await refused(random, id, 3, /не зашифрован в формате age/);
      const text = path.join(bad, 'text.pgdump.age');
      fs.writeFileSync(path.join(bad, 'payload'), 'просто текст');
      execSync(`age -r ${key.recipient} -o '${text}' '${path.join(bad, 'payload')}'`);
      await refused(text, id, 3, /не архив pg_dump/);

      // the other engine: an SQLite backup given to a server, a server's backup given to an SQLite file
      const lite = await openDatabase(path.join(dir, 'lite.sqlite'));
      const liteBackup = await createBackup({
        raw: lite.raw,
        dbFile: path.join(dir, 'lite.sqlite'),
        seal: { recipient: key.recipient },
        destinations: [{ label: 'lite', dir: path.join(dir, 'lite') }],
        kind: 'regular',
        trigger: 'cli',
        retention: DEFAULT_RETENTION,
        school: '',
        now: new Date(),
      });
      await lite.close();
      await refused(liteBackup.copies[0].file!, id, 2, /копия файла SQLite/);
      const liteFile = path.join(dir, 'lite.sqlite');
      const liteBefore = sha256(liteFile);
      const q = capture();
      assert.equal(await runCli(['backup', 'restore', good, '--db', liteFile, ...id], q.out), 2);
      assert.match(q.errs.join(' '), /копия базы на сервере PostgreSQL/);
      assert.equal(sha256(liteFile), liteBefore);

      // no pg_dump on this machine: a Russian refusal naming the package
      const saved = { PATH: process.env.PATH, BIN: process.env.SCHOOL_JOURNAL_PG_BIN };
      process.env.PATH = path.join(dir, 'empty-bin');
      delete process.env.SCHOOL_JOURNAL_PG_BIN;
      try {
        await assert.rejects(make({ recipient: key.recipient }, 'nobin'), (e: Error) => {
          assert.match(e.message, /Не найдена программа pg_dump.*postgresql-client/);
          return true;
        });
      } finally {
        process.env.PATH = saved.PATH;
        if (saved.BIN !== undefined) process.env.SCHOOL_JOURNAL_PG_BIN = saved.BIN;
      }
      assert.deepEqual(fs.existsSync(path.join(dir, 'nobin')) ? fs.readdirSync(path.join(dir, 'nobin')) : [], []);

      // and the good file still restores after all that
      const ok = capture();
      assert.equal(await runCli(['backup', 'restore', good, '--to', to.url, ...id], ok.out), 0, ok.errs.join('\n'));
    } finally {
      await src.drop();
      await to.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  'the program on PostgreSQL: the scheduled job backs up the server, the drill channel restores it into a throwaway database, in-app restore points to the CLI',
  { skip: pgSkip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-pgbk-'));
    const d = await freshPgDatabase('sj_bka');
    const app = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
    try {
      const ctx: Ctx = { db: app.env.db, actor: systemActor('тест'), now: () => new Date() };
      const key = await generateKeyPair();
      await useRecipient(ctx, { recipient: key.recipient });
      fs.mkdirSync(path.join(dir, 'usb'));
      await addFolderDestination(ctx, { path: path.join(dir, 'usb'), label: 'Флешка' });
      await scheduledBackup(app.env);
      const runs = await listRuns(app.env.db);
      assert.equal(runs[0].status, 'ok', runs[0].message);
      assert.equal(runs[0].trigger, 'scheduled');
      const file = runs[0].file!;
      assert.equal(readManifest(file)!.engine, 'postgresql');
      assert.equal(runs[0].auditHead, readManifest(file)!.auditHead!.hash);

      const report = await runDrill(app.env, ctx.actor, file, { keyText: key.identity });
      assert.equal(report.auditChainOk, true);
      assert.equal(report.auditHeadMatches, true);
      assert.equal(report.countsMatch, true, report.countMismatches?.join('; '));
      assert.equal((await listChecks(app.env.db))[0].ok, true);

      await assert.rejects(restoreInApp(app.env, ctx.actor, file, { keyText: key.identity }), (e: Error) => {
        assert.match(e.message, /backup restore ФАЙЛ --to postgres/);
        return true;
      });
    } finally {
      await app.close();
      await d.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('the connection string goes to pg_dump/pg_restore as libpq variables, never as an argument; unknown parameters are refused', () => {
  const env = libpqEnv('postgresql://journal:p%40ss%3Aword@db1.school:5433,db2.school/journal?sslmode=verify-full&application_name=sj');
  assert.equal(env.PGUSER, 'journal');
  assert.equal(env.PGPASSWORD, 'p@ss:word');
  assert.equal(env.PGHOST, 'db1.school,db2.school');
  assert.equal(env.PGPORT, '5433,5432');
  assert.equal(env.PGDATABASE, 'journal');
  assert.equal(env.PGSSLMODE, 'verify-full');
  assert.equal(env.PGAPPNAME, 'sj');
  const socket = libpqEnv('postgresql://sj@/postgres?host=/tmp/cluster');
  assert.equal(socket.PGHOST, '/tmp/cluster');
  assert.equal(socket.PGDATABASE, 'postgres');
  assert.throws(() => libpqEnv('postgres://u@h/db?frobnicate=1'), /frobnicate.*не поддерживается/);
  assert.equal(urlForPeople('postgres://journal:secret@h/db'), 'postgres://journal:***@h/db');
  assert.equal(urlWithDatabase('postgresql://sj@/postgres?host=/tmp/c', 'sj_drill_1'), 'postgresql://sj@/sj_drill_1?host=/tmp/c');
});

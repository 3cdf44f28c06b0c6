import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Kysely, Migrator, PostgresDialect } from 'kysely';
import pg from 'pg';
import { PortableSchemaPlugin } from '../../db/dialect';
import { migrations, SCHEMA_VERSION } from '../../db/migrations/index';
import { redactUrl } from '../../db/postgres';
import { anchorFileFor } from '../../main/kernel/audit-anchor';
import { databaseSettingFile, defaultDbFile, resolveDbTarget } from '../../main/kernel/paths';
import { systemActor } from '../../main/kernel/context';
import { saveYear } from '../../main/school/years';
import { runCli } from '../../main/transport/cli/index';
import type { Channel, Input, Output } from '../../main/contract/index';
import { startApp, type App } from '../../main/transport/app';
import { freshPgDatabase, PG_URL, pgSkip } from '../helpers/pg';

// Issue 17, part 4: the set-up of a PostgreSQL server from the command line. `init --db postgres://…` creates the
// schema and the first administrator in an empty database, the other commands work on it, and what must not change
// it (a second init, another program's tables, a newer program's schema, the SQLite-only commands) leaves it as it
// was. The least-rights role of build/pg-roles.sql: the program works under it, it cannot change the audit log or
// the schema, and the owner's `migrate` brings it a new table it can use.

process.env.XDG_CONFIG_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-userdata-'));
const ROOT = path.resolve(__dirname, '..', '..');
const PASSWORD = 'parol-administratora-1';

async function cli(...argv: string[]) {
  const lines = { out: [] as string[], err: [] as string[] };
  const code = await runCli(argv, { log: (s) => lines.out.push(s), err: (s) => lines.err.push(s) });
  return { code, stdout: lines.out.join('\n'), stderr: lines.err.join('\n') };
}

/** A channel through the router, as the program's windows call it; a refusal fails the test with its message. */
async function call<C extends Channel>(app: App, channel: C, input: Input<C>, session: string | null): Promise<Output<C>> {
  const r = await app.router.call(channel, input, session);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value as Output<C>;
}

async function query<T = Record<string, unknown>>(url: string, text: string): Promise<T[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return (await c.query(text)).rows as T[];
  } finally {
    await c.end();
  }
}

const tablesOf = async (url: string) =>
  (await query<{ t: string }>(url, `select tablename as t from pg_tables where schemaname = current_schema()`)).map((x) => x.t);

/** Everything a refused command must leave as it was: the migrations' list, accounts, the audit log. */
async function fingerprint(url: string): Promise<string> {
  const [m] = await query(url, `select count(*)::int as n, max(name) as last from kysely_migration`);
  const [u] = await query(url, `select count(*)::int as n from app_user`);
  const [a] = await query(url, `select count(*)::int as n, max(hash) as h from audit_log`);
  return JSON.stringify({ m, u, a });
}

test(
  'init on an empty PostgreSQL database: schema and administrator; reports work; a second init and the SQLite-only commands change nothing',
  { skip: pgSkip },
  async () => {
    const d = await freshPgDatabase('sj_setup');
    try {
      // The real CLI in its own process, the password on standard input.
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          '-e',
          'require("./main/transport/cli/index.ts").runCli(process.argv.slice(1)).then((c) => process.exit(c))',
          'init',
          '--db',
          d.url,
          '--admin',
          'admin',
          '--name',
          'Иванова Анна Петровна',
        ],
        { cwd: ROOT, input: `${PASSWORD}\n`, encoding: 'utf8', env: process.env },
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, new RegExp(`схема ${SCHEMA_VERSION}\\). Создан администратор admin \\(Иванова Анна Петровна\\)`));
      const [m] = await query(d.url, `select count(*)::int as n from kysely_migration`);
      assert.equal(m.n, SCHEMA_VERSION);

      // The program logs in with that password and writes; the CLI's report reads what it wrote.
      const app = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
      try {
        const info = await call(app, 'app.info', {}, null);
        assert.ok(info.schemaVersion === SCHEMA_VERSION && info.hasUsers);
        const { token } = await call(app, 'auth.login', { login: 'admin', password: PASSWORD }, null);
        await call(app, 'users.create', { login: 'zavuch', displayName: 'Завуч', staffId: null, roles: ['deputy'] }, token);
        await saveYear(
          { db: app.env.db, actor: systemActor('test'), now: () => new Date() },
          { id: null, name: '2025/2026', start_date: '2025-09-01', end_date: '2026-08-31' },
        );
      } finally {
        await app.close();
      }
      const stats = await cli('stats', '--db', d.url, '--json');
      assert.equal(stats.code, 0, stats.stderr);
      assert.equal(JSON.parse(stats.stdout).users, 2);
      const report = await cli('report', 'results', '--db', d.url, '--year', '2025/2026', '--period', 'year', '--by', 'school', '--json');
      assert.equal(report.code, 0, report.stderr);
      assert.ok(JSON.parse(report.stdout));
      const verify = await cli('audit', 'verify', '--db', d.url);
      assert.equal(verify.code, 0, verify.stderr);
      assert.match(verify.stdout, /Журнал аудита цел: \d+ записей/);
      // The core remembered the chain's head under the connection string without a password.
      assert.ok(fs.existsSync(anchorFileFor(d.url)), 'the anchor of the PostgreSQL database');

      const before = await fingerprint(d.url);
      const pass = path.join(process.env.XDG_CONFIG_HOME!, 'pass.txt');
      fs.writeFileSync(pass, `${PASSWORD}\n`);
      const again = await cli('init', '--db', d.url, '--admin', 'admin2', '--name', 'Петров Пётр', '--password-file', pass);
      assert.equal(again.code, 1);
      assert.match(again.stderr, /уже есть учётные записи \(администратор создан\): init её не изменяет/);
      // The demo school goes only into an empty database (it is generated in a file and moved by migrate-to).
      const demo = await cli('demo', '--db', d.url, '--students', '100');
      assert.equal(demo.code, 1);
      assert.match(demo.stderr, /База PostgreSQL не пустая/);
      assert.equal(await fingerprint(d.url), before);
    } finally {
      await d.drop();
    }
  },
);

test("init refuses another program's database and a too short password; a newer schema is refused (exit 5)", { skip: pgSkip }, async () => {
  const foreign = await freshPgDatabase('sj_foreign');
  const d = await freshPgDatabase('sj_newer');
  try {
    await query(foreign.url, 'create table invoice (id int primary key, total numeric)');
    const pass = path.join(process.env.XDG_CONFIG_HOME!, 'pass.txt');
    fs.writeFileSync(pass, `${PASSWORD}\n`);
    const f = await cli('init', '--db', foreign.url, '--admin', 'admin', '--name', 'Администратор', '--password-file', pass);
    assert.equal(f.code, 3);
    assert.match(f.stderr, /не база школьного журнала \(в ней таблицы другой программы: invoice\)\. Ничего не изменено/);
    const tables = await query<{ t: string }>(foreign.url, `select tablename as t from pg_tables where schemaname = 'public'`);
    assert.deepEqual(
      tables.map((x) => x.t),
      ['invoice'],
    );
    // A command other than init does not create the journal's tables in an empty database.
    const empty = await cli('stats', '--db', d.url, '--json');
    assert.equal(empty.code, 1);
    assert.match(empty.stderr, /нет таблиц журнала\. Создайте их командой init/);
    fs.writeFileSync(pass, 'короткий\n');
    const short = await cli('init', '--db', d.url, '--admin', 'admin', '--name', 'Администратор', '--password-file', pass);
    assert.equal(short.code, 1);
    assert.match(short.stderr, /Пароль не короче 10 символов/);
    assert.equal((await query(d.url, `select 1 from pg_tables where schemaname = 'public'`)).length, 0, 'nothing created');

    assert.equal((await cli('init', '--db', d.url)).code, 0);
    await query(d.url, `insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030-01-01')`);
    const before = await fingerprint(d.url);
    const newer = await cli('stats', '--db', d.url, '--json');
    assert.equal(newer.code, 5);
    assert.match(newer.stderr, /создана более новой версией программы \(схема \d+, эта программа знает схему \d+\)/);
    await assert.rejects(startApp({ dbFile: d.url, runtime: 'browser-host', background: false }), /более новой версией программы/);
    assert.equal(await fingerprint(d.url), before);
  } finally {
    await foreign.drop();
    await d.drop();
  }
});

test(
  'the least-rights role of build/pg-roles.sql: the program works, the audit log and the schema are out of its reach',
  { skip: pgSkip },
  async () => {
    const d = await freshPgDatabase('sj_roles');
    const role = `sj_app_${path.basename(d.name).slice(-12)}`;
    await query(PG_URL!, `create role ${role} login`);
    const appUrl = d.url.replace(/^(postgres(?:ql)?:\/\/)[^@/]*@/i, `$1${role}@`);
    assert.notEqual(appUrl, d.url);
    try {
      // The owner builds the schema one migration short of this program's, as an older program would have left it.
      const names = Object.keys(migrations);
      const owner = new Kysely<unknown>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: d.url, max: 1 }) }) });
      try {
        const r = await new Migrator({
          db: owner.withPlugin(new PortableSchemaPlugin()),
          provider: { getMigrations: async () => migrations },
          migrationTableName: 'kysely_migration',
        }).migrateTo(names[names.length - 2]);
        assert.equal(r.error, undefined);
      } finally {
        await owner.destroy();
      }
      const grant = () => {
        const g = spawnSync('psql', [d.url, '-q', '-v', `app_role=${role}`, '-f', path.join(ROOT, 'build', 'pg-roles.sql')], {
          encoding: 'utf8',
        });
        assert.equal(g.status, 0, g.stderr);
      };
      grant();
      const olderTables = await tablesOf(d.url);

      // Under the program's role the outdated schema is not touched: the owner must migrate it.
      const before = await fingerprint(d.url);
      const refused = await cli('stats', '--db', appUrl, '--json');
      assert.equal(refused.code, 1);
      assert.match(
        refused.stderr,
        new RegExp(
          `Структура базы данных устарела \\(схема ${SCHEMA_VERSION - 1}, этой программе нужна ${SCHEMA_VERSION}\\), а у пользователя PostgreSQL «${role}» нет прав менять структуру базы\\. .*migrate.* База данных не изменена\\.`,
        ),
      );
      assert.equal(await fingerprint(d.url), before);
      const m = await cli('migrate', '--db', d.url);
      assert.equal(m.code, 0, m.stderr);
      const pass = path.join(process.env.XDG_CONFIG_HOME!, 'pass.txt');
      fs.writeFileSync(pass, `${PASSWORD}\n`);
      assert.equal((await cli('init', '--db', d.url, '--admin', 'admin', '--name', 'Администратор', '--password-file', pass)).code, 0);

      // The table the last migration added reached the program's role through the default privileges (no second grant).
      const app = await startApp({ dbFile: appUrl, runtime: 'browser-host', background: false });
      try {
        const { token } = await call(app, 'auth.login', { login: 'admin', password: PASSWORD }, null);
        await call(app, 'users.create', { login: 'zavuch', displayName: 'Завуч', staffId: null, roles: ['deputy'] }, token);
        const verify = await call(app, 'audit.verify', {}, token);
        assert.ok(verify.ok, verify.problem ?? '');
      } finally {
        await app.close();
      }
      for (const stmt of [
        `update audit_log set actor = 'x'`,
        `delete from audit_log`,
        `truncate audit_log`,
        `create table t (x int)`,
        `drop table school`,
        `delete from kysely_migration`,
      ]) {
        await assert.rejects(
          query(appUrl, stmt),
          (e: Error & { code?: string }) => e.code === '42501' || /must be owner/.test(e.message),
          stmt,
        );
      }
      // The tables the owner's migrate created after the grant reached the program through the default privileges.
      const added = (await tablesOf(d.url)).filter((t) => !olderTables.includes(t) && !t.startsWith('kysely_'));
      assert.ok(added.length > 0, `${names[names.length - 1]} adds a table`);
      for (const t of added) assert.equal((await query(appUrl, `select count(*)::int as n from ${t}`)).length, 1, t);
      assert.equal((await cli('stats', '--db', appUrl, '--json')).code, 0);
      assert.equal(
        redactUrl('postgresql://sj_app:secret@db.school:5432/j?sslmode=verify-full'),
        'postgresql://sj_app@db.school:5432/j?sslmode=verify-full',
      );
    } finally {
      await d.drop();
      await query(PG_URL!, `drop owned by ${role}; drop role ${role}`).catch(() => undefined);
    }
  },
);

test('the remembered head of the audit chain on PostgreSQL: a cut tail is named at the next start', { skip: pgSkip }, async () => {
  const d = await freshPgDatabase('sj_anchor');
  try {
    const a = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
    try {
      await call(a, 'auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: PASSWORD }, null);
      assert.equal(a.env.auditWarning, null);
    } finally {
      await a.close(); // remembers the head
    }
    const stored = JSON.parse(fs.readFileSync(anchorFileFor(d.url), 'utf8')) as { db: string; id: number };
    assert.equal(stored.db, redactUrl(d.url));
    // Somebody with the owner's rights switches the append-only triggers off and cuts the chain's last rows.
    await query(d.url, 'alter table audit_log disable trigger user');
    await query(d.url, `delete from audit_log where id > ${stored.id - 2}`);
    const b = await startApp({ dbFile: d.url, runtime: 'browser-host', background: false });
    try {
      assert.match(b.env.auditWarning ?? '', new RegExp(`запись ${stored.id} из .* отсутствует: журнал аудита обрезан`));
    } finally {
      await b.close();
    }
    const v = await cli('audit', 'verify', '--db', d.url);
    assert.equal(v.code, 3);
    assert.match(v.stderr, /журнал аудита обрезан/);
  } finally {
    await d.drop();
  }
});

async function freePort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise((resolve) => srv.close(resolve));
  return port;
}

test(
  "TLS from the connection string: sslmode=verify-full with the school's CA works, a wrong CA or server name is refused",
  { skip: pgSkip },
  async () => {
    // A cluster of its own that accepts TLS connections only (hostssl), its certificate for «localhost» signed by a
    // throwaway CA (build/pg-test-cluster.sh start-tls).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-pg-tls-'));
    const script = path.join(ROOT, 'build', 'pg-test-cluster.sh');
    const started = spawnSync(script, ['start-tls', dir, String(await freePort())], { encoding: 'utf8' });
    assert.equal(started.status, 0, started.stderr);
    const base = started.stdout.trim();
    const tls = (host: string, ca: string) => `${base.replace('localhost', host)}?sslmode=verify-full&sslrootcert=${path.join(dir, ca)}`;
    try {
      const url = tls('localhost', 'root.crt');
      const made = await cli('init', '--db', url);
      assert.equal(made.code, 0, made.stderr);
      const [row] = await query<{ ssl: boolean }>(url, 'select ssl from pg_stat_ssl where pid = pg_backend_pid()');
      assert.equal(row.ssl, true);
      assert.equal((await cli('stats', '--db', url, '--json')).code, 0);
      const wrongCa = await cli('stats', '--db', tls('localhost', 'other-root.crt'), '--json');
      assert.equal(wrongCa.code, 1);
      assert.match(wrongCa.stderr, /Не удаётся подключиться к базе данных .*: unable to verify the first certificate/);
      const wrongName = await cli('stats', '--db', tls('127.0.0.1', 'root.crt'), '--json');
      assert.equal(wrongName.code, 1);
      assert.match(wrongName.stderr, /does not match certificate/);
      const plain = await cli('stats', '--db', `${base}?sslmode=disable`, '--json');
      assert.equal(plain.code, 1);
      assert.match(plain.stderr, /no encryption/);
    } finally {
      spawnSync(script, ['stop', dir]);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('a connection string passes TLS options through to pg; messages and keys drop the password', () => {
  // pg parses sslmode/sslrootcert itself; db/postgres.ts passes the string unchanged (no `ssl` option of its own).
  const src = fs.readFileSync(path.join(ROOT, 'db', 'postgres.ts'), 'utf8');
  assert.doesNotMatch(src, /\bssl\s*:/);
  assert.equal(
    redactUrl('postgresql://sj_app:secret@db.school:5432/j?sslmode=verify-full'),
    'postgresql://sj_app@db.school:5432/j?sslmode=verify-full',
  );
  assert.equal(redactUrl('postgresql://sj_app:p@/j?host=/run/pg'), 'postgresql://sj_app@/j?host=/run/pg');
  assert.equal(redactUrl('postgres://u@h/j?password=secret&sslmode=require'), 'postgres://u@h/j?password=***&sslmode=require');
  assert.equal(anchorFileFor('postgresql://u:one@h/j'), anchorFileFor('postgresql://u:two@h/j'), 'one database, whatever the password');
  assert.notEqual(anchorFileFor('postgresql://u@h/j'), anchorFileFor('postgresql://u@h/k'));
});

test('init on an SQLite file: the same first administrator, the same refusals', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-init-'));
  try {
    const file = path.join(dir, 'school.sqlite');
    const pass = path.join(dir, 'pass.txt');
    fs.writeFileSync(pass, `${PASSWORD}\r\n`);
    const r = await cli('init', '--db', file, '--admin', 'admin', '--name', 'Иванова Анна Петровна', '--password-file', pass);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /Создан администратор admin/);
    const app = await startApp({ dbFile: file, runtime: 'browser-host', background: false });
    try {
      assert.ok(
        (await app.router.call('auth.login', { login: 'admin', password: PASSWORD }, null)).ok,
        'the password without its line ending',
      );
    } finally {
      await app.close();
    }
    const size = fs.statSync(file).size;
    const again = await cli('init', '--db', file, '--admin', 'admin2', '--name', 'Петров Пётр', '--password-file', pass);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /уже есть учётные записи/);
    assert.equal((await cli('init', '--db', file)).code, 1, 'a plain init refuses an existing journal, as before');
    assert.equal(fs.statSync(file).size, size);
    const foreign = path.join(dir, 'notes.txt');
    fs.writeFileSync(foreign, 'не база');
    const f = await cli('init', '--db', foreign, '--admin', 'admin', '--name', 'Администратор', '--password-file', pass);
    assert.equal(f.code, 3);
    assert.equal(fs.readFileSync(foreign, 'utf8'), 'не база');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('use: the database the program opens without --db; no password kept in the setting', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-use-'));
  try {
    const file = path.join(dir, 'school.sqlite');
    assert.equal((await cli('init', '--db', file)).code, 0);
    assert.equal(resolveDbTarget(undefined), defaultDbFile());
    const withPassword = await cli('use', '--db', 'postgresql://sj_app:secret@server/school');
    assert.equal(withPassword.code, 2);
    assert.match(withPassword.stderr, /Не записывайте пароль в строку подключения/);
    assert.equal((await cli('use', '--db', path.join(dir, 'missing.sqlite'))).code, 1);
    assert.equal(fs.existsSync(databaseSettingFile()), false, 'nothing remembered for a refused database');
    const u = await cli('use', '--db', file);
    assert.equal(u.code, 0, u.stderr);
    assert.equal(resolveDbTarget(undefined), file);
    assert.equal(resolveDbTarget('postgresql://sj_app@server/school'), 'postgresql://sj_app@server/school', 'a URL is not a path');
    fs.writeFileSync(databaseSettingFile(), '{"db": "postgresql://sj_app@server/school?sslmode=verify-full"}');
    assert.equal(resolveDbTarget(undefined), 'postgresql://sj_app@server/school?sslmode=verify-full');
    assert.equal((await cli('use', '--reset')).code, 0);
    assert.equal(resolveDbTarget(undefined), defaultDbFile());
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(databaseSettingFile(), { force: true });
  }
});

import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import pg from 'pg';
import { poolSettings, DEFAULT_POOL_MAX } from '../../db/postgres';
import { caller } from '../helpers/api';
import { startApp, type App } from '../../main/transport/app';
import { freshPgDatabase, PG_URL, pgSkip, urlOfDatabase } from '../helpers/pg';

// Issue 17 part 6: the schools of a district on one PostgreSQL server, one database per school (docs/POSTGRES.md).
// A school's logins, sessions and rows live in its own database: the same login and password in two schools are two
// accounts, and one school's session token means nothing to the other school's program. With a role per school and
// CONNECT taken from PUBLIC, the server itself refuses a school's role on another school's database.

const PASSWORD = 'одинаковый-пароль-1';

test('two schools on one server: logins, tokens and rows of one school are not the other’s', { skip: pgSkip }, async () => {
  const dA = await freshPgDatabase('sj_school_a');
  const dB = await freshPgDatabase('sj_school_b');
  const a = await startApp({ dbFile: dA.url, runtime: 'browser-host', background: false });
  const b = await startApp({ dbFile: dB.url, runtime: 'browser-host', background: false });
  try {
    // The same administrator's login and password in both schools.
    const { token: adminA } = await caller(a)(
      'auth.setupAdmin',
      { login: 'admin', displayName: 'Администратор А', password: PASSWORD },
      null,
    );
    const { token: adminB } = await caller(b)(
      'auth.setupAdmin',
      { login: 'admin', displayName: 'Администратор Б', password: PASSWORD },
      null,
    );
    // A teacher of school A only.
    const { activationCode } = await caller(a)(
      'users.create',
      { login: 'ivanova', displayName: 'Иванова А. П.', roles: ['teacher'] },
      adminA,
    );
    const { token: teacherA } = await caller(a)('auth.activate', { login: 'ivanova', code: activationCode, password: PASSWORD }, null);
    assert.match((await caller(a)('auth.me', {}, teacherA)).name, /Иванова А. П./);

    // School B does not know her: her login and password, her activation code and her token are all refused there.
    const login = await b.router.call('auth.login', { login: 'ivanova', password: PASSWORD }, null);
    assert.equal(login.ok, false);
    const activate = await b.router.call('auth.activate', { login: 'ivanova', code: activationCode, password: PASSWORD }, null);
    assert.equal(activate.ok, false);
    for (const token of [teacherA, adminA]) {
      const me = await b.router.call('auth.me', {}, token);
      assert.equal(me.ok, false, 'a token of school A refused by school B');
      assert.equal(me.ok ? '' : me.error.code, 'SESSION_EXPIRED');
      const list = await b.router.call('users.list', {}, token);
      assert.equal(list.ok, false);
    }
    // The administrators share login and password, not accounts: each one's token opens only its own school.
    assert.match((await caller(b)('auth.me', {}, adminB)).name, /Администратор Б/);
    assert.equal((await a.router.call('auth.me', {}, adminB)).ok, false);
    const inB = await caller(b)('users.list', {}, adminB);
    assert.deepEqual(
      inB.map((u) => u.login),
      ['admin'],
    );
    assert.ok((await caller(a)('users.list', {}, adminA)).some((u) => u.login === 'ivanova'));
    // Each school's audit chain holds its own school's events and verifies alone.
    for (const [app, token] of [
      [a, adminA],
      [b, adminB],
    ] as const) {
      const v = await caller(app)('audit.verify', {}, token);
      assert.equal(v.ok, true, v.problem ?? '');
    }
    // School B's log holds her refused attempts (who knocked at B's door), and nothing else of her.
    const inBLog = (await caller(b)('audit.list', { limit: 1000, offset: 0 }, adminB)).rows.filter((r) =>
      JSON.stringify(r).includes('ivanova'),
    );
    assert.ok(inBLog.length >= 1);
    for (const r of inBLog) assert.notEqual(r.outcome, 'ok', `${r.action} ${r.entity}`);
    const inALog = (await caller(a)('audit.list', { limit: 1000, offset: 0 }, adminA)).rows.filter((r) =>
      JSON.stringify(r).includes('ivanova'),
    );
    assert.ok(
      inALog.some((r) => r.outcome === 'ok'),
      'school A’s log has her account',
    );
  } finally {
    await a.close();
    await b.close();
    await dA.drop();
    await dB.drop();
  }
});

async function admin(q: string): Promise<void> {
  const c = new pg.Client({ connectionString: PG_URL! });
  await c.connect();
  try {
    await c.query(q);
  } finally {
    await c.end();
  }
}

/** The connection string of `role` on `database`, on the test server. */
function asRole(role: string, database: string): string {
  return urlOfDatabase(PG_URL!, database).replace(/^(postgres(?:ql)?:\/\/)[^@/]*@/i, `$1${role}@`);
}

test(
  'a role per school: the server refuses school A’s role on school B’s database, and the program says why',
  { skip: pgSkip },
  async () => {
    const tag = randomBytes(4).toString('hex');
    const schools = ['a', 'b'].map((s) => ({ db: `sj_district_${s}_${tag}`, role: `sj_school_${s}_${tag}` }));
    // What the district's administrator runs per school (docs/guide/admin-manual.md): the school's role owns its
    // database, and nobody else may connect to it (PUBLIC has CONNECT on a new database by default).
    for (const s of schools) {
      await admin(`create role ${s.role} login`);
      await admin(`create database ${s.db} owner ${s.role} template template0 encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`);
      await admin(`revoke connect, temporary on database ${s.db} from public`);
    }
    const [A, B] = schools;
    const opened: App[] = [];
    try {
      // Each school's program, with its own role, opens (and migrates) its own database.
      for (const s of schools) opened.push(await startApp({ dbFile: asRole(s.role, s.db), runtime: 'browser-host', background: false }));
      await caller(opened[0])('auth.setupAdmin', { login: 'admin', displayName: 'Администратор А', password: PASSWORD }, null);
      // A's connection string pointed at B's database (a slip in a configuration): refused by the server, nothing opened.
      await assert.rejects(
        startApp({ dbFile: asRole(A.role, B.db), runtime: 'browser-host', background: false }),
        (e: Error & { code?: string }) => {
          assert.equal(e.code, 'DB_REFUSED');
          assert.match(e.message, new RegExp(`нет права подключаться к базе «${B.db}»`));
          return true;
        },
      );
      // A database name with a slip in it: no such database, said as much, nothing created.
      await assert.rejects(
        startApp({ dbFile: asRole(A.role, `${A.db}x`), runtime: 'browser-host', background: false }),
        (e: Error & { code?: string }) => {
          assert.equal(e.code, 'DB_REFUSED');
          assert.match(e.message, /базы «.*x» на сервере нет/);
          return true;
        },
      );
      // And B's role cannot read A's database from anywhere else either (psql, pg_dump: the same server check).
      const c = new pg.Client({ connectionString: asRole(B.role, A.db) });
      await assert.rejects(c.connect(), /permission denied for database/);
    } finally {
      for (const app of opened) await app.close();
      for (const s of schools) {
        await admin(`drop database if exists ${s.db} with (force)`);
        await admin(`drop role if exists ${s.role}`);
      }
    }
  },
);

test('pool_max in the connection string: taken out before pg sees it, bounded, and the default otherwise', () => {
  const base = 'postgresql://sj@/school_12?host=/run/postgresql';
  assert.deepEqual(poolSettings(base), { connectionString: base, max: DEFAULT_POOL_MAX });
  assert.deepEqual(poolSettings(`${base}&pool_max=2`), { connectionString: base, max: 2 });
  assert.deepEqual(poolSettings('postgres://u:p@db.example/school_3?pool_max=6&sslmode=verify-full'), {
    connectionString: 'postgres://u:p@db.example/school_3?sslmode=verify-full',
    max: 6,
  });
  assert.deepEqual(poolSettings('postgres://u@h/s?pool_max=3'), { connectionString: 'postgres://u@h/s', max: 3 });
  for (const bad of ['0', '51', 'два', '2.5', ''])
    assert.throws(
      () => poolSettings(`${base}&pool_max=${bad}`),
      (e: Error & { code?: string }) => e.code === 'INVALID' && /pool_max/.test(e.message),
    );
});

test('a program instance keeps at most pool_max connections to its school', { skip: pgSkip }, async () => {
  const d = await freshPgDatabase('sj_pool');
  const app = await startApp({ dbFile: `${d.url}&pool_max=2`, runtime: 'browser-host', background: false });
  try {
    const { token } = await caller(app)('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: PASSWORD }, null);
    // Many calls at once: the pool queues them on its two connections.
    await Promise.all(Array.from({ length: 12 }, () => caller(app)('users.list', {}, token)));
    const c = new pg.Client({ connectionString: PG_URL! });
    await c.connect();
    try {
      const r = await c.query<{ n: number; names: string[] }>(
        `select count(*)::int as n, array_agg(distinct application_name) as names from pg_stat_activity where datname = $1`,
        [d.name],
      );
      assert.ok(r.rows[0].n >= 1 && r.rows[0].n <= 2, `${r.rows[0].n} connections`);
      assert.deepEqual(r.rows[0].names, ['school-journal']);
    } finally {
      await c.end();
    }
  } finally {
    await app.close();
    await d.drop();
  }
});

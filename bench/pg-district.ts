// Schools of a district on one PostgreSQL server (issue 17 part 6): the figures behind "one database per school" and
// the default pool size (docs/POSTGRES.md). Run: SJ_TEST_PG=postgresql://… node --import tsx bench/pg-district.ts
// (build/pg-test-cluster.sh gives a throwaway server). Prints: the time to create and migrate a school's database,
// the size of an empty one, the server's memory per connection a program has used, the shared memory that
// max_connections reserves, and one instance's grid reads and saves under 8 concurrent users by pool size.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { openPool, openPostgres } from '../db/postgres';
import type { DB } from '../db/schema';
import * as cells from '../main/journal/cells';
import * as grid from '../main/journal/grid';
import { urlOfDatabase } from '../tests/helpers/pg';
import { prepareSchool } from './postgres';

const SERVER = process.env.SJ_TEST_PG;
const SCHOOLS = 5;
const CONNECTIONS = 20;
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))];

async function admin(q: string): Promise<pg.QueryResult> {
  const c = new pg.Client({ connectionString: SERVER });
  await c.connect();
  try {
    return await c.query(q);
  } finally {
    await c.end();
  }
}

const CREATE = (name: string, template = 'template0') =>
  `create database ${name} template ${template} encoding 'UTF8' lc_collate 'C.UTF-8' lc_ctype 'C.UTF-8'`;

/** kB of a process's private memory and its proportional share of the shared (Linux smaps_rollup). */
function memoryOf(pid: number): { privateKb: number; pssKb: number } {
  const t = fs.readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(t)?.[1] ?? 0);
  return { privateKb: kb('Private_Clean') + kb('Private_Dirty'), pssKb: kb('Pss') };
}

async function createAndMigrate() {
  const times: { create: number; migrate: number; clone: number }[] = [];
  const names: string[] = [];
  for (let i = 0; i < SCHOOLS; i++) {
    const name = `sj_district_${process.pid}_${i}`;
    names.push(name);
    let t = performance.now();
    await admin(CREATE(name));
    const create = performance.now() - t;
    t = performance.now();
    await (await openPostgres(urlOfDatabase(SERVER!, name))).close();
    const migrate = performance.now() - t;
    t = performance.now();
    await admin(CREATE(`${name}_clone`, name));
    const clone = performance.now() - t;
    names.push(`${name}_clone`);
    times.push({ create, migrate, clone });
  }
  const size = Number((await admin(`select pg_database_size('${names[0]}') as s`)).rows[0].s);
  const bare = Number((await admin(`select pg_database_size('template0') as s`)).rows[0].s);
  return { names, times, size, bare };
}

/** CONNECTIONS connections of one pool, each having run what a program's calls touch; the backends' memory. */
async function memoryPerConnection(url: string, dbName: string) {
  const pool = openPool(url, CONNECTIONS);
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const s = await prepareSchool(db);
  const clients = await Promise.all(Array.from({ length: CONNECTIONS }, () => pool.connect()));
  const names = (
    await clients[0].query<{ t: string }>(`select tablename as t from pg_tables where schemaname = 'public' order by 1`)
  ).rows.map((r) => r.t);
  await Promise.all(
    clients.map(async (c) => {
      for (const t of names) await c.query(`select * from ${t} limit 1`);
    }),
  );
  clients.forEach((c) => c.release());
  // And the program's own calls, spread over the pool's connections.
  await Promise.all(Array.from({ length: CONNECTIONS }, () => grid.loadGrid(s.teacher, s.key)));
  const pids = (
    await admin(`select pid from pg_stat_activity where datname = '${dbName}' and application_name = 'school-journal'`)
  ).rows.map((r: { pid: number }) => r.pid);
  const mem = pids.map(memoryOf);
  await db.destroy();
  return {
    backends: pids.length,
    privateKb: round(mem.reduce((a, m) => a + m.privateKb, 0) / mem.length, 0),
    pssKb: round(mem.reduce((a, m) => a + m.pssKb, 0) / mem.length, 0),
    tables: names.length,
  };
}

/** Shared memory the server reserves at start for a given max_connections (a stopped scratch cluster: PG15's -C). */
function sharedMemoryByMaxConnections(): Record<number, number> | string {
  const bin = fs.existsSync('/usr/lib/postgresql')
    ? fs
        .readdirSync('/usr/lib/postgresql')
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
        .find((d) => fs.existsSync(path.join(d, 'postgres')))
    : undefined;
  if (!bin) return 'no PostgreSQL binaries';
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-shm-'));
  const as = process.getuid?.() === 0 ? ['runuser', '-u', 'postgres', '--'] : [];
  const run = (cmd: string, args: string[]) =>
    as.length ? execFileSync(as[0], [...as.slice(1), cmd, ...args], { encoding: 'utf8' }) : execFileSync(cmd, args, { encoding: 'utf8' });
  try {
    if (as.length) execFileSync('chown', ['postgres', dir]);
    run(path.join(bin, 'initdb'), ['-D', path.join(dir, 'data'), '-U', 'sj', '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8']);
    const out: Record<number, number> = {};
    for (const n of [100, 200, 400, 800])
      out[n] = Number(
        run(path.join(bin, 'postgres'), ['-D', path.join(dir, 'data'), '-c', `max_connections=${n}`, '-C', 'shared_memory_size']).trim(),
      );
    return out;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** One instance, 8 users at once, each reading the grid and saving a mark ROUNDS times: by pool size. */
async function byPoolSize(urls: string[]) {
  const USERS = 8;
  const ROUNDS = 6;
  const out: Record<string, unknown> = {};
  // Each pool size on a school of its own (a migrated empty one): the same starting point for each.
  for (const [i, max] of [1, 2, 4, 10].entries()) {
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool: openPool(urls[i], max) }) });
    const s = await prepareSchool(db);
    const reads: number[] = [];
    const saves: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: USERS }, async (_, u) => {
        for (let r = 0; r < ROUNDS; r++) {
          let t = performance.now();
          await grid.loadGrid(s.teacher, s.key);
          reads.push(performance.now() - t);
          t = performance.now();
          await cells.saveCell(s.teacher, { ...s.targets[(u * ROUNDS + r) % s.targets.length], text: String(2 + (r % 4)) });
          saves.push(performance.now() - t);
        }
      }),
    );
    const wall = performance.now() - t0;
    out[`pool_${max}`] = {
      calls_per_s: round(((USERS * ROUNDS * 2) / wall) * 1000),
      read_p50_ms: round(pct(reads, 50)),
      read_p95_ms: round(pct(reads, 95)),
      save_p50_ms: round(pct(saves, 50)),
      save_p95_ms: round(pct(saves, 95)),
    };
    await db.destroy();
  }
  return out;
}

async function main() {
  if (!SERVER) throw new Error('SJ_TEST_PG is not set (build/pg-test-cluster.sh start DIR)');
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')} on ${os.cpus().length} cores`,
  );
  const c = await createAndMigrate();
  try {
    const t = c.times;
    const avg = (k: 'create' | 'migrate' | 'clone') => round(t.reduce((a, x) => a + x[k], 0) / t.length, 0);
    console.log(`create database (template0), ms: ${t.map((x) => round(x.create, 0)).join(' ')} (avg ${avg('create')})`);
    console.log(`migrate to the latest schema, ms: ${t.map((x) => round(x.migrate, 0)).join(' ')} (avg ${avg('migrate')})`);
    console.log(
      `create database from a migrated school as template, ms: ${t.map((x) => round(x.clone, 0)).join(' ')} (avg ${avg('clone')})`,
    );
    console.log(`empty migrated school: ${round(c.size / 2 ** 20)} MiB (template0: ${round(c.bare / 2 ** 20)} MiB)`);
    const schoolUrl = (i: number) => urlOfDatabase(SERVER, c.names[i]);
    const m = await memoryPerConnection(schoolUrl(2), c.names[2]);
    console.log(
      `per backend after a program's calls (${m.backends} backends, every one of ${m.tables} tables read): private ${m.privateKb} kB, PSS ${m.pssKb} kB`,
    );
    const seeded = Number((await admin(`select pg_database_size('${c.names[2]}') as s`)).rows[0].s);
    console.log(`the bench's small school (one class's year of lessons): ${round(seeded / 2 ** 20)} MiB`);
    console.log('shared_memory_size (MB) by max_connections:', JSON.stringify(sharedMemoryByMaxConnections()));
    const p = await byPoolSize([4, 5, 6, 7].map(schoolUrl));
    for (const [k, v] of Object.entries(p)) console.log(`${k}: ${JSON.stringify(v)}`);
  } finally {
    for (const n of c.names) await admin(`drop database if exists ${n} with (force)`);
  }
  console.log(
    `load average: ${os
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});

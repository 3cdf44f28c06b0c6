import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { type Kysely, sql } from 'kysely';
import { openRaw, wrap } from '../../db/connection';
import { addDays, containsRun, engineOf, groupConcat, isPostgresUrl, PortableSchemaPlugin, refusingTriggerSql } from '../../db/dialect';
import { wrapPostgres } from '../../db/postgres';
import { freshPgDatabase, pgSkip } from '../helpers/pg';

// The dialect module's helpers give the same answers on both engines (issue 17): each case runs on a real SQLite
// file and, with SJ_TEST_PG, on a real PostgreSQL database.

type Any = Kysely<any>;

async function onSqlite(fn: (db: Any) => Promise<void>): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-dialect-'));
  const file = path.join(dir, 'd.sqlite');
  const h = wrap(openRaw(file), file);
  try {
    await fn(h.db as Any);
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function onPostgres(fn: (db: Any) => Promise<void>): Promise<void> {
  const d = await freshPgDatabase('sj_dialect');
  const h = wrapPostgres(d.url);
  try {
    await fn(h.db.withPlugin(new PortableSchemaPlugin()) as Any);
  } finally {
    await h.close();
    await d.drop();
  }
}

/** What every engine must answer the same. */
async function sameAnswers(db: Any): Promise<void> {
  const engine = engineOf(db);
  // The migrations' way of declaring a table: SQLite's type names, an autoincrement key.
  await db.schema
    .createTable('t')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('k', 'text', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addColumn('w', 'real', (c) => c.notNull().defaultTo(1))
    .execute();
  await db
    .insertInto('t')
    .values([
      { k: 'a', n: 2 ** 40, w: 0.1 },
      { k: 'a', n: 1, w: 0.2 },
      { k: 'b', n: 3, w: 1.5 },
    ])
    .execute();
  const rows = await db.selectFrom('t').select(['id', 'n', 'w']).orderBy('id').execute();
  assert.deepEqual(
    rows,
    [
      { id: 1, n: 2 ** 40, w: 0.1 },
      { id: 2, n: 1, w: 0.2 },
      { id: 3, n: 3, w: 1.5 },
    ],
    `${engine}: ids numbered from 1, 64-bit integers and doubles come back as the same JS numbers`,
  );
  // An explicit id is still accepted (a restore, migrate-to), and numbering goes on after it on SQLite; PostgreSQL's
  // identity does not see explicit ids, which is why migrate-to must move the sequences (docs/POSTGRES.md).
  await db.insertInto('t').values({ id: 10, k: 'c', n: 0, w: 0 }).execute();

  const agg = await db
    .selectFrom('t')
    .select(['k', groupConcat(engine, sql`cast(n as text)`, ',').as('ns'), sql<number>`count(*)`.as('c'), sql<number>`sum(w)`.as('s')])
    .where('k', '=', 'a')
    .groupBy('k')
    .executeTakeFirstOrThrow();
  assert.deepEqual(agg.ns.split(',').sort(), ['1', String(2 ** 40)], `${engine}: group concat`);
  assert.equal(agg.c, 1 + 1, `${engine}: count(*) is a number`);
  assert.ok(Math.abs(agg.s - 0.3) < 1e-12, `${engine}: sum of doubles is a number (${agg.s})`);

  const dates = await sql<{ a: string; b: string; c: string }>`select ${addDays(engine, sql`${'2026-02-27'}`, 2)} as a,
    ${addDays(engine, sql`${'2024-02-28'}`, 1)} as b, ${addDays(engine, sql`${'2026-01-01'}`, -1)} as c`.execute(db);
  assert.deepEqual(dates.rows[0], { a: '2026-03-01', b: '2024-02-29', c: '2025-12-31' }, `${engine}: date arithmetic`);

  // containsRun: a word in any case (Cyrillic too, «е» standing for «ё»), and the patterns' own characters quoted.
  const names = ['Ёлкина Алёна', 'ИВАНОВ Пётр', 'Петров Иван', "д'Артаньян", 'a.b', 'a*b', 'a]b', 'a^b', 'a-b', 'a\\b', 'axb'];
  const found = async (run: string[]) =>
    (
      await sql<{ s: string }>`select s from (${sql.join(
        names.map((n) => sql`select ${n} as s`),
        sql` union all `,
      )}) x
        where ${containsRun(engine, sql.ref('s'), run)}`.execute(db)
    ).rows
      .map((r) => r.s)
      .sort();
  const cased = (w: string) => [...w].map((c) => (c === 'е' ? 'ЕеЁё' : `${c.toUpperCase()}${c.toLowerCase()}`));
  assert.deepEqual(await found(cased('ив')), ['ИВАНОВ Пётр', 'Петров Иван'], `${engine}: Cyrillic in any case`);
  assert.deepEqual(await found(cased('елк')), ['Ёлкина Алёна'], `${engine}: «е» finds «Ё»`);
  assert.deepEqual(await found(cased('петр')), ['ИВАНОВ Пётр', 'Петров Иван'].sort(), `${engine}: «е» finds «ё» inside`);
  assert.deepEqual(await found(["'", 'Аа']), ["д'Артаньян"], `${engine}: an apostrophe`);
  for (const c of ['.', '*', ']', '^', '-', '\\'])
    assert.deepEqual(await found(['a', c, 'b']), [`a${c}b`], `${engine}: «${c}» stands for itself`);
  assert.deepEqual(await found(['a', ']^-\\', 'b']).then((r) => r.length), 4, `${engine}: a set of the patterns' own characters`);

  for (const s of refusingTriggerSql(engine, {
    name: 't_no_b',
    table: 't',
    event: 'insert',
    when: `NEW.k = 'b'`,
    message: 'SJ_TEST_REFUSED',
  }))
    await sql.raw(s).execute(db);
  for (const s of refusingTriggerSql(engine, { name: 't_no_delete', table: 't', event: 'delete', message: 'SJ_TEST_REFUSED' }))
    await sql.raw(s).execute(db);
  await assert.rejects(db.insertInto('t').values({ k: 'b', n: 0, w: 0 }).execute(), /SJ_TEST_REFUSED/, `${engine}: refused when`);
  await db.insertInto('t').values({ k: 'z', n: 0, w: 0 }).execute();
  await assert.rejects(db.deleteFrom('t').execute(), /SJ_TEST_REFUSED/, `${engine}: refused always`);
  assert.equal(
    (
      await db
        .selectFrom('t')
        .select(sql<number>`count(*)`.as('c'))
        .executeTakeFirstOrThrow()
    ).c,
    5,
  );
}

test('connection strings: postgres:// and postgresql:// name a server, anything else an SQLite file', () => {
  assert.equal(isPostgresUrl('postgres://u@h/db'), true);
  assert.equal(isPostgresUrl('POSTGRESQL://u@/db?host=/tmp/x'), true);
  assert.equal(isPostgresUrl('/srv/journal.sqlite'), false);
  assert.equal(isPostgresUrl('postgres.sqlite'), false);
});

test('the dialect helpers on SQLite', () => onSqlite(sameAnswers));

test('the dialect helpers on PostgreSQL: the same answers', { skip: pgSkip }, () => onPostgres(sameAnswers));

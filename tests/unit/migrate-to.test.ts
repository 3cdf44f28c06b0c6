import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase } from '../../db';
import { wrapPostgres } from '../../db/postgres';
import { runDemo } from '../../main/demo';
import { verifyAuditChain, verifyAuditChainDb } from '../../main/kernel/audit-verify';
import { systemActor } from '../../main/kernel/context';
import { runCli } from '../../main/transport/cli/index';
import { freshPgDatabase, pgSkip } from '../helpers/pg';
import { smallSchool } from '../helpers/timetable';

// `school-journal migrate-to --from F.sqlite --to postgres://…` (issue 17 part 4) end to end through the CLI on a
// small demo school (its year closed): the counts equal table by table, the audit chain verifies on the
// server with the file's head, the closed year stays closed, the file is untouched; a second run, a garbage file, a
// broken chain and another program's database are refused with nothing written.

const sha = (f: string) => createHash('sha256').update(fs.readFileSync(f)).digest('hex');

function cli() {
  const lines: string[] = [];
  const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
  return { out, text: () => lines.join('\n'), clear: () => (lines.length = 0) };
}

const tablesOf = async (url: string) => {
  const h = wrapPostgres(url);
  try {
    return (
      await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(h.db)
    ).rows.map((r) => r.name);
  } finally {
    await h.close();
  }
};

test('migrate-to: a small demo school with a closed year moved to PostgreSQL, then a second run refused', { skip: pgSkip }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-migrate-to-'));
  const file = path.join(dir, 'school.sqlite');
  const d = await freshPgDatabase('sj_migrate_to');
  try {
    const src = await openDatabase(file);
    // Early in the school year: few lessons, so the copy is quick; the year is then closed as year-close would.
    await runDemo(src.db, src.raw, systemActor('тест'), { seed: 3, students: 20, today: '2025-10-10' });
    src.raw.prepare('update academic_year set closed = 1').run();
    src.raw.pragma('wal_checkpoint(TRUNCATE)');
    await src.close();
    const before = sha(file);
    const leftBefore = fs.readdirSync(dir).sort();

    const c = cli();
    assert.equal(await runCli(['migrate-to', '--from', file, '--to', d.url], c.out), 0, c.text());
    const printed = c.text();
    assert.match(printed, /Таблица\s+В файле\s+В PostgreSQL/);
    assert.doesNotMatch(printed, /НЕ СОВПАДАЕТ/);
    // The file is read only: the same bytes, no files left beside it.
    assert.equal(sha(file), before);
    assert.deepEqual(fs.readdirSync(dir).sort(), leftBefore);

    const raw = new Database(file, { readonly: true });
    const pg = wrapPostgres(d.url);
    try {
      // Every table's count, asked of both engines here (not taken from the command's report), and printed by it.
      const tables = raw
        .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite%' and name not like 'kysely%'`)
        .pluck()
        .all() as string[];
      assert.ok(tables.length > 40);
      let marks = 0;
      for (const t of tables) {
        const n = raw.prepare(`select count(*) from "${t}"`).pluck().get() as number;
        const m = Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(t)}`.execute(pg.db)).rows[0].n);
        assert.equal(m, n, t);
        if (t === 'mark') marks = n;
        if (n > 0) {
          const N = n.toLocaleString('ru-RU');
          assert.match(printed, new RegExp(`^${t}\\s+${N}\\s+${N}\\s+совпадает$`, 'm'), t);
        }
      }
      assert.ok(marks > 1000, `${marks} marks`);
      // The chain verifies on the server and ends where the file's ends; the command printed that head.
      const fileChain = verifyAuditChain(raw);
      const serverChain = await verifyAuditChainDb(pg.db);
      assert.equal(serverChain.ok, true, serverChain.problem ?? '');
      assert.equal(serverChain.rows, fileChain.rows);
      assert.equal(serverChain.head, fileChain.head);
      assert.ok(printed.includes(`совпадает с файлом: ${fileChain.head}`), printed);
      // The past year is closed on the server too: its marks cannot be changed, its lessons not added to.
      const closed = raw.prepare('select id from academic_year where closed = 1').pluck().all() as number[];
      assert.equal(closed.length, 1);
      const old = raw
        .prepare(
          'select m.id from mark m join lesson l on l.id = m.lesson_id join class c on c.id = l.class_id where c.year_id = ? limit 1',
        )
        .pluck()
        .get(closed[0]) as number;
      await assert.rejects(pg.db.updateTable('mark').set({ value: '2' }).where('id', '=', old).execute(), /SJ_YEAR_CLOSED/);
      const pgClosed = await pg.db.selectFrom('academic_year').select('id').where('closed', '=', 1).execute();
      assert.deepEqual(
        pgClosed.map((y) => y.id),
        closed,
      );

      // A second run into the same database is refused and changes nothing there.
      const auditRows = serverChain.rows;
      c.clear();
      assert.equal(await runCli(['migrate-to', '--from', file, '--to', d.url], c.out), 1);
      assert.match(c.text(), /База PostgreSQL не пустая.*эта база не изменена/);
      assert.equal((await verifyAuditChainDb(pg.db)).rows, auditRows);
      // So is a demo school into it: refused before generating anything.
      c.clear();
      assert.equal(await runCli(['demo', '--db', d.url, '--students', '10'], c.out), 1);
      assert.match(c.text(), /База PostgreSQL не пустая/);
    } finally {
      raw.close();
      await pg.close();
    }
  } finally {
    await d.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test(
  "migrate-to refuses a garbage file, a broken audit chain and another program's database; nothing is written",
  { skip: pgSkip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-migrate-to-'));
    const d = await freshPgDatabase('sj_migrate_to');
    try {
      const c = cli();
      // Not a database at all.
      const garbage = path.join(dir, 'notes.sqlite');
      fs.writeFileSync(garbage, 'Список класса 5А\n'.repeat(200));
      assert.equal(await runCli(['migrate-to', '--from', garbage, '--to', d.url], c.out), 3);
      assert.match(c.text(), /не база данных школьного журнала \(это не файл SQLite\)/);
      assert.deepEqual(await tablesOf(d.url), []);

      // A journal whose audit chain was edited behind the program's back.
      const file = path.join(dir, 'school.sqlite');
      const src = await openDatabase(file);
      await smallSchool({ db: src.db, actor: systemActor('тест'), now: () => new Date() });
      src.raw.exec('drop trigger audit_log_no_update');
      src.raw.prepare("update audit_log set actor = 'кто-то' where id = 5").run();
      await src.close();
      c.clear();
      assert.equal(await runCli(['migrate-to', '--from', file, '--to', d.url], c.out), 3);
      assert.match(c.text(), /Журнал аудита в файле .* нарушен, перенос не начат/);
      assert.match(c.text(), /запись 5: содержимое изменено/);
      assert.deepEqual(await tablesOf(d.url), []);

      // A database that holds another program's tables.
      const pg = wrapPostgres(d.url);
      try {
        await sql`create table invoices (id integer primary key, total numeric)`.execute(pg.db);
      } finally {
        await pg.close();
      }
      const good = path.join(dir, 'good.sqlite');
      const g = await openDatabase(good);
      await g.close();
      c.clear();
      assert.equal(await runCli(['migrate-to', '--from', good, '--to', d.url], c.out), 1);
      assert.match(c.text(), /уже есть таблицы другой программы \(invoices\)/);
      assert.deepEqual(await tablesOf(d.url), ['invoices']);

      // Wrong arguments: the usage, exit 2.
      c.clear();
      assert.equal(await runCli(['migrate-to', '--from', good, '--to', path.join(dir, 'x.sqlite')], c.out), 2);
      assert.match(c.text(), /Укажите --to postgres:\/\//);
    } finally {
      await d.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

test('demo --db postgres://…: made in a temporary file and moved by the same copy', { skip: pgSkip }, async () => {
  const d = await freshPgDatabase('sj_demo_pg');
  const tmpBefore = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('sj-demo-pg-')).length;
  try {
    const c = cli();
    assert.equal(await runCli(['demo', '--db', d.url, '--students', '10', '--seed', '4', '--today', '2025-09-12'], c.out), 0, c.text());
    assert.match(c.text(), /число строк и журнал аудита совпали/);
    const pg = wrapPostgres(d.url);
    try {
      const students = Number((await sql<{ n: number }>`select count(*) as n from student`.execute(pg.db)).rows[0].n);
      assert.match(c.text(), new RegExp(`Демонстрационная школа создана за [\\d,]+ с: ${students} учени`));
      assert.equal((await verifyAuditChainDb(pg.db)).ok, true);
      const marks = Number((await sql<{ n: number }>`select count(*) as n from mark`.execute(pg.db)).rows[0].n);
      assert.ok(marks > 0, `${marks} marks`);
    } finally {
      await pg.close();
    }
    // The temporary file is gone.
    assert.equal(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith('sj-demo-pg-')).length, tmpBefore);
  } finally {
    await d.drop();
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openDatabase } from '../../db';
import { copySqliteToPostgres, rowsPerInsert } from '../../db/copy-to-postgres';
import { openPostgres } from '../../db/postgres';
import * as cells from '../../main/journal/cells';
import { verifyAuditChainDb } from '../../main/kernel/audit-verify';
import { systemActor, type Ctx } from '../../main/kernel/context';
import { mutate } from '../../main/kernel/mutate';
import { freshPgDatabase, pgSkip } from '../helpers/pg';
import { firstMathLesson, schoolWithMathLessons } from '../helpers/timetable';

// The heart of `migrate-to` (issue 17 part 4): an SQLite journal copied into PostgreSQL keeps every row, its ids, its
// audit chain and its closed years; new rows continue after the copied ids.

test(
  'an SQLite journal copied into PostgreSQL: the same counts, the chain verifies, a closed year stays closed',
  { skip: pgSkip },
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-copy-'));
    const src = await openDatabase(path.join(dir, 'j.sqlite'));
    const d = await freshPgDatabase('sj_copy');
    const dst = await openPostgres(d.url);
    try {
      const ctx: Ctx = { db: src.db, actor: systemActor('тест'), now: () => new Date() };
      const s = await schoolWithMathLessons(ctx);
      const lesson = await firstMathLesson(src.db, s);
      const kid = await src.db.selectFrom('enrollment').select('student_id').where('class_id', '=', s.classes.c5).executeTakeFirstOrThrow();
      const at: Ctx = {
        ...ctx,
        actor: { userId: null, name: 'Иванова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false },
        now: () => new Date(`${lesson.date}T12:00:00Z`),
      };
      await cells.saveCell(at, { lessonId: lesson.id, studentId: kid.student_id, text: '5' });
      src.raw.prepare('update academic_year set closed = 1 where id = ?').run(s.yearId);

      const started = performance.now();
      // No cap of our own on the rows per insert: PostgreSQL's 65 535 parameters must still be respected, here by a
      // table with more rows than one statement may carry.
      const fill = src.raw.prepare('insert into setting (key, value) values (?, ?)');
      src.raw.transaction(() => {
        for (let i = 0; i < 40_000; i++) fill.run(`test.filler.${i}`, String(i));
      })();
      const pages = new Map<string, number[]>();
      const report = await copySqliteToPostgres(src.raw, dst.db, {
        batchRows: 1_000_000,
        onProgress: (p) => pages.set(p.table, [...(pages.get(p.table) ?? []), p.copied]),
      });
      const [biggest, steps] = [...pages].sort((a, b) => b[1][b[1].length - 1] - a[1][a[1].length - 1])[0];
      const columns = (src.raw.prepare(`select count(*) from pragma_table_info(?)`).pluck().get(biggest) as number) || 1;
      assert.ok(steps.length > 1, `${biggest}: ${steps.join(', ')} rows in pages`);
      assert.equal(steps[0], rowsPerInsert(columns, 1_000_000));
      assert.ok(steps[0] * columns <= 65535);
      const ms = performance.now() - started;
      assert.ok(report.rows > 500, `${report.rows} rows copied in ${Math.round(ms)} ms`);
      assert.deepEqual(
        report.tables.filter((t) => t.source !== t.target),
        [],
      );
      const chain = await verifyAuditChainDb(dst.db);
      assert.equal(chain.ok, true, chain.problem ?? '');
      assert.equal(chain.head, (await verifyAuditChainDb(src.db)).head, 'the same chain, to the last hash');
      // The closed year is closed on PostgreSQL too: its mark cannot be changed.
      await assert.rejects(dst.db.updateTable('mark').set({ value: '2' }).where('lesson_id', '=', lesson.id).execute(), /SJ_YEAR_CLOSED/);
      // New rows continue after the copied ids.
      const maxSubject = (
        await src.db
          .selectFrom('subject')
          .select((e) => e.fn.max('id').as('m'))
          .executeTakeFirstOrThrow()
      ).m as number;
      const dctx: Ctx = { db: dst.db, actor: systemActor('тест'), now: () => new Date() };
      const added = await mutate(dctx, (w) =>
        w.trx
          .insertInto('subject')
          .values({ name: 'Астрономия', short_name: 'Астр.', component: 'federal', grading: 'five' })
          .returning('id')
          .executeTakeFirstOrThrow(),
      );
      assert.ok(added.id > maxSubject, `new id ${added.id} after ${maxSubject}`);
    } finally {
      await src.close();
      await dst.close();
      await d.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
);

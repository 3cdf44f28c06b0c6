import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { runDemo } from '../../main/demo/index';
import { importFile } from '../../main/exchange/import';
import { readSheet } from '../../main/exchange/read';
import { ROSTER_TABLES, type RosterKind } from '../../main/exchange/roster-tables';
import { writeTable, type TableFormat } from '../../main/exchange/writers';
import { verifyAuditChain } from '../../main/kernel/audit-verify';
import type { Ctx } from '../../main/kernel/context';
import * as years from '../../main/school/years';
import { tempDb } from '../helpers/db';

// The round trip (issue 16): the demo school's students exported to XLSX (and to CSV in Windows-1251), imported into
// a fresh database (after its staff and classes, exported and imported the same way), exported again: the same rows.

let demo: Awaited<ReturnType<typeof tempDb>>;
let demoCtx: Ctx;
let yearId: number;
const TODAY = '2026-11-20';
const NOW = new Date(`${TODAY}T06:00:00Z`);

before(async () => {
  demo = await tempDb('demo.sqlite');
  demoCtx = { ...demo.ctx, now: () => NOW };
  // The demo's current year filled up to TODAY: a fixed day keeps the test the same on any date.
  await runDemo(demo.db, demo.raw, demo.ctx.actor, { students: 300, today: TODAY });
  const y = await demo.db.selectFrom('academic_year').selectAll().orderBy('start_date', 'desc').executeTakeFirstOrThrow();
  yearId = y.id;
});
after(() => demo.cleanup());

async function exportOf(ctx: Ctx, kind: RosterKind, format: TableFormat, yid: number) {
  const table = ROSTER_TABLES[kind];
  const rows = await table.rows(ctx, yid);
  return { rows, file: await writeTable(table, rows, format) };
}

for (const format of ['xlsx', 'csv-1251'] as const) {
  test(`students exported to ${format}, imported into a fresh database and exported again give the same rows`, async () => {
    const fresh = await tempDb('fresh.sqlite');
    try {
      const ctx: Ctx = { ...fresh.ctx, now: () => NOW };
      const y = await demo.db.selectFrom('academic_year').selectAll().where('id', '=', yearId).executeTakeFirstOrThrow();
      const freshYear = await years.saveYear(ctx, { id: null, name: y.name, start_date: y.start_date, end_date: y.end_date });
      const name = format === 'xlsx' ? 'ученики.xlsx' : 'ученики.csv';
      for (const kind of ['staff', 'classes', 'students'] as const) {
        const out = await exportOf(demoCtx, kind, format, yearId);
        assert.ok(out.rows.length > 0, kind);
        if (format === 'csv-1251') {
          const sheet = await readSheet(name, out.file);
          assert.equal(sheet.encoding, 'Windows-1251');
        }
        const { result } = await importFile(ctx, kind, name, out.file);
        assert.equal(result!.created, out.rows.length, `${kind}: every row added`);
        const again = await exportOf(ctx, kind, format, freshYear);
        assert.deepEqual(again.rows, out.rows, `${kind}: the same rows after the round trip`);
        if (kind === 'students') {
          assert.ok(out.rows.length >= 250, `the demo's students (${out.rows.length})`);
          assert.ok(
            out.rows.some((r) => r.g2_relation),
            'second parents travel too',
          );
          // The file itself is the same, byte for byte, once the rows are.
          assert.ok(again.file.equals(out.file) || format === 'xlsx');
        }
      }
      // A second import of the same students changes nobody's data and adds nobody.
      const out = await exportOf(demoCtx, 'students', format, yearId);
      const { result } = await importFile(ctx, 'students', name, out.file);
      assert.deepEqual([result!.created, result!.updated], [0, out.rows.length]);
      assert.deepEqual((await exportOf(ctx, 'students', format, freshYear)).rows, out.rows);
      assert.equal(verifyAuditChain(fresh.raw).ok, true);
    } finally {
      await fresh.cleanup();
    }
  });
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyAuditChain } from '../../main/kernel/audit-verify';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { databaseStats } from '../../main/school/stats';
import { tempDb } from '../helpers/db';

test('the demo school has about 1100 students in over 40 classes, written through the audit log', async () => {
  const t = await tempDb();
  try {
    const started = Date.now();
    await runDemo(t.db, t.raw, systemActor('тест'), { seed: 7, today: '2026-06-30' });
    console.log(`demo: ${Date.now() - started} ms`);
    const s = await databaseStats(t.db);
    assert.ok(s.students > 1000 && s.students < 1200, `students ${s.students}`);
    assert.ok(s.classes > 40, `classes ${s.classes}`);
    assert.equal(s.periods, 6);
    assert.ok(s.holidays >= 8);
    assert.ok(s.staff > 60);
    assert.ok(s.subjects > 20);
    const chain = verifyAuditChain(t.raw);
    assert.ok(chain.ok);
    assert.ok(chain.rows > 1100);
    assert.equal(t.raw.pragma('integrity_check', { simple: true }), 'ok');
    // a few students moved and left during the year
    const moves = await t.db.selectFrom('movement').select(['kind']).where('kind', '!=', 'arrival').execute();
    assert.ok(moves.filter((m) => m.kind === 'transfer').length >= 3);
    assert.ok(moves.filter((m) => m.kind === 'withdrawal').length >= 3);
  } finally {
    await t.cleanup();
  }
});

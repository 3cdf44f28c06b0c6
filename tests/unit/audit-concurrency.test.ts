import assert from 'node:assert/strict';
import { test } from 'node:test';
import { appendAudit } from '../../main/kernel/audit-chain';
import { verifyAuditChainDb } from '../../main/kernel/audit-verify';
import { tempDb } from '../helpers/db';

// Refusals (logins, forged calls) are written outside any transaction of their own; at the same moment they must
// still link one after another, not fork the chain from one previous row.
test('audit rows appended at the same moment outside a transaction keep the chain whole', async () => {
  const t = await tempDb();
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      appendAudit(t.db, t.ctx.actor, { action: 'login', entity: 'app_user', outcome: 'denied', after: { i } }, new Date()),
    ),
  );
  const report = await verifyAuditChainDb(t.db);
  assert.equal(report.rows, 20);
  assert.equal(report.ok, true, report.problem ?? '');
  await t.cleanup();
});

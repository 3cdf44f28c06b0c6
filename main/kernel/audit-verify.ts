import type Database from 'better-sqlite3';
import type { AuditVerifyResult } from '../contract/accounts-outputs';
import { auditHash, GENESIS_HASH, type AuditRowForHash } from './audit-chain';

/** Walks the whole chain with a raw streaming statement: a five-year database has millions of rows. */
export function verifyAuditChain(raw: Database.Database): AuditVerifyResult {
  const stmt = raw.prepare(
    'select id, at, user_id, actor, action, entity, entity_id, class_id, before, after, outcome, prev_hash, hash from audit_log order by id',
  );
  let prev = GENESIS_HASH;
  let rows = 0;
  for (const r of stmt.iterate() as Iterable<AuditRowForHash & { id: number; prev_hash: string; hash: string }>) {
    rows++;
    if (r.prev_hash !== prev)
      return { ok: false, rows, head: null, brokenId: r.id, problem: `запись ${r.id}: ссылка на предыдущую запись не совпадает` };
    const expected = auditHash(prev, r);
    if (expected !== r.hash)
      return { ok: false, rows, head: null, brokenId: r.id, problem: `запись ${r.id}: содержимое изменено после записи` };
    prev = r.hash;
  }
  return { ok: true, rows, head: rows ? prev : null, brokenId: null, problem: null };
}

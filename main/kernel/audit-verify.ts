import type Database from 'better-sqlite3';
import type { AuditVerifyResult } from '../contract/accounts-outputs';
import { auditHash, GENESIS_HASH, type AuditRowForHash } from './audit-chain';

/** A head of the chain kept outside the database: the row `id` must still be there with this `hash`. */
export interface Anchor {
  id: number;
  hash: string;
  /** Where it was kept, for the message («описи копии …»). */
  source: string;
}

/** The triggers 0001_foundation creates so that audit rows cannot be updated or deleted. */
export const AUDIT_TRIGGERS = ['audit_log_no_update', 'audit_log_no_delete'] as const;

export function missingAuditTriggers(raw: Database.Database): string[] {
  const present = new Set(
    raw.prepare(`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`).pluck().all() as string[],
  );
  return AUDIT_TRIGGERS.filter((t) => !present.has(t));
}

/** Problems found comparing the chain with heads kept elsewhere; the gap is named when the end was cut off. */
export function checkAnchors(raw: Database.Database, anchors: readonly Anchor[]): string[] {
  const problems: string[] = [];
  const last = (raw.prepare('select max(id) from audit_log').pluck().get() as number | null) ?? 0;
  const byId = raw.prepare('select hash from audit_log where id = ?').pluck();
  for (const a of anchors) {
    const hash = byId.get(a.id) as string | undefined;
    if (hash === undefined) {
      const gap = last < a.id ? `; пропали записи ${last + 1}–${a.id}` : '';
      problems.push(`запись ${a.id} из ${a.source} отсутствует: журнал аудита обрезан, последняя запись ${last || 'нет'}${gap}`);
    } else if (hash !== a.hash) {
      problems.push(`запись ${a.id} не совпадает с ${a.source}: цепочка записей переписана`);
    }
  }
  return problems;
}

/**
 * Walks the whole chain with a raw streaming statement (a five-year database has millions of rows), then checks
 * the append-only triggers and the given anchors.
 */
export function verifyAuditChain(raw: Database.Database, anchors: readonly Anchor[] = []): AuditVerifyResult {
  const stmt = raw.prepare(
    'select id, at, user_id, actor, action, entity, entity_id, class_id, before, after, outcome, prev_hash, hash from audit_log order by id',
  );
  let prev = GENESIS_HASH;
  let rows = 0;
  let brokenId: number | null = null;
  const problems: string[] = [];
  for (const r of stmt.iterate() as Iterable<AuditRowForHash & { id: number; prev_hash: string; hash: string }>) {
    rows++;
    if (r.prev_hash !== prev) {
      brokenId = r.id;
      problems.push(`запись ${r.id}: ссылка на предыдущую запись не совпадает`);
      break;
    }
    if (auditHash(prev, r) !== r.hash) {
      brokenId = r.id;
      problems.push(`запись ${r.id}: содержимое изменено после записи`);
      break;
    }
    prev = r.hash;
  }
  const missingTriggers = missingAuditTriggers(raw);
  if (missingTriggers.length) problems.push(`нет защиты записей от изменения и удаления: удалены триггеры ${missingTriggers.join(', ')}`);
  problems.push(...checkAnchors(raw, anchors));
  return {
    ok: problems.length === 0,
    rows,
    head: brokenId === null && rows ? prev : null,
    brokenId,
    problem: problems.length ? problems.join('; ') : null,
    problems,
    missingTriggers,
  };
}

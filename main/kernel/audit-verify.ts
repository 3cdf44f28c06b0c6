import type Database from 'better-sqlite3';
import { sql } from 'kysely';
import { engineOf } from '../../db/dialect';
import type { Db } from '../../db/index';
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

/** One anchor against the row found under its id (undefined: none); `last` is the chain's last id. */
function anchorProblem(a: Anchor, hash: string | undefined, last: number): string | null {
  if (hash === undefined) {
    const gap = last < a.id ? `; пропали записи ${last + 1}–${a.id}` : '';
    return `запись ${a.id} из ${a.source} отсутствует: журнал аудита обрезан, последняя запись ${last || 'нет'}${gap}`;
  }
  return hash !== a.hash ? `запись ${a.id} не совпадает с ${a.source}: цепочка записей переписана` : null;
}

/** Problems found comparing the chain with heads kept elsewhere; the gap is named when the end was cut off. */
export function checkAnchors(raw: Database.Database, anchors: readonly Anchor[]): string[] {
  const last = (raw.prepare('select max(id) from audit_log').pluck().get() as number | null) ?? 0;
  const byId = raw.prepare('select hash from audit_log where id = ?').pluck();
  return anchors.map((a) => anchorProblem(a, byId.get(a.id) as string | undefined, last)).filter((p): p is string => p !== null);
}

/** `checkAnchors` through Kysely, on either engine. */
export async function checkAnchorsDb(db: Db, anchors: readonly Anchor[]): Promise<string[]> {
  const last =
    (
      await db
        .selectFrom('audit_log')
        .select(sql<number | null>`max(id)`.as('m'))
        .executeTakeFirstOrThrow()
    ).m ?? 0;
  const problems: string[] = [];
  for (const a of anchors) {
    const r = await db.selectFrom('audit_log').select('hash').where('id', '=', a.id).executeTakeFirst();
    const p = anchorProblem(a, r?.hash, last);
    if (p) problems.push(p);
  }
  return problems;
}

type ChainRow = AuditRowForHash & { id: number; prev_hash: string; hash: string };

/** Walks rows in id order, checking each link and hash; the first broken row stops the walk. */
class ChainWalk {
  prev = GENESIS_HASH;
  rows = 0;
  brokenId: number | null = null;
  problems: string[] = [];

  /** false once the chain is broken. */
  step(r: ChainRow): boolean {
    this.rows++;
    if (r.prev_hash !== this.prev) {
      this.brokenId = r.id;
      this.problems.push(`запись ${r.id}: ссылка на предыдущую запись не совпадает`);
      return false;
    }
    if (auditHash(this.prev, r) !== r.hash) {
      this.brokenId = r.id;
      this.problems.push(`запись ${r.id}: содержимое изменено после записи`);
      return false;
    }
    this.prev = r.hash;
    return true;
  }
}

/**
 * Walks the whole chain with a raw streaming statement (a five-year database has millions of rows), then checks
 * the append-only triggers and the given anchors.
 */
export function verifyAuditChain(raw: Database.Database, anchors: readonly Anchor[] = []): AuditVerifyResult {
  const stmt = raw.prepare(
    'select id, at, user_id, actor, action, entity, entity_id, class_id, before, after, outcome, prev_hash, hash from audit_log order by id',
  );
  const walk = new ChainWalk();
  for (const r of stmt.iterate() as Iterable<ChainRow>) if (!walk.step(r)) break;
  const problems = walk.problems;
  const missingTriggers = missingAuditTriggers(raw);
  if (missingTriggers.length) problems.push(`нет защиты записей от изменения и удаления: удалены триггеры ${missingTriggers.join(', ')}`);
  problems.push(...checkAnchors(raw, anchors));
  return {
    ok: problems.length === 0,
    rows: walk.rows,
    head: walk.brokenId === null && walk.rows ? walk.prev : null,
    brokenId: walk.brokenId,
    problem: problems.length ? problems.join('; ') : null,
    problems,
    missingTriggers,
  };
}

const PAGE = 5000;

/**
 * The same verification through Kysely, on either engine (PostgreSQL has no better-sqlite3 handle, issue 17): the
 * chain is read in pages by id, the append-only triggers are looked up in the engine's catalogue, the anchors by id.
 */
export async function verifyAuditChainDb(db: Db, anchors: readonly Anchor[] = []): Promise<AuditVerifyResult> {
  const walk = new ChainWalk();
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .select([
        'id',
        'at',
        'user_id',
        'actor',
        'action',
        'entity',
        'entity_id',
        'class_id',
        'before',
        'after',
        'outcome',
        'prev_hash',
        'hash',
      ])
      .where('id', '>', after)
      .orderBy('id')
      .limit(PAGE)
      .execute();
    if (!page.every((r) => walk.step(r)) || page.length < PAGE) break;
    after = page[page.length - 1].id;
  }
  const triggers =
    engineOf(db) === 'postgres'
      ? sql<{ name: string }>`select tgname as name from pg_trigger where tgrelid = 'audit_log'::regclass and not tgisinternal`
      : sql<{ name: string }>`select name from sqlite_master where type = 'trigger' and tbl_name = 'audit_log'`;
  const present = new Set((await triggers.execute(db)).rows.map((r) => r.name));
  const missingTriggers = AUDIT_TRIGGERS.filter((t) => !present.has(t));
  const problems = walk.problems;
  if (missingTriggers.length) problems.push(`нет защиты записей от изменения и удаления: удалены триггеры ${missingTriggers.join(', ')}`);
  problems.push(...(await checkAnchorsDb(db, anchors)));
  return {
    ok: problems.length === 0,
    rows: walk.rows,
    head: walk.brokenId === null && walk.rows ? walk.prev : null,
    brokenId: walk.brokenId,
    problem: problems.length ? problems.join('; ') : null,
    problems,
    missingTriggers,
  };
}

import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { sql, type Transaction } from 'kysely';
import { engineOf } from '../../db/dialect';
import type { Db } from '../../db/index';
import type { DB } from '../../db/schema';
import type { Actor } from './context';

export const GENESIS_HASH = '0'.repeat(64);

export interface AuditEntry {
  action: string;
  entity: string;
  entityId?: number | null;
  classId?: number | null;
  before?: unknown;
  after?: unknown;
  outcome?: 'ok' | 'denied' | 'error' | 'voided';
}

export interface AuditRowForHash {
  at: string;
  user_id: number | null;
  actor: string;
  action: string;
  entity: string;
  entity_id: number | null;
  class_id: number | null;
  before: string | null;
  after: string | null;
  outcome: string;
}

export function auditHash(prevHash: string, r: AuditRowForHash): string {
  const canonical = JSON.stringify([
    prevHash,
    r.at,
    r.user_id,
    r.actor,
    r.action,
    r.entity,
    r.entity_id,
    r.class_id,
    r.before,
    r.after,
    r.outcome,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

function json(v: unknown): string | null {
  return v === undefined || v === null ? null : JSON.stringify(v);
}

/** A row's content as hashed and stored: the one place that turns an entry into columns. */
function auditRow(actor: Pick<Actor, 'userId' | 'name'>, entry: AuditEntry, at: string): AuditRowForHash {
  return {
    at,
    user_id: actor.userId,
    actor: actor.name,
    action: entry.action,
    entity: entry.entity,
    entity_id: entry.entityId ?? null,
    class_id: entry.classId ?? null,
    before: json(entry.before),
    after: json(entry.after),
    outcome: entry.outcome ?? 'ok',
  };
}

/** The advisory-lock key of the chain's head on PostgreSQL ("SJNL", as the SQLite file's application_id). */
export const AUDIT_CHAIN_LOCK = 0x534a4e4c;

/**
 * One chain however many program instances write to one database (issue 17 part 3). SQLite runs one write
 * transaction at a time, so reading the head and appending after it can never interleave. PostgreSQL runs writers
 * side by side (READ COMMITTED): two could read the same head and fork the chain, so each takes a transaction-scoped
 * advisory lock first; the server, not a process, orders the appends, and the lock ends with the commit or rollback.
 */
async function lockChainHead(trx: Transaction<DB> | Db): Promise<void> {
  if (engineOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)})`.execute(trx);
}

/** Appends one row to the chain. Call it inside the transaction that makes the change. */
export async function appendAudit(trx: Transaction<DB> | Db, actor: Actor, entry: AuditEntry, at: Date): Promise<void> {
  // Outside a transaction the read of the last hash and the insert are two statements: calls at the same moment (a
  // burst of refused logins) would link to the same row and fork the chain. One transaction serialises them.
  if (!trx.isTransaction) return trx.transaction().execute((t) => appendAudit(t, actor, entry, at));
  await lockChainHead(trx);
  const last = await trx.selectFrom('audit_log').select('hash').orderBy('id', 'desc').limit(1).executeTakeFirst();
  const prev = last?.hash ?? GENESIS_HASH;
  const row = auditRow(actor, entry, at.toISOString());
  await trx
    .insertInto('audit_log')
    .values({ ...row, prev_hash: prev, hash: auditHash(prev, row) })
    .execute();
}

export async function auditHead(db: Db): Promise<{ id: number; hash: string } | null> {
  const r = await db.selectFrom('audit_log').select(['id', 'hash']).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return r ?? null;
}

/**
 * The same chain for bulk writers that use better-sqlite3 directly (the demo's year of marks): rows are hashed and
 * linked exactly as `appendAudit` does. Use inside the raw transaction that makes the changes.
 */
export function rawAuditWriter(raw: Database.Database) {
  const last = raw.prepare('select hash from audit_log order by id desc limit 1').get() as { hash: string } | undefined;
  let prev = last?.hash ?? GENESIS_HASH;
  const insert = raw.prepare(
    `insert into audit_log (at, user_id, actor, action, entity, entity_id, class_id, before, after, outcome, prev_hash, hash)
     values (@at, @user_id, @actor, @action, @entity, @entity_id, @class_id, @before, @after, @outcome, @prev_hash, @hash)`,
  );
  return (actor: Pick<Actor, 'userId' | 'name'>, entry: AuditEntry, at: string): void => {
    const row = auditRow(actor, entry, at);
    const hash = auditHash(prev, row);
    insert.run({ ...row, prev_hash: prev, hash });
    prev = hash;
  };
}

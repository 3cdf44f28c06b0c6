import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema';
import { appendAudit, type AuditEntry } from './audit-chain';
import type { Ctx } from './context';
import { asYearLocked } from './year-lock';

export type Trx = Transaction<DB>;

export interface Writer {
  trx: Trx;
  audit(entry: AuditEntry): Promise<void>;
  at: Date;
}

/**
 * Every change goes through here: one transaction holding the change and its audit rows,
 * so a change without its audit entry can never be committed.
 * Never await anything but queries inside (better-sqlite3 is synchronous).
 * A write of a closed year's row is refused by the database and comes out as `LOCKED` (kernel/year-lock.ts).
 * Inside another mutate's transaction (`ctx.db` is its `trx`) it joins that transaction instead of opening one.
 */
export async function mutate<T>(ctx: Ctx, fn: (w: Writer) => Promise<T>): Promise<T> {
  const at = ctx.now();
  // Called with a transaction's context (a service composed of other services, e.g. an import writing cells through
  // the journal's own saveCells): the writes join that transaction, so the whole composition is all or nothing.
  if (ctx.db.isTransaction) {
    const trx = ctx.db as unknown as Trx;
    try {
      return await fn({ trx, at, audit: (e) => appendAudit(trx, ctx.actor, e, at) });
    } catch (e) {
      throw asYearLocked(e);
    }
  }
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const w: Writer = { trx, at, audit: (e) => appendAudit(trx, ctx.actor, e, at) };
      return fn(w);
    });
  } catch (e) {
    // A row of a closed year: refused by the database's triggers, nothing written (the transaction rolled back).
    throw asYearLocked(e);
  }
}

/** A context whose services write into `w`'s transaction (their `mutate` joins it instead of opening another). */
export function inTransaction(ctx: Ctx, w: Writer): Ctx {
  return { ...ctx, db: w.trx };
}

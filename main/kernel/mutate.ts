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
 * Called with a context whose `db` is already a transaction (`inTransaction`), it joins that transaction: an import
 * runs the screens' own services row by row and commits all of them, with their audit rows, or none.
 */
export async function mutate<T>(ctx: Ctx, fn: (w: Writer) => Promise<T>): Promise<T> {
  const at = ctx.now();
  if (ctx.db.isTransaction) {
    const trx = ctx.db as Trx;
    return fn({ trx, at, audit: (e) => appendAudit(trx, ctx.actor, e, at) });
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

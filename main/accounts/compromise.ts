import type { Ctx } from '../kernel/context';
import { mutate, type Writer } from '../kernel/mutate';
import type { CompromisedOperation, VoidCompromisedResult } from '../contract/accounts-outputs';
import { invalid, notFound } from '../kernel/invalid';
import { closeSessionsOf } from '../kernel/sessions';
import { redactAuditObjects } from '../contract/rules/personal';
import { seesAllPersonalData } from './audit-list';

// Seeds 000 and 001 §21: once a leak is reported, every operation made with the account since
// then is declared invalid. Voiding restores the previous values as new audited operations.

type Voider = (w: Writer, op: CompromisedOperation) => Promise<void>;

/** Entities whose audit rows hold the whole previous row, so an update can be put back as it was. */
const ROW_TABLES = ['school', 'academic_year', 'holiday', 'subject', 'room', 'staff', 'class', 'student'] as const;
type RowTable = (typeof ROW_TABLES)[number];

const restoreRow: Voider = async (w, op) => {
  const { guardians: _g, ...before } = op.before as Record<string, unknown>;
  if (!Object.keys(before).length) return; // an update of a student's guardians only: nothing in the row to put back
  await w.trx
    .updateTable(op.entity as RowTable)
    .set(before as never)
    .where('id', '=', op.entityId as number)
    .execute();
};

const voiders = new Map<string, Voider>(ROW_TABLES.map((t) => [`${t}:update`, restoreRow]));

type Describer = (ctx: Ctx, op: CompromisedOperation) => Promise<string>;
const describers = new Map<string, Describer>();

/** How an operation reads in the printed report: «5А, Математика, урок 03.09.2025, Иванов Иван: 3 → 5». */
export function registerDescriber(entity: string, d: Describer): void {
  describers.set(entity, d);
}

/** Later capabilities register how to put back what their operations changed. */
export function registerVoider(entity: string, action: string, v: Voider): void {
  voiders.set(`${entity}:${action}`, v);
}

export async function markCompromised(ctx: Ctx, userId: number, since: string) {
  if (userId === ctx.actor.userId)
    invalid('Нельзя отметить скомпрометированной собственную учётную запись, войдите под другим администратором');
  const sinceIso = new Date(since).toISOString();
  await mutate(ctx, async (w) => {
    const u =
      (await w.trx.selectFrom('app_user').select(['id', 'login']).where('id', '=', userId).executeTakeFirst()) ?? notFound('Пользователь');
    await w.trx.updateTable('app_user').set({ compromised_at: sinceIso, disabled: 1 }).where('id', '=', userId).execute();
    await w.audit({ action: 'mark_compromised', entity: 'app_user', entityId: u.id, after: { since: sinceIso, login: u.login } });
    await closeSessionsOf(w.trx, userId, w.at);
  });
  return userId;
}

/** What the reader is shown: personal values hidden from a reader without the right to them (the administrator). */
function shown(ctx: Ctx, ops: CompromisedOperation[]): CompromisedOperation[] {
  if (seesAllPersonalData(ctx.actor)) return ops;
  return ops.map((op) => ({ ...op, ...redactAuditObjects(op.entity, op.before, op.after) }));
}

export async function compromisedOperations(ctx: Ctx, userId: number): Promise<CompromisedOperation[]> {
  return shown(ctx, await readCompromised(ctx, userId));
}

/** The operations as logged, with every value: voiding needs the previous values themselves. */
async function readCompromised(ctx: Ctx, userId: number): Promise<CompromisedOperation[]> {
  const u =
    (await ctx.db.selectFrom('app_user').select('compromised_at').where('id', '=', userId).executeTakeFirst()) ?? notFound('Пользователь');
  if (!u.compromised_at) return [];
  const rows = await ctx.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'action', 'entity', 'entity_id', 'before', 'after'])
    .where('user_id', '=', userId)
    .where('at', '>=', u.compromised_at)
    .where('outcome', '=', 'ok')
    .where('action', 'not in', ['login', 'activate'])
    .orderBy('id')
    .execute();
  const voided = new Set(
    (await ctx.db.selectFrom('audit_log').select('after').where('action', '=', 'void').where('entity', '=', 'audit_log').execute()).map(
      (r) => (JSON.parse(r.after ?? '{}') as { auditId?: number }).auditId,
    ),
  );
  const ops: CompromisedOperation[] = rows
    .filter((r) => !voided.has(r.id))
    .map((r) => ({
      auditId: r.id,
      at: r.at,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      before: r.before ? JSON.parse(r.before) : null,
      after: r.after ? JSON.parse(r.after) : null,
      // An update needs the previous values; a creation is undone by removing what it created (where registered).
      voidable: voiders.has(`${r.entity}:${r.action}`) && (r.before !== null || r.action === 'create'),
      details: '',
    }));
  for (const op of ops) op.details = (await describers.get(op.entity)?.(ctx, op)) ?? '';
  return ops;
}

/** Puts back, newest first, everything the account changed since the leak; lists what needs a person. */
export async function voidCompromised(ctx: Ctx, userId: number): Promise<VoidCompromisedResult> {
  const ops = await readCompromised(ctx, userId);
  const skipped = ops.filter((o) => !o.voidable);
  const todo = ops.filter((o) => o.voidable).reverse();
  await mutate(ctx, async (w) => {
    for (const op of todo) {
      await voiders.get(`${op.entity}:${op.action}`)!(w, op);
      await w.audit({
        action: 'void',
        entity: 'audit_log',
        entityId: op.auditId,
        before: op.after,
        after: { auditId: op.auditId, restored: op.before, entity: op.entity, entityId: op.entityId },
      });
    }
  });
  return { voided: todo.length, skipped: shown(ctx, skipped) };
}

import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema';
import type { AuditEntryView, AuditPage } from '../contract/accounts-outputs';
import type { ParsedInput } from '../contract/index';
import { can, type Actor, type Ctx } from '../kernel/context';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { redactAuditValues } from '../contract/rules/personal';
import { actionName, entityName, outcomeName } from '../contract/rules/audit-labels';
import { describeRows } from './audit-names';

// The audit viewer: filtered rows, a page at a time with the total, in people's terms (names instead of ids, readable
// changes). Personal values are redacted before anything is described, so a description never shows them either.

type AuditRow = Pick<
  Selectable<AuditLogTable>,
  'id' | 'at' | 'user_id' | 'actor' | 'action' | 'entity' | 'entity_id' | 'class_id' | 'before' | 'after' | 'outcome'
>;

type AuditFilter = Omit<ParsedInput<'audit.list'>, 'limit' | 'offset'>;

/**
 * Whether the reader may see every student's personal data, and so the audit log's values as written. Everyone else
 * (the administrator above all) gets them redacted: in the viewer and in its CSV, which is made from the same rows.
 */
export function seesAllPersonalData(actor: Actor): boolean {
  return actor.system || (can(actor, 'students.personal') && !personalScopeIsOwnClass(actor.roles));
}

/** Actors whose recorded name or login contains the text, case aside (SQLite's LIKE folds only Latin letters). */
async function actorsMatching(ctx: Ctx, person: string): Promise<string[]> {
  const needle = person.trim().toLocaleLowerCase('ru-RU');
  const all = await ctx.db.selectFrom('audit_log').select('actor').distinct().execute();
  return all.map((r) => r.actor).filter((a) => a.toLocaleLowerCase('ru-RU').includes(needle));
}

async function filtered(ctx: Ctx, f: AuditFilter) {
  let q = ctx.db.selectFrom('audit_log');
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.person?.trim()) {
    const actors = await actorsMatching(ctx, f.person);
    q = q.where('actor', 'in', actors.length ? actors : ['\u0000']);
  }
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.classId) q = q.where('class_id', '=', f.classId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q;
}

/** Rows newest first, `offset` rows skipped, at most `limit`: as the reader may see them, described. */
export async function auditRows(ctx: Ctx, f: AuditFilter, limit: number, offset = 0): Promise<AuditEntryView[]> {
  const full = seesAllPersonalData(ctx.actor);
  const rows: AuditRow[] = await (
    await filtered(ctx, f)
  )
    .select(['id', 'at', 'user_id', 'actor', 'action', 'entity', 'entity_id', 'class_id', 'before', 'after', 'outcome'])
    .orderBy('id', 'desc')
    .limit(limit)
    .offset(offset)
    .execute();
  const shown = rows.map((r) => (full ? r : { ...r, ...redactAuditValues(r.entity, r.before, r.after) }));
  // which fields changed is judged on the stored values; what is shown of them, on the redacted ones
  const described = await describeRows(ctx.db, shown, rows);
  return shown.map((r, i) => ({
    id: r.id,
    at: r.at,
    userId: r.user_id,
    actor: r.actor,
    action: r.action,
    actionName: actionName(r.action),
    entity: r.entity,
    entityName: entityName(r.entity),
    entityId: r.entity_id,
    objectName: described[i].objectName,
    classId: r.class_id,
    className: described[i].className,
    before: r.before,
    after: r.after,
    changes: described[i].changes,
    outcome: r.outcome,
    outcomeName: outcomeName(r.outcome),
  }));
}

export async function listAudit(ctx: Ctx, f: ParsedInput<'audit.list'>): Promise<AuditPage> {
  const total = await (await filtered(ctx, f)).select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return { total: Number(total.n), rows: await auditRows(ctx, f, f.limit, f.offset) };
}

import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema';
import type { AuditEntryView } from '../contract/accounts-outputs';
import type { ParsedInput } from '../contract/index';
import { can, type Actor, type Ctx } from '../kernel/context';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { redactAuditValues } from '../contract/rules/personal';

type AuditRow = Pick<
  Selectable<AuditLogTable>,
  'id' | 'at' | 'user_id' | 'actor' | 'action' | 'entity' | 'entity_id' | 'class_id' | 'before' | 'after' | 'outcome'
>;

/**
 * Whether the reader may see every student's personal data, and so the audit log's values as written. Everyone else
 * (the administrator above all) gets them redacted: in the viewer and in its CSV, which is made from the same rows.
 */
export function seesAllPersonalData(actor: Actor): boolean {
  return actor.system || (can(actor, 'students.personal') && !personalScopeIsOwnClass(actor.roles));
}

function toAuditEntry(r: AuditRow, full: boolean): AuditEntryView {
  const { before, after } = full ? r : redactAuditValues(r.entity, r.before, r.after);
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    classId: r.class_id,
    before,
    after,
    outcome: r.outcome,
  };
}

export async function listAudit(ctx: Ctx, f: ParsedInput<'audit.list'>): Promise<AuditEntryView[]> {
  const full = seesAllPersonalData(ctx.actor);
  let q = ctx.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'user_id', 'actor', 'action', 'entity', 'entity_id', 'class_id', 'before', 'after', 'outcome']);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.classId) q = q.where('class_id', '=', f.classId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return (await q.orderBy('id', 'desc').limit(f.limit).execute()).map((r) => toAuditEntry(r, full));
}

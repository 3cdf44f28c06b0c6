import type { Selectable } from 'kysely';
import type { AuditLogTable } from '../../db/schema';
import type { AuditEntryView } from '../contract/accounts-outputs';
import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';

type AuditRow = Pick<
  Selectable<AuditLogTable>,
  'id' | 'at' | 'user_id' | 'actor' | 'action' | 'entity' | 'entity_id' | 'class_id' | 'before' | 'after' | 'outcome'
>;

function toAuditEntry(r: AuditRow): AuditEntryView {
  return {
    id: r.id,
    at: r.at,
    userId: r.user_id,
    actor: r.actor,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    classId: r.class_id,
    before: r.before,
    after: r.after,
    outcome: r.outcome,
  };
}

export async function listAudit(ctx: Ctx, f: ParsedInput<'audit.list'>): Promise<AuditEntryView[]> {
  let q = ctx.db
    .selectFrom('audit_log')
    .select(['id', 'at', 'user_id', 'actor', 'action', 'entity', 'entity_id', 'class_id', 'before', 'after', 'outcome']);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.classId) q = q.where('class_id', '=', f.classId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return (await q.orderBy('id', 'desc').limit(f.limit).execute()).map(toAuditEntry);
}

import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';

export async function listAudit(ctx: Ctx, f: ParsedInput<'audit.list'>) {
  let q = ctx.db.selectFrom('audit_log').select(['id', 'at', 'user_id', 'actor', 'action', 'entity', 'entity_id', 'class_id', 'before', 'after', 'outcome']);
  if (f.userId) q = q.where('user_id', '=', f.userId);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.classId) q = q.where('class_id', '=', f.classId);
  if (f.beforeId) q = q.where('id', '<', f.beforeId);
  return q.orderBy('id', 'desc').limit(f.limit).execute();
}

import type { ParsedInput } from '../contract/index';
import type { AuditExport } from '../contract/accounts-outputs';
import type { Ctx } from '../kernel/context';
import { csvFile } from '../kernel/csv';
import { listAudit } from './audit-list';

const HEADER = ['№', 'Время', 'Пользователь', 'Действие', 'Объект', 'Код', 'Итог', 'До', 'После'];
const OUTCOME: Record<string, string> = { ok: 'выполнено', denied: 'отказано' };

/** The audit log as CSV for the administrator's screen: the rows audit.list shows, through the one CSV writer. */
export async function exportAuditCsv(ctx: Ctx, f: ParsedInput<'audit.export'>): Promise<AuditExport> {
  const rows = await listAudit(ctx, f);
  const file = csvFile(
    HEADER,
    rows.map((r) => [r.id, r.at, r.actor, r.action, r.entity, r.entityId, OUTCOME[r.outcome] ?? r.outcome, r.before, r.after]),
  );
  return { name: `журнал-аудита-${ctx.now().toISOString().slice(0, 10)}.csv`, base64: file.toString('base64') };
}

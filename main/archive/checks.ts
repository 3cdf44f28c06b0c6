import { Cron } from 'croner';
import type { Db } from '../../db/index';
import { systemActor, type Ctx } from '../kernel/context';
import type { Running } from '../kernel/core';
import type { AppEnv } from '../kernel/env';
import { mutate } from '../kernel/mutate';
import type { ArchiveChecks } from '../contract/archive';
import { describeReport, verifyPackage, type VerifyReport } from './manifest';

// The scheduled re-check of the year packages (issue 14 part 4; seed 001 director §16: «контроль за их целостностью
// … на протяжении всего срока»): every recorded package's files are hashed again and compared with its manifest. Each
// result is a row of archive_check and an audit row; a package that changed, lost a file or gained one is a warning on
// the home screen of whoever reads the audit log (the administrator, the director).

/** Daily at 13:00, while the program is open (a school PC is rarely on at night). */
export const CHECK_PATTERN = '0 13 * * *';

export interface PackageCheck {
  packageId: number;
  report: VerifyReport;
}

export async function recheckPackages(ctx: Ctx): Promise<PackageCheck[]> {
  const packages = await ctx.db.selectFrom('archive_package').select(['id', 'folder']).orderBy('id').execute();
  const out: PackageCheck[] = [];
  for (const p of packages) {
    const report = await verifyPackage(p.folder);
    const problems = describeReport(report);
    await mutate(ctx, async (w) => {
      const at = ctx.now().toISOString();
      await w.trx
        .insertInto('archive_check')
        .values({ package_id: p.id, checked_at: at, ok: report.ok ? 1 : 0, problems: problems.join('\n') })
        .execute();
      await w.audit({
        action: 'archive.check',
        entity: 'archive_package',
        entityId: p.id,
        after: { folder: p.folder, ok: report.ok, checked: report.checked, problems },
        outcome: report.ok ? 'ok' : 'error',
      });
    });
    out.push({ packageId: p.id, report });
  }
  return out;
}

export async function archiveChecks(db: Db): Promise<ArchiveChecks> {
  const packages = await db
    .selectFrom('archive_package as p')
    .innerJoin('academic_year as y', 'y.id', 'p.year_id')
    .select(['p.id', 'p.folder', 'p.created_at', 'y.name as year_name'])
    .orderBy('p.id')
    .execute();
  const warnings: string[] = [];
  const rows: ArchiveChecks['packages'] = [];
  for (const p of packages) {
    const last = await db
      .selectFrom('archive_check')
      .selectAll()
      .where('package_id', '=', p.id)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    rows.push({
      id: p.id,
      yearName: p.year_name,
      folder: p.folder,
      createdAt: p.created_at,
      lastCheckAt: last?.checked_at ?? null,
      ok: last ? last.ok === 1 : null,
    });
    if (last && !last.ok)
      warnings.push(
        `Архивный пакет ${p.year_name} (${p.folder}) изменился: ${last.problems.split('\n').slice(0, 5).join('; ')}${
          last.problems.split('\n').length > 5 ? '; …' : ''
        } (проверка ${new Date(last.checked_at).toLocaleString('ru-RU')}).`,
      );
  }
  return { packages: rows, warnings };
}

/** The archive's start hook: the daily re-check while the program is open. */
export async function startArchiveChecks(env: AppEnv): Promise<Running> {
  const ctx: Ctx = { db: env.db, actor: systemActor('Проверка архива по расписанию'), now: env.now };
  const cron = new Cron(CHECK_PATTERN, { protect: true, catch: (e) => console.error('[архив] проверка не удалась:', e) }, async () => {
    for (const c of await recheckPackages(ctx))
      if (!c.report.ok) console.warn(`[архив] ${c.report.folder}: ${describeReport(c.report).join('; ')}`);
  });
  for (const w of (await archiveChecks(env.db)).warnings) console.warn(`[архив] ${w}`);
  return { stop: () => cron.stop() };
}

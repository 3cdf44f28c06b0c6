import { AppError } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { can, requirePermission } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { notFound } from '../kernel/invalid';
import { journalScopeIsWholeSchool, personalScopeIsOwnClass, type Permission } from '../contract/rules/roles';
import { leadsClass } from '../journal/access';
import type { ExportTable } from './table';
import { LIST_TABLES, YEAR_TABLES, type ExportList } from './tables/index';
import {
  csvFiles,
  jsonDocument,
  visibleColumns,
  xlsxFile,
  type ExportFile,
  type ExportFormat,
  type LoadedTable,
  type TableStream,
} from './writers';

// Exports (issue 16, part 2): a whole year (every table of tables/index.ts) or one list screen's rows, as XLSX, CSV or
// JSON. Who may export what, and whether personal columns go with it, is decided here in main.

export const YEAR_EXPORT_FORBIDDEN =
  'Выгрузка всего учебного года доступна директору, заместителю директора и делопроизводителю: в ней журналы всех классов.';

/** What a list needs besides a session: the right the screen showing it needs. */
const LIST_PERMISSION: Record<ExportList, Permission> = {
  students: 'students.read',
  staff: 'setup.read',
  classes: 'setup.read',
  groups: 'setup.read',
  groupMembers: 'setup.read',
  timetable: 'setup.read',
  lessons: 'setup.read',
};

/**
 * Whether personal columns go out: the reader holds «students.personal», and a homeroom teacher (whose right covers
 * only the class they lead) exports one class they lead. The CLI (system actor) acts with the file owner's rights.
 */
export async function mayExportPersonal(ctx: Ctx, classId: number | null): Promise<boolean> {
  if (ctx.actor.system) return true;
  if (!can(ctx.actor, 'students.personal')) return false;
  if (!personalScopeIsOwnClass(ctx.actor.roles)) return true;
  return classId !== null && (await leadsClass(ctx, classId));
}

async function yearOf(ctx: Ctx, yearId: number) {
  return (
    (await ctx.db.selectFrom('academic_year').select(['id', 'name']).where('id', '=', yearId).executeTakeFirst()) ?? notFound('Учебный год')
  );
}

/** Each table read when the writer comes to it, so only one table's rows are held at a time. */
async function* load(
  ctx: Ctx,
  tables: readonly ExportTable[],
  yearId: number,
  personal: boolean,
  classId: number | null,
): AsyncGenerator<LoadedTable> {
  const name = classId !== null ? await className(ctx, classId) : null;
  for (const table of tables) {
    let rows = await table.rows(ctx, yearId);
    if (name !== null && table.columns.some((c) => c.key === 'className')) rows = rows.filter((r) => r.className === name);
    yield { table, columns: visibleColumns(table, personal), rows };
  }
}

/** Counts the rows of each table as they pass to the writer. */
async function* counted(tables: AsyncIterable<LoadedTable>, counts: Record<string, number>): AsyncGenerator<LoadedTable> {
  for await (const t of tables) {
    counts[t.table.key] = t.rows.length;
    yield t;
  }
}

async function className(ctx: Ctx, classId: number): Promise<string> {
  return (await ctx.db.selectFrom('class').select('name').where('id', '=', classId).executeTakeFirst())?.name ?? notFound('Класс');
}

async function schoolName(ctx: Ctx): Promise<string> {
  return (await ctx.db.selectFrom('school').select('full_name').executeTakeFirst())?.full_name ?? '';
}

/** `2025/2026` → `2025-2026`, for file names. */
const fileYear = (name: string) => name.replace(/[^0-9А-Яа-яA-Za-z]+/g, '-');

async function files(loaded: TableStream, format: ExportFormat, base: string, meta: { school: string; year: string; at: Date }) {
  if (format === 'xlsx') return [{ name: `${base}.xlsx`, data: await xlsxFile(loaded) }];
  if (format === 'json')
    return [{ name: `${base}.json`, data: await jsonDocument(loaded, { school: meta.school, year: meta.year, exportedAt: meta.at }) }];
  return (await csvFiles(loaded)).map((f) => ({ ...f, name: `${base}-${f.name}` }));
}

export interface YearExport {
  files: ExportFile[];
  personal: boolean;
  rows: Record<string, number>;
}

/** The whole year: students, staff, classes, groups, the timetable, lessons, marks, absences, period and final marks. */
export async function exportYear(ctx: Ctx, input: { yearId: number; format: ExportFormat }): Promise<YearExport> {
  if (!ctx.actor.system) {
    requirePermission(ctx.actor, 'journal.read');
    if (!journalScopeIsWholeSchool(ctx.actor.roles)) throw new AppError('FORBIDDEN', YEAR_EXPORT_FORBIDDEN);
  }
  const year = await yearOf(ctx, input.yearId);
  const personal = await mayExportPersonal(ctx, null);
  const at = ctx.now();
  const rows: Record<string, number> = {};
  const out = await files(counted(load(ctx, YEAR_TABLES, year.id, personal, null), rows), input.format, `year-${fileYear(year.name)}`, {
    school: await schoolName(ctx),
    year: year.name,
    at,
  });
  await mutate(ctx, (w) =>
    w.audit({ action: 'export', entity: 'academic_year', entityId: year.id, after: { format: input.format, personal, rows } }),
  );
  return { files: out, personal, rows };
}

/** One list screen's rows (optionally one class's), as XLSX or CSV. */
export async function exportList(
  ctx: Ctx,
  input: { yearId: number; list: ExportList; format: 'xlsx' | 'csv'; classId: number | null },
): Promise<ExportFile & { personal: boolean; rows: number }> {
  requirePermission(ctx.actor, LIST_PERMISSION[input.list]);
  const table = LIST_TABLES[input.list];
  const year = await yearOf(ctx, input.yearId);
  const personal = table.columns.some((c) => c.personal) && (await mayExportPersonal(ctx, input.classId));
  const counts: Record<string, number> = {};
  const loaded = counted(load(ctx, [table], year.id, personal, input.classId), counts);
  const suffix = input.classId !== null ? `-${fileYear(await className(ctx, input.classId))}` : '';
  const [file] = await files(loaded, input.format, `${table.key}-${fileYear(year.name)}${suffix}`, {
    school: await schoolName(ctx),
    year: year.name,
    at: ctx.now(),
  });
  await mutate(ctx, (w) =>
    w.audit({
      action: 'export',
      entity: 'academic_year',
      entityId: year.id,
      classId: input.classId,
      after: { list: input.list, format: input.format, personal, rows: counts[table.key] },
    }),
  );
  return {
    name: input.format === 'csv' ? `${table.key}-${fileYear(year.name)}${suffix}.csv` : file.name,
    data: file.data,
    personal,
    rows: counts[table.key],
  };
}

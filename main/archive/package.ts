import type Database from 'better-sqlite3';
import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../db/index';
import { personOf, requirePermission, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { APP_VERSION } from '../kernel/version';
import type { FailedItem } from '../contract/printing';
import { databaseForWorker, startSchoolPrint } from '../printing/school/runner';
import { yearFolder } from '../printing/school/job';
import { sha256Of } from '../printing/recorder';
import { takeSnapshot } from '../backup/snapshot';
import { dumpPostgresInto } from '../backup/pg-dump';
import { isPostgresUrl } from '../../db/dialect';
import { pipeline } from 'node:stream/promises';
import { describeFiles, MANIFEST, PACKAGE_FORMAT, type PackageManifest } from './manifest';
import { copyToMedia, mediaTargets, type MediaCopy } from './media';

// The archive package of a year (issue 14 part 4; seed 001 director §16): into <out>/<2025-2026>/ go
//   <класс>/Классный журнал 5А.pdf, Сводная ведомость успеваемости 5А.pdf (PDF/A) and .xlsx,
//   Книга сводных ведомостей 2025-2026.pdf and .xlsx,
//   Данные 2025-2026.sqlite — the frozen data, README.txt — what the files are, and manifest.json — every file's SHA-256.
// The PDFs and XLSX come from printing's whole-school worker. The package is recorded in the database (its folder is
// re-checked on schedule, checks.ts) and copied, encrypted with the school's backup key, to the backup media (media.ts).
//
// The frozen data is the whole database as of packaging (backup's snapshot: SQLite's online backup API), not the year
// cut out of it: a cut-out would break the audit log's hash chain (it runs over every year's rows, so a subset cannot
// be verified) and the references of the year's rows to students and staff shared with other years. With the whole
// snapshot `school-journal audit verify --db` proves the data untouched, and the year is the one named in the manifest.
// On a PostgreSQL server (issue 17) the frozen data is `Данные 2025-2026.pgdump`, the database's `pg_dump -Fc` (backup's
// dump: one exported snapshot, the credentials in pg_dump's environment only); it is checked after `pg_restore` into an
// empty database. The manifest's `engine` says which of the two the package holds.

export interface PackageOptions {
  yearId: number;
  out: string;
  /** Folders for the encrypted copies instead of the school's backup destinations. */
  media?: string[];
  /** Write no encrypted copies. */
  noMedia?: boolean;
  /** Encrypt to this public key (age1…) instead of the school's backup key. */
  recipient?: string;
  /** Only these classes (tests and benchmarks): an archive package holds every class of the year. */
  classIds?: number[];
  onProgress?: (line: string) => void;
}

export interface PackageResult {
  packageId: number;
  folder: string;
  files: number;
  bytes: number;
  pages: number;
  manifestSha256: string;
  yearClosed: boolean;
  failed: FailedItem[];
  media: MediaCopy[];
  /** Why no encrypted copy was written, when none was. */
  mediaSkipped: string | null;
  ms: number;
}

function readme(m: Omit<PackageManifest, 'files'>, dataName: string): string {
  const data =
    m.engine === 'postgresql'
      ? [
          `${dataName}: копия всей базы данных PostgreSQL на момент создания пакета (pg_dump, формат custom). Данные года — записи`,
          'этого учебного года; база не урезана до одного года, чтобы цепочка журнала аудита оставалась проверяемой.',
          'Для проверки восстановите копию в новую пустую базу на сервере PostgreSQL и проверьте её:',
          `  createdb school_archive_check && pg_restore --no-owner --dbname school_archive_check "${dataName}"`,
          '  school-journal audit verify --db postgres://ПОЛЬЗОВАТЕЛЬ@СЕРВЕР/school_archive_check',
          `Список содержимого без восстановления: pg_restore --list "${dataName}"`,
        ]
      : [
          `${dataName}: копия всей базы данных на момент создания пакета (SQLite). Данные года — записи этого учебного года;`,
          'база не урезана до одного года, чтобы цепочка журнала аудита оставалась проверяемой. Программа, открыв файл, меняет его:',
          'для проверки скопируйте его из пакета и проверяйте копию:',
          `  school-journal audit verify --db "копия ${dataName}"`,
        ];
  return [
    `Архивный пакет ${m.year.name} учебного года`,
    '',
    `Создан: ${m.createdAt} (${m.createdBy}), программа «Школьный журнал» ${m.program}.`,
    `Учебный год ${m.year.name}: ${m.year.start} — ${m.year.end}; ${m.year.closed ? 'закрыт' : 'НЕ ЗАКРЫТ на момент создания пакета'}.`,
    '',
    'Папки классов: классные журналы и сводные ведомости успеваемости (PDF/A-2b), сводные ведомости в XLSX.',
    'Книга сводных ведомостей школы: PDF/A-2b и XLSX.',
    ...data,
    `${MANIFEST}: размер и SHA-256 каждого файла. Проверка пакета: school-journal archive verify <папка пакета>`,
    '',
  ].join('\n');
}

export async function buildPackage(
  ctx: Ctx,
  /** The school's database: an SQLite file with its open handle, or a PostgreSQL connection string (raw: null). */
  source: { raw: Database.Database | null; dbFile: string },
  o: PackageOptions,
): Promise<PackageResult> {
  requirePermission(ctx.actor, 'archive');
  requirePermission(ctx.actor, 'students.personal');
  const started = Date.now();
  const say = o.onProgress ?? (() => {});
  const year = await ctx.db.selectFrom('academic_year').selectAll().where('id', '=', o.yearId).executeTakeFirst();
  if (!year) notFound('Учебный год');
  if (!path.isAbsolute(o.out)) invalid('Папка архива: укажите полный путь');
  const folder = path.join(o.out, yearFolder(year.name));
  if (fs.existsSync(folder) && fs.readdirSync(folder).length)
    throw new AppError('INVALID', `Папка ${folder} не пуста: архивный пакет пишется в новую папку (переименуйте старую).`);
  fs.mkdirSync(folder, { recursive: true });
  // the media are checked before minutes of printing
  const targets = o.noMedia ? null : await mediaTargets(ctx, { folders: o.media, recipient: o.recipient });

  const failed: FailedItem[] = [];
  let pages = 0;
  const print = async (what: string, kinds: ('journal' | 'ledger')[], format: 'pdf' | 'xlsx') => {
    say(`${what}…`);
    const handle = startSchoolPrint(
      {
        dbFile: databaseForWorker(source.dbFile),
        yearId: year.id,
        outDir: o.out,
        formats: [format],
        kinds,
        classIds: o.classIds,
        book: !o.classIds,
        actor: ctx.actor,
        tag: `arch${Date.now()}`,
      },
      (e) => {
        if (e.type === 'progress') say(`  [${e.done}/${e.total}] ${e.current}`);
      },
    );
    const s = await handle.done;
    failed.push(...s.failed);
    if (format === 'pdf') pages += s.written.reduce((a, w) => a + w.pages, 0);
  };
  await print('Журналы и сводные ведомости (PDF/A)', ['journal', 'ledger'], 'pdf');
  await print('Сводные ведомости (XLSX)', ['ledger'], 'xlsx');

  const engine = isPostgresUrl(source.dbFile) ? 'postgresql' : 'sqlite';
  const dataName = `Данные ${yearFolder(year.name)}.${engine === 'postgresql' ? 'pgdump' : 'sqlite'}`;
  const dataFile = path.join(folder, dataName);
  if (engine === 'postgresql') {
    say('Копия данных (pg_dump)…');
    await dumpPostgresInto(
      source.dbFile,
      (out) => pipeline(out, fs.createWriteStream(dataFile, { flags: 'wx' })),
      'Архивный пакет не дописан: удалите его папку и повторите.',
    );
  } else {
    say('Копия данных (SQLite)…');
    if (!source.raw) throw new Error('buildPackage: an SQLite database without its handle');
    await takeSnapshot(source.raw, dataFile);
  }
  const head: Omit<PackageManifest, 'files'> = {
    format: PACKAGE_FORMAT,
    year: { name: year.name, start: year.start_date, end: year.end_date, closed: year.closed === 1 },
    createdAt: ctx.now().toISOString(),
    createdBy: personOf(ctx.actor),
    program: APP_VERSION,
    engine,
    encrypted: false,
  };
  fs.writeFileSync(path.join(folder, 'README.txt'), readme(head, dataName));
  say('Манифест (SHA-256 каждого файла)…');
  const manifest: PackageManifest = { ...head, files: await describeFiles(folder) };
  const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
  fs.writeFileSync(path.join(folder, MANIFEST), manifestText);
  // read-only, so that nothing opened from the package writes into it by accident
  for (const f of [...manifest.files.map((x) => x.path), MANIFEST]) fs.chmodSync(path.join(folder, ...f.split('/')), 0o444);
  const bytes = manifest.files.reduce((a, f) => a + f.bytes, 0);
  const manifestSha256 = sha256Of(manifestText);
  const packageId = await mutate(ctx, async (w) => {
    const row = {
      year_id: year.id,
      folder,
      files: manifest.files.length,
      bytes,
      manifest_sha256: manifestSha256,
      created_at: head.createdAt,
      created_by: personOf(ctx.actor),
    };
    const { id } = await w.trx.insertInto('archive_package').values(row).returning('id').executeTakeFirstOrThrow();
    await w.audit({ action: 'archive.package', entity: 'archive_package', entityId: id, after: { ...row, failed: failed.length } });
    return id;
  });

  let media: MediaCopy[] = [];
  let mediaSkipped: string | null = o.noMedia ? 'не требовалось (--no-media)' : null;
  if (targets && 'refusal' in targets) mediaSkipped = targets.refusal;
  else if (targets) {
    say('Зашифрованные копии на носители резервных копий…');
    media = await copyToMedia(folder, manifest, targets, say);
  }
  return {
    packageId,
    folder,
    files: manifest.files.length,
    bytes,
    pages,
    manifestSha256,
    yearClosed: year.closed === 1,
    failed,
    media,
    mediaSkipped,
    ms: Date.now() - started,
  };
}

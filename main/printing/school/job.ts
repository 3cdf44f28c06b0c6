import fs from 'node:fs';
import path from 'node:path';
import type { Actor, Ctx } from '../../kernel/context';
import type { Db } from '../../../db/index';
import { getSetting } from '../../kernel/settings';
import { classNamesOfYear } from '../../school/classes';
import { assertCanPrintSchool, bookFileName, buildClassDocument, buildLedgerBook, documentFileName, safeFileName } from '../catalog';
import type { FailedItem, WrittenFile } from '../../contract/printing';
import { DOCUMENT_INFO, SCHOOL_SET, type ClassDocument, type Format } from '../../contract/rules/documents';
import { writeFileSafely } from '../files';
import type { PagedDocument } from '../layout/document';
import type { Sided } from '../layout/page';
import { renderDocument } from '../render/index';

// Whole-school printing: every class of a year × every chosen document × every chosen format into one folder,
// then the school's book of ledgers. A document that fails is reported and the rest go on; cancelling stops before
// the next file. It runs inside the print worker (worker.ts), but it is plain code over a database handle.
//
//   <out>/2025-2026/5А/Классный журнал 5А.pdf
//   <out>/2025-2026/Книга сводных ведомостей 2025-2026.pdf
//
// An existing file is never replaced: the new one is written as «… (2).pdf» (see files.ts).

export interface SchoolJobOptions {
  dbFile: string;
  yearId: number;
  outDir: string;
  formats: Format[];
  kinds: ClassDocument[];
  /** Only these classes (all of the year's classes when absent). */
  classIds?: number[];
  /** Also the school's book of summary ledgers. */
  book: boolean;
  /** The school's setting `print.sided` when absent. */
  sided?: Sided;
  actor: Actor;
  /** A tag in the temporary files' names, so that a stopped job's leftovers can be found. */
  tag: string;
  nativeBinding?: string;
}

export interface SchoolJobSummary {
  outDir: string;
  written: WrittenFile[];
  failed: FailedItem[];
  cancelled: boolean;
  classes: number;
  ms: number;
}

export type SchoolJobEvent =
  | { type: 'start'; total: number; classes: number; folder: string }
  | { type: 'progress'; done: number; total: number; current: string }
  | { type: 'file'; file: WrittenFile }
  | { type: 'failed'; item: FailedItem }
  | { type: 'done'; summary: SchoolJobSummary };

/** «2025-2026»: a year's folder name. */
export function yearFolder(yearName: string): string {
  return safeFileName(yearName.replace(/\//g, '-'));
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

export async function runSchoolJob(
  db: Db,
  o: SchoolJobOptions,
  emit: (e: SchoolJobEvent) => void,
  cancelled: () => boolean,
): Promise<SchoolJobSummary> {
  const started = Date.now();
  const ctx: Ctx = { db, actor: o.actor, now: () => new Date() };
  assertCanPrintSchool(ctx);
  const year = await db.selectFrom('academic_year').select(['id', 'name']).where('id', '=', o.yearId).executeTakeFirstOrThrow();
  let classes = await classNamesOfYear(db, o.yearId);
  if (o.classIds) classes = classes.filter((c) => o.classIds!.includes(c.id));
  const sided = o.sided ?? (await getSetting(db, 'print.sided'));
  const kinds = o.kinds.length ? o.kinds : SCHOOL_SET;
  const folder = path.join(o.outDir, yearFolder(year.name));
  const total = classes.length * kinds.length + (o.book ? 1 : 0);
  const summary: SchoolJobSummary = { outDir: folder, written: [], failed: [], cancelled: false, classes: classes.length, ms: 0 };
  emit({ type: 'start', total, classes: classes.length, folder });
  let done = 0;

  const write = async (doc: PagedDocument, file: string, className: string | null, kind: ClassDocument | 'book') => {
    for (const format of o.formats) {
      if (cancelled()) return;
      const target = `${file}.${format}`;
      const written = await writeFileSafely(target, 'version', (tmp) => renderDocument(doc, format, tmp), o.tag);
      const { size } = fs.statSync(written);
      const w: WrittenFile = {
        file: written,
        name: path.relative(o.outDir, written),
        className,
        kind,
        format,
        pages: doc.total,
        bytes: size,
      };
      summary.written.push(w);
      emit({ type: 'file', file: w });
    }
  };
  const fail = (className: string | null, kind: ClassDocument | 'book', e: unknown) => {
    const item: FailedItem = { className, kind, message: message(e) };
    summary.failed.push(item);
    emit({ type: 'failed', item });
  };

  outer: for (const cls of classes)
    for (const kind of kinds) {
      if (cancelled()) break outer;
      emit({ type: 'progress', done, total, current: `${cls.name}: ${DOCUMENT_INFO[kind].title}` });
      try {
        const doc = await buildClassDocument(ctx, kind, cls.id, { sided });
        const stem = documentFileName(kind, cls.name, 'x').slice(0, -2);
        await write(doc, path.join(folder, safeFileName(cls.name), stem), cls.name, kind);
      } catch (e) {
        fail(cls.name, kind, e);
      }
      done++;
    }
  if (o.book && !cancelled()) {
    emit({ type: 'progress', done, total, current: 'Книга сводных ведомостей школы' });
    try {
      const doc = await buildLedgerBook(ctx, o.yearId, sided);
      await write(doc, path.join(folder, bookFileName(year.name, 'x').slice(0, -2)), null, 'book');
    } catch (e) {
      fail(null, 'book', e);
    }
    done++;
  }
  summary.cancelled = cancelled();
  summary.ms = Date.now() - started;
  emit({ type: 'progress', done, total, current: summary.cancelled ? 'Остановлено' : 'Готово' });
  emit({ type: 'done', summary });
  return summary;
}

import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../db/index';
import { can, type Ctx } from '../kernel/context';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { assertCanPrintSchool, bookFileName, buildClassDocument, buildLedgerBook, documentFileName, printableSubjects } from './catalog';
import { CLASS_DOCUMENTS, DOCUMENT_INFO, FORMATS, SCHOOL_SET, type ClassDocument, type Format } from '../contract/rules/documents';
import type {
  FailedItem,
  JournalPrintOptions,
  PrintableClass,
  PrintDocuments,
  PrintFile,
  PrintFonts,
  PrintHtml,
  PrintPreview,
  SchoolJobStarted,
  SchoolJobState,
} from '../contract/printing';
import { writeFileSafely } from './files';
import { recordPrinted, sha256Of, sha256OfFile, type PrintedDocument } from './recorder';
import { assertCanPrintClass } from './journal/data';
import type { PagedDocument } from './layout/document';
import type { Sided } from './layout/page';
import type { MarkColumn } from './ledger/model';
import { fontCss, htmlDocument, htmlPage, pageCss } from './render/html';
import { renderDocument } from './render/index';
import type { SchoolJobEvent, SchoolJobSummary } from './school/job';
import { databaseForWorker, startSchoolPrint, type SchoolPrintHandle } from './school/runner';
import { isPostgresUrl } from '../../db/dialect';
import { schoolToday } from '../kernel/school-clock';
import { listClasses } from '../school/classes';
import { invalid } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { auditHead } from '../kernel/audit-chain';

// The print and archive screen's services, and the CLI's `print`: which documents and classes the user may print, page
// previews from a short-lived layout cache, a document as HTML for printing, as a file to save or written to a path,
// and whole-school printing as a job in the print worker (one at a time), polled for progress or followed by events.

/**
 * A document to print. `period` and `subjectId` are the journal copy's parameters (a period's copy, one subject's
 * pages; seed 004 §3.3, §3.5) — kept here so whoever records printed documents can record them too. An option the
 * document does not take is refused (`assertOptions`), never ignored.
 */
export interface DocumentSpec {
  kind: ClassDocument | 'book';
  classId?: number;
  yearId?: number;
  sided?: Sided;
  /** The class list's date. */
  date?: string;
  /** The journal: a period of the class's grade or the year; the homeroom marks ledger: one section. */
  period?: 'year' | number;
  /** The journal: one subject's pages. */
  subjectId?: number;
}

/** Which options each document takes. */
const TAKES: Record<ClassDocument | 'book', readonly ('date' | 'period' | 'subjectId')[]> = {
  journal: ['period', 'subjectId'],
  ledger: [],
  'attendance-months': [],
  'marks-ledger': ['period'],
  'attendance-ledger': [],
  'class-list': ['date'],
  book: [],
};
const OPTION_NAMES = { date: 'дата', period: 'период', subjectId: 'предмет' } as const;

export function assertOptions(s: DocumentSpec): void {
  const kind = s.kind;
  for (const k of ['date', 'period', 'subjectId'] as const)
    if (s[k] !== undefined && !TAKES[kind].includes(k)) {
      const title = kind === 'book' ? 'Книга сводных ведомостей' : DOCUMENT_INFO[kind].title;
      invalid(`«${title}» не печатается с параметром «${OPTION_NAMES[k]}»`);
    }
}

export async function printableDocuments(ctx: Ctx, dbFile: string): Promise<PrintDocuments> {
  return {
    documents: CLASS_DOCUMENTS.map((k) => DOCUMENT_INFO[k]),
    schoolSet: SCHOOL_SET,
    formats: FORMATS,
    sided: await getSetting(ctx.db, 'print.sided'),
    wholeSchool: ctx.actor.system || (can(ctx.actor, 'print') && !personalScopeIsOwnClass(ctx.actor.roles)),
    ownSubjectsOnly: !ctx.actor.system && !can(ctx.actor, 'print'),
    defaultFolder: path.join(dbFile === ':memory:' || isPostgresUrl(dbFile) ? os.homedir() : path.dirname(path.resolve(dbFile)), 'Печать'),
  };
}

/**
 * The year's classes the user may print: a homeroom teacher sees their own class and the classes they teach (their
 * subjects' pages), a teacher the classes they teach.
 */
export async function printableClasses(ctx: Ctx, yearId: number): Promise<PrintableClass[]> {
  const all = await listClasses(ctx, yearId);
  const own = !ctx.actor.system && personalScopeIsOwnClass(ctx.actor.roles);
  const taught = new Set<number>();
  if (own && ctx.actor.staffId !== null) {
    const staffId = ctx.actor.staffId;
    const [load, lessons] = await Promise.all([
      ctx.db
        .selectFrom('teaching_load')
        .select('class_id')
        .distinct()
        .where('year_id', '=', yearId)
        .where('staff_id', '=', staffId)
        .execute(),
      ctx.db
        .selectFrom('lesson')
        .innerJoin('class', 'class.id', 'lesson.class_id')
        .select('lesson.class_id')
        .distinct()
        .where('class.year_id', '=', yearId)
        .where('lesson.staff_id', '=', staffId)
        .execute(),
    ]);
    for (const r of [...load, ...lessons]) taught.add(r.class_id);
  }
  const canPrint = ctx.actor.system || can(ctx.actor, 'print');
  return all
    .filter((c) => !own || (ctx.actor.staffId !== null && ((canPrint && c.homeroomStaffId === ctx.actor.staffId) || taught.has(c.id))))
    .map((c) => ({ id: c.id, name: c.name, grade: c.grade, homeroom: c.homeroomName, students: c.studentCount }));
}

/** What the archive's register gets for a document handed out (recorder.ts). */
function printed(s: DocumentSpec, doc: PagedDocument, format: Format, fileName: string, sha256: string): PrintedDocument {
  return {
    kind: s.kind,
    classId: s.kind === 'book' ? null : (s.classId ?? null),
    yearId: s.kind === 'book' ? (s.yearId ?? null) : null,
    // A journal's period copy («1»…«4», «year»); a subject's copy is told by its file name («… — Алгебра, период 1»).
    period: (s.kind === 'journal' || s.kind === 'marks-ledger') && s.period !== undefined ? String(s.period) : null,
    format,
    pages: doc.total,
    fileName,
    sha256,
  };
}

/** The journal's periods and the subjects whose pages the user may print in the class (the print screen's choices). */
export async function journalOptions(ctx: Ctx, classId: number): Promise<JournalPrintOptions> {
  const { all, d, pages } = await printableSubjects(ctx, classId);
  const subjects = new Map<number, string>();
  for (const p of pages) if (p.subjectId !== undefined && !subjects.has(p.subjectId)) subjects.set(p.subjectId, p.subject);
  return {
    periods: d.periods.map((p) => ({ number: p.number, name: p.name, start: p.start, end: p.end })),
    subjects: [...subjects].map(([id, name]) => ({ id, name })),
    wholeJournal: all,
  };
}

// ---- laying documents out, with a small cache for paging through a preview ----

const CACHE_MS = 120_000;
const cache = new Map<string, { doc: PagedDocument; at: number; version: number }>();

function cacheKey(s: DocumentSpec, sided: Sided, date: string): string {
  return JSON.stringify([s.kind, s.classId ?? null, s.yearId ?? null, sided, date, s.period ?? null, s.subjectId ?? null]);
}

/**
 * What the database held when pages were laid out: the audit chain's last row. Every change is written with its audit
 * row (kernel/mutate.ts), by this instance or another one on the same server, so pages laid out under an older head
 * may miss an edit and are laid out again: a preview, a file and the printed sheets always show the same data.
 */
async function dataVersion(ctx: Ctx): Promise<number> {
  return (await auditHead(ctx.db))?.id ?? 0;
}

async function layout(ctx: Ctx, s: DocumentSpec, fresh = true): Promise<PagedDocument> {
  assertOptions(s);
  const sided = s.sided ?? (await getSetting(ctx.db, 'print.sided'));
  const date = s.date ?? (await schoolToday(ctx));
  const key = cacheKey(s, sided, date);
  const version = await dataVersion(ctx);
  const now = Date.now();
  for (const [k, v] of cache) if (now - v.at > CACHE_MS) cache.delete(k);
  // the rights are checked on every call (the builders check them): only the laid-out pages are reused
  let doc: PagedDocument;
  if (s.kind === 'book') {
    if (!s.yearId) invalid('Выберите учебный год');
    doc = await buildLedgerBook(ctx, s.yearId, sided);
  } else {
    if (!s.classId) invalid('Выберите класс');
    const hit = fresh ? undefined : cache.get(key);
    if (hit && hit.version === version) {
      // permission first, then the cached pages
      await buildPermissionOnly(ctx, s);
      return hit.doc;
    }
    const column: MarkColumn | undefined =
      s.kind !== 'marks-ledger' || s.period === undefined ? undefined : s.period === 'year' ? 'year' : (`p${s.period}` as MarkColumn);
    doc = await buildClassDocument(ctx, s.kind, s.classId, {
      sided,
      date,
      column,
      period: s.kind === 'journal' ? s.period : undefined,
      subjectId: s.subjectId,
    });
  }
  cache.set(key, { doc, at: now, version });
  while (cache.size > 4) cache.delete(cache.keys().next().value!);
  return doc;
}

async function buildPermissionOnly(ctx: Ctx, s: DocumentSpec): Promise<void> {
  if (s.kind === 'book') return assertCanPrintSchool(ctx);
  if (s.kind === 'journal' && s.subjectId !== undefined) {
    const { pages } = await printableSubjects(ctx, s.classId!);
    if (!pages.some((p) => p.subjectId === s.subjectId))
      throw new AppError('FORBIDDEN', 'Учитель печатает страницы только своих предметов.');
    return;
  }
  await assertCanPrintClass(ctx, s.classId!, s.kind !== 'class-list');
}

export async function previewPages(ctx: Ctx, s: DocumentSpec & { from: number; count: number; fresh: boolean }): Promise<PrintPreview> {
  const doc = await layout(ctx, s, s.fresh);
  const from = Math.min(s.from, doc.total);
  const pages = doc.pages.slice(from - 1, from - 1 + s.count);
  return {
    title: doc.title,
    total: doc.total,
    leaves: doc.leaves,
    sided: doc.sided,
    pages: doc.pages.map((p) => ({ number: p.number, orientation: p.orientation, section: p.sectionTitle })),
    from,
    html: `<style>${pageCss()}</style>${pages.map(htmlPage).join('\n')}`,
  };
}

export function previewFonts(): PrintFonts {
  return { css: fontCss() };
}

export async function printHtml(ctx: Ctx, s: DocumentSpec): Promise<PrintHtml> {
  const doc = await layout(ctx, s, false);
  const html = htmlDocument(doc);
  // sent to the printer: on the register as printed (the hash is the HTML's)
  await recordPrinted(ctx, printed(s, doc, 'html', doc.title, sha256Of(html)));
  return { title: doc.title, html, pages: doc.total };
}

const MIME: Record<Format, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html',
};

/** The document as a file, returned whole (the browser saves it as a download; Electron asks where to save it). */
export async function documentFile(ctx: Ctx, s: DocumentSpec & { format: Format }): Promise<PrintFile> {
  const doc = await layout(ctx, s, false);
  let name: string;
  if (s.kind === 'book') {
    const y = await ctx.db.selectFrom('academic_year').select('name').where('id', '=', s.yearId!).executeTakeFirstOrThrow();
    name = bookFileName(y.name, s.format);
  } else {
    const c = await ctx.db.selectFrom('class').select('name').where('id', '=', s.classId!).executeTakeFirstOrThrow();
    name = documentFileName(s.kind, `${c.name}${await copySuffix(ctx, s)}`, s.format);
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-print-'));
  try {
    const file = path.join(dir, `document.${s.format}`);
    await renderDocument(doc, s.format, file);
    const bytes = fs.readFileSync(file);
    const sha256 = sha256Of(bytes);
    await recordPrinted(ctx, printed(s, doc, s.format, name, sha256));
    return { name, mime: MIME[s.format], base64: bytes.toString('base64'), pages: doc.total, leaves: doc.leaves };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** « — Алгебра, период 1»: a journal copy's file name says which copy it is. */
async function copySuffix(ctx: Ctx, s: DocumentSpec): Promise<string> {
  if (s.kind !== 'journal') return '';
  const parts: string[] = [];
  if (s.subjectId !== undefined) {
    const subj = await ctx.db.selectFrom('subject').select('name').where('id', '=', s.subjectId).executeTakeFirst();
    if (subj) parts.push(subj.name);
  }
  if (s.period === 'year') parts.push('год');
  else if (s.period !== undefined) parts.push(`период ${s.period}`);
  return parts.length ? ` — ${parts.join(', ')}` : '';
}

/**
 * The document laid out afresh and written to `file` (the CLI's `print`). An existing file is replaced only with
 * `replace`; the file appears whole or not at all (files.ts).
 */
export async function writeDocument(ctx: Ctx, s: DocumentSpec & { format: Format }, file: string, replace: boolean) {
  const doc = await layout(ctx, s);
  const written = await writeFileSafely(file, replace ? 'replace' : 'refuse', (tmp) => renderDocument(doc, s.format, tmp));
  await recordPrinted(ctx, printed(s, doc, s.format, path.basename(written), sha256OfFile(written)));
  return { title: doc.title, pages: doc.total, leaves: doc.leaves, file: written };
}

// ---- whole-school printing ----

interface Job {
  state: SchoolJobState;
  handle: SchoolPrintHandle;
  userId: number | null;
  /** Waits for the register rows of the files written so far (recordPrinted, one after another). */
  recorded(): Promise<FailedItem[]>;
}

const jobs = new Map<string, Job>();
let lastJobId: string | null = null;

export interface SchoolStartInput {
  yearId: number;
  outDir: string;
  formats: Format[];
  kinds: ClassDocument[];
  classIds?: number[];
  book: boolean;
  sided?: Sided;
}

export async function startSchoolJob(
  ctx: Ctx,
  dbFile: string,
  i: SchoolStartInput,
  opts: { onEvent?: (e: SchoolJobEvent) => void } = {},
): Promise<SchoolJobStarted> {
  assertCanPrintSchool(ctx);
  if (!can(ctx.actor, 'students.personal'))
    throw new AppError('FORBIDDEN', 'Недостаточно прав: документы содержат персональные данные обучающихся.');
  if (!path.isAbsolute(i.outDir)) invalid('Папка для файлов: укажите полный путь, например C:\\Печать или /home/office/Печать');
  for (const j of jobs.values())
    if (j.state.status === 'running' || j.state.status === 'cancelling')
      throw new AppError('BUSY', 'Печать всей школы уже идёт: дождитесь её окончания или остановите её.');
  const year = await ctx.db.selectFrom('academic_year').select('id').where('id', '=', i.yearId).executeTakeFirst();
  if (!year) invalid('Учебный год не найден');
  try {
    fs.mkdirSync(i.outDir, { recursive: true });
    fs.accessSync(i.outDir, fs.constants.W_OK);
  } catch {
    invalid(`В папку ${i.outDir} нельзя записать файлы`);
  }
  const jobId = randomBytes(6).toString('hex');
  const state: SchoolJobState = {
    jobId,
    status: 'running',
    startedAt: ctx.now().toISOString(),
    folder: i.outDir,
    done: 0,
    total: 0,
    current: 'Подготовка…',
    written: [],
    failed: [],
    error: null,
    ms: 0,
  };
  const started = Date.now();
  const classIds = new Map(
    (await ctx.db.selectFrom('class').select(['id', 'name']).where('year_id', '=', i.yearId).execute()).map((c) => [c.name, c.id]),
  );
  let recording = Promise.resolve();
  const notRecorded: FailedItem[] = [];
  const record = (f: SchoolJobState['written'][number]) => {
    recording = recording.then(async () => {
      try {
        await recordPrinted(ctx, {
          kind: f.kind,
          classId: f.className === null ? null : (classIds.get(f.className) ?? null),
          yearId: f.className === null ? i.yearId : null,
          period: null,
          format: f.format,
          pages: f.pages,
          fileName: path.basename(f.file),
          sha256: sha256OfFile(f.file),
        });
      } catch (e) {
        const item = { className: f.className, kind: f.kind, message: `не записан в реестр архива: ${(e as Error).message}` };
        notRecorded.push(item);
        state.failed.push(item);
      }
    });
  };
  const handle = startSchoolPrint(
    {
      dbFile: databaseForWorker(dbFile),
      yearId: i.yearId,
      outDir: i.outDir,
      formats: i.formats,
      kinds: i.kinds,
      classIds: i.classIds,
      book: i.book,
      sided: i.sided,
      actor: ctx.actor,
      tag: jobId,
    },
    (e) => {
      opts.onEvent?.(e);
      if (e.type === 'start') Object.assign(state, { total: e.total, folder: e.folder });
      else if (e.type === 'progress') Object.assign(state, { done: e.done, total: e.total, current: e.current });
      else if (e.type === 'file') {
        state.written.push(e.file);
        record(e.file);
      } else if (e.type === 'failed') state.failed.push(e.item);
      else if (e.type === 'done')
        Object.assign(state, { status: e.summary.cancelled ? 'cancelled' : 'done', ms: e.summary.ms || Date.now() - started });
    },
  );
  handle.done.catch((e: Error) => Object.assign(state, { status: 'failed', error: e.message, ms: Date.now() - started }));
  jobs.set(jobId, { state, handle, userId: ctx.actor.userId, recorded: () => recording.then(() => notRecorded) });
  lastJobId = jobId;
  return { jobId };
}

/** The job's state; without an id, the latest job (the screen reopened while a job runs). */
export function schoolJobStatus(ctx: Ctx, jobId?: string): SchoolJobState | null {
  assertCanPrintSchool(ctx);
  const j = jobs.get(jobId ?? lastJobId ?? '');
  return j ? { ...j.state, written: [...j.state.written], failed: [...j.state.failed] } : null;
}

export function cancelSchoolJob(ctx: Ctx, jobId: string): true {
  assertCanPrintSchool(ctx);
  const j = jobs.get(jobId);
  if (!j) throw new AppError('NOT_FOUND', 'Задание печати не найдено');
  if (j.state.status === 'running') {
    j.state.status = 'cancelling';
    j.handle.cancel();
  }
  return true;
}

/** The job's summary when it ends and its files are on the archive's register (the CLI); rejects when the worker failed. */
export async function schoolJobDone(jobId: string): Promise<SchoolJobSummary> {
  const j = jobs.get(jobId);
  if (!j) throw new AppError('NOT_FOUND', 'Задание печати не найдено');
  const summary = await j.handle.done;
  const notRecorded = await j.recorded();
  return { ...summary, failed: [...summary.failed, ...notRecorded] };
}

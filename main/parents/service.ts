import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { requirePermission, type Ctx } from '../kernel/context';
import { invalid, notFound } from '../kernel/invalid';
import { layoutDocument } from '../printing/layout/document';
import { renderDocument } from '../printing/render/index';
import { safeFileName } from '../printing/catalog';
import { writeFileSafely, type ExistingFile } from '../printing/files';
import type { ExtractFormat, ParentsFile } from '../contract/parents';
import { assertCanReadClass } from '../journal/access';
import { loadExtracts, type ExtractSpan } from './extract-data';
import { layoutExtracts, numberWithin } from './extract';
import { loadRiskNotices } from './notices';
import { noticeSource } from './notice-document';
import { classRegister, paperChoiceStudents, recordPrinted, weeklyState, weekSpan } from './register';
import { registerSource } from './register-document';

// Printing for parents: an extract or a class's extracts written to a file (and registered, one row per student, with
// the file's SHA-256), the weekly batch of the parents who chose paper, and the printable register.

const MIME: Record<ExtractFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
};

export interface ExtractRequest {
  classId: number;
  /** Omitted: every student in the class during the span. */
  studentIds?: readonly number[];
  span: ExtractSpan;
  homework?: boolean;
}

export interface WrittenExtracts {
  file: string;
  title: string;
  pages: number;
  students: number;
  sha256: string;
  registerIds: number[];
}

const sha256Of = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

/** A printed file that could not be registered is removed: a file the register does not know is never left behind. */
async function registered<T>(file: string, record: () => Promise<T>): Promise<T> {
  try {
    return await record();
  } catch (e) {
    fs.rmSync(file, { force: true });
    throw e;
  }
}

/** Lays the extracts out, writes them to `target` by `policy`, and registers each student's extract. */
export async function writeExtracts(
  ctx: Ctx,
  req: ExtractRequest,
  format: ExtractFormat,
  target: string,
  policy: ExistingFile,
): Promise<WrittenExtracts> {
  requirePermission(ctx.actor, 'print');
  const list = await loadExtracts(ctx, req.classId, req.span, { studentIds: req.studentIds, homework: req.homework });
  if (!list.length) invalid('В этот период в классе не было учеников: выписывать некого');
  const { doc, pages } = layoutExtracts(list);
  const file = await writeFileSafely(target, policy, (tmp) => renderDocument(doc, format, tmp));
  const sha256 = sha256Of(file);
  const registerIds = await registered(file, () =>
    recordPrinted(
      ctx,
      req.classId,
      req.span,
      sha256,
      list.map((d) => {
        const p = pages.get(d.student.id)!;
        return { studentId: d.student.id, pages: p.last - p.first + 1 };
      }),
    ),
  );
  return { file, title: doc.title, pages: doc.total, students: list.length, sha256, registerIds };
}

/** The weekly batch of one class: this week's extracts (with the homework) of the students whose parents chose paper. */
export async function weeklyRequest(ctx: Ctx, classId: number, date: string): Promise<ExtractRequest | null> {
  await assertCanReadClass(ctx, classId);
  const paper = await paperChoiceStudents(ctx.db, classId, date);
  if (!paper.length) return null;
  return { classId, studentIds: paper.map((p) => p.studentId), span: weekSpan(date), homework: true };
}

async function className(ctx: Ctx, classId: number): Promise<string> {
  return ((await ctx.db.selectFrom('class').select('name').where('id', '=', classId).executeTakeFirst()) ?? notFound('Класс')).name;
}

export async function extractFileName(ctx: Ctx, req: ExtractRequest, format: ExtractFormat): Promise<string> {
  const cls = await className(ctx, req.classId);
  let who = cls;
  if (req.studentIds?.length === 1) {
    const s = await ctx.db.selectFrom('student').select(['last_name', 'first_name']).where('id', '=', req.studentIds[0]).executeTakeFirst();
    if (s) who = `${cls} ${s.last_name} ${s.first_name}`;
  }
  return safeFileName(`${req.studentIds?.length === 1 ? 'Выписка' : 'Выписки'} ${who} ${req.span.from}—${req.span.to}.${format}`);
}

async function asFile(
  name: string,
  format: ExtractFormat,
  write: (target: string) => Promise<{ pages: number; students: number; sha256: string }>,
): Promise<ParentsFile> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-parents-'));
  try {
    const r = await write(path.join(dir, `file.${format}`));
    const bytes = fs.readFileSync(path.join(dir, `file.${format}`));
    return { name, mime: MIME[format], base64: bytes.toString('base64'), ...r };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function extractFile(ctx: Ctx, req: ExtractRequest, format: ExtractFormat): Promise<ParentsFile> {
  const name = await extractFileName(ctx, req, format);
  return asFile(name, format, (target) => writeExtracts(ctx, req, format, target, 'replace'));
}

export async function weeklyFile(ctx: Ctx, classId: number, date: string): Promise<ParentsFile> {
  const req = await weeklyRequest(ctx, classId, date);
  if (!req) invalid('В классе нет учеников, родители которых выбрали выписки на бумаге');
  return extractFile(ctx, req, 'pdf');
}

/** The register of one class for [from, to] as a PDF (PDF/A-2b like every printed document). */
export async function writeRegister(
  ctx: Ctx,
  classId: number,
  span: ExtractSpan,
  target: string,
  policy: ExistingFile,
): Promise<{ file: string; pages: number }> {
  requirePermission(ctx.actor, 'print');
  const rows = await classRegister(ctx, classId, span);
  const week = await weeklyState(ctx, classId, span.to);
  const cls = await ctx.db.selectFrom('class').select(['name', 'year_id']).where('id', '=', classId).executeTakeFirstOrThrow();
  const year = await ctx.db.selectFrom('academic_year').select('name').where('id', '=', cls.year_id).executeTakeFirstOrThrow();
  const school = await ctx.db.selectFrom('school').select(['full_name', 'short_name']).where('id', '=', 1).executeTakeFirst();
  const doc = layoutDocument(
    registerSource({
      schoolName: school?.full_name ?? '',
      schoolShort: school?.short_name ?? '',
      className: cls.name,
      yearName: year.name,
      from: span.from,
      to: span.to,
      rows,
      notReceived: week.notReceived,
      week: { from: week.from, to: week.to },
    }),
  );
  const file = await writeFileSafely(target, policy, (tmp) => renderDocument(doc, 'pdf', tmp));
  return { file, pages: doc.total };
}

export async function registerFile(ctx: Ctx, classId: number, span: ExtractSpan): Promise<ParentsFile> {
  const name = safeFileName(`Журнал выдачи выписок ${await className(ctx, classId)} ${span.from}—${span.to}.pdf`);
  return asFile(name, 'pdf', async (target) => {
    const r = await writeRegister(ctx, classId, span, target, 'replace');
    return { pages: r.pages, students: 0, sha256: sha256Of(r.file) };
  });
}

/**
 * Notices to parents for the class on `date` (students at risk of «2» or «н/а» for the period, or with unexcused
 * absences of `unexcused` lessons or more), one PDF or DOCX, each notice registered like an extract. Null: no one.
 */
export async function writeNotices(
  ctx: Ctx,
  classId: number,
  date: string,
  o: { unexcused?: number },
  format: ExtractFormat,
  target: string,
  policy: ExistingFile,
): Promise<WrittenExtracts | null> {
  requirePermission(ctx.actor, 'print');
  const list = await loadRiskNotices(ctx, classId, date, o);
  if (!list.length) return null;
  const { doc, pages } = numberWithin(
    layoutDocument(noticeSource(list)),
    'notice',
    list.map((n) => n.student.id),
  );
  const file = await writeFileSafely(target, policy, (tmp) => renderDocument(doc, format, tmp));
  const sha256 = sha256Of(file);
  const span = { from: list[0].period.from, to: list[0].period.to };
  const registerIds = await registered(file, () =>
    recordPrinted(
      ctx,
      classId,
      span,
      sha256,
      list.map((n) => {
        const p = pages.get(n.student.id)!;
        return { studentId: n.student.id, pages: p.last - p.first + 1 };
      }),
      'notice',
    ),
  );
  return { file, title: doc.title, pages: doc.total, students: list.length, sha256, registerIds };
}

export async function noticesFile(ctx: Ctx, classId: number, date: string, o: { unexcused?: number }): Promise<ParentsFile> {
  const name = safeFileName(`Уведомления родителям ${await className(ctx, classId)} ${date}.pdf`);
  return asFile(name, 'pdf', async (target) => {
    const r = await writeNotices(ctx, classId, date, o, 'pdf', target, 'replace');
    if (!r) invalid('Учеников с риском «2», «н/а» или с пропусками без уважительной причины сверх порога нет: уведомлять некого');
    return r;
  });
}

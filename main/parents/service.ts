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
import { layoutExtracts } from './extract';
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
  const registerIds = await recordPrinted(
    ctx,
    req.classId,
    req.span,
    sha256,
    list.map((d) => {
      const p = pages.get(d.student.id)!;
      return { studentId: d.student.id, pages: p.last - p.first + 1 };
    }),
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

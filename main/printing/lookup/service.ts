import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { schoolToday } from '../../kernel/school-clock';
import type { LookupFile } from '../../contract/lookup';
import { personOf, requirePermission, type Ctx } from '../../kernel/context';
import { notFound } from '../../kernel/invalid';
import { mutate } from '../../kernel/mutate';
import { safeFileName } from '../catalog';
import { writeFileSafely, type ExistingFile } from '../files';
import { layoutDocument } from '../layout/document';
import { renderDocument } from '../render/index';
import { ledgerExtractSource, studentName } from './extract';
import { lookupStudent } from './search';

// The certified extract from the ledgers as a PDF/A file: laid out by printing's engine, rendered through kernel/pdf.ts,
// and recorded in the audit log (who issued whose extract, the years in it and the file's SHA-256), since it stands in
// for a certificate's marks.

export async function writeLedgerExtract(
  ctx: Ctx,
  studentId: number,
  target: string,
  policy: ExistingFile,
): Promise<{ file: string; title: string; pages: number; sha256: string; years: number }> {
  requirePermission(ctx.actor, 'archive.lookup');
  requirePermission(ctx.actor, 'print');
  const student = (await lookupStudent(ctx, studentId)) ?? notFound('Обучающийся');
  const school = await ctx.db.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst();
  const doc = layoutDocument(
    ledgerExtractSource({
      school: {
        fullName: school?.full_name ?? '',
        shortName: school?.short_name ?? '',
        address: school?.address ?? '',
        directorName: school?.director_name ?? '',
      },
      student,
      issuedBy: ctx.actor.system ? '' : personOf(ctx.actor),
      issuedOn: await schoolToday(ctx),
    }),
  );
  const file = await writeFileSafely(target, policy, (tmp) => renderDocument(doc, 'pdf', tmp));
  const sha256 = createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  await mutate(ctx, (w) =>
    w.audit({
      action: 'print',
      entity: 'student',
      entityId: studentId,
      after: { document: 'ledgerExtract', years: student.years.map((y) => `${y.yearName} ${y.className}`), pages: doc.total, sha256 },
    }),
  );
  return { file, title: doc.title, pages: doc.total, sha256, years: student.years.length };
}

export async function extractFileName(ctx: Ctx, studentId: number): Promise<string> {
  const s =
    (await ctx.db
      .selectFrom('student')
      .select(['last_name', 'first_name', 'middle_name'])
      .where('id', '=', studentId)
      .executeTakeFirst()) ?? notFound('Обучающийся');
  return safeFileName(
    `Выписка из ведомостей ${studentName({ lastName: s.last_name, firstName: s.first_name, middleName: s.middle_name })}.pdf`,
  );
}

export async function ledgerExtractFile(ctx: Ctx, studentId: number): Promise<LookupFile> {
  const name = await extractFileName(ctx, studentId);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-lookup-'));
  try {
    const r = await writeLedgerExtract(ctx, studentId, path.join(dir, 'extract.pdf'), 'replace');
    return { name, mime: 'application/pdf', base64: fs.readFileSync(r.file).toString('base64'), pages: r.pages, sha256: r.sha256 };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

import { AppError } from '../../db/index';
import type { Ctx } from '../kernel/context';
import { DOCUMENT_INFO, type ClassDocument } from '../contract/rules/documents';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { classListSource } from './journal/class-list';
import { assertCanPrintClass } from './journal/data';
import { DB_JOURNAL_PROVIDERS } from './journal/providers';
import { journalSource } from './journal/journal';
import { attendanceByMonthSource, attendanceLedgerSource } from './homeroom/attendance';
import { marksLedgerSource } from './homeroom/marks';
import { ledgerBookSource, type BookClass } from './ledger/book';
import { loadLedgerData } from './ledger/data';
import { DB_LEDGER_PROVIDERS } from './ledger/providers';
import { ledgerSource, type LedgerParts } from './ledger/ledger';
import type { LedgerData, MarkColumn } from './ledger/model';
import { layoutDocument, type DocumentSource, type PagedDocument } from './layout/document';
import type { Sided } from './layout/page';

// How each printable document (named in contract/rules/documents.ts) is built, with its permissions and providers,
// and the file name it is saved under.

export interface BuildOptions {
  sided: Sided;
  /** The class list's date (ISO). */
  date?: string;
  /** The homeroom marks ledger: one period (`p2`) or the year (`year`); all by default. */
  column?: MarkColumn;
}

/** «5А» as file and folder names spell it (a class name holds no path characters, but be safe). */
export function safeFileName(s: string): string {
  return Array.from(s, (ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .trim();
}

export function documentFileName(kind: ClassDocument, className: string, ext: string): string {
  return safeFileName(`${DOCUMENT_INFO[kind].fileStem} ${className}.${ext}`);
}

async function ledgerParts(ctx: Ctx, d: LedgerData): Promise<LedgerParts> {
  const p = DB_LEDGER_PROVIDERS;
  const [marks, decisions, councilNote] = await Promise.all([
    p.marks?.(ctx, d) ?? null,
    p.decisions?.(ctx, d) ?? null,
    p.councilNote?.(ctx, d) ?? null,
  ]);
  return { marks, decisions, councilNote };
}

/** The document's source (before layout): permissions checked, data read, the journal's tables read by the providers. */
export async function classDocumentSource(ctx: Ctx, kind: ClassDocument, classId: number, o: BuildOptions): Promise<DocumentSource> {
  // every document but the class list shows marks, absences or personal data of the class's students
  await assertCanPrintClass(ctx, classId, kind !== 'class-list');
  const d = await loadLedgerData(ctx, classId);
  switch (kind) {
    case 'journal': {
      const p = DB_JOURNAL_PROVIDERS;
      const [subjects, finalMarks, attendance] = await Promise.all([
        p.subjects(ctx, d),
        p.finalMarks?.(ctx, d) ?? null,
        p.attendance?.(ctx, d) ?? null,
      ]);
      return journalSource(d, { subjects, finalMarks, attendance }, o.sided);
    }
    case 'ledger':
      return ledgerSource(d, await ledgerParts(ctx, d), o.sided);
    case 'attendance-months':
      return attendanceByMonthSource(d, (await DB_LEDGER_PROVIDERS.absences?.(ctx, d)) ?? null, o.sided);
    case 'attendance-ledger':
      return attendanceLedgerSource(d, (await DB_LEDGER_PROVIDERS.absences?.(ctx, d)) ?? null, o.sided);
    case 'marks-ledger':
      return marksLedgerSource(d, (await DB_LEDGER_PROVIDERS.marks?.(ctx, d)) ?? null, o.sided, o.column);
    case 'class-list': {
      const date = o.date ?? d.year.start;
      return classListSource(d, date < d.year.start ? d.year.start : date > d.year.end ? d.year.end : date, o.sided);
    }
  }
}

export async function buildClassDocument(ctx: Ctx, kind: ClassDocument, classId: number, o: BuildOptions): Promise<PagedDocument> {
  return layoutDocument(await classDocumentSource(ctx, kind, classId, o));
}

/** The school's book needs every class: only those who print any class (director, deputies, office) may build it. */
export function assertCanPrintSchool(ctx: Ctx): void {
  if (ctx.actor.system) return;
  if (personalScopeIsOwnClass(ctx.actor.roles))
    throw new AppError('FORBIDDEN', 'Печать всей школы доступна директору, заместителям и делопроизводителю.');
}

export async function buildLedgerBook(
  ctx: Ctx,
  yearId: number,
  sided: Sided,
  onClass?: (done: number, total: number) => void,
): Promise<PagedDocument> {
  assertCanPrintSchool(ctx);
  const year = await ctx.db.selectFrom('academic_year').select(['id', 'name']).where('id', '=', yearId).executeTakeFirst();
  if (!year) throw new AppError('NOT_FOUND', 'Учебный год не найден');
  const classes = await ctx.db.selectFrom('class').select('id').where('year_id', '=', yearId).orderBy('grade').orderBy('letter').execute();
  const parts: BookClass[] = [];
  for (const c of classes) {
    await assertCanPrintClass(ctx, c.id, true);
    const data = await loadLedgerData(ctx, c.id);
    parts.push({ data, parts: await ledgerParts(ctx, data) });
    onClass?.(parts.length, classes.length);
  }
  const school = parts[0]?.data.school ?? (await schoolOf(ctx));
  return layoutDocument(ledgerBookSource(school, year.name, parts, sided));
}

async function schoolOf(ctx: Ctx): Promise<LedgerData['school']> {
  const s = await ctx.db.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst();
  return { fullName: s?.full_name ?? '', shortName: s?.short_name ?? '', address: s?.address ?? '', directorName: s?.director_name ?? '' };
}

export function bookFileName(yearName: string, ext: string): string {
  return safeFileName(`Книга сводных ведомостей ${yearName.replace('/', '-')}.${ext}`);
}

import { AppError } from '../../db/index';
import { DOCUMENT_INFO, type ClassDocument } from '../contract/rules/documents';
import { personalScopeIsOwnClass } from '../contract/rules/roles';
import { classListSource } from './journal/class-list';
import { assertCanPrintClass } from './journal/data';
import { DB_JOURNAL_PROVIDERS } from './journal/providers';
import { journalSource, type JournalScope } from './journal/journal';
import type { SubjectPagesData } from './journal/model';
import { requirePermission, type Ctx } from '../kernel/context';
import { invalid } from '../kernel/invalid';
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
  /** The journal: a copy for one period of the class's grade, or for the year (the default). */
  period?: number | 'year';
  /** The journal: one subject's pages (a teacher prints only their own subjects' pages). */
  subjectId?: number;
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
  if (kind === 'journal' && o.subjectId !== undefined) return subjectCopySource(ctx, classId, o.subjectId, o);
  // every document but the class list shows marks, absences or personal data of the class's students
  await assertCanPrintClass(ctx, classId, kind !== 'class-list');
  const d = await loadLedgerData(ctx, classId);
  switch (kind) {
    case 'journal': {
      const scope = journalScope(d, o);
      const range = scope.period ? { start_date: scope.period.start, end_date: scope.period.end } : undefined;
      const p = DB_JOURNAL_PROVIDERS;
      const [subjects, finalMarks, attendance, remarks] = await Promise.all([
        p.subjects(ctx, d),
        p.finalMarks?.(ctx, d) ?? null,
        p.attendance?.(ctx, d, range) ?? null,
        p.remarks?.(ctx, d) ?? null,
      ]);
      return journalSource(d, { subjects, finalMarks, attendance, remarks }, o.sided, scope);
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

/** The journal copy's period: one of the class's grade («1 четверть», «2 полугодие»), or the year. */
function journalScope(d: LedgerData, o: BuildOptions): JournalScope {
  if (o.period === undefined) return {};
  if (o.period === 'year') return { year: true };
  const p = d.periods.find((x) => x.number === o.period);
  if (!p) {
    const have = d.periods.map((x) => x.name).join(', ');
    invalid(`В ${d.cls.grade}-х классах ${d.year.name} учебного года нет периода № ${o.period}${have ? `: есть ${have}` : ''}`);
  }
  return { period: { number: p.number, name: p.name, start: p.start, end: p.end } };
}

/**
 * Subjects of the class whose pages the user may print: every subject for whoever prints the class's journal (the
 * director, deputies, office, the class's homeroom teacher); else the subjects (and subgroups) the user teaches in the
 * class (seed 004 §3.5). `all` says which.
 */
export async function printableSubjects(
  ctx: Ctx,
  classId: number,
): Promise<{ all: boolean; d: LedgerData; pages: SubjectPagesData[]; staffId: number | null }> {
  requirePermission(ctx.actor, 'print.subject');
  let all = true;
  try {
    await assertCanPrintClass(ctx, classId, true);
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'FORBIDDEN') throw e;
    all = false;
  }
  const d = await loadLedgerData(ctx, classId);
  const staffId = ctx.actor.staffId ?? null;
  const pages = (await DB_JOURNAL_PROVIDERS.subjects(ctx, d)).filter((s) => all || (staffId !== null && s.staffIds?.includes(staffId)));
  return { all, d, pages, staffId };
}

/** One subject's pages of the class's journal: whole for those who print the journal, the user's own groups for a teacher. */
async function subjectCopySource(ctx: Ctx, classId: number, subjectId: number, o: BuildOptions): Promise<DocumentSource> {
  const { d, pages } = await printableSubjects(ctx, classId);
  const mine = pages.filter((s) => s.subjectId === subjectId);
  if (!mine.length) {
    const subject = await ctx.db.selectFrom('subject').select('name').where('id', '=', subjectId).executeTakeFirst();
    if (!subject) throw new AppError('NOT_FOUND', 'Учебный предмет не найден');
    const taught = (await DB_JOURNAL_PROVIDERS.subjects(ctx, d)).some((s) => s.subjectId === subjectId);
    if (!taught) invalid(`В ${d.cls.name} классе нет предмета «${subject.name}»`);
    throw new AppError(
      'FORBIDDEN',
      `Учитель печатает страницы только своих предметов: «${subject.name}» в ${d.cls.name} ведёт другой учитель.`,
    );
  }
  const scope: JournalScope = { ...journalScope(d, o), subject: { id: subjectId, name: mine[0].subject } };
  return journalSource(d, { subjects: mine, finalMarks: null, attendance: null }, o.sided, scope);
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

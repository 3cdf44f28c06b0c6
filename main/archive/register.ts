import type { Db } from '../../db/index';
import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { schoolToday } from '../kernel/school-clock';
import {
  ARCHIVE_KIND_TITLES,
  ARCHIVE_KINDS,
  isArchiveKind,
  printDeadline,
  retainUntil,
  retentionExpired,
  type ArchiveKind,
} from '../contract/rules/retention';
import type { ArchiveBoard, ArchiveRow, BoardCell, BoardState, CertifyStep, DocumentState } from '../contract/archive';
import type { PrintedDocument } from '../printing/recorder';
import { recordedPerson } from '../contract/rules/names';

// The archive register (issue 14 part 3; seed 001 director §5): every printed class journal, class ledger and book of
// ledgers, with its certification (laced, signed by the director, sealed), where the paper is kept, how long it is
// kept (contract/rules/retention.ts) and, after a signed act of selection for destruction, when it was destroyed.

/** The kinds printing reports to the archive (registered in main/capabilities.ts). */
export const REGISTERED_KINDS: readonly ArchiveKind[] = ARCHIVE_KINDS;

/** printing's recorder: one register row per document handed out, with its audit row. */
export async function recordPrintedDocument(ctx: Ctx, d: PrintedDocument): Promise<number | null> {
  if (!isArchiveKind(d.kind)) return null;
  let yearId = d.yearId;
  if (d.classId !== null) {
    const c = await ctx.db.selectFrom('class').select('year_id').where('id', '=', d.classId).executeTakeFirst();
    if (!c) notFound('Класс');
    yearId = c.year_id;
  }
  if (yearId === null) invalid('Не указан учебный год напечатанного документа');
  const row = {
    kind: d.kind,
    year_id: yearId,
    class_id: d.classId,
    period: d.period,
    format: d.format,
    pages: d.pages,
    file_name: d.fileName,
    file_sha256: d.sha256,
    printed_at: ctx.now().toISOString(),
    printed_by: personOf(ctx.actor),
  };
  return mutate(ctx, async (w) => {
    const { id } = await w.trx.insertInto('archive_document').values(row).returning('id').executeTakeFirstOrThrow();
    await w.audit({ action: 'archive.printed', entity: 'archive_document', entityId: id, classId: d.classId, after: row });
    return id;
  });
}

function stateOf(r: {
  destroyed_on: string | null;
  sealed_at: string | null;
  signed_at: string | null;
  laced_at: string | null;
}): DocumentState {
  if (r.destroyed_on) return 'destroyed';
  if (r.sealed_at) return 'sealed';
  if (r.signed_at) return 'signed';
  if (r.laced_at) return 'laced';
  return 'printed';
}

function periodTitle(p: string | null): string {
  if (p === null) return '';
  return p === 'year' ? ', год' : `, ${p}-й период`;
}

export async function registerRows(db: Db, today: string, where: { yearId?: number; ids?: number[]; actId?: number } = {}) {
  let q = db
    .selectFrom('archive_document as d')
    .innerJoin('academic_year as y', 'y.id', 'd.year_id')
    .leftJoin('class as c', 'c.id', 'd.class_id')
    .leftJoin('archive_destruction_act as a', 'a.id', 'd.act_id')
    .selectAll('d')
    .select(['y.name as year_name', 'y.end_date as year_end', 'c.name as class_name', 'c.grade', 'c.letter', 'a.number as act_number']);
  if (where.yearId !== undefined) q = q.where('d.year_id', '=', where.yearId);
  if (where.ids) q = q.where('d.id', 'in', where.ids.length ? where.ids : [0]);
  if (where.actId !== undefined) q = q.where('d.act_id', '=', where.actId);
  const rows = await q.orderBy('y.start_date').orderBy('c.grade').orderBy('c.letter').orderBy('d.kind').orderBy('d.id').execute();
  return rows.map((r): ArchiveRow => {
    const kind = r.kind as ArchiveKind;
    const until = retainUntil(kind, r.year_end);
    return {
      id: r.id,
      kind,
      title: `${ARCHIVE_KIND_TITLES[kind]}${r.class_name ? ` ${r.class_name}` : ''}${periodTitle(r.period)}`,
      yearId: r.year_id,
      yearName: r.year_name,
      classId: r.class_id,
      className: r.class_name,
      period: r.period,
      format: r.format,
      pages: r.pages,
      fileName: r.file_name,
      sha256: r.file_sha256,
      printedAt: r.printed_at,
      printedBy: recordedPerson(r.printed_by),
      lacedAt: r.laced_at,
      lacedBy: r.laced_by,
      signedAt: r.signed_at,
      signedBy: r.signed_by,
      sealedAt: r.sealed_at,
      sealedBy: r.sealed_by,
      storagePlace: r.storage_place,
      retainUntil: until,
      expired: retentionExpired(kind, r.year_end, today),
      actId: r.act_id,
      actNumber: r.act_number,
      destroyedOn: r.destroyed_on,
      state: stateOf(r),
    };
  });
}

export async function listRegister(ctx: Ctx, yearId?: number) {
  const today = await schoolToday(ctx);
  return { today, rows: await registerRows(ctx.db, today, { yearId }) };
}

async function oneRow(ctx: Ctx, id: number): Promise<ArchiveRow> {
  const [row] = await registerRows(ctx.db, await schoolToday(ctx), { ids: [id] });
  if (!row) notFound('Документ реестра');
  return row;
}

const STEP_NAMES: Record<CertifyStep, string> = { laced: 'прошит', signed: 'подписан', sealed: 'скреплён печатью' };

/** Records that the paper copy was laced, signed by the director or sealed: on which day and by whom. */
export async function certify(ctx: Ctx, i: { documentId: number; step: CertifyStep; on: string; by: string }): Promise<ArchiveRow> {
  const before = await oneRow(ctx, i.documentId);
  if (before.destroyedOn) invalid('Документ уничтожен по акту: отметки больше не ставятся');
  if (i.on < before.printedAt.slice(0, 10)) invalid(`Документ не может быть ${STEP_NAMES[i.step]} раньше, чем напечатан`);
  if (i.on > (await schoolToday(ctx))) invalid('Дата ещё не наступила');
  await mutate(ctx, async (w) => {
    const set =
      i.step === 'laced'
        ? { laced_at: i.on, laced_by: i.by }
        : i.step === 'signed'
          ? { signed_at: i.on, signed_by: i.by }
          : { sealed_at: i.on, sealed_by: i.by };
    await w.trx.updateTable('archive_document').set(set).where('id', '=', i.documentId).execute();
    await w.audit({
      action: `archive.${i.step}`,
      entity: 'archive_document',
      entityId: i.documentId,
      classId: before.classId,
      before: { at: before[`${i.step}At`], by: before[`${i.step}By`] },
      after: set,
    });
  });
  return oneRow(ctx, i.documentId);
}

export async function setPlace(ctx: Ctx, i: { documentId: number; place: string }): Promise<ArchiveRow> {
  const before = await oneRow(ctx, i.documentId);
  await mutate(ctx, async (w) => {
    await w.trx.updateTable('archive_document').set({ storage_place: i.place }).where('id', '=', i.documentId).execute();
    await w.audit({
      action: 'archive.place',
      entity: 'archive_document',
      entityId: i.documentId,
      classId: before.classId,
      before: { place: before.storagePlace },
      after: { place: i.place },
    });
  });
  return oneRow(ctx, i.documentId);
}

const RANK: Record<BoardState, number> = { missing: 0, printed: 1, laced: 2, signed: 3, sealed: 4 };

/** The best-certified whole-year paper copy (PDF or sent to the printer) of a class's document, or missing. */
function cellOf(rows: ArchiveRow[]): BoardCell {
  let best: BoardCell = { state: 'missing', documentId: null };
  for (const r of rows) {
    if (r.destroyedOn || r.period !== null || r.format === 'docx' || r.format === 'xlsx') continue;
    const s = r.state as BoardState;
    if (RANK[s] > RANK[best.state]) best = { state: s, documentId: r.id };
  }
  return best;
}

/** The 30 June board of a year: which journals and ledgers are printed, which are sealed, which are missing. */
export async function yearBoard(ctx: Ctx, yearId: number): Promise<ArchiveBoard> {
  const year = await ctx.db.selectFrom('academic_year').selectAll().where('id', '=', yearId).executeTakeFirst();
  if (!year) notFound('Учебный год');
  const today = await schoolToday(ctx);
  const rows = await registerRows(ctx.db, today, { yearId });
  const classes = await ctx.db
    .selectFrom('class')
    .select(['id', 'name'])
    .where('year_id', '=', yearId)
    .orderBy('grade')
    .orderBy('letter')
    .execute();
  const of = (kind: ArchiveKind, classId: number | null) => cellOf(rows.filter((r) => r.kind === kind && r.classId === classId));
  const board = classes.map((c) => ({ classId: c.id, className: c.name, journal: of('journal', c.id), ledger: of('ledger', c.id) }));
  const book = of('book', null);
  const cells = [...board.flatMap((b) => [b.journal, b.ledger]), book];
  const deadline = printDeadline(year.end_date);
  const sealed = cells.filter((c) => c.state === 'sealed').length;
  return {
    yearId,
    yearName: year.name,
    deadline,
    overdue: today > deadline && sealed < cells.length,
    classes: board,
    book,
    counts: {
      expected: cells.length,
      printed: cells.filter((c) => c.state !== 'missing').length,
      sealed,
      missing: cells.filter((c) => c.state === 'missing').length,
    },
  };
}

/** Documents whose term is over and that no signed act has destroyed yet. */
export async function expiredDocuments(ctx: Ctx): Promise<ArchiveRow[]> {
  const rows = await registerRows(ctx.db, await schoolToday(ctx));
  return rows.filter((r) => r.expired && !r.destroyedOn);
}

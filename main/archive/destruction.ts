import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { personOf, type Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { invalid, notFound } from '../kernel/invalid';
import { schoolToday } from '../kernel/school-clock';
import { countOf } from '../contract/rules/plural';
import type { ArchiveFile, DestructionAct } from '../contract/archive';
import { layoutDocument } from '../printing/layout/document';
import { renderDocument } from '../printing/render/index';
import { sha256Of } from '../printing/recorder';
import { actSource } from './act-document';
import { registerRows } from './register';
import { recordedPerson } from '../contract/rules/names';

// Acts of selection for destruction. Drawing an act lists expired documents of the register and ties them to it;
// nothing is destroyed yet. Once the act is recorded as signed (approved by the director), its documents are marked
// destroyed on that day. Rows are never deleted: the register keeps the destroyed documents with their act, and every
// step has its audit row.

export async function listActs(ctx: Ctx): Promise<DestructionAct[]> {
  const acts = await ctx.db.selectFrom('archive_destruction_act').selectAll().orderBy('id').execute();
  const counts = await ctx.db
    .selectFrom('archive_document')
    .select(['act_id', (e) => e.fn.countAll<number>().as('n')])
    .where('act_id', 'is not', null)
    .groupBy('act_id')
    .execute();
  const n = new Map(counts.map((c) => [c.act_id, Number(c.n)]));
  return acts.map((a) => ({
    id: a.id,
    number: a.number,
    drawnAt: a.drawn_at,
    drawnBy: recordedPerson(a.drawn_by),
    documents: n.get(a.id) ?? 0,
    signedOn: a.signed_on,
    signedRecordedBy: recordedPerson(a.signed_recorded_by),
  }));
}

async function oneAct(ctx: Ctx, id: number): Promise<DestructionAct> {
  const act = (await listActs(ctx)).find((a) => a.id === id);
  if (!act) notFound('Акт');
  return act;
}

export async function drawAct(ctx: Ctx, documentIds: number[]): Promise<DestructionAct> {
  const ids = [...new Set(documentIds)];
  const rows = await registerRows(ctx.db, await schoolToday(ctx), { ids });
  if (rows.length !== ids.length) notFound('Документ реестра');
  const problems: string[] = [];
  for (const r of rows) {
    if (r.destroyedOn) problems.push(`${r.title} (${r.yearName}) уже уничтожен по акту № ${r.actNumber}`);
    else if (r.actId !== null) problems.push(`${r.title} (${r.yearName}) уже включён в акт № ${r.actNumber}`);
    else if (!r.expired) problems.push(`${r.title} (${r.yearName}) хранится до ${r.retainUntil}: срок не истёк`);
  }
  if (problems.length) invalid(problems);
  const drawnAt = ctx.now().toISOString();
  const id = await mutate(ctx, async (w) => {
    const year = drawnAt.slice(0, 4);
    const { n } = await w.trx
      .selectFrom('archive_destruction_act')
      .select((e) => e.fn.countAll<number>().as('n'))
      .where('drawn_at', 'like', `${year}%`)
      .executeTakeFirstOrThrow();
    const number = `${Number(n) + 1}/${year}`;
    const { id } = await w.trx
      .insertInto('archive_destruction_act')
      .values({ number, drawn_at: drawnAt, drawn_by: personOf(ctx.actor) })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.trx.updateTable('archive_document').set({ act_id: id }).where('id', 'in', ids).execute();
    await w.audit({ action: 'archive.actDrawn', entity: 'archive_destruction_act', entityId: id, after: { number, documentIds: ids } });
    return id;
  });
  return oneAct(ctx, id);
}

/** The act as a PDF/A file (its hash is kept on the act: the signed paper is this file). */
export async function actFile(ctx: Ctx, actId: number): Promise<ArchiveFile & { bytes: Buffer }> {
  const act = await oneAct(ctx, actId);
  const rows = await registerRows(ctx.db, await schoolToday(ctx), { actId });
  const school = await ctx.db.selectFrom('school').selectAll().where('id', '=', 1).executeTakeFirst();
  const doc = layoutDocument(
    actSource({
      schoolName: school?.full_name ?? '',
      schoolShort: school?.short_name ?? '',
      directorName: school?.director_name ?? '',
      number: act.number,
      drawnOn: act.drawnAt.slice(0, 10),
      rows,
    }),
  );
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-act-'));
  try {
    const file = path.join(dir, 'act.pdf');
    await renderDocument(doc, 'pdf', file);
    const bytes = fs.readFileSync(file);
    const sha256 = sha256Of(bytes);
    await mutate(ctx, async (w) => {
      await w.trx.updateTable('archive_destruction_act').set({ file_sha256: sha256 }).where('id', '=', actId).execute();
      await w.audit({
        action: 'archive.actPrinted',
        entity: 'archive_destruction_act',
        entityId: actId,
        after: { sha256, pages: doc.total },
      });
    });
    return {
      name: `Акт о выделении к уничтожению № ${act.number.replace('/', '-')}.pdf`,
      mime: 'application/pdf',
      base64: bytes.toString('base64'),
      pages: doc.total,
      sha256,
      bytes,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The act was signed on `signedOn`: its documents are marked destroyed on that day. */
export async function signAct(ctx: Ctx, actId: number, signedOn: string): Promise<DestructionAct> {
  const act = await oneAct(ctx, actId);
  if (act.signedOn) invalid(`Акт № ${act.number} уже отмечен подписанным ${act.signedOn}`);
  if (signedOn < act.drawnAt.slice(0, 10)) invalid('Акт не может быть подписан раньше, чем составлен');
  if (signedOn > (await schoolToday(ctx))) invalid('Дата подписания ещё не наступила');
  if (act.documents === 0) invalid('В акте нет документов');
  await mutate(ctx, async (w) => {
    await w.trx
      .updateTable('archive_destruction_act')
      .set({ signed_on: signedOn, signed_recorded_by: personOf(ctx.actor), signed_recorded_at: ctx.now().toISOString() })
      .where('id', '=', actId)
      .execute();
    const docs = await w.trx.selectFrom('archive_document').select('id').where('act_id', '=', actId).execute();
    await w.trx.updateTable('archive_document').set({ destroyed_on: signedOn }).where('act_id', '=', actId).execute();
    await w.audit({
      action: 'archive.actSigned',
      entity: 'archive_destruction_act',
      entityId: actId,
      after: { number: act.number, signedOn, destroyed: docs.map((d) => d.id) },
    });
  });
  return oneAct(ctx, actId);
}

export function actSummary(a: DestructionAct): string {
  return `Акт № ${a.number}: ${countOf(a.documents, ['документ', 'документа', 'документов'])}${a.signedOn ? `, подписан ${a.signedOn}` : ', не подписан'}`;
}

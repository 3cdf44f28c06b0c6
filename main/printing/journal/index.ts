import type { Ctx } from '../../kernel/context';
import { layoutDocument, type PagedDocument } from '../layout/document';
import type { Sided } from '../layout/page';
import { classListSource } from './class-list';
import { assertCanPrintClass, loadJournalData } from './data';
import { journalSource } from './journal';
import type { JournalProviders } from './model';
import { documentProviders } from '../providers';

/** The class journal of one class, laid out. Subject pages, final marks and attendance come from `providers`. */
export async function buildJournal(ctx: Ctx, input: { classId: number; sided: Sided; providers?: JournalProviders }): Promise<PagedDocument> {
  await assertCanPrintClass(ctx, input.classId, true);
  const data = await loadJournalData(ctx, input.classId);
  const p = input.providers ?? documentProviders().journal;
  const [subjects, finalMarks, attendance] = await Promise.all([p.subjects(ctx, data), p.finalMarks?.(ctx, data) ?? null, p.attendance?.(ctx, data) ?? null]);
  return layoutDocument(journalSource(data, { subjects, finalMarks, attendance }, input.sided));
}

/** The list of the class on `date` (clipped to the class's year). */
export async function buildClassList(ctx: Ctx, input: { classId: number; date: string; sided: Sided }): Promise<PagedDocument> {
  await assertCanPrintClass(ctx, input.classId, false);
  const data = await loadJournalData(ctx, input.classId);
  const date = input.date < data.year.start ? data.year.start : input.date > data.year.end ? data.year.end : input.date;
  return layoutDocument(classListSource(data, date, input.sided));
}

import type { Ctx } from '../../kernel/context';
import { classFinalMarks, classSubjectIds, classYear } from '../journal/providers';
import type { DayAbsence, LedgerAbsences, LedgerData, LedgerMarks, LedgerProviders, MarkColumn } from './model';

// The summary ledger's and the homeroom printouts' data from the journal tables: the class's subjects (curriculum,
// lessons and final marks, in catalogue order) with the final marks per column, and lessons missed per student per
// day by reason. Read with the journal's providers' queries (`classYear`: no lessons' topics, no marks of every
// lesson), once per document.
//
// Not here: the pedagogical council's decisions and the protocol under the ledger (`decisions`, `councilNote`): the
// database has no table for them yet, so those cells stay blank to be filled in by hand.

async function marks(ctx: Ctx, data: LedgerData): Promise<LedgerMarks | null> {
  const [y, finals] = await Promise.all([classYear(ctx, data), classFinalMarks(ctx, data)]);
  const ids = classSubjectIds(y, finals.keys());
  // nothing known about the class's subjects: the ledger falls back to the catalogue
  if (!ids.length) return null;
  return {
    subjects: ids.map((id) => {
      const s = y.subjects.get(id)!;
      const perStudent: Record<number, Partial<Record<MarkColumn, string>>> = {};
      for (const [studentId, m] of finals.get(id) ?? []) perStudent[studentId] = { ...m };
      return { name: s.name, short: s.short, marks: perStudent };
    }),
  };
}

async function absences(ctx: Ctx, data: LedgerData): Promise<LedgerAbsences | null> {
  const y = await classYear(ctx, data);
  const days: Record<number, Record<string, DayAbsence>> = {};
  for (const a of y.absences) {
    const per = (days[a.studentId] ??= {});
    const d = (per[a.date] ??= { illness: 0, excused: 0, unexcused: 0 });
    if (a.code === 'б') d.illness++;
    else if (a.code === 'у') d.excused++;
    else d.unexcused++;
  }
  return { days };
}

/** The ledger's providers reading the journal tables: registered as the defaults in `../providers.ts`. */
export const DB_LEDGER_PROVIDERS: LedgerProviders = { marks, absences };

import type { Ctx } from '../../kernel/context';
import { classFinalMarks, classSubjectIds, classYear } from '../journal/providers';
import { decisionsOfClass } from '../../journal/year-close';
import type { DayAbsence, LedgerAbsences, LedgerData, LedgerMarks, LedgerProviders, MarkColumn, TransferDecision } from './model';

// The summary ledger's and the homeroom printouts' data from the journal tables: the class's subjects (curriculum,
// lessons and final marks, in catalogue order) with the final marks per column, and lessons missed per student per
// day by reason. Read with the journal's providers' queries (`classYear`: no lessons' topics, no marks of every
// lesson), once per document.
//
// The pedagogical council's decisions (`council_decision`, recorded on the year-close screen) fill the decision column;
// the protocol most of them name is printed under the ledger. A student without a decision keeps a blank cell.

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

async function decisions(ctx: Ctx, data: LedgerData): Promise<Readonly<Record<number, TransferDecision>> | null> {
  const rows = await decisionsOfClass(ctx, data.cls.id);
  if (!rows.length) return null;
  return Object.fromEntries(rows.map((r) => [r.student_id, { kind: r.kind }]));
}

async function councilNote(ctx: Ctx, data: LedgerData): Promise<string | null> {
  const counts = new Map<string, number>();
  for (const r of await decisionsOfClass(ctx, data.cls.id)) if (r.protocol) counts.set(r.protocol, (counts.get(r.protocol) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** The ledger's providers reading the journal tables: registered as the defaults in `../providers.ts`. */
export const DB_LEDGER_PROVIDERS: LedgerProviders = { marks, absences, decisions, councilNote };

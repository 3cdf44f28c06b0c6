import type { Ctx } from '../../kernel/context';
import type { JournalData } from '../journal/model';

// What the summary ledger of final marks and the homeroom printouts are built from. The class, its students and the
// year's calendar come from the database now; marks, decisions and absences come from `LedgerProviders`, which the
// marks module supplies (like `JournalProviders` for the journal). Without providers every document is an empty,
// correct form: the students, the subjects, the periods, blank cells to fill in by hand.

export interface LedgerPeriod {
  /** 1, 2, 3, 4 in the order of the grade's scheme. */
  number: number;
  /** «1 четверть». */
  name: string;
  /** «1 ч.», «2 тр.», «1 пол.»: column and row labels. */
  short: string;
  start: string;
  end: string;
}

/** A column of final marks: each period, then the year, the exam and the final mark. */
export type MarkColumn = `p${number}` | 'year' | 'exam' | 'final';

export interface LedgerSubject {
  /** «Математика». */
  name: string;
  /** «Матем.»: the narrow column headings. */
  short: string;
}

export interface LedgerData extends JournalData {
  /** The periods of the class's grade, in order (empty when the year has no scheme for the grade yet). */
  periods: LedgerPeriod[];
  /**
   * The class's subjects when the providers do not name them: the school's catalogue (federal component first).
   * The marks module's providers return the class's own curriculum instead.
   */
  catalogue: LedgerSubject[];
  /** Days without lessons for this class: weekends (by the class's week) and holidays for its grade. */
  daysOff: ReadonlySet<string>;
  /** Monday = 1 … Sunday = 7: the class studies on days 1..weekDays. */
  weekDays: number;
}

/** A mark as printed: «5», «4», «зач», «н/а», «осв.». Empty or missing: nothing printed. */
export type MarkText = string;

export interface LedgerMarks {
  /** The class's subjects in the order of the curriculum, each with its marks per student and column. */
  subjects: (LedgerSubject & { marks: Readonly<Record<number, Partial<Record<MarkColumn, MarkText>>>> })[];
}

/** The pedagogical council's decision about a student at the end of the year. */
export type TransferKind = 'promoted' | 'conditional' | 'retained' | 'graduated';

export interface TransferDecision {
  kind: TransferKind;
  /** Overrides the standard wording. */
  text?: string;
}

/** Lessons missed by one student on one day, by reason. */
export interface DayAbsence {
  /** Lessons missed through illness (медицинская справка). */
  illness: number;
  /** For another valid reason (заявление родителей, приказ). */
  excused: number;
  /** Without a valid reason. */
  unexcused: number;
}

export interface LedgerAbsences {
  /** Per student id, per ISO date. */
  days: Readonly<Record<number, Readonly<Record<string, DayAbsence>>>>;
}

/** The marks module fills these in; until then the ledgers and printouts are empty forms. */
export interface LedgerProviders {
  /** Period, year, exam and final marks of the class's students. null: no marks yet (the catalogue is used). */
  marks?(ctx: Ctx, data: LedgerData): Promise<LedgerMarks | null>;
  /** The council's decisions, per student id. Missing: the cell is left blank to fill in by hand. */
  decisions?(ctx: Ctx, data: LedgerData): Promise<Readonly<Record<number, TransferDecision>> | null>;
  /** Lessons missed per student per day. */
  absences?(ctx: Ctx, data: LedgerData): Promise<LedgerAbsences | null>;
  /** When the council decided, printed under the ledger: «протокол № 12 от 29.05.2026». */
  councilNote?(ctx: Ctx, data: LedgerData): Promise<string | null>;
}

export function columnsOf(periods: readonly LedgerPeriod[]): { key: MarkColumn; label: string }[] {
  return [
    ...periods.map((p) => ({ key: `p${p.number}` as MarkColumn, label: p.short })),
    { key: 'year', label: 'Год' },
    { key: 'exam', label: 'Экз.' },
    { key: 'final', label: 'Итог' },
  ];
}

export function totalAbsence(a: DayAbsence | undefined): number {
  return a ? a.illness + a.excused + a.unexcused : 0;
}

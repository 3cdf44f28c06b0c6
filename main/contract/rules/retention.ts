// How long the archive keeps a printed document (seed 001, director §5): class journals 5 years, summary ledgers (and
// the school's book of them) 25 years. The one rule the register, the expiry list and the destruction act share.
//
// The term runs from the end of the year in which the school year's records were closed: it counts from 1 January of
// the next calendar year (the archival rule for a file's term), so a journal of 2025/2026 (ended in 2026) is kept until
// 31.12.2031 and may be selected for destruction from 01.01.2032; its ledger is kept until 31.12.2051.

export const ARCHIVE_KINDS = ['journal', 'ledger', 'book'] as const;
/** What the register holds: a class journal, a class's summary ledger, the school's book of ledgers. */
export type ArchiveKind = (typeof ARCHIVE_KINDS)[number];

export const RETENTION_YEARS: Record<ArchiveKind, number> = { journal: 5, ledger: 25, book: 25 };

export const ARCHIVE_KIND_TITLES: Record<ArchiveKind, string> = {
  journal: 'Классный журнал',
  ledger: 'Сводная ведомость успеваемости',
  book: 'Книга сводных ведомостей',
};

export function isArchiveKind(k: string): k is ArchiveKind {
  return (ARCHIVE_KINDS as readonly string[]).includes(k);
}

/** The last day the document must be kept (ISO): 31 December of the school year's end year + the term. */
export function retainUntil(kind: ArchiveKind, yearEnd: string): string {
  return `${Number(yearEnd.slice(0, 4)) + RETENTION_YEARS[kind]}-12-31`;
}

/** The term is over on `today` (ISO): the document may be listed in an act of selection for destruction. */
export function retentionExpired(kind: ArchiveKind, yearEnd: string, today: string): boolean {
  return today > retainUntil(kind, yearEnd);
}

/** The paper copies of a year are printed, laced, signed and sealed «не позднее 30 июня» of the year's end. */
export function printDeadline(yearEnd: string): string {
  return `${yearEnd.slice(0, 4)}-06-30`;
}

import { z } from 'zod';
import { empty, id, isoDate, required, text } from './fields';
import type { ArchiveKind } from './rules/retention';

// Channels of the archive (issue 14 parts 3–4): the register of printed journals and ledgers and their certification
// (laced, signed, sealed; where the paper is kept), the 30 June board, the documents whose term is over, the acts of
// selection for destruction, and the re-checks of the year packages' hashes.

export const CERTIFY_STEPS = ['laced', 'signed', 'sealed'] as const;
/** Прошит, подписан руководителем, скреплён печатью. */
export type CertifyStep = (typeof CERTIFY_STEPS)[number];

export const archiveSchemas = {
  /** The register: every printed document, of one year or of all years. */
  'archive.register': z.object({ yearId: id.optional() }),
  /** Records one step of certification of a printed document: when and by whom. */
  'archive.certify': z.object({
    documentId: id,
    step: z.enum(CERTIFY_STEPS, { message: 'Шаг: прошит, подписан или скреплён печатью' }),
    on: isoDate('Дата'),
    by: required('Кто', 200),
  }),
  /** Where the paper copy is kept (a room, a cabinet, a box). */
  'archive.place': z.object({ documentId: id, place: text(200) }),
  /** What is printed, sealed and missing of a year by its 30 June. */
  'archive.board': z.object({ yearId: id }),
  /** Documents whose term is over and not yet destroyed. */
  'archive.expired': empty,
  'archive.acts': empty,
  /** Draws an act of selection for destruction listing these expired documents (nothing is destroyed yet). */
  'archive.actDraw': z.object({ documentIds: z.array(id).min(1, 'Выберите документы для акта').max(5000) }),
  'archive.actFile': z.object({ actId: id }),
  /** The act was signed on this day: its documents are marked destroyed (the audit keeps everything). */
  'archive.actSign': z.object({ actId: id, signedOn: isoDate('Дата подписания') }),
  /** The last re-checks of the year packages: warnings for the home screen. */
  'archive.checks': empty,
} as const;

export type DocumentState = 'printed' | 'laced' | 'signed' | 'sealed' | 'destroyed';

export interface ArchiveRow {
  id: number;
  kind: ArchiveKind;
  title: string;
  yearId: number;
  yearName: string;
  classId: number | null;
  className: string | null;
  /** null: the whole year; otherwise the period the copy covers («1», «year»…). */
  period: string | null;
  format: string;
  pages: number;
  fileName: string;
  sha256: string;
  printedAt: string;
  printedBy: string;
  lacedAt: string | null;
  lacedBy: string | null;
  signedAt: string | null;
  signedBy: string | null;
  sealedAt: string | null;
  sealedBy: string | null;
  storagePlace: string;
  /** The last day it must be kept (contract/rules/retention.ts). */
  retainUntil: string;
  expired: boolean;
  actId: number | null;
  actNumber: string | null;
  destroyedOn: string | null;
  state: DocumentState;
}

export interface ArchiveRegister {
  today: string;
  rows: ArchiveRow[];
}

export type BoardState = 'missing' | 'printed' | 'laced' | 'signed' | 'sealed';

export interface BoardCell {
  state: BoardState;
  documentId: number | null;
}

export interface ArchiveBoard {
  yearId: number;
  yearName: string;
  /** 30 June of the year's end. */
  deadline: string;
  overdue: boolean;
  classes: { classId: number; className: string; journal: BoardCell; ledger: BoardCell }[];
  book: BoardCell;
  counts: { expected: number; printed: number; sealed: number; missing: number };
}

export interface DestructionAct {
  id: number;
  number: string;
  drawnAt: string;
  drawnBy: string;
  documents: number;
  signedOn: string | null;
  signedRecordedBy: string | null;
}

export interface ArchiveFile {
  name: string;
  mime: string;
  base64: string;
  pages: number;
  sha256: string;
}

export interface ArchiveChecks {
  packages: { id: number; yearName: string; folder: string; createdAt: string; lastCheckAt: string | null; ok: boolean | null }[];
  warnings: string[];
}

export interface ArchiveOutputs {
  'archive.register': ArchiveRegister;
  'archive.certify': ArchiveRow;
  'archive.place': ArchiveRow;
  'archive.board': ArchiveBoard;
  'archive.expired': ArchiveRow[];
  'archive.acts': DestructionAct[];
  'archive.actDraw': DestructionAct;
  'archive.actFile': ArchiveFile;
  'archive.actSign': DestructionAct;
  'archive.checks': ArchiveChecks;
}

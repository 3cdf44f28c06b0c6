import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Ctx } from '../kernel/context';
import type { ClassDocument, Format } from '../contract/rules/documents';

// Who wants to know what was printed. The archive (main/archive) keeps a register of every printed journal and ledger;
// printing may not import it, so main/capabilities.ts registers the archive's recorder here, with the kinds it keeps.
// Printing calls recordPrinted() after each document it hands out: a file written (CLI, whole-school printing), a file
// returned to save, or HTML sent to the printer.

export interface PrintedDocument {
  kind: ClassDocument | 'book';
  /** The class, for a class's document; null for the school's book. */
  classId: number | null;
  /** The school year, for the book; for a class's document the class's year. */
  yearId: number | null;
  /** null: the whole year; otherwise the period of a period copy («1», «2», «year»). */
  period: string | null;
  format: Format;
  pages: number;
  fileName: string;
  sha256: string;
}

export type PrintRecorder = (ctx: Ctx, d: PrintedDocument) => Promise<void>;

const recorders: { kinds: ReadonlySet<string>; record: PrintRecorder }[] = [];

export function registerPrintRecorder(kinds: readonly string[], record: PrintRecorder): void {
  recorders.push({ kinds: new Set(kinds), record });
}

/** Some recorder keeps documents of this kind: printing it writes to the database (the CLI opens it for writing). */
export function printIsRecorded(kind: string): boolean {
  return recorders.some((r) => r.kinds.has(kind));
}

export async function recordPrinted(ctx: Ctx, d: PrintedDocument): Promise<void> {
  for (const r of recorders) if (r.kinds.has(d.kind)) await r.record(ctx, d);
}

export function sha256Of(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function sha256OfFile(file: string): string {
  return sha256Of(fs.readFileSync(file));
}

import { z } from 'zod';
import { empty, id, isoDate } from './fields';
import { CLASS_DOCUMENTS, FORMATS, SIDED, type ClassDocument, type DocumentInfo, type Format, type Sided } from './rules/documents';

// Channels of the print and archive screen: what can be printed, page previews, the document as HTML for the
// browser's (and Electron's) print, the document as a file to save, and whole-school printing as a job.

export const documentSpec = z.object({
  kind: z.enum([...CLASS_DOCUMENTS, 'book'], { message: 'Неизвестный документ' }),
  /** Every document but the school's book is of one class. */
  classId: id.optional(),
  /** The book is of a year. */
  yearId: id.optional(),
  sided: z.enum(SIDED).optional(),
  date: isoDate('Дата списка').optional(),
  /** The journal: a copy for one period of the class's grade or the year; the homeroom marks ledger: one section. */
  period: z.union([z.literal('year'), z.number().int().min(1).max(9)]).optional(),
  /** The journal: one subject's pages (a teacher: only a subject they teach in the class). */
  subjectId: id.optional(),
});

export const printSchemas = {
  'print.documents': empty,
  'print.classes': z.object({ yearId: id }),
  'print.preview': documentSpec.extend({
    /** First page to return (1-based) and how many. */
    from: z.number().int().min(1).default(1),
    count: z.number().int().min(1).max(20).default(1),
    /** Lay the document out again even if a recent layout is at hand. */
    fresh: z.boolean().default(false),
  }),
  'print.fonts': empty,
  'print.journalOptions': z.object({ classId: id }),
  'print.html': documentSpec,
  'print.file': documentSpec.extend({ format: z.enum(FORMATS, { message: `Формат: ${FORMATS.join(', ')}` }) }),
  'print.schoolStart': z.object({
    yearId: id,
    /** An absolute folder on this computer. */
    outDir: z.string().trim().min(1, 'Укажите папку для файлов').max(1000),
    formats: z.array(z.enum(FORMATS)).min(1, 'Выберите хотя бы один формат'),
    kinds: z.array(z.enum(CLASS_DOCUMENTS)).min(1, 'Выберите хотя бы один документ'),
    classIds: z.array(id).optional(),
    book: z.boolean().default(true),
    sided: z.enum(SIDED).optional(),
  }),
  'print.schoolStatus': z.object({ jobId: z.string().max(40).optional() }),
  'print.schoolCancel': z.object({ jobId: z.string().max(40) }),
} as const;

/** What the print screen offers this user. */
export interface PrintDocuments {
  documents: DocumentInfo[];
  /** Whole-school printing's documents by default. */
  schoolSet: ClassDocument[];
  formats: readonly Format[];
  /** The school's setting `print.sided`. */
  sided: Sided;
  /** Whole-school printing and the school's book need the right to print every class. */
  wholeSchool: boolean;
  /** Where whole-school printing writes unless told otherwise: «Печать» beside the database. */
  defaultFolder: string;
  /** A teacher: only the journal's pages of their own subjects (the screen offers nothing else). */
  ownSubjectsOnly: boolean;
}

/** What a class's journal can be printed for: its grade's periods and the subjects whose pages the user may print. */
export interface JournalPrintOptions {
  periods: { number: number; name: string; start: string; end: string }[];
  subjects: { id: number; name: string }[];
  /** The whole journal (every subject, the class's pages) may be printed; false: only the subjects listed. */
  wholeJournal: boolean;
}

/** A class the user may print. */
export interface PrintableClass {
  id: number;
  name: string;
  grade: number;
  /** The homeroom teacher's full name. */
  homeroom: string | null;
  students: number;
}

export interface PreviewPageRef {
  number: number;
  orientation: 'portrait' | 'landscape';
  /** The title of the document's section the page belongs to. */
  section: string;
}

/** A few laid-out pages of a document. */
export interface PrintPreview {
  title: string;
  total: number;
  /** Sheets of paper. */
  leaves: number;
  sided: Sided;
  /** Every page of the document (for the page list), not only those returned. */
  pages: PreviewPageRef[];
  /** The first page returned (1-based). */
  from: number;
  /** The pages' boxes; the page CSS is included, the fonts come once from print.fonts. */
  html: string;
}

export interface PrintFonts {
  css: string;
}

/** The whole document as one HTML page for printing. */
export interface PrintHtml {
  title: string;
  html: string;
  pages: number;
}

/** The document as a file to save. */
export interface PrintFile {
  name: string;
  mime: string;
  base64: string;
  pages: number;
  leaves: number;
}

/** A file written by whole-school printing. */
export interface WrittenFile {
  file: string;
  /** Relative to the output folder, for people. */
  name: string;
  className: string | null;
  kind: ClassDocument | 'book';
  format: Format;
  pages: number;
  bytes: number;
}

/** A document whole-school printing could not write (the others go on). */
export interface FailedItem {
  className: string | null;
  kind: ClassDocument | 'book';
  message: string;
}

export interface SchoolJobStarted {
  jobId: string;
}

/** Whole-school printing as the screen polls it. */
export interface SchoolJobState {
  jobId: string;
  status: 'running' | 'cancelling' | 'done' | 'cancelled' | 'failed';
  startedAt: string;
  folder: string;
  done: number;
  total: number;
  /** What is being printed now. */
  current: string;
  written: WrittenFile[];
  failed: FailedItem[];
  error: string | null;
  ms: number;
}

export interface PrintOutputs {
  'print.documents': PrintDocuments;
  'print.classes': PrintableClass[];
  'print.preview': PrintPreview;
  'print.fonts': PrintFonts;
  'print.html': PrintHtml;
  'print.file': PrintFile;
  'print.journalOptions': JournalPrintOptions;
  'print.schoolStart': SchoolJobStarted;
  'print.schoolStatus': SchoolJobState | null;
  'print.schoolCancel': true;
}

import { z } from 'zod';
import { CLASS_DOCUMENTS } from '../printing/catalog';
import { FORMATS } from '../printing/render/index';
import type * as print from '../printing/service';
import { empty, id, isoDate } from './fields';

// Channels of the print and archive screen: what can be printed, page previews, the document as HTML for the
// browser's (and Electron's) print, the document as a file to save, and whole-school printing as a job.

export const documentSpec = z.object({
  kind: z.enum([...CLASS_DOCUMENTS, 'book'], { message: 'Неизвестный документ' }),
  /** Every document but the school's book is of one class. */
  classId: id.optional(),
  /** The book is of a year. */
  yearId: id.optional(),
  sided: z.enum(['single', 'double']).optional(),
  date: isoDate('Дата списка').optional(),
  period: z.union([z.literal('year'), z.number().int().min(1).max(9)]).optional(),
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
    sided: z.enum(['single', 'double']).optional(),
  }),
  'print.schoolStatus': z.object({ jobId: z.string().max(40).optional() }),
  'print.schoolCancel': z.object({ jobId: z.string().max(40) }),
} as const;

type R<F extends (...a: never[]) => unknown> = Awaited<ReturnType<F>>;

export interface PrintOutputs {
  'print.documents': R<typeof print.printableDocuments>;
  'print.classes': R<typeof print.printableClasses>;
  'print.preview': R<typeof print.previewPages>;
  'print.fonts': { css: string };
  'print.html': { title: string; html: string; pages: number };
  'print.file': R<typeof print.documentFile>;
  'print.schoolStart': { jobId: string };
  'print.schoolStatus': print.SchoolJobState | null;
  'print.schoolCancel': true;
}

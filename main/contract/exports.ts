import { z } from 'zod';
import { id, required } from './fields';

// Data in and out (issue 16): exports of a whole year and of the list screens, and the import of marks, absences and
// topics from another journal's XLSX export (a preview first; nothing saved until it is accepted).

export const EXPORT_LISTS = ['students', 'staff', 'classes', 'groups', 'groupMembers', 'timetable', 'lessons'] as const;
export type ExportListName = (typeof EXPORT_LISTS)[number];

const otherJournalFile = z.object({
  name: required('Имя файла', 255),
  base64: z.string().max(8_000_000, 'Файл больше 6 МБ: разделите его по предметам'),
});

export const exportsSchemas = {
  'export.year': z.object({
    yearId: id,
    format: z.enum(['xlsx', 'csv', 'json'], { message: 'Формат выгрузки: XLSX, CSV или JSON' }),
  }),
  'export.list': z.object({
    yearId: id,
    list: z.enum(EXPORT_LISTS, { message: 'Неизвестный список для выгрузки' }),
    format: z.enum(['xlsx', 'csv'], { message: 'Формат выгрузки: XLSX или CSV' }),
    /** Only this class's rows. */
    classId: id.nullable().default(null),
  }),
  'import.journal.preview': z.object({ classId: id, file: otherJournalFile }),
  /** The same file again: checked anew, then saved all together or not at all. */
  'import.journal.apply': z.object({ classId: id, file: otherJournalFile }),
} as const;

export interface DownloadFile {
  name: string;
  base64: string;
}

export interface YearExportResult {
  files: DownloadFile[];
  /** Whether the personal columns are in it. */
  personal: boolean;
}

export interface ListExportResult extends DownloadFile {
  personal: boolean;
  rows: number;
}

/** One subject's sheet of the other journal's file. */
export interface OtherJournalSheet {
  sheet: string;
  subject: string | null;
  /** Students of the sheet found in the class. */
  students: number;
  /** Dates of the sheet found among the class's lessons of the subject. */
  dates: number;
  marks: number;
  absences: number;
  topics: number;
}

export interface OtherJournalProblem {
  sheet: string;
  /** Row (1-based) or column letter in the sheet. */
  place: string;
  text: string;
  reason: string;
}

export interface OtherJournalPreview {
  className: string;
  sheets: OtherJournalSheet[];
  /** Cells to write (matched student and date, valid text, not empty). */
  cells: number;
  marks: number;
  absences: number;
  topics: number;
  /** Sheets whose name is no subject of the school. */
  unmatchedSheets: OtherJournalProblem[];
  unmatchedStudents: OtherJournalProblem[];
  unmatchedDates: OtherJournalProblem[];
  invalidCells: OtherJournalProblem[];
  /** What the journal itself refuses (rights, a closed period, a lesson not held yet, the closed year). */
  refusals: string[];
  /** Nothing refuses the import: invalid cells must be corrected in the file first. */
  ready: boolean;
}

export interface OtherJournalApplied extends OtherJournalPreview {
  saved: number;
}

export interface ExportsOutputs {
  'export.year': YearExportResult;
  'export.list': ListExportResult;
  'import.journal.preview': OtherJournalPreview;
  'import.journal.apply': OtherJournalApplied;
}

import { z } from 'zod';
import { required } from './fields';

// Data in and out (issue 16): the roster import of students (with parents), staff, subjects and classes from XLSX or
// CSV, its templates and the roster's exports in the same columns.

export const IMPORT_KINDS = ['students', 'staff', 'subjects', 'classes'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_NAMES: Record<ImportKind, string> = {
  students: 'Ученики и родители',
  staff: 'Сотрудники',
  subjects: 'Предметы',
  classes: 'Классы',
};

/** A file sent from the renderer: its name and content in base64 (at most 6 MB after decoding). */
const upload = z.object({
  name: required('Имя файла', 255),
  base64: z.string().max(8_000_000, 'Файл больше 6 МБ: разделите его'),
});
const kind = z.enum(IMPORT_KINDS, { message: 'Что загружать: ученики, сотрудники, предметы или классы' });
/** Field key → the file's column (0-based), or null for «не загружать». Absent: the remembered or recognised one. */
const mapping = z.record(z.string().max(40), z.number().int().min(0).max(500).nullable()).optional();

export const exchangeSchemas = {
  'import.template': z.object({ kind }),
  'import.preview': z.object({ kind, file: upload, mapping }),
  'import.run': z.object({ kind, file: upload, mapping }),
} as const;

export interface ImportField {
  key: string;
  title: string;
  required: boolean;
  personal: boolean;
}

export interface ImportRow {
  /** The row's number in the file. */
  row: number;
  /** The mapped fields' values as read (dates as ГГГГ-ММ-ДД once recognised). */
  values: Record<string, string>;
  errors: string[];
  warnings: string[];
  /** What saving would do with this row: add a new person (or subject, class) or update the matched one. */
  action: 'create' | 'update';
  /** Who the row matched, for an update: «Иванов Пётр Сергеевич, 5А». */
  matched: string | null;
}

export interface ImportPreview {
  kind: ImportKind;
  format: 'xlsx' | 'csv';
  /** «UTF-8», «Windows-1251»…; null for XLSX. */
  encoding: string | null;
  delimiter: string | null;
  /** Why the file cannot be imported at all (empty, not a spreadsheet, merged header, too many rows). */
  fatal: string | null;
  /** The file's header line. */
  headers: string[];
  fields: ImportField[];
  /** Field key → column index in `headers`, or null. */
  mapping: Record<string, number | null>;
  /** Whether the mapping came from the last import of this kind. */
  remembered: boolean;
  rows: ImportRow[];
  /** Fields a row cannot go without that no column is mapped to. */
  missing: string[];
  counts: { rows: number; errors: number; warnings: number; create: number; update: number };
}

export interface ImportResult {
  kind: ImportKind;
  created: number;
  updated: number;
  /** «Добавлено 1 092 ученика, обновлено 8». */
  summary: string;
}

export interface ImportTemplate {
  name: string;
  base64: string;
}

export interface ExchangeOutputs {
  'import.template': ImportTemplate;
  'import.preview': ImportPreview;
  'import.run': ImportResult;
}

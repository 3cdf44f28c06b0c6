import { z } from 'zod';
import { id, isoDate } from './fields';

// Channels of the 25-year look-up (issue 14 part 5): a former student's final marks of every closed year, found by
// name, birth date or personal-file number, as the summary ledgers of those years show them, and the certified extract
// from the ledgers printed from them (for duplicates of certificates). Office staff, deputies and the director.

const query = z
  .string()
  .trim()
  .max(200, 'Не длиннее 200 символов')
  .optional()
  .transform((s) => (s ? s : undefined));

export const lookupSchemas = {
  'lookup.search': z
    .object({
      /** Part of the surname, name and patronymic, in any case, «ё» or «е»: «иванов пет». */
      name: query.refine((s) => s === undefined || s.replace(/\s/g, '').length >= 2, { message: 'Имя: хотя бы две буквы' }),
      birthDate: isoDate('Дата рождения').optional(),
      /** The personal-file number, exactly (case and spaces aside): «А-123». */
      fileNo: query,
    })
    .refine((v) => v.name || v.birthDate || v.fileNo, { message: 'Укажите фамилию и имя, дату рождения или номер личного дела' }),
  /** The certified extract from the ledgers of one student, PDF/A. */
  'lookup.extractFile': z.object({ studentId: id }),
} as const;

/** A column of a year's ledger: each period of the grade, then the year, the exam and the final mark. */
export interface LookupColumn {
  /** 'p1' … 'p4', 'year', 'exam', 'final'. */
  key: string;
  /** «1 ч.», «Год», «Экз.», «Итог». */
  label: string;
}

/** One subject's marks in a year, exactly the texts the ledger prints («5», «зач», «н/а», «безотм»). */
export interface LookupSubject {
  name: string;
  short: string;
  marks: Record<string, string>;
}

/** The student in one class of one closed year: that class's ledger rows of the student. */
export interface LookupYear {
  yearId: number;
  yearName: string;
  classId: number;
  className: string;
  grade: number;
  /** The student's days in the class within the year (a whole year: the year's first and last days). */
  from: string;
  to: string;
  /** Whether the student was in the class on the year's last day (else the ledger shows only this class's marks). */
  toYearEnd: boolean;
  columns: LookupColumn[];
  subjects: LookupSubject[];
}

export interface LookupStudent {
  id: number;
  lastName: string;
  firstName: string;
  middleName: string;
  birthDate: string;
  personalFileNo: string;
  /** Closed years only, oldest first; a student of one class only in open years has none. */
  years: LookupYear[];
}

export interface LookupResult {
  students: LookupStudent[];
  /** More students matched than are shown: the query should be narrowed. */
  more: boolean;
  ms: number;
}

export interface LookupFile {
  name: string;
  mime: string;
  base64: string;
  pages: number;
  sha256: string;
}

export interface LookupOutputs {
  'lookup.search': LookupResult;
  'lookup.extractFile': LookupFile;
}

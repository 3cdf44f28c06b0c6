import type { Ctx } from '../kernel/context';

// Data leaving the program (issue 16): a list screen's rows, a sheet of a year's export. Every exporter describes its
// table this way, so XLSX, CSV (through kernel/csv.ts, the one formula-safe writer) and JSON are written by one code
// and personal columns are dropped in one place for readers without `students.personal`.

export type ExportValue = string | number | null;

export interface ExportColumn {
  /** Stable latin key: the JSON property and the CSV/XLSX column's identity across versions. */
  key: string;
  /** Russian column title in XLSX and CSV. */
  title: string;
  /** 152-FZ personal data (documents, addresses, SNILS, health, guardians' contacts). */
  personal?: boolean;
  /** What the values are: `date` (ISO `YYYY-MM-DD` text; a real date in XLSX), `number`; text when absent. */
  type?: 'date' | 'number';
}

export interface ExportTable {
  /** Latin file and JSON name, e.g. `students`. */
  key: string;
  /** Russian sheet title, e.g. «Ученики». */
  title: string;
  columns: readonly ExportColumn[];
  rows(ctx: Ctx, yearId: number): Promise<Record<string, ExportValue>[]>;
}

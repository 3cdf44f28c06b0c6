import type { ExportColumn, ExportValue } from '../table';

// The year's export takes the columns it shares with the roster's import (students, staff, classes) from
// roster-tables.ts: one description, the import's titles, so such a file of the year's export can be imported back.
// Only the keys differ: the export's are camelCase like those of every other table (`last_name` → `lastName`).

/** The export's key of a roster column: `last_name` → `lastName`; `rename` for keys the export spells otherwise. */
export function yearKey(key: string, rename: Readonly<Record<string, string>> = {}): string {
  return rename[key] ?? key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** Roster columns under the export's keys: title, personal flag and type as the roster has them. */
export function yearColumns(columns: readonly ExportColumn[], rename: Readonly<Record<string, string>> = {}): ExportColumn[] {
  return columns.map((c) => ({
    key: yearKey(c.key, rename),
    title: c.title,
    ...(c.personal ? { personal: true } : {}),
    ...(c.type ? { type: c.type } : {}),
  }));
}

/** A roster row under the export's keys; an empty date is null (the JSON Schema's dates are dates or null). */
export function yearRow(
  columns: readonly ExportColumn[],
  row: Record<string, ExportValue>,
  rename: Readonly<Record<string, string>> = {},
): Record<string, ExportValue> {
  return Object.fromEntries(
    columns.map((c) => [yearKey(c.key, rename), c.type === 'date' && row[c.key] === '' ? null : (row[c.key] ?? null)]),
  );
}

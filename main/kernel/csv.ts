import Papa from 'papaparse';

// The one CSV writer of the program (issue 11, part 5). A spreadsheet treats a cell that begins with
// = + - @ (and, in some programs, a tab or a carriage return before them) as a formula: a name such as
// =HYPERLINK(…) or =cmd|… typed by anyone would run when the file is opened. papaparse's `escapeFormulae`
// prefixes such a cell with «'» (and quotes it), the mitigation OWASP describes for CSV injection; numbers
// are written as numbers. Every export goes through csvFile; tests/unit/csv-exports.test.ts lists them all.

/** Cells that a spreadsheet would read as a formula: what escapeFormulae prefixes with «'». */
export const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvCell = string | number | boolean | null | undefined;

/** CSV text with «;» (what Excel on a Russian Windows splits on) and CRLF, formulas neutralised. */
export function csvText(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse(
    { fields: [...header], data: rows.map((r) => r.map((c) => c ?? '')) },
    { delimiter: ';', newline: '\r\n', escapeFormulae: FORMULA_START },
  );
}

/** The file: UTF-8 with BOM, so Excel reads Cyrillic correctly. */
export function csvFile(header: readonly string[], rows: readonly (readonly CsvCell[])[]): Buffer {
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csvText(header, rows), 'utf8')]);
}

/** Reading back a cell this writer wrote: «'=…» becomes «=…» again, so an exported file imports unchanged. */
export function unescapeCsvCell(s: string): string {
  return s.startsWith("'") && FORMULA_START.test(s.slice(1)) ? s.slice(1) : s;
}

import type { AbsenceCode, GradingSystem } from '../unions';

// What a teacher types into a journal cell, and how a cell is shown: «5», «н», «4/5» (two marks), «н/5» (absent, the
// missed topic credited later: seed 001, teacher §2), «б», «у», «зач», «незач». One parser for the keyboard, paste and
// import; one formatter for the grid, printing and the homeroom view.

export const ABSENCE_CODES: readonly { code: AbsenceCode; name: string }[] = [
  { code: 'н', name: 'отсутствовал (причина не указана)' },
  { code: 'б', name: 'по болезни' },
  { code: 'у', name: 'по уважительной причине' },
];
/** The reason an absence code names, as reports, extracts and exports write it. */
export const ABSENCE_REASONS: Record<AbsenceCode, string> = { н: 'причина не указана', б: 'по болезни', у: 'по уважительной причине' };

const ABSENCES = new Set<string>(ABSENCE_CODES.map((a) => a.code));

/** At most this many marks in one cell: the paper journal has room for two, a third only on a long lesson. */
export const MAX_MARKS_PER_CELL = 3;

export interface MarkRules {
  grading: GradingSystem;
  /** «5-», «4+»: only where the school's regulation allows them. */
  plusMinus: boolean;
}

export interface ParsedCell {
  marks: string[];
  absence: AbsenceCode | null;
}

export type ParseResult = { ok: true; cell: ParsedCell } | { ok: false; message: string };

const LATIN_LOOKALIKES: Record<string, string> = { h: 'н', n: 'н' };

function normalizeToken(t: string): string {
  const lower = t.trim().toLowerCase().replace(/ё/g, 'е');
  // «h» and «n» typed on the English layout mean «н».
  return lower.length === 1 && LATIN_LOOKALIKES[lower] ? LATIN_LOOKALIKES[lower] : lower;
}

function markMessage(token: string, rules: MarkRules): string {
  if (rules.grading === 'pass') return `«${token}»: по этому предмету ставится «зач» или «незач»`;
  if (/^[0-9]+[+-]?$/.test(token) && /[+-]$/.test(token) && !rules.plusMinus)
    return `«${token}»: отметки с «+» и «−» в школе не используются`;
  if (/^[0-9]+$/.test(token)) return `«${token}»: отметка должна быть от 1 до 5`;
  return `«${token}» не отметка и не код пропуска. Допустимо: 1–5, «н», «б», «у», две отметки через «/» (4/5)`;
}

/** Parses a cell's text. Empty text is an empty cell. */
export function parseCellText(input: string, rules: MarkRules): ParseResult {
  const text = input.trim();
  if (text === '') return { ok: true, cell: { marks: [], absence: null } };
  const tokens = text
    .split(/[/\\,;\s]+/)
    .filter(Boolean)
    .map(normalizeToken);
  const marks: string[] = [];
  let absence: AbsenceCode | null = null;
  for (const token of tokens) {
    if (ABSENCES.has(token)) {
      if (absence !== null) return { ok: false, message: 'В клетке может быть только один код пропуска' };
      absence = token as AbsenceCode;
      continue;
    }
    const mark = normalizeMark(token, rules);
    if (mark === null) return { ok: false, message: markMessage(token, rules) };
    marks.push(mark);
  }
  if (marks.length > MAX_MARKS_PER_CELL) return { ok: false, message: `Не больше ${MAX_MARKS_PER_CELL} отметок в одной клетке` };
  return { ok: true, cell: { marks, absence } };
}

function normalizeMark(token: string, rules: MarkRules): string | null {
  if (rules.grading === 'pass') {
    if (token === 'зач' || token === 'зачет' || token === 'з') return 'зач';
    if (token === 'незач' || token === 'незачет' || token === 'нз') return 'незач';
    return null;
  }
  const m = /^([1-5])([+-])?$/.exec(token.replace('−', '-'));
  if (!m) return null;
  if (m[2] && !rules.plusMinus) return null;
  // «5+» and «1-» are outside the scale.
  if ((m[1] === '5' && m[2] === '+') || (m[1] === '1' && m[2] === '-')) return null;
  return m[1] + (m[2] ?? '');
}

/** The cell as the grid and the printed journal show it: «н/5», «4/5», «б». */
export function formatCell(c: { marks: readonly string[]; absence: string | null }): string {
  return [...(c.absence ? [c.absence] : []), ...c.marks].join('/');
}

/** A mark's numeric value for averages: «4+» and «4-» count as 4 (the sign is a hint for the teacher); «зач» has none. */
export function markNumber(value: string): number | null {
  const m = /^([1-5])/.exec(value);
  return m ? Number(m[1]) : null;
}

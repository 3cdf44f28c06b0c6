import type { CellInput, Flow, RowInput } from '../printing/layout/flow';
import { NO_BORDERS, type TextStyle } from '../printing/layout/page';

// What the papers for parents (extracts and notices) share: their table styles and their signature block.

export const CELL: TextStyle = { face: 'cond', size: 8.5, lineHeight: 10.5 };
export const HEAD: TextStyle = { face: 'condBold', size: 8, lineHeight: 10 };
export const LESSONS = ['урок', 'урока', 'уроков'] as const;

export const header = (cells: string[]): RowInput => ({
  cells: cells.map((text): CellInput => ({ text, style: HEAD, align: 'center', fill: 'header' })),
});

/** «Иванова Анна Петровна» → «Иванова А. П.». */
export function initials(full: string): string {
  const [last, ...rest] = full.trim().split(/\s+/);
  return [last, rest.map((p) => `${p[0]}.`).join(' ')].filter(Boolean).join(' ');
}

/**
 * The homeroom teacher's signature and the parent's acknowledgement («С выпиской ознакомлен(а)…»): one borderless
 * table, so the lines never part between pages.
 */
export function signatureLines(f: Flow, homeroomFullName: string | null, acknowledged: string): void {
  const homeroom = homeroomFullName ? initials(homeroomFullName) : '________________';
  const line = (text: string, height: number): RowInput => ({
    cells: [{ text, style: 'body', borders: NO_BORDERS, valign: 'bottom' }],
    height,
  });
  f.space(10);
  f.table({
    columns: [f.contentWidth],
    rows: [
      line(`Классный руководитель  __________________  /${homeroom}/    «___» ____________ 20___ г.`, 22),
      line(`${acknowledged}, родитель (законный представитель):`, 26),
      line('______________________  /__________________________________/        «___» ______________ 20___ г.', 22),
    ].map((r, i, all) => ({ ...r, keepWithNext: i < all.length - 1 })),
    padding: 0,
  });
}

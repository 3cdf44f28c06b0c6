// Clipboard blocks from Excel / LibreOffice Calc: rows by line breaks, cells by tabs. Quoted cells (a cell holding a
// line break or a tab is quoted by both programs) are unquoted. The trailing line break both programs add is dropped.

export type Block = string[][];

export function parseClipboardBlock(raw: string): Block {
  const text = raw.replace(/\r\n?/g, '\n');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 2;
        continue;
      }
      if (ch === '"') {
        quoted = false;
        i++;
        continue;
      }
      cell += ch;
      i++;
      continue;
    }
    if (ch === '"' && cell === '') {
      quoted = true;
      i++;
      continue;
    }
    if (ch === '\t') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
    i++;
  }
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.map((r) => r.map((c) => c.trim()));
}

export function blockSize(b: Block): { rows: number; cols: number } {
  return { rows: b.length, cols: b.reduce((m, r) => Math.max(m, r.length), 0) };
}

export interface PasteTarget {
  row: number;
  col: number;
  text: string;
}

/** Places a block at (row, col); refuses a block that does not fit. Returns the cells or a Russian message. */
export function placeBlock(
  b: Block,
  at: { row: number; col: number },
  grid: { rows: number; cols: number },
  isClosed: (row: number, col: number) => string | null,
): { ok: true; cells: PasteTarget[] } | { ok: false; message: string } {
  const size = blockSize(b);
  if (size.rows === 0 || size.cols === 0) return { ok: false, message: 'В буфере обмена нет данных для вставки' };
  const fitsRows = grid.rows - at.row;
  const fitsCols = grid.cols - at.col;
  if (size.rows > fitsRows || size.cols > fitsCols)
    return {
      ok: false,
      message: `Вставляемый блок ${size.rows} × ${size.cols} (строк × столбцов) не помещается в журнал начиная с выбранной клетки: там ${fitsRows} × ${fitsCols}. Ничего не сохранено.`,
    };
  const cells: PasteTarget[] = [];
  for (let r = 0; r < b.length; r++)
    for (let c = 0; c < b[r].length; c++) {
      const row = at.row + r;
      const col = at.col + c;
      const why = isClosed(row, col);
      if (why) {
        if (b[r][c] === '') continue;
        return { ok: false, message: `Блок попадает на закрытую клетку (${why}). Ничего не сохранено.` };
      }
      cells.push({ row, col, text: b[r][c] });
    }
  return { ok: true, cells };
}

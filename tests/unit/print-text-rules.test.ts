import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { lessonsText } from '../../main/printing/homeroom/attendance';
import { movementNote } from '../../main/printing/journal/sections';
import { printedCell } from '../../main/printing/journal/spread';
import { layoutDocument } from '../../main/printing/layout/document';
import { BREAK_HYPHEN, measurer, wrapText } from '../../main/printing/layout/measure';
import { pageSpec } from '../../main/printing/layout/specs';
import { renderDocument } from '../../main/printing/render/index';
import { makeJournalData } from '../helpers/journal-fixture';

// The printed-text rules of issue 14: a word broken by the layout gets a hyphen, absences print in capitals, counts
// of lessons take the right plural and grouped thousands, movement notes carry the order's number, and a cell that
// has to be cut keeps its whole text as the XLSX value.

test('a word too wide for its column breaks between letters with a hyphen', () => {
  const m = measurer();
  const width = m.width('Обществоз', 'cond', 8);
  const lines = wrapText(m, 'Обществознание', 'cond', 8, width);
  assert.ok(lines.length >= 2, lines.join('|'));
  for (const l of lines.slice(0, -1)) assert.ok(l.endsWith(BREAK_HYPHEN), l);
  for (const l of lines) assert.ok(m.width(l, 'cond', 8) <= width + 1e-6, l);
  assert.equal(lines.map((l) => l.replace(BREAK_HYPHEN, '')).join(''), 'Обществознание');
});

test('absence codes print in capitals, marks as entered', () => {
  assert.equal(printedCell('б'), 'Б');
  assert.equal(printedCell('б/3'), 'Б/3');
  assert.equal(printedCell('н/5'), 'Н/5');
  assert.equal(printedCell('у'), 'У');
  assert.equal(printedCell('4/5'), '4/5');
  assert.equal(printedCell('незач'), 'незач');
  assert.equal(printedCell(''), '');
});

test('lessons counted with their plural and grouped thousands', () => {
  assert.equal(lessonsText(1593), '1\u00a0593 урока');
  assert.equal(lessonsText(21), '21 урок');
  assert.equal(lessonsText(1105), '1\u00a0105 уроков');
  assert.equal(lessonsText(0), '0 уроков');
});

test('movement notes give the order’s number when it is known', () => {
  const d = makeJournalData(5);
  const left = d.students.find((s) => s.active.some((r) => r.end_date < d.year.end))!;
  assert.ok(left, 'the fixture has a student who left');
  const plain = movementNote(left, d.year);
  assert.match(plain, /^выбыла? \d\d\.\d\d\.\d{4}$/);
  const date = plain.replace(/^\S+ /, '').split('.').reverse().join('-');
  assert.equal(movementNote({ ...left, orders: { [date]: '45-у' } }, d.year), `${plain} (приказ № 45-у)`);
});

test('a cut cell keeps its whole text as the XLSX value', async () => {
  const long = 'Константинопольская-Благовещенская Александра-Виктория';
  const doc = layoutDocument({
    title: 'т',
    author: 'т',
    sided: 'single',
    sections: [
      {
        id: 's',
        title: 'Лист',
        spec: pageSpec('portrait'),
        build(f) {
          f.table({ columns: [60, 60], rows: [{ height: 13.5, cells: [{ text: long, fit: 'clip' }, { text: 'коротко' }] }] });
        },
      },
    ],
  });
  const cell = doc.pages[0].blocks.flatMap((b) => (b.kind === 'table' ? b.rows.flatMap((r) => r.cells) : []))[0];
  assert.ok(cell.lines[0].endsWith('…'));
  assert.equal(cell.full, long);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-xlsx-'));
  try {
    const file = path.join(dir, 'cut.xlsx');
    await renderDocument(doc, 'xlsx', file);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(file);
    const values: unknown[] = [];
    wb.worksheets[0].eachRow((r) => r.eachCell((c) => values.push(c.value)));
    assert.ok(values.includes(long), JSON.stringify(values));
    assert.ok(values.includes('коротко'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

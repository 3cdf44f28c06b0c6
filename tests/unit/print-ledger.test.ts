import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { ledgerBookSource } from '../../main/printing/ledger/book';
import { decisionText, ledgerSource, subjectGroups } from '../../main/printing/ledger/ledger';
import { layoutDocument, type PagedDocument } from '../../main/printing/layout/document';
import { FLOW_SLACK } from '../../main/printing/layout/flow';
import { blockHeight, type Page, type TableBlock } from '../../main/printing/layout/page';
import { renderDocument } from '../../main/printing/render/index';
import { GRADE5, makeDecisions, makeLedgerData, makeMarks, markOf } from '../helpers/ledger-fixture';
import { libreOfficeToPdf, pdfPages, pdfText, pdfWords, run } from '../helpers/tools';

// The summary ledger of final marks of a 38-student class (a student who left in December), with marks and the
// council's decisions made up in the test, written in every format and read back with poppler and LibreOffice.

const data = makeLedgerData(38);
const marks = makeMarks(data);
const decisions = makeDecisions(data);
let dir = '';
let doc: PagedDocument;
const file = (ext: string) => path.join(dir, `ledger.${ext}`);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-ledger-'));
  doc = layoutDocument(ledgerSource(data, { marks, decisions, councilNote: 'протокол № 9 от 28.05.2026' }, 'single'));
  for (const f of ['pdf', 'docx', 'xlsx'] as const) await renderDocument(doc, f, file(f));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

const tables = (p: Page) => p.blocks.filter((b): b is TableBlock => b.kind === 'table');
const cellText = (t: TableBlock, r: number, c: number) => t.rows[r].cells.find((x) => x.col === c)?.lines.join(' ') ?? '';

function certifiedLeaves(pdf: string): number {
  const pages = pdfPages(pdf);
  const t = pdfText(pdf, pages).replace(/\s+/g, ' ');
  const m = /В настоящей ведомости пронумеровано, прошнуровано и скреплено печатью (\d+) \(([а-я ]+)\) лист(?:а|ов)?/.exec(t);
  assert.ok(m, `the last page certifies a number of leaves: ${t.slice(0, 300)}`);
  return Number(m[1]);
}

test('layout: every student’s rows (each period, year, exam, final) stay together on one page, inside the body', () => {
  const labels = ['1 ч.', '2 ч.', '3 ч.', '4 ч.', 'Год', 'Экз.', 'Итог'];
  const seen = new Map<string, number>();
  for (const p of doc.pages) {
    for (const b of p.blocks)
      assert.ok(b.y + blockHeight(b) <= p.height - p.margins.bottom - FLOW_SLACK + 1e-6, `page ${p.number}: below the body`);
    for (const t of tables(p)) {
      const body = t.rows.map((_, i) => i).filter((i) => !t.rows[i].header);
      assert.equal(body.length % labels.length, 0, `page ${p.number}: whole blocks of ${labels.length} rows`);
      for (let i = 0; i < body.length; i += labels.length) {
        assert.deepEqual(
          body.slice(i, i + labels.length).map((r) => cellText(t, r, 2)),
          labels,
        );
        const name = cellText(t, body[i], 1);
        seen.set(name, (seen.get(name) ?? 0) + 1);
      }
    }
  }
  // every student once per group of subjects (12 subjects fit one landscape page with the decision column)
  assert.equal(subjectGroups(GRADE5, doc.pages[0].width - doc.pages[0].margins.left - doc.pages[0].margins.right).length, 1);
  assert.deepEqual([...seen.keys()].sort(), data.students.map((s) => s.lastName).sort());
  assert.ok([...seen.values()].every((n) => n === 1));
});

test('PDF: pdfinfo counts the pages the certification page states; fonts embedded; PDF/A-2b', () => {
  const pages = pdfPages(file('pdf'));
  assert.equal(pages, doc.total);
  assert.equal(certifiedLeaves(file('pdf')), pages);
  assert.match(pdfText(file('pdf'), 1), new RegExp(`Лист 1 из ${pages}`));
  const fonts = run('pdffonts', [file('pdf')])
    .trim()
    .split('\n')
    .slice(2);
  assert.ok(fonts.length >= 2);
  for (const line of fonts) assert.equal(line.trim().split(/\s+/).at(-5), 'yes', `embedded: ${line}`);
  assert.match(run('pdfinfo', ['-meta', file('pdf')]), /<pdfaid:part>2<\/pdfaid:part>/);
  run('qpdf', ['--check', file('pdf')]);
});

test('PDF: a known mark of a known student stands in his block, in the row of its period, under its subject', () => {
  const si = 9; // Новиков Егор
  const k = GRADE5.findIndex((s) => s.name === 'Математика');
  const student = data.students[si];
  const expected = markOf(si, k, 2); // third quarter
  const pageNo = doc.pages.find((p) =>
    tables(p).some((t) => t.rows.some((r) => r.cells.some((c) => c.col === 1 && c.lines[0] === student.lastName))),
  )!.number;
  const words = pdfWords(file('pdf'), pageNo);
  const head = words.find((w) => w.text === 'Матем.');
  assert.ok(head, 'the subject heads a column');
  const name = words.find((w) => w.text === student.lastName);
  assert.ok(name, `${student.lastName} on page ${pageNo}`);
  // the row labelled «3 ч.» below the name (the first one at or after the name's line)
  const threes = words
    .filter((w, i) => w.text === '3' && words[i + 1]?.text === 'ч.' && w.yMin >= name.yMin - 2)
    .sort((a, b) => a.yMin - b.yMin);
  const row = threes[0];
  assert.ok(row && row.yMin - name.yMin < 40, 'the third quarter’s row is in the student’s block');
  const mid = (row.yMin + row.yMax) / 2;
  const x = (head.xMin + head.xMax) / 2;
  const inCell = words.filter((w) => Math.abs((w.yMin + w.yMax) / 2 - mid) < 3 && w.xMin < x + 10 && w.xMax > x - 10);
  assert.deepEqual(
    inCell.map((w) => w.text),
    [expected],
    `${student.lastName}, Математика, 3 ч.`,
  );
  // and the decision of the council in his block
  const text = pdfText(file('pdf'), pageNo).replace(/\s+/g, ' ');
  assert.ok(text.includes(decisionText(decisions[student.id], 5, 'м')));
});

test('the student who left shows the order’s date; the conditional and retained decisions are worded by gender', () => {
  const all = pdfText(file('pdf')).replace(/\s+/g, ' ');
  assert.match(all, /выбыл 13\.12\.2025/);
  // the decision column is narrow: its text runs down the student's rows, a line per row
  const decisionOf = (si: number) => {
    for (const p of doc.pages)
      for (const t of tables(p)) {
        const i = t.rows.findIndex((r) => !r.header && cellText(t, t.rows.indexOf(r), 1) === data.students[si].lastName);
        if (i >= 0)
          return t.rows
            .slice(i, i + 7)
            .map((_, k) => cellText(t, i + k, 3 + GRADE5.length))
            .filter(Boolean);
      }
    return [];
  };
  assert.equal(decisionOf(7).join(' '), 'условно переведён в 6 класс');
  assert.equal(decisionOf(11).join(' '), 'оставлен на повторное обучение');
  for (const line of [...decisionOf(7), ...decisionOf(11)]) assert.ok(all.includes(line), line);
  assert.equal(decisionText({ kind: 'promoted' }, 9, 'ж'), 'переведена в 10 класс');
  assert.ok(all.includes('протокол № 9 от 28.05.2026'));
  assert.match(all, /Классный руководитель _+ \/Белова М\. А\.\//);
  assert.match(all, /Директор МБОУ «СОШ № 17» _+ \/Кравченко О\. В\.\//);
});

test('DOCX and XLSX: LibreOffice lays them out on the same pages with the same certified count', () => {
  for (const f of ['docx', 'xlsx']) {
    const pdf = libreOfficeToPdf(file(f), path.join(dir, f));
    assert.equal(pdfPages(pdf), doc.total, f);
    assert.equal(certifiedLeaves(pdf), doc.total, f);
  }
});

test('a year with no marks yet: the same form with the catalogue’s subjects, empty cells and a true count', async () => {
  const empty = layoutDocument(ledgerSource(makeLedgerData(25), { marks: null, decisions: null, councilNote: null }, 'double'));
  const cells = empty.pages.flatMap((p) =>
    tables(p).flatMap((t) =>
      t.rows
        .filter((r) => !r.header)
        .flatMap((r) => r.cells.filter((c) => c.col >= 3 && c.col < 3 + GRADE5.length).map((c) => c.lines.join(''))),
    ),
  );
  assert.ok(cells.length > 0 && cells.every((c) => c === ''), 'no marks printed');
  const out = path.join(dir, 'empty.pdf');
  await renderDocument(empty, 'pdf', out);
  assert.equal(pdfPages(out), empty.total);
  const last = pdfText(out, empty.total).replace(/\s+/g, ' ');
  assert.ok(last.includes(`скреплено печатью ${Math.ceil(empty.total / 2)} (`), last);
  assert.ok(pdfText(out, 1).includes('Матем.'));
});

test('the school’s book: every class in its contents with its pages, and its own certification page', async () => {
  const a = makeLedgerData(30);
  const b = { ...makeLedgerData(12), cls: { id: 2, name: '5Б', grade: 5, letter: 'Б', homeroom: null } };
  const book = layoutDocument(
    ledgerBookSource(
      a.school,
      '2025/2026',
      [
        { data: a, parts: { marks: makeMarks(a), decisions: null, councilNote: null } },
        { data: b, parts: { marks: null, decisions: null, councilNote: null } },
      ],
      'single',
    ),
  );
  const out = path.join(dir, 'book.pdf');
  await renderDocument(book, 'pdf', out);
  assert.equal(pdfPages(out), book.total);
  const contents = pdfText(out, 2).replace(/\s+/g, ' ');
  const first = book.anchors.get('ledger:2')!;
  assert.ok(
    contents.includes(`5 «Б» класс (обучающихся: 12) ${first.first === first.last ? first.first : `${first.first}–${first.last}`}`),
    contents,
  );
  // the contents' page is where the class's ledger begins
  assert.match(pdfText(out, first.first), /5 «Б» класса за 2025\/2026/);
  assert.match(
    pdfText(out, book.total).replace(/\s+/g, ' '),
    new RegExp(`В настоящей книге пронумеровано, прошнуровано и скреплено печатью ${book.total} \\(`),
  );
});

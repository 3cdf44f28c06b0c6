import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { journalSource } from '../../main/printing/journal/journal';
import { layoutDocument, type PagedDocument } from '../../main/printing/layout/document';
import type { TableBlock } from '../../main/printing/layout/page';
import { renderDocument } from '../../main/printing/render/index';
import { makeJournalData, makeSubject } from '../helpers/journal-fixture';
import { chromiumToPdf, libreOfficeToPdf, pdfPages, pdfText, pdfWords, run } from '../helpers/tools';

// One class journal (38 students, a subject with six lessons a week, one with one, one with very long topics, a
// student who left in December) written in every format and checked with poppler, LibreOffice, Chromium and qpdf.

const data = makeJournalData(38);
const math = makeSubject('math', 'Математика', data, 6, { count: 70 });
const subjects = [math, makeSubject('music', 'Музыка', data, 1), makeSubject('hist', 'История', data, 2, { longTopics: true })];
let dir = '';
let doc: PagedDocument;
const file = (ext: string) => path.join(dir, `journal.${ext}`);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-documents-'));
  doc = layoutDocument(journalSource(data, { subjects, finalMarks: null, attendance: null }, 'single'));
  for (const f of ['pdf', 'docx', 'xlsx', 'html'] as const) await renderDocument(doc, f, file(f));
});

after(() => fs.rmSync(dir, { recursive: true, force: true }));

/** «скреплено печатью 36 (тридцать шесть) листов» as the reader of the PDF sees it. */
function certifiedLeaves(pdf: string): number {
  const pages = pdfPages(pdf);
  const t = pdfText(pdf, pages).replace(/\s+/g, ' ');
  const m = /скреплено печатью (\d+) \(([а-я ]+)\) лист(?:а|ов)?/.exec(t);
  assert.ok(m, `the last page certifies a number of leaves: ${t.slice(0, 300)}`);
  return Number(m[1]);
}

test('PDF: pdfinfo counts as many pages as the certification page states', () => {
  const pages = pdfPages(file('pdf'));
  assert.equal(pages, doc.total);
  assert.equal(certifiedLeaves(file('pdf')), pages);
  assert.match(pdfText(file('pdf'), pages), new RegExp(`Лист ${pages} из ${pages}`));
});

test('PDF: every font is embedded, the file is PDF/A-2b by its XMP metadata, and qpdf finds no damage', () => {
  const fonts = run('pdffonts', [file('pdf')])
    .trim()
    .split('\n')
    .slice(2);
  assert.ok(fonts.length >= 3, 'regular, bold and condensed faces are used');
  for (const line of fonts) {
    const cols = line.trim().split(/\s+/);
    assert.equal(cols[cols.length - 5], 'yes', `embedded: ${line}`);
    assert.match(line, /DejaVuSans/);
  }
  const meta = run('pdfinfo', ['-meta', file('pdf')]);
  assert.match(meta, /<pdfaid:part>2<\/pdfaid:part>/);
  assert.match(meta, /<pdfaid:conformance>B<\/pdfaid:conformance>/);
  assert.match(run('pdfinfo', [file('pdf')]), /PDF version:\s+1\.7/);
  run('qpdf', ['--check', file('pdf')]);
});

test('PDF: a known mark of a known student stands in his row under its date, and the date’s topic on the right page', () => {
  const first = doc.anchors.get('subject:math')!.first;
  const student = math.students[5];
  const k = math.lessons.findIndex(
    (l) => (l.cells[student.id] ?? '').length > 0 && l.cells[student.id] !== math.lessons[0].cells[student.id],
  );
  assert.ok(k >= 0 && k < 25, 'a marked lesson on the first spread');
  const lesson = math.lessons[k];
  const mark = lesson.cells[student.id];
  const t = doc.pages[first - 1].blocks.find((b): b is TableBlock => b.kind === 'table')!;
  const colX = t.x + t.columns.slice(0, 2 + k).reduce((a, b) => a + b, 0);
  const words = pdfWords(file('pdf'), first);
  const [last, firstName] = student.name.split(' ');
  const name = words.find((w, i) => w.text === last && words[i + 1]?.text === firstName);
  assert.ok(name, `«${student.name}» on page ${first}`);
  const rowMid = (name.yMin + name.yMax) / 2;
  const inCell = words.filter((w) => w.xMin >= colX && w.xMax <= colX + t.columns[2 + k] && Math.abs((w.yMin + w.yMax) / 2 - rowMid) < 4);
  assert.deepEqual(
    inCell.map((w) => w.text),
    [mark],
    `${student.name}, ${lesson.date}`,
  );
  const day = words.filter((w) => w.text === lesson.date.slice(8, 10) && w.xMin >= colX && w.xMax <= colX + t.columns[2 + k]);
  assert.equal(day.length, 1, 'the day heads the column');
  // right page: the date's row carries the lesson's topic
  const right = pdfWords(file('pdf'), first + 1);
  const dd = `${lesson.date.slice(8, 10)}.${lesson.date.slice(5, 7)}`;
  const rows = right
    .filter((w) => w.text === dd)
    .map((d) =>
      right
        .filter((w) => Math.abs(w.yMin - d.yMin) < 2)
        .map((w) => w.text)
        .join(' '),
    );
  assert.ok(rows.length > 0, 'the date is on the right page');
  assert.ok(
    rows.some((r) => r.startsWith(`${dd} Урок ${k + 1}. Тема урока`)),
    rows.join(' | '),
  );
});

test('DOCX: LibreOffice lays it out on the same number of pages, with the same certified count', () => {
  const pdf = libreOfficeToPdf(file('docx'), path.join(dir, 'docx'));
  assert.equal(pdfPages(pdf), doc.total);
  assert.equal(certifiedLeaves(pdf), doc.total);
  const fonts = run('pdffonts', [pdf]);
  assert.match(fonts, /DejaVuSansCondensed/);
});

test('XLSX: LibreOffice opens it and prints the same number of pages', () => {
  const pdf = libreOfficeToPdf(file('xlsx'), path.join(dir, 'xlsx'));
  assert.equal(pdfPages(pdf), doc.total);
  assert.equal(certifiedLeaves(pdf), doc.total);
  assert.match(pdfText(pdf, 3), new RegExp(`Лист 3 из ${doc.total}`));
});

test('HTML: Chromium prints it on the same number of pages, landscape ones landscape', () => {
  const pdf = chromiumToPdf(file('html'), path.join(dir, 'html.pdf'));
  assert.equal(pdfPages(pdf), doc.total);
  assert.equal(certifiedLeaves(pdf), doc.total);
  const general = doc.anchors.get('general')!.first;
  const size = run('pdfinfo', ['-f', String(general), '-l', String(general), pdf]);
  assert.match(size, new RegExp(`Page\\s+${general} size:\\s+841\\.\\d+ x 59[45]\\.\\d+`));
});

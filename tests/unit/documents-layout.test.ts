import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { journalSource } from '../../main/printing/journal/journal';
import type { JournalData, SubjectPagesData } from '../../main/printing/journal/model';
import { layoutDocument, type PagedDocument } from '../../main/printing/layout/document';
import { FLOW_SLACK } from '../../main/printing/layout/flow';
import { BREAK_HYPHEN, measurer, wrapText } from '../../main/printing/layout/measure';
import { leavesText, numberInWords, plural } from '../../main/printing/layout/numbers';
import { blockHeight, type Page, type TableBlock } from '../../main/printing/layout/page';
import { makeJournalData, makeSubject } from '../helpers/journal-fixture';

function journal(d: JournalData, subjects: SubjectPagesData[], sided: 'single' | 'double' = 'single'): PagedDocument {
  return layoutDocument(journalSource(d, { subjects, finalMarks: null, attendance: null }, sided));
}

const tables = (p: Page) => p.blocks.filter((b): b is TableBlock => b.kind === 'table');
const text = (p: Page) =>
  p.blocks.flatMap((b) => (b.kind === 'paragraph' ? b.lines : b.rows.flatMap((r) => r.cells.flatMap((c) => c.lines)))).join('\n');
const subjectPages = (doc: PagedDocument, key: string) => doc.pages.filter((p) => p.section === `subject:${key}`);
const isLeft = (p: Page) => tables(p)[0]?.columns.length > 4;

/** Dates (dd) of the day-number header row of a left page, and of the first column of a right page's rows. */
function leftDays(p: Page): string[] {
  const t = tables(p)[0];
  return t.rows[2].cells.map((c) => c.lines.join(''));
}
function rightDates(p: Page): string[] {
  const t = tables(p)[0];
  return t.rows.filter((r) => !r.header).map((r) => r.cells[0].lines.join(''));
}

test('every block stays inside its page body, in every section', () => {
  const d = makeJournalData(38);
  const doc = journal(d, [makeSubject('math', 'Математика', d, 6), makeSubject('hist', 'История', d, 2, { longTopics: true })]);
  for (const p of doc.pages)
    for (const b of p.blocks) {
      assert.ok(b.y >= p.margins.top - 1e-6, `page ${p.number}: block above the top margin`);
      assert.ok(
        b.y + blockHeight(b) <= p.height - p.margins.bottom - FLOW_SLACK + 1e-6,
        `page ${p.number} (${p.section}): block below the body`,
      );
      if (b.kind === 'table')
        assert.ok(
          b.x + b.columns.reduce((a, c) => a + c, 0) <= p.width - p.margins.right + 1e-6,
          `page ${p.number}: table wider than the page`,
        );
    }
});

test('a subject with 6 lessons a week: left and right pages pair up, each lesson once, the same dates on both pages', () => {
  const d = makeJournalData(38);
  const math = makeSubject('math', 'Математика', d, 6, { count: 70 });
  const doc = journal(d, [math]);
  const pages = subjectPages(doc, 'math');
  assert.equal(pages.length % 2, 0);
  const seen: string[] = [];
  for (let i = 0; i < pages.length; i += 2) {
    assert.ok(isLeft(pages[i]) && !isLeft(pages[i + 1]), `pages ${pages[i].number}/${pages[i + 1].number} are a left and a right page`);
    const days = leftDays(pages[i]).filter(Boolean);
    const rights = rightDates(pages[i + 1]);
    assert.deepEqual(
      days,
      rights.map((r) => r.slice(0, 2)),
      `spread ${pages[i].number}: the same lessons on both pages`,
    );
    seen.push(...rights);
  }
  assert.deepEqual(
    seen,
    math.lessons.map((l) => `${l.date.slice(8, 10)}.${l.date.slice(5, 7)}`),
  );
  // 38 students fit one left page: no continuation
  assert.ok(!pages.some((p) => text(p).includes('продолжение списка')));
});

test('a student who left in December has closed cells exactly after the day they left', () => {
  const d = makeJournalData(38);
  const math = makeSubject('math', 'Математика', d, 6, { count: 120 });
  const left = d.students[3];
  assert.equal(left.active[0].end_date, '2025-12-12');
  const doc = journal(d, [math]);
  const pages = subjectPages(doc, 'math').filter(isLeft);
  let lesson = 0;
  let closed = 0;
  for (const p of pages) {
    const t = tables(p)[0];
    const row = t.rows.find((r) => !r.header && r.cells[1].lines.join('') === math.students[3].name)!;
    assert.ok(row, `page ${p.number} lists the student who left`);
    const dateCells = row.cells.slice(2);
    for (const c of dateCells) {
      const l = math.lessons[lesson];
      if (!l) break;
      const after = l.date > '2025-12-12';
      assert.equal(c.fill === 'closed', after, `lesson ${l.date}`);
      if (after) {
        closed++;
        assert.deepEqual(c.lines, []);
      }
      lesson++;
    }
  }
  assert.equal(lesson, math.lessons.length);
  assert.ok(closed > 0);
});

test('one lesson a week fits few spreads; long topics make spreads hold fewer lessons', () => {
  const d = makeJournalData(30);
  const music = makeSubject('music', 'Музыка', d, 1);
  const plain = makeSubject('hist', 'История', d, 3);
  const long = makeSubject('hist2', 'История (длинные темы)', d, 3, { longTopics: true });
  const doc = journal(d, [music, plain, long]);
  assert.equal(subjectPages(doc, 'music').length, 4); // 33 lessons, 25 columns per spread
  const lessonsPerSpread = (key: string) =>
    subjectPages(doc, key)
      .filter((p) => !isLeft(p))
      .map((p) => rightDates(p).length);
  assert.equal(plain.lessons.length, long.lessons.length);
  const plainSpreads = lessonsPerSpread('hist').length;
  const longSpreads = lessonsPerSpread('hist2').length;
  assert.ok(longSpreads > plainSpreads, `long topics: ${longSpreads} spreads, plain: ${plainSpreads}`);
  assert.ok(Math.min(...lessonsPerSpread('hist2').slice(0, -1)) < 25);
  assert.equal(
    lessonsPerSpread('hist2').reduce((a, b) => a + b, 0),
    long.lessons.length,
  );
});

test('a class too large for one left page continues on another spread with the header repeated', () => {
  const d = makeJournalData(70);
  const math = makeSubject('math', 'Математика', d, 5, { count: 30 });
  const doc = journal(d, [math]);
  const pages = subjectPages(doc, 'math');
  const lefts = pages.filter(isLeft);
  assert.ok(lefts.length >= 4);
  // per lesson chunk, the slices list every student once
  const first = lefts.filter((p) => leftDays(p)[0] === leftDays(lefts[0])[0]);
  const names = first.flatMap((p) =>
    tables(p)[0]
      .rows.filter((r) => !r.header)
      .map((r) => r.cells[1].lines.join('')),
  );
  assert.deepEqual(
    names,
    math.students.map((s) => s.name),
  );
  assert.ok(text(first[1]).includes('продолжение списка'));
  assert.ok(
    tables(first[1])[0]
      .rows.slice(0, 3)
      .every((r) => r.header),
  );
});

test('double-sided: spreads begin on even (left) pages and «листов» counts sheets', () => {
  const d = makeJournalData(25);
  const doc = journal(d, [makeSubject('a', 'Музыка', d, 1), makeSubject('b', 'Литература', d, 3), makeSubject('c', 'ИЗО', d, 1)], 'double');
  for (const p of doc.pages.filter((p) => p.section.startsWith('subject:') && isLeft(p)))
    assert.equal(p.number % 2, 0, `left page ${p.number}`);
  assert.equal(doc.leaves, Math.ceil(doc.total / 2));
  const cert = doc.pages[doc.pages.length - 1];
  assert.ok(
    text(cert)
      .replace(/\n/g, ' ')
      .includes(`печатью ${leavesText(doc.leaves)}`),
  );
  assert.ok(doc.pages.every((p) => p.footer === `Страница ${p.number} из ${doc.total}`));
});

test('the contents page shows the final page numbers; the certification page the final count', () => {
  const d = makeJournalData(38);
  const doc = journal(d, [makeSubject('math', 'Математика', d, 6), makeSubject('music', 'Музыка', d, 1)]);
  const contents = doc.pages.find((p) => p.section === 'contents')!;
  const rows = tables(contents)[0].rows.filter((r) => !r.header);
  const expect = ['subject:math', 'subject:music', 'general', 'health', 'remarks'].map((id) => {
    const a = doc.anchors.get(id)!;
    return a.first === a.last ? String(a.first) : `${a.first}–${a.last}`;
  });
  assert.deepEqual(
    rows.map((r) => r.cells[3].lines.join('')),
    expect,
  );
  assert.equal(rows[0].cells[2].lines.join(' '), 'Соколова Елена Викторовна');
  // general information of 38 students takes more than one page, its header repeated
  const general = doc.pages.filter((p) => p.section === 'general');
  assert.ok(general.length >= 2);
  assert.ok(general.slice(1).every((p) => tables(p)[0].rows[0].repeated && tables(p)[0].rows[1].repeated));
  const cert = doc.pages[doc.pages.length - 1];
  assert.equal(cert.section, 'certification');
  assert.ok(
    text(cert)
      .replace(/\n/g, ' ')
      .includes(`печатью ${leavesText(doc.total)}`),
  );
  assert.equal(doc.leaves, doc.total);
});

test('a journal with no subjects yet still has its own pages, numbered', () => {
  const doc = journal(makeJournalData(12), []);
  assert.deepEqual([...new Set(doc.pages.map((p) => p.section))], ['title', 'contents', 'general', 'health', 'remarks', 'certification']);
  assert.ok(doc.pages.every((p, i) => p.number === i + 1 && p.footer === `Лист ${i + 1} из ${doc.total}`));
});

test('numbers in words and the plural of «лист»', () => {
  assert.equal(numberInWords(1), 'один');
  assert.equal(numberInWords(36), 'тридцать шесть');
  assert.equal(numberInWords(112), 'сто двенадцать');
  assert.equal(numberInWords(2021), 'две тысячи двадцать один');
  assert.equal(leavesText(1), '1 (один) лист');
  assert.equal(leavesText(24), '24 (двадцать четыре) листа');
  assert.equal(leavesText(111), '111 (сто одиннадцать) листов');
  assert.equal(leavesText(121), '121 (сто двадцать один) лист');
  assert.equal(plural(14, ['лист', 'листа', 'листов']), 'листов');
});

test('wrapped lines fit their width and keep every word in order', () => {
  const m = measurer();
  const word = fc.stringMatching(/^[А-Яа-яё0-9«»,.-]{1,14}$/);
  fc.assert(
    fc.property(fc.array(word, { minLength: 1, maxLength: 40 }), fc.integer({ min: 40, max: 400 }), (words, width) => {
      const lines = wrapText(m, words.join(' '), 'cond', 8, width);
      for (const l of lines) assert.ok(m.width(l, 'cond', 8) <= width + 1e-6 || Array.from(l).length === 1, `«${l}» wider than ${width}`);
      // a word broken inside ends its line with the layout's hyphen, after a letter and before one
      lines.forEach((l, i) => {
        if (!l.endsWith(BREAK_HYPHEN)) return;
        assert.match(l, /\p{L}\u2010$/u);
        assert.match(lines[i + 1] ?? '', /^\p{L}/u);
      });
      const text = lines.map((l) => (l.endsWith(BREAK_HYPHEN) ? l.slice(0, -1) : l)).join('');
      assert.equal(text.replace(/\s/g, ''), words.join('').replace(/\s/g, ''));
    }),
    { numRuns: 200 },
  );
});

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { systemActor, type Actor, type Ctx } from '../../main/kernel/context';
import { answerRemark, fixRemark, writeRemark } from '../../main/journal/remarks';
import { buildClassDocument } from '../../main/printing/catalog';
import type { PagedDocument } from '../../main/printing/layout/document';
import { renderDocument } from '../../main/printing/render/index';
import * as lessons from '../../main/timetable/lessons';
import { TEST_ENGINE, tempDb } from '../helpers/db';
import { plainWeek, smallSchool, type SmallSchool } from '../helpers/timetable';
import { libreOfficeToPdf, pdfPages, pdfText } from '../helpers/tools';

// The printed journal's page «Замечания по ведению журнала» (issue 12 part 9) holds the inspectors' remarks on that
// class's journal: their text, the teacher's answer, the fix; a period's copy the remarks dated within the period. The
// page-count machinery stays exact: the PDF (and DOCX, XLSX through LibreOffice) has as many pages as the
// certification page states, however many pages the remarks take.

let t: Awaited<ReturnType<typeof tempDb>>;
let s: SmallSchool;
let mathLessons: number[];

const at = (iso: string, actor: Actor = systemActor('Завучева М. И.')): Ctx => ({ db: t.db, actor, now: () => new Date(iso) });
const teacher = (): Actor => ({ userId: null, name: 'Математикова А. П.', roles: ['teacher'], staffId: s.staff.mathT, system: false });
const print = () => buildClassDocument(at('2026-06-30T08:00:00Z'), 'journal', s.classes.c5, { sided: 'single' });
const remarkPages = (doc: PagedDocument) => doc.pages.filter((p) => p.section === 'remarks').map((p) => p.number);
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** N in «скреплено печатью N (…)» on the last page. */
function certifiedLeaves(pdf: string, pages: number): number {
  const m = /скреплено печатью (\d+) \(/.exec(flat(pdfText(pdf, pages)));
  assert.ok(m, 'the certification page states N');
  return Number(m[1]);
}

before(async () => {
  t = await tempDb('remarks.sqlite');
  const ctx = at('2025-09-01T03:00:00Z', systemActor('тест'));
  s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  await lessons.generateLessons(ctx, { yearId: s.yearId });
  mathLessons = (
    await t.db
      .selectFrom('lesson')
      .select('id')
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', s.subjects.math)
      .orderBy('date')
      .execute()
  ).map((l) => l.id);
});

after(async () => {
  await t.cleanup();
});

test('a remark, its answer and its fix print on the remarks page; the page count stays exact', async () => {
  const empty = await print();
  assert.deepEqual(remarkPages(empty).length, 1, 'no remarks: one page of ruled rows');
  // 20.10.2025 (Omsk, UTC+6): within the first quarter
  const r = await writeRemark(at('2025-10-20T05:00:00Z'), {
    classId: s.classes.c5,
    lessonId: mathLessons[10],
    studentId: s.kids[0],
    text: 'Отметка выставлена без записи темы урока',
    dueDate: '2025-10-27',
  });
  await answerRemark(at('2025-10-21T05:00:00Z', teacher()), { id: r.id, answer: 'Тема урока записана' });
  await fixRemark(at('2025-10-22T05:00:00Z'), { id: r.id, fixed: true });
  const doc = await print();
  assert.equal(doc.total, empty.total, 'one remark fits on the same page');
  const file = path.join(t.dir, 'journal.pdf');
  await renderDocument(doc, 'pdf', file);
  const pages = pdfPages(file);
  assert.equal(pages, doc.total);
  assert.equal(certifiedLeaves(file, pages), pages);
  const [page] = remarkPages(doc);
  const text = flat(pdfText(file, page));
  assert.match(text, /ЗАМЕЧАНИЯ ПО ВЕДЕНИЮ КЛАССНОГО ЖУРНАЛА/);
  assert.match(text, /20\.10\.2025/);
  assert.match(text, /Отметка выставлена без/);
  assert.match(text, /Математика, урок/);
  assert.match(text, /27\.10\.2025/, 'the date to fix it by');
  assert.match(text, /Завучева М\. И\./, 'who checked');
  assert.match(text, /Ответ учителя \(21\.10\.2025\): Тема урока/, 'the answer');
  // pdftotext -layout interleaves the lines of neighbouring cells: the columns' words one by one
  assert.match(text, /выполнено/, 'the mark of fixing');
  assert.match(text, /22\.10\.2025/, 'the day it was fixed');
  assert.match(text, /ознакомлен\(а\)/, "the teacher's acquaintance");
  assert.match(text, /Математикова А\./, "the teacher's name under their signature");
});

test('many remarks run over several pages with the header repeated; pages = N in PDF, DOCX and XLSX', async () => {
  for (let i = 1; i <= 45; i++)
    await writeRemark(at(`2026-02-${String(1 + (i % 27)).padStart(2, '0')}T05:00:00Z`), {
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      text: `Замечание № ${i}: не записано домашнее задание на нескольких уроках подряд, не выставлены отметки за письменную работу, исправления внесены без пометки`,
      dueDate: null,
    });
  const doc = await print();
  const rp = remarkPages(doc);
  assert.ok(rp.length >= 3, `remarks pages: ${rp.length}`);
  // no remark is cut with «…»
  for (const p of doc.pages.filter((x) => x.section === 'remarks'))
    for (const b of p.blocks)
      if (b.kind === 'table') for (const row of b.rows) for (const c of row.cells) assert.equal(c.full, undefined, c.full);
  // The DOCX and XLSX go through LibreOffice: they test the renderers, not the engine, so the PostgreSQL pass (where
  // the remarks come from the other engine) checks the PDF only and saves CI time.
  const formats = TEST_ENGINE === 'postgres' ? (['pdf'] as const) : (['pdf', 'docx', 'xlsx'] as const);
  for (const format of formats) {
    const file = path.join(t.dir, `many.${format}`);
    await renderDocument(doc, format, file);
    const pdf = format === 'pdf' ? file : libreOfficeToPdf(file, path.join(t.dir, `lo-${format}`));
    const pages = pdfPages(pdf);
    assert.equal(pages, doc.total, format);
    assert.equal(certifiedLeaves(pdf, pages), pages, format);
    const text = flat(rp.map((n) => pdfText(pdf, n)).join(' '));
    for (const i of [1, 23, 45]) assert.match(text, new RegExp(`Замечание № ${i}:`), `${format}: remark ${i}`);
    // the ruled rows after the last remark fill its page and no further: the last remark is on the last page
    assert.match(flat(pdfText(pdf, rp[rp.length - 1])), /Замечание № \d+:/, format);
    // the table's header on each page of remarks
    assert.equal(text.match(/проверяющего/g)?.length, rp.length, format);
  }
});

test('a period’s copy prints the remarks dated within the period only', async () => {
  const q1 = await buildClassDocument(at('2026-06-30T08:00:00Z'), 'journal', s.classes.c5, { sided: 'single', period: 1 });
  const file = path.join(t.dir, 'q1.pdf');
  await renderDocument(q1, 'pdf', file);
  const pages = pdfPages(file);
  assert.equal(certifiedLeaves(file, pages), pages);
  const rp = remarkPages(q1);
  assert.equal(rp.length, 1);
  const text = flat(pdfText(file, rp[0]));
  assert.match(text, /Отметка выставлена без/);
  assert.doesNotMatch(text, /Замечание №/, 'the February remarks are of the third quarter');
  const q3 = await buildClassDocument(at('2026-06-30T08:00:00Z'), 'journal', s.classes.c5, { sided: 'single', period: 3 });
  assert.ok(remarkPages(q3).length >= 3);
  const subject = await buildClassDocument(at('2026-06-30T08:00:00Z'), 'journal', s.classes.c5, {
    sided: 'single',
    subjectId: s.subjects.math,
  });
  assert.deepEqual(remarkPages(subject), [], "a subject's copy has no class pages");
});

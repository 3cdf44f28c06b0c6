import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import { AppError } from '../../db/index';
import type { Actor } from '../../main/kernel/context';
import { applyOtherJournal, previewOtherJournal } from '../../main/exchange/other-journal';
import { headerDate } from '../../main/exchange/other-journal-file';
import * as lessons from '../../main/timetable/lessons';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool, type SmallSchool } from '../helpers/timetable';

// Import of marks, absences and topics from another journal's XLSX (issue 16, part 3), on a small hand-made school
// and files written here with exceljs in the common layout: a sheet per subject, names in rows, dates in columns.

let db: Awaited<ReturnType<typeof tempDb>>;
let s: SmallSchool;
/** The first five mathematics lessons of 5А in September, and one in the second quarter. */
let sept: { id: number; date: string }[];
let later: { id: number; date: string };

const ddmm = (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}`;
const asDate = (iso: string) => new Date(`${iso}T00:00:00Z`);

before(async () => {
  db = await tempDb();
  s = await smallSchool(db.ctx);
  await plainWeek(db.ctx, s);
  await lessons.generateLessons(db.ctx, { yearId: s.yearId });
  const math = await db.db
    .selectFrom('lesson')
    .select(['id', 'date'])
    .where('class_id', '=', s.classes.c5)
    .where('subject_id', '=', s.subjects.math)
    .orderBy('date')
    .execute();
  sept = math.slice(0, 5);
  later = math.find((l) => l.date >= '2025-11-10')!;
});

after(async () => {
  await db?.cleanup();
});

async function file(build: (wb: ExcelJS.Workbook) => void) {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return { name: 'другой журнал.xlsx', base64: Buffer.from(await wb.xlsx.writeBuffer()).toString('base64') };
}

/** The other journal's file: dates as an Excel date, «ДД.ММ» and «ДД.ММ.ГГГГ»; one bad mark unless `clean`. */
const otherJournal = (clean: boolean) =>
  file((wb) => {
    const ws = wb.addWorksheet('Математика');
    ws.addRow(['Ученик', asDate(sept[0].date), ddmm(sept[1].date), `${ddmm(sept[2].date)}.2025`, '31.05.2026', 'Итог']);
    ws.getCell('B1').numFmt = 'dd.mm.yyyy';
    ws.addRow(['Антонов Иван', 5, '4/5', 'нб', '5', '5']);
    ws.addRow(['Борисов  Иван', 'Н', null, clean ? '3' : '7']);
    ws.addRow(['Петров Пётр', '5', '5']);
    ws.addRow(['Темы уроков', 'Натуральные числа', 'Сложение']);
    const other = wb.addWorksheet('Астрономия');
    other.addRow(['Ученик', ddmm(sept[0].date)]);
    other.addRow(['Антонов Иван', '5']);
  });

const counts = async () => ({
  marks: Number(
    (
      await db.db
        .selectFrom('mark')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  cells: Number(
    (
      await db.db
        .selectFrom('journal_cell')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
  topics: Number(
    (
      await db.db
        .selectFrom('lesson')
        .select((e) => e.fn.countAll().as('n'))
        .where('topic', '<>', '')
        .executeTakeFirstOrThrow()
    ).n,
  ),
  audit: Number(
    (
      await db.db
        .selectFrom('audit_log')
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

test('header dates: Excel dates, «ДД.ММ» in the school year, «ДД.ММ.ГГГГ»; anything else is no date', () => {
  assert.equal(headerDate(asDate('2025-09-02'), 2025), '2025-09-02');
  assert.equal(headerDate('02.09', 2025), '2025-09-02');
  assert.equal(headerDate('12.01', 2025), '2026-01-12');
  assert.equal(headerDate('02.09.2026', 2025), '2026-09-02');
  assert.equal(headerDate('31.02', 2025), null);
  assert.equal(headerDate('Итог', 2025), null);
});

test('the preview: matched cells, the unmatched student, date and sheet, the invalid mark; nothing saved', async () => {
  const before = await counts();
  const p = await previewOtherJournal(db.ctx, { classId: s.classes.c5, file: await otherJournal(false) });
  assert.equal(p.className, '5А');
  assert.deepEqual(p.sheets, [{ sheet: 'Математика', subject: 'Математика', students: 2, dates: 3, marks: 3, absences: 2, topics: 2 }]);
  assert.equal(p.cells, 4);
  assert.deepEqual(
    p.unmatchedStudents.map((x) => [x.text, x.place, x.reason]),
    [['Петров Пётр', 'строка 4', 'Нет такого ученика в классе']],
  );
  assert.deepEqual(
    p.unmatchedDates.map((x) => [x.text, x.place]),
    [
      ['31.05.2026', 'столбец E'],
      ['Итог', 'столбец F'],
    ],
  );
  assert.match(p.unmatchedDates[0].reason, /нет урока по предмету «Математика»/);
  assert.deepEqual(
    p.invalidCells.map((x) => [x.place, x.text]),
    [['D3', '7']],
  );
  assert.match(p.invalidCells[0].reason, /отметка должна быть от 1 до 5/);
  assert.deepEqual(
    p.unmatchedSheets.map((x) => x.sheet),
    ['Астрономия'],
  );
  assert.equal(p.ready, false);
  assert.deepEqual(await counts(), before, 'the preview saved nothing (not even an audit row)');
});

test('apply refuses a file with an invalid cell and saves nothing', async () => {
  const before = await counts();
  await assert.rejects(applyOtherJournal(db.ctx, { classId: s.classes.c5, file: await otherJournal(false) }), (e: AppError) => {
    assert.equal(e.code, 'INVALID');
    assert.match(e.message, /Ничего не сохранено[\s\S]*D3: «7»/);
    return true;
  });
  assert.deepEqual(await counts(), before);
});

test('a teacher of another subject may not import into mathematics: refused, nothing saved', async () => {
  const teacher: Actor = { userId: 5, name: 'Учитель', roles: ['teacher'], staffId: s.staff.rusT, system: false };
  const before = await counts();
  const p = await previewOtherJournal(db.as(teacher), { classId: s.classes.c5, file: await otherJournal(true) });
  assert.equal(p.ready, false);
  assert.ok(p.refusals.length > 0);
  await assert.rejects(
    applyOtherJournal(db.as(teacher), { classId: s.classes.c5, file: await otherJournal(true) }),
    (e: AppError) => e.code === 'FORBIDDEN',
  );
  assert.deepEqual(await counts(), before);
});

test('all or nothing: a locked period refuses the whole file, the open period’s cells too', async () => {
  const f = await file((wb) => {
    const ws = wb.addWorksheet('Математика');
    ws.addRow(['Ученик', ddmm(later.date), ddmm(sept[4].date)]);
    ws.addRow(['Григорьев Иван', '5', '4']);
  });
  const lock = await db.db
    .insertInto('journal_lock')
    .values({
      class_id: s.classes.c5,
      subject_id: s.subjects.math,
      group_id: null,
      kind: 'p1',
      locked_at: new Date().toISOString(),
      locked_by: 'тест',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const before = await counts();
  const p = await previewOtherJournal(db.ctx, { classId: s.classes.c5, file: f });
  assert.equal(p.cells, 2);
  assert.equal(p.ready, false);
  assert.match(p.refusals.join('\n'), /закрыт|заблокирован|выставлен/i);
  await assert.rejects(applyOtherJournal(db.ctx, { classId: s.classes.c5, file: f }), (e: AppError) => e.code === 'LOCKED');
  assert.deepEqual(await counts(), before, 'the second quarter’s mark was not saved either');
  await db.db.deleteFrom('journal_lock').where('id', '=', lock.id).execute();
});

test('apply saves the matched marks, absences and topics through the journal, with their audit rows', async () => {
  const before = await counts();
  const r = await applyOtherJournal(db.ctx, { classId: s.classes.c5, file: await otherJournal(true) });
  assert.equal(r.ready, true);
  const cell = async (lessonId: number, studentId: number) => {
    const marks = await db.db
      .selectFrom('mark')
      .select('value')
      .where('lesson_id', '=', lessonId)
      .where('student_id', '=', studentId)
      .orderBy('position')
      .execute();
    const note = await db.db
      .selectFrom('journal_cell')
      .select('absence')
      .where('lesson_id', '=', lessonId)
      .where('student_id', '=', studentId)
      .executeTakeFirst();
    return [note?.absence ?? null, ...marks.map((m) => m.value)];
  };
  assert.deepEqual(await cell(sept[0].id, s.kids[0]), [null, '5']);
  assert.deepEqual(await cell(sept[1].id, s.kids[0]), [null, '4', '5']);
  assert.deepEqual(await cell(sept[2].id, s.kids[0]), ['н']);
  assert.deepEqual(await cell(sept[0].id, s.kids[1]), ['н']);
  assert.deepEqual(await cell(sept[2].id, s.kids[1]), [null, '3']);
  const topics = await db.db
    .selectFrom('lesson')
    .select(['id', 'topic'])
    .where('id', 'in', [sept[0].id, sept[1].id])
    .orderBy('date')
    .execute();
  assert.deepEqual(
    topics.map((t) => t.topic),
    ['Натуральные числа', 'Сложение'],
  );
  const after = await counts();
  assert.equal(after.marks - before.marks, 4);
  assert.equal(after.cells - before.cells, 2);
  assert.equal(after.topics - before.topics, 2);
  assert.equal(after.audit - before.audit, 7, 'five cells and two topics, each with its audit row');
  assert.equal(r.saved, 7);
});

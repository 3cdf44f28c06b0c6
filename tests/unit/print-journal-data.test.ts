import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { KyselyPlugin } from 'kysely';
import { runCli } from '../../main/transport/cli/index';
import type { Ctx } from '../../main/kernel/context';
import { buildClassDocument, classDocumentSource } from '../../main/printing/catalog';
import { loadJournalData } from '../../main/printing/journal/data';
import { DB_JOURNAL_PROVIDERS } from '../../main/printing/journal/providers';
import { loadLedgerData } from '../../main/printing/ledger/data';
import { DB_LEDGER_PROVIDERS } from '../../main/printing/ledger/providers';
import * as classes from '../../main/school/classes';
import { transferStudent } from '../../main/school/movement';
import * as students from '../../main/school/students';
import { generateLessons } from '../../main/timetable/lessons';
import { tempDb } from '../helpers/db';
import { plainWeek, smallSchool, student, type SmallSchool } from '../helpers/timetable';
import type { TableBlock } from '../../main/printing/layout/page';
import { pdfPages, pdfText, pdfWords, type Word } from '../helpers/tools';

// The journal's and the ledger's providers on a real database: lessons generated from a timetable, then marks,
// absences, topics, a substitution, a cancelled lesson and final marks written straight into the journal tables;
// the class journal and the summary ledger printed through the CLI and read back with poppler.

let t: Awaited<ReturnType<typeof tempDb>>;
let s: SmallSchool;
const kid = { antonov: 0, borisov: 0, vasiliev: 0, grigoriev: 0 };

async function lessonOn(subjectId: number, date: string, groupId: number | null = null): Promise<number> {
  let q = t.db
    .selectFrom('lesson')
    .select('id')
    .where('class_id', '=', s.classes.c5)
    .where('subject_id', '=', subjectId)
    .where('date', '=', date);
  q = groupId === null ? q.where('group_id', 'is', null) : q.where('group_id', '=', groupId);
  return (await q.executeTakeFirstOrThrow()).id;
}

async function mark(lessonId: number, studentId: number, ...values: string[]) {
  for (const [i, value] of values.entries())
    await t.db
      .insertInto('mark')
      .values({
        lesson_id: lessonId,
        student_id: studentId,
        position: i + 1,
        value,
        work_type_id: 1,
        weight: 1,
        entered_at: '2025-09-01T10:00:00Z',
        entered_by: 'тест',
      })
      .execute();
}

async function absent(lessonId: number, studentId: number, absence: 'н' | 'б' | 'у') {
  await t.db
    .insertInto('journal_cell')
    .values({ lesson_id: lessonId, student_id: studentId, absence, entered_at: '2025-09-01T10:00:00Z', entered_by: 'тест' })
    .execute();
}

async function final(subjectId: number, studentId: number, kind: 'p1' | 'p2' | 'p3' | 'p4' | 'year' | 'exam' | 'final', value: string) {
  await t.db
    .insertInto('final_mark')
    .values({
      year_id: s.yearId,
      class_id: s.classes.c5,
      subject_id: subjectId,
      student_id: studentId,
      kind,
      value,
      entered_at: '2026-05-25T10:00:00Z',
      entered_by: 'тест',
    })
    .execute();
}

before(async () => {
  t = await tempDb('school.sqlite');
  s = await smallSchool(t.ctx);
  await plainWeek(t.ctx, s);
  await generateLessons(t.ctx, { yearId: s.yearId, classIds: [s.classes.c5] });
  [kid.antonov, kid.borisov, kid.vasiliev, kid.grigoriev] = s.kids;
  const { math, russian, english } = s.subjects;

  // Monday 1 September: math (lesson 1) and Russian (lesson 2); Tuesday 2 September: math and English in subgroups
  const m0901 = await lessonOn(math, '2025-09-01');
  await t.db.updateTable('lesson').set({ topic: 'Сложение натуральных чисел', homework: '§ 1, № 5' }).where('id', '=', m0901).execute();
  await mark(m0901, kid.antonov, '5');
  await mark(m0901, kid.borisov, '4', '5');
  await absent(m0901, kid.vasiliev, 'н');
  await absent(m0901, kid.grigoriev, 'б');
  await mark(m0901, kid.grigoriev, '3');

  const m0902 = await lessonOn(math, '2025-09-02');
  await t.db
    .updateTable('lesson')
    .set({ topic: 'Вычитание натуральных чисел', substitute_staff_id: s.staff.rusT })
    .where('id', '=', m0902)
    .execute();
  await absent(m0902, kid.antonov, 'у');

  const m0903 = await lessonOn(math, '2025-09-03');
  await t.db.updateTable('lesson').set({ topic: 'Урок, которого не было', status: 'cancelled' }).where('id', '=', m0903).execute();
  await mark(m0903, kid.antonov, '2');

  const r0901 = await lessonOn(russian, '2025-09-01');
  await t.db.updateTable('lesson').set({ topic: 'Звуки и буквы' }).where('id', '=', r0901).execute();
  await absent(r0901, kid.vasiliev, 'н');
  await mark(r0901, kid.vasiliev, '5');

  const e1 = await lessonOn(english, '2025-09-02', s.groups.g1);
  await t.db.updateTable('lesson').set({ topic: 'Greetings and introductions' }).where('id', '=', e1).execute();
  await mark(e1, kid.antonov, '3');
  const e2 = await lessonOn(english, '2025-09-02', s.groups.g2);
  await t.db.updateTable('lesson').set({ topic: 'My family and friends' }).where('id', '=', e2).execute();
  await absent(e2, kid.grigoriev, 'б');

  // November: an illness of two lessons on one day
  await absent(await lessonOn(math, '2025-11-10'), kid.borisov, 'б');
  await absent(await lessonOn(russian, '2025-11-10'), kid.borisov, 'б');

  await final(math, kid.antonov, 'p1', '5');
  await final(math, kid.antonov, 'year', '4');
  await final(math, kid.antonov, 'final', '4');
  await final(russian, kid.borisov, 'p2', '3');
  await final(english, kid.grigoriev, 'year', 'зач');
});

after(async () => {
  await t.cleanup();
});

function capture() {
  const errs: string[] = [];
  const lines: string[] = [];
  return { out: { log: (x: string) => lines.push(x), err: (x: string) => errs.push(x) }, errs, lines };
}

async function print(kind: string, name: string): Promise<string> {
  const out = path.join(t.dir, name);
  const c = capture();
  const code = await runCli(['print', kind, '--db', t.target, '--year', '2025/2026', '--class', '5А', '--out', out], c.out);
  assert.equal(code, 0, c.errs.join('\n'));
  return out;
}

const flat = (x: string) => x.replace(/\s+/g, ' ');
const midY = (w: Word) => (w.yMin + w.yMax) / 2;
const sameRow = (a: Word, b: Word) => Math.abs(midY(a) - midY(b)) < 3;
const sameCol = (a: Word, b: Word) => a.xMin < b.xMax && b.xMin < a.xMax;

/** Pages whose text contains all of `needles`. */
function pagesWith(pdf: string, ...needles: string[]): number[] {
  // pdftotext ends every page with a form feed
  const pages = pdfText(pdf).split('\f').map(flat);
  return pages.flatMap((text, i) => (needles.every((x) => text.includes(x)) ? [i + 1] : []));
}

test('the catalogue builds the class journal from the database providers: a section per subject page they read', async () => {
  const data = await loadJournalData(t.ctx, s.classes.c5);
  const pages = await DB_JOURNAL_PROVIDERS.subjects(t.ctx, data);
  const source = await classDocumentSource(t.ctx, 'journal', s.classes.c5, { sided: 'single' });
  assert.ok(pages.length >= 3);
  assert.deepEqual(
    source.sections.filter((x) => x.id.startsWith('subject:')).map((x) => x.id),
    pages.map((p) => `subject:${p.key}`),
  );
});

test('providers: pages per subject and subgroup in catalogue order, cells as the grid shows them, final marks, attendance', async () => {
  const data = await loadJournalData(t.ctx, s.classes.c5);
  const pages = await DB_JOURNAL_PROVIDERS.subjects(t.ctx, data);
  assert.deepEqual(
    pages.map((p) => [p.subject, p.group, p.teacher, p.students.length]),
    [
      ['Математика', null, 'Иванова Анна Петровна', 4],
      ['Русский язык', null, 'Петрова Анна Петровна', 4],
      ['Английский язык', 'Англ. — 1 подгруппа', 'Сидорова Анна Петровна', 2],
      ['Английский язык', 'Англ. — 2 подгруппа', 'Кузнецова Анна Петровна', 2],
    ],
  );
  assert.equal(new Set(pages.map((p) => p.key)).size, pages.length, 'keys are unique');
  const math = pages[0];
  const [first, second] = math.lessons;
  assert.equal(first.date, '2025-09-01');
  assert.deepEqual(first.cells, { [kid.antonov]: '5', [kid.borisov]: '4/5', [kid.vasiliev]: 'н', [kid.grigoriev]: 'б/3' });
  assert.equal(first.topic, 'Сложение натуральных чисел');
  assert.equal(first.homework, '§ 1, № 5');
  assert.equal(first.hours, 1);
  assert.equal(second.topic, 'Вычитание натуральных чисел (замена: Петрова А. П.)');
  assert.deepEqual(second.cells, { [kid.antonov]: 'у' });
  assert.ok(!math.lessons.some((l) => l.date === '2025-09-03' && l.topic.includes('не было')), 'a cancelled lesson is not printed');
  // math every weekday from September to the end of May, without holidays; dates in order
  assert.ok(math.lessons.length > 150, `${math.lessons.length} math lessons`);
  assert.deepEqual(
    math.lessons.map((l) => l.date),
    [...math.lessons.map((l) => l.date)].sort(),
  );
  assert.deepEqual(pages[1].lessons[0].cells, { [kid.vasiliev]: 'н/5' });

  const fm = await DB_JOURNAL_PROVIDERS.finalMarks!(t.ctx, data);
  assert.ok(fm);
  assert.deepEqual(fm.columns, ['1 ч.', '2 ч.', '3 ч.', '4 ч.', 'Год', 'Экз.', 'Итог']);
  assert.deepEqual(
    fm.subjects.map((x) => x.name),
    ['Математика', 'Русский язык', 'Английский язык'],
  );
  assert.deepEqual(fm.subjects[0].marks[kid.antonov], ['5', '', '', '', '4', '', '4']);
  assert.deepEqual(fm.subjects[1].marks[kid.borisov], ['', '3', '', '', '', '', '']);

  const att = await DB_JOURNAL_PROVIDERS.attendance!(t.ctx, data);
  assert.ok(att);
  assert.equal(att.months[0].key, '2025-09');
  assert.equal(att.months.at(-1)!.key, '2026-05');
  assert.deepEqual(att.missed[kid.vasiliev], { '2025-09': { total: 2, excused: 0 } });
  assert.deepEqual(att.missed[kid.grigoriev], { '2025-09': { total: 2, excused: 2 } });
  assert.deepEqual(att.missed[kid.antonov], { '2025-09': { total: 1, excused: 1 } });
  assert.deepEqual(att.missed[kid.borisov], { '2025-11': { total: 2, excused: 2 } });
});

test('ledger providers: the class’s subjects with short names and marks per column; absences per day by reason', async () => {
  const data = await loadLedgerData(t.ctx, s.classes.c5);
  const m = await DB_LEDGER_PROVIDERS.marks!(t.ctx, data);
  assert.ok(m);
  assert.deepEqual(
    m.subjects.map((x) => [x.name, x.short]),
    [
      ['Математика', 'Матема'],
      ['Русский язык', 'Русски'],
      ['Английский язык', 'Англий'],
    ],
  );
  assert.deepEqual(m.subjects[0].marks[kid.antonov], { p1: '5', year: '4', final: '4' });
  assert.deepEqual(m.subjects[2].marks[kid.grigoriev], { year: 'зач' });
  const a = await DB_LEDGER_PROVIDERS.absences!(t.ctx, data);
  assert.ok(a);
  assert.deepEqual(a.days[kid.borisov], { '2025-11-10': { illness: 2, excused: 0, unexcused: 0 } });
  assert.deepEqual(a.days[kid.grigoriev], {
    '2025-09-01': { illness: 1, excused: 0, unexcused: 0 },
    '2025-09-02': { illness: 1, excused: 0, unexcused: 0 },
  });
  assert.deepEqual(a.days[kid.antonov], { '2025-09-02': { illness: 0, excused: 1, unexcused: 0 } });
  assert.deepEqual(a.days[kid.vasiliev], { '2025-09-01': { illness: 0, excused: 0, unexcused: 2 } });
});

test('a handful of queries per class, however many lessons and marks', async () => {
  let queries = 0;
  const counter: KyselyPlugin = {
    transformQuery: (a) => {
      queries++;
      return a.node;
    },
    transformResult: async (a) => a.result,
  };
  const ctx: Ctx = { ...t.ctx, db: t.ctx.db.withPlugin(counter) };
  const data = await loadJournalData(ctx, s.classes.c5);
  queries = 0;
  await Promise.all([
    DB_JOURNAL_PROVIDERS.subjects(ctx, data),
    DB_JOURNAL_PROVIDERS.finalMarks!(ctx, data),
    DB_JOURNAL_PROVIDERS.attendance!(ctx, data),
  ]);
  assert.ok(queries > 0 && queries <= 14, `${queries} queries for the journal’s providers`);
  const ledger = await loadLedgerData(ctx, s.classes.c5);
  queries = 0;
  await Promise.all([DB_LEDGER_PROVIDERS.marks!(ctx, ledger), DB_LEDGER_PROVIDERS.absences!(ctx, ledger)]);
  assert.ok(queries > 0 && queries <= 7, `${queries} queries for the ledger’s providers`);
});

test('the class journal PDF printed by the CLI shows the marks, «Н», topics, the substitution and the final marks', async () => {
  const pdf = await print('journal', 'journal.pdf');
  const all = flat(pdfText(pdf));
  assert.ok(all.includes('Математика'));
  assert.ok(all.includes('Английский язык (Англ. — 1 подгруппа)'));
  assert.ok(all.includes('учитель Иванова Анна Петровна'));
  assert.ok(all.includes('Сложение натуральных чисел'));
  assert.ok(all.includes('§ 1, № 5'));
  assert.ok(all.includes('(замена: Петрова А. П.)'));
  assert.ok(all.includes('Greetings and introductions') && all.includes('My family and friends'));
  assert.ok(!all.includes('Урок, которого не было'), 'the cancelled lesson is not printed');

  // the first math spread's left page: Борисов's «4/5» in his row, under the first date (1 September)
  const left = pagesWith(pdf, 'Математика', 'сентябрь', 'Антонов')[0];
  assert.ok(left, 'the first math left page');
  const words = pdfWords(pdf, left);
  const day1 = words.find((w) => w.text === '01');
  assert.ok(day1, 'the date 01 heads a column');
  const cellOf = (lastName: string) => {
    const name = words.find((w) => w.text === lastName)!;
    assert.ok(name, lastName);
    return words.filter((w) => sameRow(w, name) && sameCol(w, day1) && w !== name).map((w) => w.text);
  };
  assert.deepEqual(cellOf('Антонов'), ['5']);
  assert.deepEqual(cellOf('Борисов'), ['4/5']);
  // absences print in capitals: a small «б» reads as the digit «6» in the print font
  assert.deepEqual(cellOf('Васильев'), ['Н']);
  assert.deepEqual(cellOf('Григорьев'), ['Б/3']);

  // final marks and attendance pages
  const finals = pagesWith(pdf, 'СВОДНАЯ ВЕДОМОСТЬ ИТОГОВЫХ ОТМЕТОК');
  assert.equal(finals.length, 1);
  const fw = pdfWords(pdf, finals[0]);
  const antonov = fw.find((w) => w.text === 'Антонов')!;
  assert.deepEqual(
    fw.filter((w) => sameRow(w, antonov) && w.xMin > antonov.xMax + 40).map((w) => w.text),
    ['5', '4', '4'],
  );
  const att = pagesWith(pdf, 'СВЕДЕНИЯ О КОЛИЧЕСТВЕ УРОКОВ');
  assert.equal(att.length, 1);
  const aw = pdfWords(pdf, att[0]);
  const grig = aw.find((w) => w.text === 'Григорьев')!;
  // September: 2 missed, 2 excused; the year: 2 and 2
  assert.deepEqual(
    aw.filter((w) => sameRow(w, grig) && w.xMin > grig.xMax + 40).map((w) => w.text),
    ['2', '2', '2', '2'],
  );
  const last = flat(pdfText(pdf, pdfPages(pdf)));
  assert.ok(last.includes(`скреплено печатью ${pdfPages(pdf)} (`));
});

test('the summary ledger printed by the CLI lists the class’s subjects and its final marks', async () => {
  const pdf = await print('ledger', 'ledger.pdf');
  const all = flat(pdfText(pdf));
  assert.ok(all.includes('Матема') && all.includes('Англий'));
  assert.ok(!all.includes('Физиче'), 'physical education has no lessons in 5А: not a column');
  const page = pagesWith(pdf, 'Антонов')[0];
  const words = pdfWords(pdf, page);
  const head = words.find((w) => w.text === 'Матема')!;
  const name = words.find((w) => w.text === 'Антонов')!;
  const rowOf = (label: string) =>
    words
      .filter(
        (w, i) =>
          w.text === label.split(' ')[0] &&
          (label.includes(' ') ? words[i + 1]?.text === label.split(' ')[1] : true) &&
          w.yMin >= name.yMin - 2,
      )
      .sort((a, b) => a.yMin - b.yMin)[0];
  const inCell = (row: Word) => words.filter((w) => sameRow(w, row) && sameCol(w, head)).map((w) => w.text);
  assert.deepEqual(inCell(rowOf('1 ч.')), ['5']);
  assert.deepEqual(inCell(rowOf('Год')), ['4']);
  assert.deepEqual(inCell(rowOf('Итог')), ['4']);
});

test('the homeroom attendance ledger counts the absences by reason', async () => {
  const pdf = await print('attendance-ledger', 'attendance.pdf');
  const all = flat(pdfText(pdf));
  // 2 (Васильев, н) + 2 (Григорьев, б) + 1 (Антонов, у) + 2 (Борисов, б) lessons
  assert.match(all, /Пропущено за год 7 уроков, из них по болезни 4, по другим уважительным причинам 1, без уважительной причины 2/);
});

test('a class with no lessons yet still gets its journal (no subject pages, empty summaries)', async () => {
  // 1А has a timetable but no generated lessons; one pupil enrolled, so the summaries have a row to leave empty.
  await students.createStudent(t.ctx, {
    classId: s.classes.c1,
    date: '2025-09-01',
    order_number: '3-у',
    guardians: [],
    student: student('Ежов', 'Пётр', '2018-04-04'),
  });
  const data = await loadJournalData(t.ctx, s.classes.c1);
  assert.deepEqual(await DB_JOURNAL_PROVIDERS.subjects(t.ctx, data), []);
  assert.equal(await DB_JOURNAL_PROVIDERS.finalMarks!(t.ctx, data), null);
  assert.deepEqual((await DB_JOURNAL_PROVIDERS.attendance!(t.ctx, data))?.missed, {});

  const doc = await buildClassDocument(t.ctx, 'journal', s.classes.c1, { sided: 'single' });
  assert.deepEqual(
    doc.pages.map((p) => p.section),
    ['title', 'contents', 'attendance', 'general', 'health', 'remarks', 'certification'],
  );
  const body = (section: string) =>
    doc.pages
      .filter((p) => p.section === section)
      .flatMap((p) => p.blocks.filter((b): b is TableBlock => b.kind === 'table'))
      .flatMap((b) => b.rows.filter((r) => !r.header).map((r) => r.cells.map((c) => c.lines.join(' '))));
  assert.deepEqual(body('contents'), [
    ['1', 'Сведения о пропущенных уроках', '', '3'],
    ['2', 'Общие сведения об обучающихся', '', '4'],
    ['3', 'Листок здоровья', '', '5'],
    ['4', 'Замечания по ведению журнала', '', '6'],
  ]);
  // The pupil's row: twelve empty months (nothing missed) and a year total of 0 lessons, 0 of them excused.
  assert.deepEqual(body('attendance'), [
    ['1', 'Ежов Пётр', ...Array<string>(24).fill(''), '0', '0'],
    ['Итого по классу', ...Array<string>(26).fill('0')],
  ]);
  assert.deepEqual(body('health'), [['1', 'Ежов Пётр', '', '', '']]);
});

test('a student transferred into the class: his dates only, his marks here, and the period mark he brought with him', async () => {
  // 5Б: Дмитриев from 1 September, a first-quarter mark in math there; transferred to 5А on 5 November
  const c5b = await classes.saveClass(t.ctx, {
    id: null,
    yearId: s.yearId,
    grade: 5,
    letter: 'Б',
    homeroom_staff_id: null,
    bell_schedule_id: s.first,
    week_days: 5,
    shift: 1,
    room_id: null,
  });
  const { id: _id, ...antonov } = await t.db.selectFrom('student').selectAll().where('id', '=', kid.antonov).executeTakeFirstOrThrow();
  const dmitriev = await students.createStudent(t.ctx, {
    classId: c5b,
    date: '2025-09-01',
    order_number: '2-у',
    guardians: [],
    student: { ...antonov, last_name: 'Дмитриев', snils: null },
  });
  const fm = (classId: number, kind: 'p1' | 'p2', value: string) =>
    t.db
      .insertInto('final_mark')
      .values({
        year_id: s.yearId,
        class_id: classId,
        subject_id: s.subjects.math,
        student_id: dmitriev,
        kind,
        value,
        entered_at: '2025-12-25T10:00:00Z',
        entered_by: 'тест',
      })
      .execute();
  await fm(c5b, 'p1', '5');
  await transferStudent(t.ctx, { studentId: dmitriev, toClassId: s.classes.c5, date: '2025-11-05', order_number: '15-у', reason: '' });
  await fm(s.classes.c5, 'p2', '4');
  await mark(await lessonOn(s.subjects.math, '2025-11-06'), dmitriev, '4');

  const data = await loadJournalData(t.ctx, s.classes.c5);
  const math = (await DB_JOURNAL_PROVIDERS.subjects(t.ctx, data))[0];
  const row = math.students.find((x) => x.id === dmitriev);
  assert.ok(row, 'listed on the subject page');
  assert.deepEqual(row.active, [{ start_date: '2025-11-05', end_date: '2026-08-31' }]);
  assert.equal(math.lessons.find((l) => l.date === '2025-11-06')?.cells[dmitriev], '4');
  // 5А shows the mark he brought from 5Б and his own; 5Б, which he left, only its own
  const here = await DB_JOURNAL_PROVIDERS.finalMarks!(t.ctx, data);
  assert.deepEqual(here!.subjects[0].marks[dmitriev].slice(0, 2), ['5', '4']);
  const there = await DB_JOURNAL_PROVIDERS.finalMarks!(t.ctx, await loadJournalData(t.ctx, c5b));
  assert.deepEqual(there!.subjects.find((x) => x.name === 'Математика')!.marks[dmitriev].slice(0, 2), ['5', '']);
});

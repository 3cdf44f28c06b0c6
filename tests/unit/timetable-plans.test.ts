import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { verifyAuditChain } from '../../main/kernel/audit-verify';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { databaseStats } from '../../main/school/stats';
import { generateLessons } from '../../main/timetable/lessons';
import { parsePlanFile } from '../../main/timetable/plan-file';
import * as plans from '../../main/timetable/plans';
import * as curriculum from '../../main/timetable/curriculum';
import { timetablePdf } from '../../main/timetable/timetable-pdf';
import { versionConflicts } from '../../main/timetable/timetable';
import { tempDb } from '../helpers/db';
import { isPdfA2b, pdfFonts } from '../helpers/tools';
import { plainWeek, smallSchool } from '../helpers/timetable';

const GOOD =
  '№;Тема;Часы;Вид;Домашнее задание\r\n1;Звуки и буквы;2;урок;упр. 5\r\n2;Словарный диктант;1;контрольная;\r\n3;Лексика;1;;§ 3\r\n';
const file = (name: string, buf: Buffer) => ({ name, base64: buf.toString('base64') });

test('plan files: UTF-8 with BOM, Windows-1251, UTF-16 and XLSX read the same', async () => {
  const utf8bom = await parsePlanFile('ktp.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(GOOD, 'utf8')]));
  assert.equal(utf8bom.encoding, 'UTF-8 (BOM)');
  assert.equal(utf8bom.fatal, null);
  assert.deepEqual(utf8bom.errors, []);
  assert.deepEqual(
    utf8bom.topics.map((t) => [t.title, t.hours, t.kind, t.homework]),
    [
      ['Звуки и буквы', 2, 'ordinary', 'упр. 5'],
      ['Словарный диктант', 1, 'control', ''],
      ['Лексика', 1, 'ordinary', '§ 3'],
    ],
  );
  const cp1251 = await parsePlanFile('ktp.csv', iconv.encode(GOOD, 'win1251'));
  assert.equal(cp1251.encoding, 'Windows-1251');
  assert.deepEqual(cp1251.topics, utf8bom.topics);
  const utf16 = await parsePlanFile(
    'ktp.csv',
    Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(GOOD.replace(/;/g, '\t'), 'utf-16le')]),
  );
  assert.deepEqual(utf16.topics, utf8bom.topics);
  const comma = await parsePlanFile('ktp.csv', Buffer.from('Тема,Часы\n"Числа, цифры",3\n', 'utf8'));
  assert.deepEqual(
    comma.topics.map((t) => [t.title, t.hours]),
    [['Числа, цифры', 3]],
  );
  // an XLSX written by Excel-compatible software, with a number cell and rich text
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('КТП');
  ws.addRow(['№', 'Тема урока', 'Кол-во часов', 'Вид урока']);
  ws.addRow([1, { richText: [{ text: 'Звуки ' }, { text: 'и буквы' }] }, 2, 'Урок']);
  ws.addRow([2, 'Лабораторная работа № 1', 1, 'лабораторная работа']);
  const xlsx = await parsePlanFile('ktp.xlsx', Buffer.from(await wb.xlsx.writeBuffer()));
  assert.equal(xlsx.format, 'xlsx');
  assert.deepEqual(
    xlsx.topics.map((t) => [t.title, t.hours, t.kind]),
    [
      ['Звуки и буквы', 2, 'ordinary'],
      ['Лабораторная работа № 1', 1, 'laboratory'],
    ],
  );
});

test('plan files: wrong columns, wrong types, old XLS and 10 000 rows get clear messages', async () => {
  const wrong = await parsePlanFile('x.csv', Buffer.from('Предмет;Дата;Оценка\nМатематика;01.09.2025;5\n'));
  assert.match(wrong.fatal!, /Не найдены столбцы «Тема», «Часы»/);
  assert.match(wrong.fatal!, /Найдено: «Предмет», «Дата», «Оценка»/);
  const types = await parsePlanFile(
    'x.csv',
    Buffer.from('№;Тема;Часы;Вид\n1;Дроби;два;урок\n2;;1;урок\n2;Проценты;0;семинар\nx;Степени;1,5;\n5;Корни;3;экскурсия\n'),
  );
  assert.equal(types.fatal, null);
  assert.deepEqual(
    types.errors.map((e) => e.row),
    [2, 3, 4, 5],
  );
  assert.match(types.errors[0].message, /Строка 2: «Часы»: нужно целое число от 1 до 20, указано «два»/);
  assert.match(types.errors[1].message, /Строка 3: не заполнена тема/);
  assert.match(types.errors[2].message, /«№» 2 уже был в строке 3.*неизвестный вид «семинар»/);
  assert.match(types.errors[3].message, /«Часы».*указано «1,5»; «№»: нужно целое положительное число, указано «x»/);
  assert.equal(types.topics.length, 1);
  const xls = await parsePlanFile('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]));
  assert.match(xls.fatal!, /XLS/);
  const big = ['Тема;Часы', ...Array.from({ length: 10_000 }, (_, i) => `Тема ${i + 1};1`)].join('\n');
  const started = Date.now();
  const huge = await parsePlanFile('big.csv', Buffer.from(big));
  assert.match(huge.fatal!, /В файле 10000 строк с темами, а в тематическом плане может быть не больше 2000 тем/);
  assert.ok(Date.now() - started < 5000);
  assert.match((await parsePlanFile('e.csv', Buffer.alloc(0))).fatal!, /пустой/);
  assert.match((await parsePlanFile('h.csv', Buffer.from('Тема;Часы\n'))).fatal!, /нет ни одной темы/);
});

test('importing a plan: a file with any bad row saves nothing; a good one replaces the plan, goes onto lessons and round-trips', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    await plainWeek(t.ctx, s);
    await generateLessons(t.ctx, { yearId: s.yearId });
    await curriculum.saveCurriculum(t.ctx, {
      yearId: s.yearId,
      grade: 5,
      classId: null,
      periodNumber: null,
      entries: [{ subjectId: s.subjects.russian, hours: 3 }],
    });
    const input = { yearId: s.yearId, subjectId: s.subjects.russian, grade: 5, classId: null };
    const auditBefore = await t.db
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await assert.rejects(
      plans.importPlan(t.ctx, { ...input, file: file('bad.csv', Buffer.from('Тема;Часы\nФонетика;2\nДиктант;много\n')) }),
      /1 строк с ошибками, план не загружен\. Строка 3/,
    );
    await assert.rejects(
      plans.importPlan(t.ctx, { ...input, file: file('cols.csv', Buffer.from('Предмет;Дата\nА;Б\n')) }),
      /Не найдены столбцы/,
    );
    assert.equal((await t.db.selectFrom('thematic_plan').selectAll().execute()).length, 0);
    assert.equal((await t.db.selectFrom('plan_topic').selectAll().execute()).length, 0);
    const auditAfter = await t.db
      .selectFrom('audit_log')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(auditAfter.n, auditBefore.n);

    const r = await plans.importPlan(t.ctx, { ...input, file: file('ktp.csv', iconv.encode(GOOD, 'win1251')) });
    assert.equal(r.topics, 3);
    assert.match(r.warning!, /В тематическом плане 4 ч, а по учебному плану \d+ ч/);
    const first = await t.db
      .selectFrom('lesson')
      .select(['topic'])
      .where('class_id', '=', s.classes.c5)
      .where('subject_id', '=', s.subjects.russian)
      .orderBy('date')
      .limit(5)
      .execute();
    assert.deepEqual(
      first.map((l) => l.topic),
      ['Звуки и буквы', 'Звуки и буквы', 'Словарный диктант', 'Лексика', ''],
    );
    // export and import again: the same topics
    const list = await plans.listPlans(t.ctx, s.yearId);
    for (const format of ['xlsx', 'csv'] as const) {
      const out = await plans.exportPlan(t.ctx, { id: list[0].id, format });
      const back = await parsePlanFile(out.name, Buffer.from(out.base64, 'base64'));
      assert.deepEqual(back.errors, []);
      assert.deepEqual(
        back.topics.map((x) => [x.position, x.title, x.hours, x.kind, x.homework]),
        [
          [1, 'Звуки и буквы', 2, 'ordinary', 'упр. 5'],
          [2, 'Словарный диктант', 1, 'control', ''],
          [3, 'Лексика', 1, 'ordinary', '§ 3'],
        ],
      );
    }
    // a preview of a broken file lists every row's error
    const preview = await plans.previewPlanFile(t.ctx, file('p.csv', Buffer.from('Тема;Часы\nА;x\nБ;y\nВ;1\n')));
    assert.deepEqual(
      preview.errors.map((e) => e.row),
      [2, 3],
    );
  } finally {
    await t.cleanup();
  }
});

test('the demo school: conflict-free timetable, lessons never on holidays or days off, plans matching the curriculum, printable', async () => {
  const t = await tempDb();
  try {
    await runDemo(t.db, t.raw, systemActor('тест'), { seed: 11, today: '2026-06-30' });
    const stats = await databaseStats(t.db);
    assert.ok(stats.lessons > 30_000, `lessons ${stats.lessons}`);
    assert.ok(stats.substitutions > 20);
    assert.ok(stats.planTopics > 5000);
    const v = await t.db.selectFrom('timetable_version').selectAll().executeTakeFirstOrThrow();
    const report = await versionConflicts(t.ctx, v.id);
    assert.deepEqual(report.conflicts, []);
    assert.deepEqual(report.noBell, []);
    assert.deepEqual(report.loadMismatches, []);
    const badDays = await t.db
      .selectFrom('lesson as l')
      .innerJoin('class as c', 'c.id', 'l.class_id')
      .innerJoin('holiday as h', (j) => j.onRef('l.date', '>=', 'h.start_date').onRef('l.date', '<=', 'h.end_date'))
      .select(['c.name', 'l.date', 'h.grades'])
      .execute();
    assert.deepEqual(
      badDays.filter(
        (b) =>
          b.grades === '' ||
          b.grades
            .split(',')
            .map(Number)
            .includes(Number(b.name.slice(0, -1))),
      ),
      [],
    );
    const weekends = await t.db
      .selectFrom('lesson as l')
      .innerJoin('class as c', 'c.id', 'l.class_id')
      .select(['l.date', 'c.week_days'])
      .execute();
    assert.equal(
      weekends.filter((l) => {
        const d = new Date(`${l.date}T00:00:00Z`).getUTCDay();
        return d === 0 || (d === 6 && l.week_days === 5);
      }).length,
      0,
    );
    // subgroups: English in 5А is taught to both halves at once by two teachers
    const list = await plans.listPlans(t.ctx, v.year_id);
    assert.ok(list.length > 100);
    assert.deepEqual(
      list.filter((p) => p.warning),
      [],
    );
    assert.ok(verifyAuditChain(t.raw).ok);

    const pdf = await timetablePdf(t.ctx, { versionId: v.id });
    const out = path.join(t.dir, 'timetable.pdf');
    fs.writeFileSync(out, Buffer.from(pdf.base64, 'base64'));
    assert.equal(pdf.pages, 43);
    assert.match(execFileSync('pdfinfo', [out]).toString(), /Pages:\s+43/);
    execFileSync('qpdf', ['--check', out]);
    assert.ok(isPdfA2b(out));
    assert.deepEqual(
      pdfFonts(out).sort((a, b) => a.name.localeCompare(b.name)),
      ['DejaVuSansCondensed', 'DejaVuSansCondensed-Bold'].map((name) => ({ name, embedded: true })),
    );
    const text = execFileSync('pdftotext', ['-f', '19', '-l', '19', out, '-']).toString();
    assert.match(text, /Расписание уроков 5А класса/);
    assert.match(text, /Понедельник/);
  } finally {
    await t.cleanup();
  }
});

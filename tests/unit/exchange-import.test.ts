import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { AppError } from '../../db';
import { importFile, importSummary, importTemplate, previewImport } from '../../main/exchange/import';
import { MAX_ROWS } from '../../main/exchange/read';
import { verifyAuditChainDb } from '../../main/kernel/audit-verify';
import { systemActor, type Ctx } from '../../main/kernel/context';
import type { ImportKind } from '../../main/contract/exchange';
import { makeSnils } from '../../main/contract/rules/snils';
import * as classes from '../../main/school/classes';
import * as staff from '../../main/school/staff';
import * as students from '../../main/school/students';
import * as years from '../../main/school/years';
import { tempDb } from '../helpers/db';
import { student as blankStudent } from '../helpers/timetable';

// The roster import (issue 16, parts 1 and 4) on real SQLite files: encodings, separators, the mapping and its memory,
// each row's errors and warnings, updates on a second import, all-or-nothing, and every bad file of part 4.

let t: Awaited<ReturnType<typeof tempDb>>;
let ctx: Ctx;
const NOW = new Date('2026-12-02T05:00:00Z');

const HEADER = [
  'Класс',
  'Фамилия',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Пол',
  'СНИЛС',
  'Номер личного дела',
  'Родитель 1: кем приходится',
  'Родитель 1: фамилия',
  'Родитель 1: имя',
  'Родитель 1: телефон',
];
const SN = (n: number) => makeSnils(300_000_000 + n);
const row = (n: number, over: Partial<Record<string, string>> = {}) => {
  const base: Record<string, string> = {
    Класс: n % 2 ? '5А' : '5Б',
    Фамилия: `Кузнецов${n}`,
    Имя: 'Андрей',
    Отчество: 'Петрович',
    'Дата рождения': '14.03.2015',
    Пол: 'м',
    СНИЛС: SN(n),
    'Номер личного дела': `Л-${n}`,
    'Родитель 1: кем приходится': 'мать',
    'Родитель 1: фамилия': `Кузнецова${n}`,
    'Родитель 1: имя': 'Анна',
    'Родитель 1: телефон': '+7 913 000-00-00',
    ...over,
  };
  return HEADER.map((h) => base[h] ?? '');
};

function csv(rows: string[][], sep = ';'): string {
  const q = (c: string) => (/[";,\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return [HEADER, ...rows].map((r) => r.map(q).join(sep)).join('\r\n');
}
const utf8Bom = (s: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(s, 'utf8')]);

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Лист1'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const preview = (kind: ImportKind, name: string, buf: Buffer, mapping?: Record<string, number | null>) =>
  previewImport(ctx, { kind, file: { name, base64: buf.toString('base64') }, mapping });

/** Counted by the engine's own shell (sqlite3 or psql), not through the program. */
function shellCount(table: string): number {
  const r = t.shell(`select count(*) from ${table}`);
  assert.equal(r.status, 0, r.stderr);
  return Number(r.stdout.trim());
}
const counts = () => ({
  student: shellCount('student'),
  guardian: shellCount('guardian'),
  enrollment: shellCount('enrollment'),
  staff: shellCount('staff'),
  audit: shellCount('audit_log'),
  setting: shellCount('setting'),
});

async function refused(p: Promise<unknown>, re: RegExp, code = 'INVALID') {
  await assert.rejects(p, (e: unknown) => e instanceof AppError && e.code === code && re.test(e.message));
}

before(async () => {
  t = await tempDb();
  ctx = { ...t.ctx, now: () => NOW };
  const yearId = await years.saveYear(ctx, { id: null, name: '2026/2027', start_date: '2026-09-01', end_date: '2027-08-31' });
  for (const letter of ['А', 'Б']) await classes.saveClass(ctx, { id: null, yearId, grade: 5, letter, week_days: 5, shift: 1 });
});
after(() => t.cleanup());

test('the template has a header and a sample row that imports as it is', async () => {
  const buf = await importTemplate('students');
  const p = await preview('students', 'шаблон.xlsx', buf);
  assert.equal(p.fatal, null);
  assert.deepEqual(p.missing, []);
  assert.equal(p.rows.length, 1);
  assert.deepEqual(p.rows[0].errors, []);
  assert.equal(p.rows[0].values.birth_date, '2015-03-14');
  assert.equal(p.rows[0].values.g1_relation, 'мать');
  for (const kind of ['staff', 'subjects', 'classes'] as const) {
    const q = await preview(kind, 'шаблон.xlsx', await importTemplate(kind));
    assert.equal(q.rows.length, 1, kind);
    assert.deepEqual(q.missing, [], kind);
  }
});

test('CSV in UTF-8 with and without BOM and in Windows-1251, with «;» or «,», reads the same rows', async () => {
  const text = csv([row(1), row(2, { Отчество: 'Ёжиков, младший' })]);
  const files: [string, Buffer, string, string][] = [
    ['utf8-bom.csv', utf8Bom(text), 'UTF-8 (BOM)', ';'],
    ['utf8.csv', Buffer.from(text, 'utf8'), 'UTF-8', ';'],
    ['cp1251.csv', iconv.encode(text, 'win1251'), 'Windows-1251', ';'],
    ['comma-1251.csv', iconv.encode(csv([row(1), row(2, { Отчество: 'Ёжиков, младший' })], ','), 'win1251'), 'Windows-1251', ','],
  ];
  for (const [name, buf, encoding, sep] of files) {
    const p = await preview('students', name, buf);
    assert.equal(p.encoding, encoding, name);
    assert.equal(p.delimiter, sep, name);
    assert.equal(p.rows.length, 2, name);
    assert.deepEqual(
      p.rows.map((r) => r.errors),
      [[], []],
      name,
    );
    assert.equal(p.rows[1].values.middle_name, 'Ёжиков, младший', name);
    assert.equal(p.rows[0].values.last_name, 'Кузнецов1', name);
    assert.equal(p.rows[0].values.g1_phone, '+7 913 000-00-00', name);
  }
});

test('each row shows its errors in Russian and likely duplicates as warnings; nothing is saved while one is refused', async () => {
  await students.createStudent(ctx, {
    classId: (await t.db.selectFrom('class').select('id').where('name', '=', '5А').executeTakeFirstOrThrow()).id,
    date: '2026-09-01',
    order_number: '1',
    guardians: [],
    student: { ...blankStudent('Соколов', 'Иван', '2015-02-02'), middle_name: 'Ильич' },
  });
  const rows = [
    row(10),
    row(11, { СНИЛС: '123-456-789 00' }),
    row(12, { 'Дата рождения': '31.02.2015' }),
    row(13, { Класс: '5Я' }),
    row(14, { 'Номер личного дела': 'Л-10', СНИЛС: '' }),
    row(15, { Фамилия: 'Соколов', Имя: 'Иван', Отчество: 'Ильич', 'Дата рождения': '02.02.2015', 'Номер личного дела': '', СНИЛС: '' }),
    row(16, { Фамилия: 'Соколов', Имя: 'Иван', Отчество: 'Иванович', 'Дата рождения': '02.02.2015' }),
  ];
  const buf = utf8Bom(csv(rows));
  const p = await preview('students', 'ошибки.csv', buf);
  const byRow = new Map(p.rows.map((r) => [r.row, r]));
  assert.deepEqual(byRow.get(2)!.errors, []);
  assert.match(byRow.get(3)!.errors.join(), /СНИЛС указан неверно/);
  assert.match(byRow.get(4)!.errors.join(), /«Дата рождения»: «31\.02\.2015» — не дата/);
  assert.match(byRow.get(5)!.errors.join(), /Класс «5Я» в 2026\/2027 учебном году не найден\. Классы этого года: 5А, 5Б/);
  assert.match(byRow.get(6)!.errors.join(), /повтор: номер личного дела — как в строке 2/);
  // The same name and birth date as a student already there: the update of that student, not a new one.
  assert.equal(byRow.get(7)!.action, 'update');
  assert.match(byRow.get(7)!.matched!, /Соколов Иван Ильич, 02\.02\.2015/);
  assert.deepEqual(byRow.get(8)!.errors, []);
  assert.match(byRow.get(8)!.warnings.join(), /возможно, этот ученик уже есть в базе: Соколов Иван Ильич/);
  assert.equal(p.counts.errors, 4);

  const before = counts();
  await refused(
    importFile(ctx, 'students', 'ошибки.csv', buf),
    /Ничего не загружено: 4 строки с ошибками.*Строка 3: .*СНИЛС указан неверно/,
  );
  assert.deepEqual(counts(), before, 'the refused import changed nothing');
});

test('a failure inside saving rolls every row back (all-or-nothing in one transaction)', async () => {
  // Rows that pass the preview but the fourth fails in the service (a birth date after the enrollment date is
  // caught before; here a class removed between preview and save is simulated by a row the service refuses).
  const buf = utf8Bom(csv([row(20), row(21), row(22, { 'Родитель 1: телефон': 'x'.repeat(61) })]));
  const before = counts();
  await refused(importFile(ctx, 'students', 'a.csv', buf), /Строка 4: Родитель 1: «Родитель 1: телефон»|Родитель 1/);
  assert.deepEqual(counts(), before);
  // A service's own refusal in the middle of saving (a twin created by an earlier row of the same file under another
  // spelling is caught by the service in the same transaction): still nothing saved.
  const twin = utf8Bom(csv([row(23), row(24, { Фамилия: 'Кузнецов23', 'Номер личного дела': 'Л-999', СНИЛС: '' })]));
  const q = await preview('students', 'b.csv', twin);
  assert.match(q.rows[1].errors.join(), /повтор: Ф\. И\. О\. и дата рождения — как в строке 2/);
  await refused(importFile(ctx, 'students', 'b.csv', twin), /Ничего не загружено/);
  assert.deepEqual(counts(), before);
});

test('saving is one audited transaction; a second import of the same file updates instead of duplicating', async () => {
  const buf = utf8Bom(csv([row(30), row(31), row(32)]));
  const before = counts();
  const first = await importFile(ctx, 'students', 'список.csv', buf);
  assert.deepEqual({ created: first.result!.created, updated: first.result!.updated }, { created: 3, updated: 0 });
  assert.equal(first.result!.summary, 'Добавлено 3 ученика');
  const mid = counts();
  assert.equal(mid.student, before.student + 3);
  assert.equal(mid.guardian, before.guardian + 3);
  assert.ok(mid.audit > before.audit + 3, 'an audit row per student and one for the import');
  const again = await importFile(
    ctx,
    'students',
    'список.csv',
    utf8Bom(csv([row(30), row(31, { 'Родитель 1: телефон': '8 999 111-22-33' }), row(32)])),
  );
  assert.deepEqual({ created: again.result!.created, updated: again.result!.updated }, { created: 0, updated: 3 });
  assert.equal(counts().student, mid.student);
  const s31 = await t.db.selectFrom('student').select('id').where('last_name', '=', 'Кузнецов31').executeTakeFirstOrThrow();
  const g = await t.db.selectFrom('guardian').select('phone').where('student_id', '=', s31.id).execute();
  assert.deepEqual(g, [{ phone: '8 999 111-22-33' }]);
  // Matched by SNILS when the file number changed, and by name and birth date when neither is given.
  const bySnils = await importFile(ctx, 'students', 'x.csv', utf8Bom(csv([row(30, { 'Номер личного дела': 'Л-новый' })])));
  assert.equal(bySnils.result!.updated, 1);
  const byName = await importFile(ctx, 'students', 'y.csv', utf8Bom(csv([row(32, { 'Номер личного дела': '', СНИЛС: '', Класс: '5Б' })])));
  assert.equal(byName.result!.updated, 1);
  const s32 = await t.db.selectFrom('student').select('id').where('last_name', '=', 'Кузнецов32').executeTakeFirstOrThrow();
  const now = await students.currentEnrollment(t.db, s32.id);
  assert.equal((await classes.getClass(t.db, now!.class_id)).name, '5Б', 'the class change became a transfer');
  assert.equal(counts().student, mid.student);
  const verdict = await verifyAuditChainDb(t.db);
  assert.equal(verdict.ok, true, JSON.stringify(verdict));
});

test('the mapping step: unknown titles are mapped by hand, and the last mapping is remembered per kind', async () => {
  const header = ['Кл.', 'Фам', 'Имя', 'Отч', 'Родился', 'Пол'];
  const text = [header, ['5А', 'Орлова', 'Мария', 'Игоревна', '2015-01-09', 'ж']].map((r) => r.join(';')).join('\n');
  const buf = Buffer.from(text, 'utf8');
  const p = await preview('students', 'свой.csv', buf);
  assert.deepEqual(p.missing, ['Класс', 'Фамилия', 'Дата рождения']);
  assert.equal(p.rows.length, 0);
  await refused(importFile(ctx, 'students', 'свой.csv', buf), /Не выбраны столбцы для полей «Класс», «Фамилия», «Дата рождения»/);
  const mapping = { class: 0, last_name: 1, first_name: 2, middle_name: 3, birth_date: 4, gender: 5 };
  const ok = await preview('students', 'свой.csv', buf, mapping);
  assert.deepEqual(ok.missing, []);
  assert.deepEqual(ok.rows[0].errors, []);
  await importFile(ctx, 'students', 'свой.csv', buf, mapping);
  const again = await preview('students', 'свой-2.csv', buf);
  assert.equal(again.remembered, true);
  assert.equal(again.mapping.class, 0);
  assert.equal(again.mapping.birth_date, 4);
  assert.equal(again.mapping.snils, null);
  assert.equal(again.rows[0].action, 'update');
  await refused(preview('students', 'свой.csv', buf, { nonsense: 1 }), /Неизвестное поле «nonsense»/);
});

test('staff, subjects and classes import and update by their keys', async () => {
  const staffCsv = (phone: string) =>
    utf8Bom(
      [
        ['Фамилия', 'Имя', 'Отчество', 'Должность', 'Дата рождения', 'СНИЛС', 'Телефон'],
        ['Смирнова', 'Ольга', 'Ивановна', 'учитель математики', '02.10.1980', SN(900), phone],
      ]
        .map((r) => r.join(';'))
        .join('\r\n'),
    );
  assert.equal((await importFile(ctx, 'staff', 's.csv', staffCsv('1'))).result!.summary, 'Добавлен 1 сотрудник');
  assert.equal((await importFile(ctx, 'staff', 's.csv', staffCsv('2'))).result!.summary, 'Добавлено 0 сотрудников, обновлён 1');
  assert.equal((await staff.listStaff(ctx)).find((s) => s.lastName === 'Смирнова')!.phone, '2');
  const subj = utf8Bom(
    'Предмет;Краткое название;Часть учебного плана;Оценивание\r\nМатематика;Матем.;обязательная;отметки\r\nОРКСЭ;ОРКСЭ;обязательная;зачёт',
  );
  assert.equal((await importFile(ctx, 'subjects', 'p.csv', subj)).result!.created, 2);
  assert.equal((await importFile(ctx, 'subjects', 'p.csv', subj)).result!.updated, 2);
  const cls = utf8Bom('Класс;Классный руководитель;Учебных дней в неделю;Смена\r\n6В;Смирнова Ольга Ивановна;6;2\r\n5А;;5;1\r\n7;;5;1');
  const p = await preview('classes', 'c.csv', cls);
  assert.match(p.rows[2].errors.join(), /«Класс»: «7» — пишите параллель и литеру/);
  const ok = utf8Bom('Класс;Классный руководитель;Учебных дней в неделю;Смена\r\n6В;Смирнова Ольга Ивановна;6;2\r\n5А;;5;1');
  const r = await importFile(ctx, 'classes', 'c.csv', ok);
  assert.deepEqual([r.result!.created, r.result!.updated], [1, 1]);
  const c6 = await t.db.selectFrom('class').selectAll().where('name', '=', '6В').executeTakeFirstOrThrow();
  assert.deepEqual([c6.week_days, c6.shift, c6.homeroom_staff_id !== null], [6, 2, true]);
});

test('an import by a role without the rights is FORBIDDEN and changes nothing', async () => {
  const buf = utf8Bom(csv([row(40)]));
  const before = counts();
  const teacher = { ...ctx, actor: { ...systemActor('x'), system: false, userId: 5, roles: ['teacher' as const] } };
  await refused(importFile(teacher, 'students', 'a.csv', buf), /Недостаточно прав/, 'FORBIDDEN');
  await refused(importFile(teacher, 'staff', 'a.csv', buf), /Недостаточно прав/, 'FORBIDDEN');
  // The administrator may change students but not their personal data (152-FZ): personal columns are refused.
  const admin = { ...ctx, actor: { ...teacher.actor, roles: ['admin' as const] } };
  await refused(importFile(admin, 'students', 'a.csv', buf), /персональные данные учеников/, 'FORBIDDEN');
  assert.deepEqual(counts(), before);
});

test('summaries use Russian plural forms and numbers', () => {
  assert.equal(importSummary('students', 1092, 8), 'Добавлено 1\u00a0092 ученика, обновлено 8');
  assert.equal(importSummary('students', 21, 1), 'Добавлен 21 ученик, обновлён 1');
  assert.equal(importSummary('classes', 5, 0), 'Добавлено 5 классов');
});

// --- part 4: bad files ------------------------------------------------------------------------------------------------

test('bad file: an empty file, and one with only blank lines', async () => {
  assert.equal((await preview('students', 'пусто.csv', Buffer.alloc(0))).fatal, 'Файл «пусто.csv» пустой');
  assert.equal((await preview('students', 'пусто.csv', Buffer.from('\r\n;;\r\n'))).fatal, 'В файле нет ни одной заполненной строки');
  assert.match((await preview('students', 'h.csv', Buffer.from(HEADER.join(';')))).fatal!, /нет ни одной строки с данными/);
  await refused(importFile(ctx, 'students', 'пусто.csv', Buffer.alloc(0)), /пустой/);
});

test('bad file: not a spreadsheet (an image, a PDF, an old XLS, a damaged XLSX)', async () => {
  const png = fs.readFileSync(path.join(__dirname, '..', '..', 'resources', 'icon.png'));
  assert.match((await preview('students', 'фото.png', png)).fatal!, /не похож ни на таблицу Excel/);
  assert.match((await preview('students', 'a.pdf', Buffer.from('%PDF-1.7\n...'))).fatal!, /документ PDF/);
  const xls = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
  assert.match((await preview('students', 'old.xls', xls)).fatal!, /Excel 97–2003/);
  const broken = (await importTemplate('students')).subarray(0, 400);
  assert.match((await preview('students', 'битый.xlsx', broken)).fatal!, /не читается как книга Excel/);
});

test('bad file: merged header cells are refused with the range named; merged data cells are a row error', async () => {
  const merged = await xlsx((ws) => {
    ws.addRow(['Ученик', '', 'Класс']);
    ws.mergeCells('A1:B1');
    ws.addRow(['Иванов', 'Пётр', '5А']);
  });
  assert.match((await preview('students', 'm.xlsx', merged)).fatal!, /В строке заголовков объединены ячейки A1:B1/);
  const dataMerge = await xlsx((ws) => {
    ws.addRow(HEADER);
    ws.addRow(row(50));
    ws.addRow(row(51));
    ws.mergeCells('A2:A3');
  });
  const p = await preview('students', 'd.xlsx', dataMerge);
  assert.match(p.rows[0].errors.join(), /объединённые ячейки A2:A3/);
});

test('bad file: 100 000 rows get a clear refusal before everything is parsed (CSV and XLSX)', async () => {
  const lines = [HEADER.join(';')];
  for (let i = 0; i < 100_000; i++) lines.push(row(i).join(';'));
  const started = Date.now();
  const p = await preview('students', 'большой.csv', Buffer.from(lines.join('\n')));
  assert.match(p.fatal!, new RegExp(`больше 20\u00a0000`));
  assert.ok(Date.now() - started < 10_000);
  // XLSX written by the streaming writer, as a big export would be.
  const file = path.join(t.dir, 'big.xlsx');
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false });
  const ws = wb.addWorksheet('Лист1');
  ws.addRow(HEADER).commit();
  for (let i = 0; i < 100_000; i++) ws.addRow(['5А', `Ф${i}`, 'И']).commit();
  await wb.commit();
  const q = await preview('students', 'big.xlsx', fs.readFileSync(file));
  assert.match(q.fatal!, /строк, а загрузить можно не больше 20\u00a0000/);
  assert.equal(MAX_ROWS, 20_000);
});

test('bad file: a 1 MB cell is an error of its row, the other rows read', async () => {
  const big = 'ж'.repeat(1024 * 1024);
  const buf = utf8Bom(csv([row(60, { Отчество: big }), row(61)]));
  const p = await preview('students', 'cell.csv', buf);
  assert.match(p.rows[0].errors.join(), /ячейка D2 длиннее 10\u00a0000 символов/);
  assert.deepEqual(p.rows[1].errors, []);
  const x = await xlsx((ws) => {
    ws.addRow(HEADER);
    ws.addRow(row(62, { Отчество: big }));
  });
  assert.match((await preview('students', 'cell.xlsx', x)).rows[0].errors.join(), /ячейка D2 длиннее/);
});

test('bad file: a formula cell gives its cached value, or a row error without one', async () => {
  const buf = await xlsx((ws) => {
    ws.addRow(HEADER);
    const r = ws.addRow(row(70));
    r.getCell(2).value = { formula: 'CONCATENATE("Кузне","цов70")', result: 'Кузнецов70' };
    const r2 = ws.addRow(row(71));
    r2.getCell(2).value = { formula: 'A1&B1' } as ExcelJS.CellFormulaValue;
  });
  const p = await preview('students', 'f.xlsx', buf);
  assert.equal(p.rows[0].values.last_name, 'Кузнецов70');
  assert.deepEqual(p.rows[0].errors, []);
  assert.match(p.rows[1].errors.join(), /ячейка B3: формула без вычисленного значения/);
});

test('bad file: a date as an Excel date, an Excel serial number or as text reads as the same day', async () => {
  const buf = await xlsx((ws) => {
    ws.addRow(HEADER);
    const a = ws.addRow(row(80));
    a.getCell(5).value = new Date(Date.UTC(2015, 2, 14));
    a.getCell(5).numFmt = 'dd.mm.yyyy';
    ws.addRow(row(81)).getCell(5).value = 42077; // 14.03.2015 as Excel counts days
    ws.addRow(row(82, { 'Дата рождения': '14.03.2015' }));
    ws.addRow(row(83, { 'Дата рождения': '2015-03-14' }));
    ws.addRow(row(84, { 'Дата рождения': 'весной' }));
  });
  const p = await preview('students', 'даты.xlsx', buf);
  assert.deepEqual(
    p.rows.slice(0, 4).map((r) => r.values.birth_date),
    ['2015-03-14', '2015-03-14', '2015-03-14', '2015-03-14'],
  );
  assert.deepEqual(
    p.rows.slice(0, 4).map((r) => r.errors),
    [[], [], [], []],
  );
  assert.match(p.rows[4].errors.join(), /«Дата рождения»: «весной» — не дата; пишите ДД\.ММ\.ГГГГ/);
});

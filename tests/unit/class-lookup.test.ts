import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { classNameKey, closeClassNames, findClass, findYear, yearNameKey } from '../../main/school/class-lookup';
import { runCli } from '../../main/transport/cli/index';
import { tempDb } from '../helpers/db';
import { smallSchool } from '../helpers/timetable';

// One spelling rule for a typed class or year name and one refusal naming what there is, for every command and import.

let t: Awaited<ReturnType<typeof tempDb>>;

before(async () => {
  t = await tempDb('school.sqlite');
  await smallSchool(t.ctx); // 2025/2026: 1А, 2А, 5А, 10А
});

after(async () => {
  await t?.cleanup();
});

test('classNameKey: spaces, hyphens, quotes, case and Latin look-alike letters', () => {
  for (const typed of ['5А', '5а', '5 А', '5 а', '5-А', '5 «А»', '5"а"', '5A', '5a', ' 5 a '])
    assert.equal(classNameKey(typed), '5А', typed);
  // every Latin letter that looks like a Cyrillic one, in either case
  assert.equal(classNameKey('ABEKMHOPCTXY'), 'АВЕКМНОРСТХУ');
  assert.equal(classNameKey('abekmhopctxy'), 'АВЕКМНОРСТХУ');
  assert.equal(classNameKey('10b'), '10В');
  assert.equal(classNameKey('11 «б»'), '11Б');
  // Ё is a letter of its own; a Latin letter with no Cyrillic twin stays and so finds nothing
  assert.equal(classNameKey('5ё'), '5Ё');
  assert.notEqual(classNameKey('5Ё'), classNameKey('5Е'));
  assert.equal(classNameKey('5d'), '5D');
  assert.equal(yearNameKey(' 2025 / 2026 '), '2025/2026');
  assert.equal(yearNameKey('2025-2026'), '2025/2026');
  assert.equal(yearNameKey('2025–2026'), '2025/2026');
});

test('close names: one letter apart or the same grade; none close — every class', () => {
  const names = ['5А', '5Б', '6А', '10А', '11А'];
  assert.deepEqual(closeClassNames('5Я', names), ['5А', '5Б']);
  assert.deepEqual(closeClassNames('6Б', names), ['5Б', '6А']);
  assert.deepEqual(closeClassNames('1А', names), ['5А', '6А', '10А', '11А']);
  assert.deepEqual(closeClassNames('7Ж', names), names);
});

test('findYear and findClass: the stored rows by any spelling; NOT_FOUND names what there is', async () => {
  const year = await findYear(t.db, '2025-2026');
  assert.equal(year.name, '2025/2026');
  assert.equal((await findClass(t.db, year, '5a')).name, '5А');
  assert.equal((await findClass(t.db, year, '10 «А»')).name, '10А');
  await assert.rejects(findYear(t.db, '1999/2000'), {
    code: 'NOT_FOUND',
    message: 'Учебный год «1999/2000» не найден. В базе есть учебный год: 2025/2026.',
  });
  await assert.rejects(findClass(t.db, year, '5Я'), {
    code: 'NOT_FOUND',
    message: 'Класс «5Я» в 2025/2026 учебном году не найден. Похожий класс: 5А.',
  });
  await assert.rejects(findClass(t.db, year, '7Ж'), {
    code: 'NOT_FOUND',
    message: 'Класс «7Ж» в 2025/2026 учебном году не найден. Классы этого года: 1А, 2А, 5А, 10А.',
  });
});

function capture() {
  const errs: string[] = [];
  return { out: { log: () => {}, err: (s: string) => errs.push(s) }, errs };
}

const YEAR_MISSING = 'Учебный год «1999/2000» не найден. В базе есть учебный год: 2025/2026.';
const CLASS_MISSING = 'Класс «5Я» в 2025/2026 учебном году не найден. Похожий класс: 5А.';

test('every command refuses an unknown year and an unknown class with the same words and exit 1', async () => {
  const out = (f: string) => path.join(t.dir, f);
  const cases: [string[], string][] = [
    [['print', 'journal', '--year', '1999/2000', '--class', '5А', '--out', out('j.pdf')], YEAR_MISSING],
    [['print', 'journal', '--year', '2025/2026', '--class', '5Я', '--out', out('j.pdf')], CLASS_MISSING],
    [['print', 'book', '--year', '1999/2000', '--out', out('b.pdf')], YEAR_MISSING],
    [['print', 'school', '--year', '1999/2000', '--out', t.dir], YEAR_MISSING],
    [['print', 'school', '--year', '2025/2026', '--class', '5А,5Я', '--out', t.dir], CLASS_MISSING],
    [['report', 'problems', '--year', '1999/2000', '--json'], YEAR_MISSING],
    [['report', 'problems', '--year', '2025/2026', '--class', '5Я', '--json'], CLASS_MISSING],
    [['report', 'attendance', '--year', '2025/2026', '--class', '5Я', '--json'], CLASS_MISSING],
    [['report', 'results', '--year', '1999/2000', '--period', 'year', '--by', 'class', '--json'], YEAR_MISSING],
    [['report', 'forecast-check', '--year', '1999/2000', '--json'], YEAR_MISSING],
    [['year', 'check', '--year', '1999/2000'], YEAR_MISSING],
    [['archive', 'board', '--year', '1999/2000', '--json'], YEAR_MISSING],
    [['export', 'year', '--year', '1999/2000', '--format', 'csv', '--out', t.dir], YEAR_MISSING],
    [['timetable', 'hours', '--year', '1999/2000', '--json'], YEAR_MISSING],
    [['timetable', 'hours', '--year', '2025/2026', '--class', '5Я', '--json'], CLASS_MISSING],
    [['import', 'journal', '--class', '5Я', '--file', path.join(__dirname, 'class-lookup.test.ts'), '--dry-run'], CLASS_MISSING],
  ];
  for (const [args, message] of cases) {
    const c = capture();
    const code = await runCli([...args.slice(0, 2), '--db', t.target, ...args.slice(2)], c.out);
    assert.equal(code, 1, `${args.join(' ')}: ${c.errs.join('\n')}`);
    assert.ok(
      c.errs.some((e) => e.includes(message)),
      `${args.join(' ')}: ${c.errs.join('\n')}`,
    );
  }
});

test('a class typed with a Latin letter is found by the commands', async () => {
  const c = capture();
  assert.equal(
    await runCli(['report', 'problems', '--db', t.target, '--year', '2025/2026', '--class', '5a', '--json'], c.out),
    0,
    c.errs.join('\n'),
  );
});

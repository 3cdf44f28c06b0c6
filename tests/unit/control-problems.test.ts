import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Actor } from '../../main/kernel/context';
import { problemLists } from '../../main/control/problems';
import { problemsExport } from '../../main/control/problems-xlsx';
import { runCli } from '../../main/transport/cli/index';
import { tempDb } from '../helpers/db';
import { problemClass } from '../helpers/problem-class';
import { mathTeacherLoad } from '../helpers/timetable';

// Problem lists (issue 12, part 5) on the hand-made class of tests/helpers/problem-class.ts; every answer below is
// worked out by hand from the table there.

const person = (roles: Actor['roles'], staffId: number | null): Actor => ({
  userId: null,
  name: 'Проверка',
  roles,
  staffId,
  system: false,
});

test('problem lists: unsatisfactory marks and missed lessons with topics, risks of «2» and «н/а», per student', async () => {
  const t = await tempDb();
  try {
    const f = await problemClass(t.ctx);
    const deputy = { ...t.as(person(['deputy'], null)), now: () => new Date('2025-10-10T12:00:00Z') };
    const lists = await problemLists(deputy, { yearId: f.s.yearId, classId: f.s.classes.c5, period: null });
    // Today 10.10.2025 is in the 1st quarter; lessons after it (13.10, 14.10, 20.10) are not looked at.
    assert.equal(lists.periodName, '1 четверть');
    assert.equal(lists.asOf, '2025-10-10');
    assert.equal(lists.minMarks, 3);

    // «2» marks by student (alphabetical), then subject, then date: Антонов's English «2» in E1; Борисов's «2» in L1
    // and L5; Васильев's in L2; Григорьев's in L5 and L6.
    assert.deepEqual(
      lists.unsatisfactory.map((m) => [m.student, m.subject, m.date, m.value, m.topic]),
      [
        ['Антонов Иван', 'Английский язык', '2025-09-02', '2', 'Present Simple'],
        ['Борисов Иван', 'Математика', '2025-09-01', '2', 'Натуральные числа'],
        ['Борисов Иван', 'Математика', '2025-09-29', '2', 'Деление'],
        ['Васильев Иван', 'Математика', '2025-09-08', '2', 'Сложение'],
        ['Григорьев Иван', 'Математика', '2025-09-29', '2', 'Деление'],
        ['Григорьев Иван', 'Математика', '2025-10-06', '2', 'Уравнения'],
      ],
    );
    // Missed lessons: Борисов's English E2 and mathematics L2, L4 (made up: he got a «3» in L4); Григорьев's L1–L4.
    assert.deepEqual(
      lists.missed.map((m) => [m.student, m.subject, m.date, m.absence, m.topic, m.madeUp]),
      [
        ['Борисов Иван', 'Английский язык', '2025-09-09', 'н', 'Past Simple', false],
        ['Борисов Иван', 'Математика', '2025-09-08', 'н', 'Сложение', false],
        ['Борисов Иван', 'Математика', '2025-09-22', 'б', 'Умножение', true],
        ['Григорьев Иван', 'Математика', '2025-09-01', 'н', 'Натуральные числа', false],
        ['Григорьев Иван', 'Математика', '2025-09-08', 'н', 'Сложение', false],
        ['Григорьев Иван', 'Математика', '2025-09-15', 'б', 'Вычитание', false],
        ['Григорьев Иван', 'Математика', '2025-09-22', 'у', 'Умножение', false],
      ],
    );
    // Risks:
    // - Антонов, English: 1 mark (< 3) → «н/а»; average 2,00 → projected «2». Mathematics 4,67 → 5: no risk.
    // - Борисов, English: no marks in E1, E2 → «н/а»; 1 of 2 missed is 50 %, not more. Mathematics: 5 marks, average
    //   (2 + 3·2 + 3 + 2 + 4) / 6 = 2,83 → «3»; 2 of 6 missed: no risk.
    // - Васильев, mathematics: 2 marks → «н/а»; (2 + 3) / 2 = 2,5 → «3» (from 0,5 up). Not in subgroup 1: no English.
    // - Григорьев, mathematics: 2 marks, 4 of 6 lessons missed (67 % > 50 %) → «н/а»; average 2,00 → «2».
    assert.deepEqual(
      lists.risks.map((r) => [r.student, r.subject, r.risks, r.reasons, r.marks, r.average, r.projected, r.absences, r.lessons]),
      [
        ['Антонов Иван', 'Английский язык', ['н/а', '2'], ['1 отметка при минимуме 3', 'средний балл 2,00 — прогноз «2»'], 1, 2, '2', 0, 2],
        ['Борисов Иван', 'Английский язык', ['н/а'], ['0 отметок при минимуме 3'], 0, null, null, 1, 2],
        ['Васильев Иван', 'Математика', ['н/а'], ['2 отметки при минимуме 3'], 2, 2.5, '3', 0, 6],
        [
          'Григорьев Иван',
          'Математика',
          ['н/а', '2'],
          ['2 отметки при минимуме 3', 'пропущено 4 из 6 уроков (67 %)', 'средний балл 2,00 — прогноз «2»'],
          2,
          2,
          '2',
          4,
          6,
        ],
      ],
    );
    assert.ok(lists.rules.some((r) => r.includes('меньше 3 отметок')));

    // On 10.11 the 1st quarter is over: L7, L8 and E3 are held lessons without marks. Григорьев missed 4 of 8 (50 %, not
    // more than half); Антонов's and Борисов's English has 3 lessons.
    const later = { ...deputy, now: () => new Date('2025-11-10T12:00:00Z') };
    const end = await problemLists(later, { yearId: f.s.yearId, classId: null, period: 1 });
    assert.deepEqual(
      end.risks.map((r) => [r.student, r.subject, r.reasons.length, r.lessons]),
      [
        ['Антонов Иван', 'Английский язык', 2, 3],
        ['Борисов Иван', 'Английский язык', 1, 3],
        ['Васильев Иван', 'Математика', 1, 8],
        ['Григорьев Иван', 'Математика', 2, 8],
      ],
    );
    assert.equal(end.asOf, '2025-10-24');
  } finally {
    await t.cleanup();
  }
});

test('problem lists: a teacher sees their subject, a homeroom teacher the class, others are refused', async () => {
  const t = await tempDb();
  try {
    const f = await problemClass(t.ctx);
    const { s } = f;
    await mathTeacherLoad(t.ctx, s, 1);
    await t.ctx.db.updateTable('class').set({ homeroom_staff_id: s.staff.peT }).where('id', '=', s.classes.c5).execute();
    const now = () => new Date('2025-10-10T12:00:00Z');
    const input = { yearId: s.yearId, classId: s.classes.c5, period: null };
    const math = await problemLists({ ...t.as(person(['teacher'], s.staff.mathT)), now }, input);
    assert.deepEqual([...new Set([...math.unsatisfactory, ...math.missed, ...math.risks].map((r) => r.subject))], ['Математика']);
    assert.equal(math.unsatisfactory.length, 5);
    const homeroom = await problemLists({ ...t.as(person(['teacher', 'homeroom'], s.staff.peT)), now }, input);
    assert.equal(homeroom.unsatisfactory.length, 6);
    assert.equal(homeroom.risks.length, 4);
    // Without classId, the mathematics teacher gets the classes they teach only.
    const all = await problemLists({ ...t.as(person(['teacher'], s.staff.mathT)), now }, { ...input, classId: null });
    assert.equal(all.unsatisfactory.length, 5);
    await assert.rejects(
      problemLists({ ...t.as(person(['teacher'], s.staff.rusT)), now }, input),
      (e: Error & { code?: string }) => e.code === 'FORBIDDEN' && /недоступны/.test(e.message),
    );
  } finally {
    await t.cleanup();
  }
});

test('problem lists: the workbook has the three lists with their rows, and the CLI prints the same as JSON', async () => {
  const t = await tempDb();
  try {
    const f = await problemClass(t.ctx);
    const ctx = { ...t.ctx, now: () => new Date('2025-10-10T12:00:00Z') };
    const file = await problemsExport(ctx, { yearId: f.s.yearId, classId: f.s.classes.c5, period: null });
    assert.match(file.name, /^Проблемные списки 2025-10-10\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.base64, 'base64') as unknown as ExcelJS.Buffer);
    assert.deepEqual(
      wb.worksheets.map((w) => w.name),
      ['Неудовлетворительные', 'Пропуски', 'Риск «2» и «н-а»'],
    );
    const cells = (name: string, row: number) => (wb.getWorksheet(name)!.getRow(row).values as unknown[]).slice(1);
    // Row 4 is the heading; rows 5… the lists.
    assert.deepEqual(cells('Неудовлетворительные', 5).slice(0, 3), ['5А', 'Антонов Иван', 'Английский язык']);
    assert.equal((cells('Неудовлетворительные', 5)[3] as Date).toISOString().slice(0, 10), '2025-09-02');
    assert.equal(cells('Неудовлетворительные', 5)[7], 'Present Simple');
    assert.deepEqual(cells('Пропуски', 7).slice(5, 8), ['по болезни', 'да', 'Умножение']);
    assert.deepEqual(cells('Риск «2» и «н-а»', 8).slice(0, 4), ['5А', 'Григорьев Иван', 'Математика', '«н/а», «2»']);

    // The CLI (the system's clock is today's: --period 1 of 2025/2026 is over, so it looks at the whole period).
    const lines: string[] = [];
    const out = { log: (l: string) => lines.push(l), err: (l: string) => lines.push(l) };
    assert.equal(
      await runCli(['report', 'problems', '--db', t.target, '--year', '2025/2026', '--class', '5А', '--period', '1', '--json'], out),
      0,
    );
    const json = JSON.parse(lines.join('\n')) as {
      asOf: string;
      unsatisfactory: unknown[];
      missed: unknown[];
      risks: { student: string }[];
    };
    assert.equal(json.asOf, '2025-10-24');
    assert.equal(json.unsatisfactory.length, 6);
    assert.equal(json.missed.length, 7);
    assert.deepEqual(
      json.risks.map((r) => r.student),
      ['Антонов Иван', 'Борисов Иван', 'Васильев Иван', 'Григорьев Иван'],
    );
    lines.length = 0;
    assert.equal(await runCli(['report', 'problems', '--db', t.target, '--year', '2025/2026', '--period', '5', '--json'], out), 2);
    assert.match(lines.join('\n'), /--period: 1, 2, 3 или 4/);
  } finally {
    await t.cleanup();
  }
});

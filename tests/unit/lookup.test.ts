import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../main/transport/cli/index';
import { systemActor, type Actor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { generateArchiveYears } from '../../main/demo/archive-years';
import { seededFaker } from '../../main/demo/random';
import { loadLedgerData } from '../../main/printing/ledger/data';
import { DB_LEDGER_PROVIDERS } from '../../main/printing/ledger/providers';
import { LOOKUP_LIMIT, lookupStudent, lookupStudents } from '../../main/printing/lookup/search';
import { writeLedgerExtract } from '../../main/printing/lookup/service';
import type { LookupStudent } from '../../main/contract/lookup';
import { tempDb } from '../helpers/db';
import { inProcessHost } from '../helpers/inproc-host';
import { isPdfA2b, pdfText } from '../helpers/tools';

// The 25-year look-up: a small demo school (its year closed here, so its journal's mid-year transfers are in the
// archive too) with three archive years before it; the look-up's rows compared with the ledger service's rows.

let t: Awaited<ReturnType<typeof tempDb>>;
let demoYearId: number;

const actor = (roles: Actor['roles']): Actor => ({ userId: 1, name: 'Проверяющий', roles, staffId: null, system: false });

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, lines, errs };
}

before(async () => {
  t = await tempDb('archive.sqlite');
  const r = await runDemo(t.db, t.raw, systemActor('тест'), { seed: 7, students: 60, years: 1, today: '2026-06-30' }); // the whole of 2025/2026
  demoYearId = r.structure.yearId;
  await generateArchiveYears(t.ctx, t.raw, { firstDetailedYearId: demoYearId, count: 3, seed: 9 }, seededFaker(9));
  t.raw.prepare('update academic_year set closed = 1 where id = ?').run(demoYearId);
});

after(async () => {
  await t?.cleanup();
});

/** Every non-empty cell of the student's rows in the ledger of the class: «subject|column=value». */
async function ledgerCells(classId: number, studentId: number): Promise<string[]> {
  const data = await loadLedgerData(t.ctx, classId);
  assert.ok(
    data.students.some((s) => s.id === studentId),
    `the ledger of class ${classId} lists student ${studentId}`,
  );
  const marks = await DB_LEDGER_PROVIDERS.marks!(t.ctx, data);
  const keys = new Set([...data.periods.map((p) => `p${p.number}`), 'year', 'exam', 'final']);
  const out: string[] = [];
  for (const s of marks?.subjects ?? [])
    for (const [k, v] of Object.entries(s.marks[studentId] ?? {})) if (v && keys.has(k)) out.push(`${s.name}|${k}=${v}`);
  return out.sort();
}

function lookupCells(y: LookupStudent['years'][number]): string[] {
  return y.subjects.flatMap((s) => Object.entries(s.marks).map(([k, v]) => `${s.name}|${k}=${v}`)).sort();
}

/** The classes of closed years whose ledgers list the student. */
function ledgerClassesOf(studentId: number): number[] {
  return (
    t.raw
      .prepare(
        `select distinct e.class_id from enrollment e join class c on c.id = e.class_id join academic_year y on y.id = c.year_id
         where e.student_id = ? and y.closed = 1 and e.start_date <= y.end_date and (e.end_date is null or e.end_date >= y.start_date)`,
      )
      .pluck()
      .all(studentId) as number[]
  ).sort((a, b) => a - b);
}

test('the look-up returns for each year and class exactly the marks the ledger of that class shows', async () => {
  const pick = (q: string) => t.raw.prepare(q).pluck().get() as number;
  const students = [
    // moved to another class during the demo year: two ledgers, each with its own part
    pick(
      `select student_id from movement where kind = 'transfer' and from_class_id is not null and date > '2025-09-01' order by id limit 1`,
    ),
    // a student of today who was here through all three archive years
    pick(
      `select e.student_id from enrollment e join class c on c.id = e.class_id where c.year_id = ${demoYearId} and c.grade = 6 order by e.student_id limit 1`,
    ),
    // a graduate of the oldest archive year (made up)
    pick(`select student_id from movement where kind = 'withdrawal' and reason like '%аттестат%' order by date, id limit 1`),
    // someone who left during the demo year
    pick(`select student_id from movement where kind = 'withdrawal' and date > '2025-09-01' order by id limit 1`),
  ];
  assert.equal(new Set(students).size, students.length, 'four different students');
  let compared = 0;
  for (const id of students) {
    const s = (await lookupStudent(t.ctx, id))!;
    assert.deepEqual(
      s.years.map((y) => y.classId).sort((a, b) => a - b),
      ledgerClassesOf(id),
      'one entry per ledger that lists the student',
    );
    for (const y of s.years) {
      assert.deepEqual(lookupCells(y), await ledgerCells(y.classId, id), `${s.lastName}, ${y.yearName} ${y.className}`);
      compared += lookupCells(y).length;
    }
  }
  assert.ok(compared > 100, `compared ${compared} cells`);
  const six = (await lookupStudent(t.ctx, students[1]))!;
  assert.deepEqual(
    six.years.map((y) => `${y.yearName} ${y.className}`),
    [
      '2022/2023 3' + six.years[0].className.slice(1),
      '2023/2024 4' + six.years[0].className.slice(1),
      '2024/2025 5' + six.years[0].className.slice(1),
      '2025/2026 6' + six.years[0].className.slice(1),
    ],
  );
  const moved = (await lookupStudent(t.ctx, students[0]))!;
  const demoYear = moved.years.filter((y) => y.yearId === demoYearId);
  assert.equal(demoYear.length, 2, 'the transferred student is in two ledgers of the demo year');
  assert.deepEqual(
    demoYear.map((y) => y.toYearEnd),
    [false, true],
  );
});

test('found by part of the name in any case with «ё» as «е», by birth date, by personal-file number', async () => {
  const s = t.raw.prepare(`select id, last_name, first_name, birth_date, personal_file_no from student order by id desc limit 1`).get() as {
    id: number;
    last_name: string;
    first_name: string;
    birth_date: string;
    personal_file_no: string;
  };
  t.raw.prepare('update student set first_name = ? where id = ?').run('Алёна', s.id);
  const ids = async (q: Parameters<typeof lookupStudents>[1]) => (await lookupStudents(t.ctx, q)).students.map((x) => x.id);
  const part = s.last_name.slice(0, 4).toUpperCase();
  assert.ok((await ids({ name: `${part} АЛЕНА` })).includes(s.id));
  assert.ok((await ids({ name: `алена ${s.last_name.toLowerCase()}` })).includes(s.id));
  assert.ok(!(await ids({ name: `${part} Алина` })).includes(s.id));
  assert.ok((await ids({ birthDate: s.birth_date })).includes(s.id));
  assert.ok(!(await ids({ name: `${part} алена`, birthDate: '1900-01-01' })).includes(s.id));
  assert.deepEqual(await ids({ fileNo: ` ${s.personal_file_no.toLowerCase()} ` }), [s.id]);
  const many = await lookupStudents(t.ctx, { name: 'а' });
  assert.equal(many.students.length, LOOKUP_LIMIT);
  assert.equal(many.more, true);
});

test('only the office, deputies and the director may look up', async () => {
  for (const roles of [['office'], ['deputy'], ['director']] as Actor['roles'][])
    assert.ok((await lookupStudents({ ...t.ctx, actor: actor(roles) }, { name: 'ов' })).students.length > 0);
  for (const roles of [['teacher'], ['homeroom'], ['admin']] as Actor['roles'][])
    await assert.rejects(lookupStudents({ ...t.ctx, actor: actor(roles) }, { name: 'ов' }), { code: 'FORBIDDEN' });
});

test('the certified extract: a PDF/A with the school, the student, every year and the signature lines', async () => {
  const id = t.raw
    .prepare(`select student_id from movement where kind = 'transfer' and date > '2025-09-01' order by id limit 1`)
    .pluck()
    .get() as number;
  const s = (await lookupStudent(t.ctx, id))!;
  const file = path.join(t.dir, 'extract.pdf');
  const w = await writeLedgerExtract({ ...t.ctx, actor: actor(['office']) }, id, file, 'refuse');
  assert.ok(isPdfA2b(w.file));
  const text = pdfText(w.file).replace(/\s+/g, ' ');
  for (const part of ['ВЫПИСКА', 'из сводных ведомостей', s.lastName, s.firstName, 'Выписка верна', 'М.П.', 'Директор', 'Дата выдачи'])
    assert.ok(text.includes(part), part);
  for (const y of s.years) assert.ok(text.includes(`${y.yearName} учебный год`), y.yearName);
  // a year's first subject is printed with its marks in its row, in the ledger's column order
  const y0 = s.years.find((y) => y.subjects.length)!;
  const sub = y0.subjects[0];
  const row = y0.columns.map((c) => sub.marks[c.key]).filter(Boolean);
  assert.ok(text.includes(`${sub.name} ${row.join(' ')}`), `${sub.name} ${row.join(' ')}`);
  const audit = t.raw
    .prepare(`select after from audit_log where action = 'print' and entity = 'student' and entity_id = ?`)
    .pluck()
    .get(id) as string;
  assert.ok(audit.includes(w.sha256));
});

test('lookup --json on the command line gives the service’s answer', async () => {
  const s = t.raw.prepare(`select last_name, first_name, birth_date from student order by id limit 1`).get() as {
    last_name: string;
    first_name: string;
    birth_date: string;
  };
  const c = capture();
  const code = await runCli(
    ['lookup', '--db', t.file, '--name', `${s.last_name} ${s.first_name}`, '--birth', s.birth_date, '--json'],
    c.out,
  );
  assert.equal(code, 0, c.errs.join('\n'));
  const r = JSON.parse(c.lines.join('\n')) as { students: LookupStudent[] };
  const direct = await lookupStudents(t.ctx, { name: `${s.last_name} ${s.first_name}`, birthDate: s.birth_date });
  assert.deepEqual(r.students, direct.students);
  assert.ok(r.students.length >= 1);
  const bad = capture();
  assert.equal(await runCli(['lookup', '--db', t.file], bad.out), 2);
});

test('main refuses the look-up to a teacher and gives it to the office (browser host, real sessions)', async () => {
  const h = await inProcessHost({ dbFile: t.file });
  try {
    const office = await (await h.client()).login('office', 'demo-parol-2025');
    const found = await office.call('lookup.search', { name: 'ов' });
    assert.ok(found.students.length > 0);
    const teacher = await (await h.client()).login('teacher01', 'demo-parol-2025');
    const refused = await teacher.raw('lookup.search', { name: 'ов' });
    assert.equal(refused.ok, false);
    assert.equal(!refused.ok && refused.error.code, 'FORBIDDEN');
    const file = await teacher.raw('lookup.extractFile', { studentId: found.students[0].id });
    assert.equal(!file.ok && file.error.code, 'FORBIDDEN');
    const pdf = await office.call('lookup.extractFile', { studentId: found.students[0].id });
    assert.equal(Buffer.from(pdf.base64, 'base64').subarray(0, 5).toString(), '%PDF-');
  } finally {
    await h.stop();
  }
});

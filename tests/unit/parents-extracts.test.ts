import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runDemo } from '../../main/demo';
import { systemActor, type Actor } from '../../main/kernel/context';
import { runCli } from '../../main/transport/cli/index';
import { loadExtracts } from '../../main/parents/extract-data';
import { layoutExtracts } from '../../main/parents/extract';
import { ABSENCE_REASONS } from '../../main/contract/rules/cell-text';
import { paperChoiceStudents, recordHandOver, weeklyState } from '../../main/parents/register';
import { writeExtracts } from '../../main/parents/service';
import { loadRiskNotices } from '../../main/parents/notices';
import { plural } from '../../main/contract/rules/plural';
import { nextDay } from '../../main/contract/rules/dates';
import { localDate } from '../../main/contract/rules/entry-deadline';
import { schoolTimeZone } from '../../main/kernel/school-clock';
import { tempDb } from '../helpers/db';
import { libreOfficeToPdf, pdfPages, pdfText, run } from '../helpers/tools';

// Paper for parents (issue 13) on the demo school's real journal tables: an extract checked mark by mark and absence by
// absence against the database with pdftotext; the weekly batch holding exactly the students whose parents chose
// paper; the register of hand-over; the CLI.

type Db = Awaited<ReturnType<typeof tempDb>>;
let t: Db;
const MONTH = { from: '2025-12-01', to: '2025-12-31' };
const FRIDAY = '2025-12-12';

before(async () => {
  t = await tempDb();
  await runDemo(t.db, t.raw, systemActor('тест'), { seed: 7, students: 150, today: '2026-06-30' });
});
after(() => t.cleanup());

const one = <T>(q: string, ...args: unknown[]) => t.raw.prepare(q).get(...args) as T;
const all = <T>(q: string, ...args: unknown[]) => t.raw.prepare(q).all(...args) as T[];
const out = () => {
  const o = { log: [] as string[], err: [] as string[] };
  return { o, sink: { log: (s: string) => o.log.push(s), err: (s: string) => o.err.push(s) } };
};

/** pdftotext's reading order (not -layout): a table comes out cell by cell, row by row, cells separated by blank lines. */
function blocks(file: string): string[] {
  return run('pdftotext', [file, '-'])
    .split(/\n\s*\n/)
    .map((b) =>
      b
        .replace(/-\s*\n\s*/g, '-')
        .replace(/\s*\n\s*/g, ' ')
        .trim(),
    )
    .filter((b) => b && !/^Лист \d+ из \d+$/.test(b));
}

test('plural: one rule for the whole program (Intl.PluralRules)', () => {
  const f = ['урок', 'урока', 'уроков'] as const;
  assert.deepEqual(
    [1, 2, 4, 5, 11, 12, 14, 21, 22, 25, 101, 111].map((n) => `${n} ${plural(n, f)}`),
    [
      '1 урок',
      '2 урока',
      '4 урока',
      '5 уроков',
      '11 уроков',
      '12 уроков',
      '14 уроков',
      '21 урок',
      '22 урока',
      '25 уроков',
      '101 урок',
      '111 уроков',
    ],
  );
});

test('an extract for one student and one month: every mark with its date and kind, every absence with its reason, as the database has them', async () => {
  // a student of the demo with a few absences on several days in December, and marks
  const pick = one<{ student_id: number; class_id: number }>(
    `select c.student_id, l.class_id from journal_cell c join lesson l on l.id = c.lesson_id
      where l.date between ? and ? and c.absence is not null group by c.student_id, l.class_id
      having count(*) between 3 and 20 and count(distinct l.date) >= 2 order by count(*) desc, c.student_id limit 1`,
    MONTH.from,
    MONTH.to,
  );
  const file = path.join(t.dir, 'one.pdf');
  const r = await writeExtracts(t.ctx, { classId: pick.class_id, studentIds: [pick.student_id], span: MONTH }, 'pdf', file, 'refuse');
  assert.equal(r.students, 1);
  assert.equal(pdfPages(file), r.pages);

  const marks = all<{ subject: string; date: string; value: string; short: string }>(
    `select s.name subject, l.date, m.value, w.short from mark m join lesson l on l.id = m.lesson_id join subject s on s.id = l.subject_id
       join work_type w on w.id = m.work_type_id
      where m.student_id = ? and l.class_id = ? and l.date between ? and ? and l.status = 'held' order by l.date, l.lesson_number, m.position`,
    pick.student_id,
    pick.class_id,
    MONTH.from,
    MONTH.to,
  );
  const absences = all<{ subject: string; date: string; n: number; absence: 'н' | 'б' | 'у' }>(
    `select s.name subject, l.date, l.lesson_number n, c.absence from journal_cell c join lesson l on l.id = c.lesson_id join subject s on s.id = l.subject_id
      where c.student_id = ? and l.class_id = ? and l.date between ? and ? and l.status = 'held' and c.absence is not null order by l.date, l.lesson_number`,
    pick.student_id,
    pick.class_id,
    MONTH.from,
    MONTH.to,
  );
  assert.ok(marks.length >= 10 && absences.length >= 2, `a student with marks (${marks.length}) and absences (${absences.length})`);

  const b = blocks(file);
  // the subjects table: after its header, four cells a row (subject, marks, absences, period marks) up to «Всего …»
  const start = b.indexOf('Отметка за период') + 1;
  const end = b.findIndex((x) => x.startsWith('Всего '));
  const HEAD = new Set(['Предмет', 'Отметки: дата, отметка (вид работы)', 'Пропуски', 'Отметка за период']);
  const rows = b.slice(start, end).filter((x) => !HEAD.has(x)); // the header repeats on a continuation page
  assert.equal(rows.length % 4, 0, rows.join(' | '));
  const printed = new Map<string, string>();
  for (let i = 0; i < rows.length; i += 4) printed.set(rows[i], rows[i + 1]);
  const bySubject = new Map<string, string[]>();
  for (const m of marks)
    bySubject.set(m.subject, [
      ...(bySubject.get(m.subject) ?? []),
      `${m.date.slice(8, 10)}.${m.date.slice(5, 7)}: ${m.value} (${m.short})`,
    ]);
  // (pdftotext joins «духовно-» and «нравственной» at a line break without the hyphen)
  const key = (name: string) => name.replace(/-/g, '');
  const printedBy = new Map([...printed].map(([k, v]) => [key(k), v]));
  for (const [subject, list] of bySubject) assert.equal(printedBy.get(key(subject)), list.join('; '), subject);
  const known = new Set([...bySubject.keys()].map(key));
  for (const [subject, text] of printedBy) if (!known.has(subject)) assert.equal(text, 'отметок нет', subject);
  assert.ok(b.some((x) => x.startsWith(`Всего ${marks.length} ${plural(marks.length, ['отметка', 'отметки', 'отметок'])}.`)));

  // absences: a row per date and reason: date, reason, «N уроков», «номер. предмет, …»
  assert.ok(b.join(' ').includes(`Пропущено ${absences.length} ${plural(absences.length, ['урок', 'урока', 'уроков'])}:`));
  const section = b.join(' ');
  const tail = section.slice(section.indexOf('Уроки (номер урока, предмет)'));
  const got: string[] = [];
  const re =
    /(\d\d)\.(\d\d)\.(\d{4}) (по болезни|по уважительной причине|причина не указана) (\d+) (урок\S*) (.+?)(?= \d\d\.\d\d\.\d{4} | Классный руководитель| Записи учителей)/g;
  for (let m = re.exec(tail); m; m = re.exec(tail)) {
    const lessons = m[7].split(/, (?=\d+\. )/);
    assert.equal(`${m[5]} ${m[6]}`, `${lessons.length} ${plural(lessons.length, ['урок', 'урока', 'уроков'])}`);
    for (const l of lessons) got.push(`${m[3]}-${m[2]}-${m[1]} ${m[4]} ${l}`);
  }
  assert.deepEqual(
    got.map(key),
    absences.map((a) => key(`${a.date} ${ABSENCE_REASONS[a.absence]} ${a.n}. ${a.subject}`)),
  );

  // the register: one row, the file's hash and pages
  const reg = one<{ file_sha256: string; pages: number; span_from: string; span_to: string }>(
    'select * from parent_extract where id = ?',
    r.registerIds[0],
  );
  assert.deepEqual(reg, { ...reg, file_sha256: r.sha256, pages: r.pages, span_from: MONTH.from, span_to: MONTH.to });
  assert.equal(
    one<{ n: number }>("select count(*) n from audit_log where entity = 'parent_extract' and entity_id = ?", r.registerIds[0]).n,
    1,
  );
  // PDF/A-2b as every printed document
  assert.match(run('pdfinfo', ['-meta', file]), /pdfaid:part>2</);
});

test('a long extract is numbered «Лист k из N» within itself; a one-page extract has no number', async () => {
  const cls = one<{
    id: number;
  }>(`select e.class_id id from enrollment e join class c on c.id = e.class_id where e.end_date is null and c.grade >= 5
      group by e.class_id order by count(*) desc limit 1`);
  const list = await loadExtracts(t.ctx, cls.id, { from: '2025-09-01', to: '2025-12-31' }, { homework: true });
  const short = await loadExtracts(t.ctx, cls.id, { from: '2025-12-08', to: '2025-12-12' });
  const { doc, pages } = layoutExtracts([...list.slice(0, 2), ...short.slice(2, 3)]);
  const [a, b, c] = [...pages.values()];
  assert.ok(a.last > a.first, 'four months with homework take more than one page');
  assert.equal(doc.pages[a.first - 1].footer, `Лист 1 из ${a.last - a.first + 1}`);
  assert.equal(doc.pages[b.first - 1].footer, `Лист 1 из ${b.last - b.first + 1}`);
  assert.equal(c.first, c.last);
  assert.equal(doc.pages[c.first - 1].footer, '');
});

test('the weekly batch holds exactly the students whose parents chose paper, in class-list order; the register shows who did not receive it', async () => {
  const cls = one<{ id: number; name: string; homeroom_staff_id: number }>(
    `select c.id, c.name, c.homeroom_staff_id from class c join enrollment e on e.class_id = c.id where e.end_date is null
      group by c.id having count(*) >= 5 order by c.grade, c.letter limit 1`,
  );
  const roster = all<{ id: number; last_name: string; first_name: string; middle_name: string }>(
    `select s.id, s.last_name, s.first_name, s.middle_name from enrollment e join student s on s.id = e.student_id where e.class_id = ? and e.end_date is null`,
    cls.id,
  ).sort(
    (x, y) =>
      new Intl.Collator('ru').compare(x.last_name, y.last_name) ||
      new Intl.Collator('ru').compare(x.first_name, y.first_name) ||
      x.id - y.id,
  );
  const guardians = (sid: number) =>
    all<{ id: number; last_name: string; first_name: string }>(
      'select id, last_name, first_name from guardian where student_id = ? order by id',
      sid,
    );
  const notice = (sid: number, g: { id: number; last_name: string; first_name: string }, kind: string, date: string) =>
    t.raw
      .prepare(
        "insert into guardian_notice(student_id, guardian_id, guardian_name, kind, date, created_by, created_at) values (?, ?, ?, ?, ?, 'тест', '2025-09-01T00:00:00Z')",
      )
      .run(sid, g.id, `${g.last_name} ${g.first_name}`, kind, date);
  t.raw.prepare('delete from guardian_notice').run();
  const [a, b, c, d, e] = [roster[4], roster[0], roster[2], roster[1], roster[3]];
  notice(a.id, guardians(a.id)[0], 'electronic_refusal', '2025-09-05'); // paper
  notice(b.id, guardians(b.id)[0], 'electronic_refusal', '2025-09-05'); // paper, then consent: electronic
  notice(b.id, guardians(b.id)[0], 'electronic_consent', '2025-10-01');
  notice(c.id, guardians(c.id)[0], 'electronic_consent', '2025-09-05'); // one parent electronic, the other paper
  notice(c.id, guardians(c.id).at(-1)!, 'electronic_refusal', '2025-09-06');
  notice(d.id, guardians(d.id)[0], 'electronic_refusal', '2025-12-20'); // paper, but only after this week
  notice(e.id, guardians(e.id)[0], 'electronic_refusal', '2025-09-05'); // paper, then refused any information
  notice(e.id, guardians(e.id)[0], 'info_refusal', '2025-11-01');
  const expected = roster.filter((s) => s.id === a.id || s.id === c.id);
  assert.deepEqual(
    (await paperChoiceStudents(t.db, cls.id, FRIDAY)).map((p) => p.studentId),
    expected.map((s) => s.id),
  );

  const dir = path.join(t.dir, 'weekly');
  const { o, sink } = out();
  const code = await runCli(['print', 'extracts', '--db', t.file, '--weekly', FRIDAY, '--out', dir], sink);
  assert.equal(code, 0, o.err.join('\n'));
  const file = path.join(dir, `Выписки ${cls.name} ${FRIDAY}.pdf`);
  assert.ok(fs.existsSync(file), o.log.join('\n'));
  const text = blocks(file).join(' ');
  const full = (s: (typeof roster)[number]) => `${s.last_name} ${s.first_name} ${s.middle_name}`.trim();
  // the class's students whose names the PDF holds, in the order it holds them
  const inPdf = roster.filter((s) => text.includes(full(s))).sort((x, y) => text.indexOf(full(x)) - text.indexOf(full(y)));
  assert.deepEqual(inPdf.map(full), expected.map(full));
  assert.equal(text.split('Выписка из классного журнала').length - 1, expected.length, 'one extract per paper-choice student');
  assert.ok(text.includes('с 08.12.2025 по 12.12.2025'), 'the week: Monday to the Friday');
  // every class's file holds only its paper-choice students: the other classes had none
  assert.deepEqual(fs.readdirSync(dir), [`Выписки ${cls.name} ${FRIDAY}.pdf`]);

  // the register: one row each; the homeroom teacher records the hand-over of one
  const rows = all<{ id: number; student_id: number }>(
    'select id, student_id from parent_extract where class_id = ? and span_to = ? order by id',
    cls.id,
    FRIDAY,
  );
  assert.deepEqual(
    rows.map((r) => r.student_id),
    expected.map((s) => s.id),
  );
  const homeroom: Actor = {
    userId: null,
    name: 'Классный руководитель',
    roles: ['homeroom'],
    staffId: cls.homeroom_staff_id,
    system: false,
  };
  const other: Actor = { ...homeroom, name: 'Чужой', staffId: cls.homeroom_staff_id + 100000 };
  // printed just now by the CLI: handed over today (a date before the printing, or in the future, is refused)
  const now = () => new Date();
  // «today» on the school's clock (the demo's Asia/Omsk), whatever the hour of the run
  const today = localDate(new Date().toISOString(), await schoolTimeZone(t.db));
  const tomorrow = nextDay(today);
  const asHomeroom = { ...t.as(homeroom), now };
  await assert.rejects(
    recordHandOver({ ...t.as(other), now }, { extractId: rows[0].id, handedAt: today, handedTo: 'Мать' }),
    /классный руководитель этого класса/,
  );
  await assert.rejects(recordHandOver(asHomeroom, { extractId: rows[0].id, handedAt: tomorrow, handedTo: 'Мать' }), /в будущем/);
  await assert.rejects(recordHandOver(asHomeroom, { extractId: rows[0].id, handedAt: FRIDAY, handedTo: 'Мать' }), /раньше даты печати/);
  await assert.rejects(recordHandOver(asHomeroom, { extractId: rows[0].id, handedAt: today, handedTo: '  ' }), /кому выдана/);
  const done = await recordHandOver(asHomeroom, { extractId: rows[0].id, handedAt: today, handedTo: 'Иванова Анна Петровна' });
  assert.equal(done.handedTo, 'Иванова Анна Петровна');
  await assert.rejects(recordHandOver(asHomeroom, { extractId: rows[0].id, handedAt: today, handedTo: 'Ещё раз' }), /уже отмечена/);
  const week = await weeklyState(asHomeroom, cls.id, FRIDAY);
  assert.deepEqual(
    week.notReceived.map((p) => [p.studentId, p.printed]),
    [[expected[1].id, true]],
  );
  await assert.rejects(weeklyState({ ...t.as(other), now }, cls.id, FRIDAY), /классному руководителю/);

  // the printable register lists both extracts and the one not received
  const reg = path.join(t.dir, 'register.pdf');
  const r = out();
  assert.equal(
    await runCli(
      ['print', 'extract-register', '--db', t.file, '--class', cls.name, '--from', '2025-12-01', '--to', FRIDAY, '--out', reg],
      r.sink,
    ),
    0,
    r.o.err.join('\n'),
  );
  const regText = pdfText(reg);
  assert.match(regText, /Иванова Анна Петровна/);
  const tail = regText.slice(regText.indexOf('Не получили выписку'));
  assert.match(tail, new RegExp(expected[1].last_name));
  assert.doesNotMatch(tail, new RegExp(`${expected[0].last_name} ${expected[0].first_name}`));
});

test('CLI: print extract as PDF and DOCX, refuses to overwrite, explains bad input and changes nothing', async () => {
  const s = one<{ student_id: number; name: string }>(
    `select e.student_id, c.name from enrollment e join class c on c.id = e.class_id where e.end_date is null limit 1`,
  );
  const before = one<{ n: number }>('select count(*) n from parent_extract').n;
  const pdf = path.join(t.dir, 'cli.pdf');
  const docx = path.join(t.dir, 'cli.docx');
  const ok = async (args: string[]) => {
    const { o, sink } = out();
    const code = await runCli(args, sink);
    return { code, text: [...o.log, ...o.err].join('\n') };
  };
  const base = [
    'print',
    'extract',
    '--db',
    t.file,
    '--class',
    s.name,
    '--student',
    String(s.student_id),
    '--from',
    '2025-12-01',
    '--to',
    '2025-12-31',
  ];
  assert.equal((await ok([...base, '--out', pdf])).code, 0);
  assert.equal((await ok([...base, '--format', 'docx', '--out', docx])).code, 0);
  assert.equal(fs.readFileSync(docx).subarray(0, 2).toString(), 'PK');
  // the same pages in Word's format: LibreOffice lays the DOCX out on as many pages as the PDF has
  assert.equal(pdfPages(libreOfficeToPdf(docx, path.join(t.dir, 'lo'))), pdfPages(pdf));
  assert.equal(one<{ n: number }>('select count(*) n from parent_extract').n, before + 2);
  const again = await ok([...base, '--out', pdf]);
  assert.equal(again.code, 1);
  assert.match(again.text, /уже существует/);
  const bad = [
    [['print', 'extract', '--db', t.file, '--class', s.name, '--from', '2025-12-31', '--to', '2025-12-01', '--out', pdf], 2, /позже/],
    [['print', 'extract', '--db', t.file, '--class', s.name, '--from', '2025-13-01', '--to', '2025-12-31', '--out', pdf], 2, /ГГГГ-ММ-ДД/],
    [[...base.slice(0, -4), '--from', '2025-12-01', '--to', '2025-12-31', '--format', 'xlsx', '--out', pdf], 2, /pdf или docx/],
    [
      [
        'print',
        'extract',
        '--db',
        t.file,
        '--class',
        '11Я',
        '--from',
        '2025-12-01',
        '--to',
        '2025-12-31',
        '--out',
        path.join(t.dir, 'x.pdf'),
      ],
      1,
      /не найден/,
    ],
    [['print', 'extracts', '--db', t.file, '--out', t.dir], 2, /--weekly/],
  ] as const;
  for (const [args, code, message] of bad) {
    const r = await ok([...args]);
    assert.equal(r.code, code, `${args.join(' ')}: ${r.text}`);
    assert.match(r.text, message);
  }
  assert.equal(one<{ n: number }>('select count(*) n from parent_extract').n, before + 2);
});

test('notices to parents: a student at risk of «2» with the failed topics, one with unexcused absences over the threshold, not a student without risk', async () => {
  const cls = one<{ id: number; name: string; year_id: number; grade: number }>(
    `select c.id, c.name, c.year_id, c.grade from class c join enrollment e on e.class_id = c.id where e.end_date is null and c.grade >= 5
      group by c.id having count(*) >= 3 order by c.grade desc, c.letter limit 1`,
  );
  const period = one<{ start_date: string }>(
    `select p.start_date from study_period p join period_scheme ps on ps.id = p.scheme_id
      where p.start_date <= ? and p.end_date >= ? and ps.id in (select scheme_id from grade_scheme where year_id = ? and grade = ?)`,
    FRIDAY,
    FRIDAY,
    cls.year_id,
    cls.grade,
  );
  const [x, y, w] = all<{ id: number; last_name: string; first_name: string }>(
    `select s.id, s.last_name, s.first_name from enrollment e join student s on s.id = e.student_id where e.class_id = ? and e.end_date is null order by s.id limit 3`,
    cls.id,
  );
  const held = (sid: number) =>
    all<{ id: number; subject_id: number; topic: string; date: string }>(
      `select l.id, l.subject_id, l.topic, l.date from lesson l where l.class_id = ? and l.date between ? and ? and l.status = 'held'
        and (l.group_id is null or l.group_id in (select group_id from group_member where student_id = ?)) order by l.date, l.lesson_number`,
      cls.id,
      period.start_date,
      FRIDAY,
      sid,
    );
  // x: every mark of the period in one subject a «2»; no absences in it
  const xLessons = held(x.id);
  const subject = xLessons[0].subject_id;
  const sLessons = xLessons.filter((l) => l.subject_id === subject);
  const wt = one<{ id: number }>('select id from work_type order by id limit 1').id;
  for (const [i, l] of sLessons.entries()) {
    t.raw.prepare('delete from journal_cell where lesson_id = ? and student_id = ?').run(l.id, x.id);
    t.raw.prepare('delete from mark where lesson_id = ? and student_id = ?').run(l.id, x.id);
    if (i % 2 === 0)
      t.raw
        .prepare(
          "insert into mark(lesson_id, student_id, position, value, work_type_id, weight, entered_at, entered_by) values (?, ?, 1, '2', ?, 1, '2025-12-01T00:00:00Z', 'тест')",
        )
        .run(l.id, x.id, wt);
  }
  // y: absent without a reason from the first 12 lessons of the period
  const yLessons = held(y.id).slice(0, 12);
  for (const l of yLessons)
    t.raw
      .prepare(
        "insert or replace into journal_cell(lesson_id, student_id, absence, comment, entered_at, entered_by) values (?, ?, 'н', '', '2025-12-01T00:00:00Z', 'тест')",
      )
      .run(l.id, y.id);
  // w: all fives, never absent
  t.raw
    .prepare(
      `delete from journal_cell where student_id = ? and lesson_id in (select id from lesson where class_id = ? and date between ? and ?)`,
    )
    .run(w.id, cls.id, period.start_date, FRIDAY);
  t.raw
    .prepare(
      `update mark set value = '5' where student_id = ? and lesson_id in (select id from lesson where class_id = ? and date between ? and ?)`,
    )
    .run(w.id, cls.id, period.start_date, FRIDAY);

  const list = await loadRiskNotices(t.ctx, cls.id, FRIDAY, { unexcused: 10 });
  const byId = new Map(list.map((n) => [n.student.id, n]));
  const nx = byId.get(x.id)!;
  const subjectName = one<{ name: string }>('select name from subject where id = ?', subject).name;
  const sx = nx.subjects.find((s) => s.name === subjectName)!;
  assert.deepEqual(sx.risks, ['2']);
  assert.deepEqual(
    sx.topics.map((tp) => [tp.date, tp.topic, tp.why]),
    sLessons.filter((_, i) => i % 2 === 0).map((l) => [l.date, l.topic, 'failed']),
  );
  const ny = byId.get(y.id)!;
  const unexcused = one<{ n: number }>(
    `select count(*) n from journal_cell c join lesson l on l.id = c.lesson_id where c.student_id = ? and l.class_id = ? and l.date between ? and ? and l.status = 'held' and c.absence = 'н'`,
    y.id,
    cls.id,
    period.start_date,
    FRIDAY,
  ).n;
  assert.ok(unexcused >= 12);
  assert.equal(ny.unexcused.length, unexcused);
  assert.ok(!byId.has(w.id), 'no notice for a student without risk');
  await assert.rejects(loadRiskNotices(t.ctx, cls.id, FRIDAY, { unexcused: 0 }), /не меньше 1/);

  // printed through the CLI and registered as notices; the weekly state of extracts is not changed by them
  const file = path.join(t.dir, 'notices.pdf');
  const r = out();
  assert.equal(
    await runCli(['print', 'notices', '--db', t.file, '--class', cls.name, '--date', FRIDAY, '--out', file], r.sink),
    0,
    r.o.err.join('\n'),
  );
  const text = blocks(file).join(' ');
  assert.match(text, new RegExp(`${x.last_name} ${x.first_name}`));
  assert.match(
    text,
    new RegExp(`пропустил\\(а\\) без уважительной причины ${unexcused} ${plural(unexcused, ['урок', 'урока', 'уроков'])}`),
  );
  assert.doesNotMatch(text, new RegExp(`${w.last_name} ${w.first_name}`));
  const rows = all<{ student_id: number }>("select student_id from parent_extract where kind = 'notice' and class_id = ?", cls.id);
  assert.deepEqual(new Set(rows.map((x2) => x2.student_id)), new Set(list.map((n) => n.student.id)));
});

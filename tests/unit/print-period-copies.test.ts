import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startApp, type App } from '../../main/transport/app';
import { runCli } from '../../main/transport/cli/index';
import { systemActor } from '../../main/kernel/context';
import { runDemo, DEMO_PASSWORD } from '../../main/demo';
import { buildClassDocument } from '../../main/printing/catalog';
import type { PagedDocument } from '../../main/printing/layout/document';
import { renderDocument } from '../../main/printing/render/index';
import { tempDb } from '../helpers/db';
import { libreOfficeToPdf, pdfPages, pdfText } from '../helpers/tools';

// Journal copies for a period, for the year and for one subject (issue 14: seed 004 §3.3, §3.5) on the demo school:
// every class's year copy with no cut cell, a period's copy and a subject's copy whose pages equal the N of their
// certification page in PDF, DOCX and XLSX, the CLI's options, and a teacher printing their own subject's pages
// and refused the neighbouring subject's.

let t: Awaited<ReturnType<typeof tempDb>>;
let yearName: string;
let yearId: number;
let classes: { id: number; name: string; grade: number }[];

before(async () => {
  t = await tempDb('school.sqlite');
  // demo: full 2025/2026
  await runDemo(t.db, t.raw, systemActor('тест'), { seed: 5, students: 300 });
  const y = await t.db.selectFrom('academic_year').select(['id', 'name']).orderBy('start_date', 'desc').executeTakeFirstOrThrow();
  yearName = y.name;
  yearId = y.id;
  classes = await t.db
    .selectFrom('class')
    .select(['id', 'name', 'grade'])
    .where('year_id', '=', yearId)
    .orderBy('grade')
    .orderBy('letter')
    .execute();
});

after(async () => {
  await t.cleanup();
});

const ctx = () => ({ db: t.db, actor: systemActor('тест'), now: () => new Date() });

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, lines, errs };
}

/** Every laid-out cell whose text had to be cut. */
function cutCells(doc: PagedDocument): string[] {
  const out: string[] = [];
  for (const p of doc.pages)
    for (const b of p.blocks)
      if (b.kind === 'table')
        for (const r of b.rows)
          for (const c of r.cells) if (c.full !== undefined || c.lines.some((l) => l.endsWith('…'))) out.push(`${p.number}: ${c.full}`);
  return out;
}

/** N in «скреплено печатью N (…)» on the last page. */
function certifiedLeaves(pdf: string, pages: number): number {
  const m = /скреплено печатью (\d+) \(/.exec(pdfText(pdf, pages).replace(/\s+/g, ' '));
  assert.ok(m, 'the certification page states N');
  return Number(m[1]);
}

test('every class of the demo: the year’s journal prints no cell cut with «…» (page model; pdftotext on one class a grade)', async () => {
  assert.ok(classes.length >= 40, `${classes.length} classes`);
  const bad: string[] = [];
  const grades = new Set<number>();
  for (const c of classes) {
    const doc = await buildClassDocument(ctx(), 'journal', c.id, { sided: 'single' });
    for (const cut of cutCells(doc)) bad.push(`${c.name} стр. ${cut}`);
    // the PDF draws the page model's lines; pdftotext on the first class of each grade checks that (a PDF of every
    // class takes many minutes on a loaded machine)
    if (grades.has(c.grade)) continue;
    grades.add(c.grade);
    const pdf = path.join(t.dir, `journal-${c.id}.pdf`);
    await renderDocument(doc, 'pdf', pdf);
    const words = pdfText(pdf)
      .split(/\s+/)
      .filter((w) => w.endsWith('…'));
    for (const w of words) bad.push(`${c.name} pdftotext: ${w}`);
  }
  assert.deepEqual(bad.slice(0, 20), []);
});

test('a period’s copy: its own title, only its lessons, «Лист k из N», and pages = N in PDF', async () => {
  const cls = classes.find((c) => c.grade === 5)!;
  const out = path.join(t.dir, 'period1.pdf');
  const c = capture();
  const code = await runCli(
    ['print', 'journal', '--db', t.file, '--year', yearName, '--class', cls.name, '--period', '1', '--out', out],
    c.out,
  );
  assert.equal(code, 0, c.errs.join('\n'));
  assert.match(c.lines[0], /за 1 четверть \(\d\d\.\d\d\.\d{4} – \d\d\.\d\d\.\d{4}\)/);
  const pages = pdfPages(out);
  assert.equal(certifiedLeaves(out, pages), pages);
  const title = pdfText(out, 1).replace(/\s+/g, ' ');
  assert.match(title, /за 1 четверть/);
  assert.match(pdfText(out, 3).replace(/\s+/g, ' '), new RegExp(`Лист 3 из ${pages}`));
  // the first quarter runs September–October: no lesson row dated later on the right pages
  const all = pdfText(out);
  assert.doesNotMatch(all, /\b\d\d\.(11|12|0[1-8])\b(?!\.\d)/);
  // the whole year's copy is longer
  const year = await buildClassDocument(ctx(), 'journal', cls.id, { sided: 'single', period: 'year' });
  assert.ok(year.total > pages, `${year.total} > ${pages}`);
  assert.match(year.title, /за учебный год/);
});

test('a subject’s copy for a half-year: its pages only, pages = N in PDF, DOCX and XLSX (LibreOffice)', async () => {
  const cls = classes.find((c) => c.grade === 10) ?? classes[classes.length - 1];
  const periods = await t.db
    .selectFrom('study_period')
    .innerJoin('grade_scheme', 'grade_scheme.scheme_id', 'study_period.scheme_id')
    .select(['study_period.number', 'study_period.name'])
    .where('grade_scheme.year_id', '=', yearId)
    .where('grade_scheme.grade', '=', cls.grade)
    .execute();
  const period = periods[0];
  const math = await t.db.selectFrom('subject').select(['id', 'name']).where('name', 'like', 'Алгебра%').executeTakeFirstOrThrow();
  const doc = await buildClassDocument(ctx(), 'journal', cls.id, {
    sided: 'single',
    period: period.number,
    subjectId: math.id,
  });
  assert.match(doc.title, new RegExp(`учебный предмет «${math.name}», за ${period.name}`));
  assert.deepEqual(
    [...new Set(doc.pages.map((p) => p.section))]
      .filter((s) => !['title', 'contents', 'certification'].includes(s))
      .every((s) => s.startsWith('subject:')),
    true,
  );
  assert.deepEqual(cutCells(doc), []);
  for (const format of ['pdf', 'docx', 'xlsx'] as const) {
    const file = path.join(t.dir, `subject.${format}`);
    await renderDocument(doc, format, file);
    const pdf = format === 'pdf' ? file : libreOfficeToPdf(file, path.join(t.dir, `lo-${format}`));
    const pages = pdfPages(pdf);
    assert.equal(pages, doc.total, format);
    assert.equal(certifiedLeaves(pdf, pages), pages, format);
  }
});

test('the CLI refuses an option a document does not take, an unknown period and an unknown subject', async () => {
  const cls = classes[0];
  const args = ['--db', t.file, '--year', yearName, '--class', cls.name];
  const cases: [string[], number, RegExp][] = [
    [['print', 'journal', ...args, '--date', '2026-01-10', '--out', path.join(t.dir, 'x1.pdf')], 1, /не печатается с параметром «дата»/],
    [['print', 'ledger', ...args, '--period', '1', '--out', path.join(t.dir, 'x2.pdf')], 1, /не печатается с параметром «период»/],
    [
      ['print', 'class-list', ...args, '--subject', 'Музыка', '--out', path.join(t.dir, 'x3.pdf')],
      1,
      /не печатается с параметром «предмет»/,
    ],
    [['print', 'journal', ...args, '--period', '7', '--out', path.join(t.dir, 'x4.pdf')], 1, /нет периода № 7/],
    [['print', 'journal', ...args, '--subject', 'Астрология', '--out', path.join(t.dir, 'x5.pdf')], 2, /предмета «Астрология» нет/],
    [['print', 'school', '--db', t.file, '--year', yearName, '--period', '1', '--out', path.join(t.dir, 'x6')], 2, /не принимает --period/],
  ];
  for (const [argv, exit, message] of cases) {
    const c = capture();
    const code = await runCli(argv, c.out);
    assert.equal(code, exit, `${argv.join(' ')}: ${c.errs.join(' ')}`);
    assert.match([...c.errs, ...c.lines].join('\n'), message);
  }
});

test('through the router: a teacher prints their own subject’s pages and is refused the neighbouring subject and the whole journal', async () => {
  // a teacher (no other role) with a subject in a class where another teacher has another subject
  const loads = await t.db
    .selectFrom('teaching_load')
    .innerJoin('app_user', 'app_user.staff_id', 'teaching_load.staff_id')
    .select(['app_user.login', 'app_user.id as userId', 'teaching_load.staff_id', 'teaching_load.class_id', 'teaching_load.subject_id'])
    .where('teaching_load.year_id', '=', yearId)
    .execute();
  const roles = await t.db.selectFrom('user_role').select(['user_id', 'role']).execute();
  const onlyTeacher = (userId: number) => roles.filter((r) => r.user_id === userId).every((r) => r.role === 'teacher');
  const mine = loads.find((l) => onlyTeacher(l.userId))!;
  assert.ok(mine, 'a teacher with a load');
  const neighbour = loads.find((l) => l.class_id === mine.class_id && l.staff_id !== mine.staff_id && l.subject_id !== mine.subject_id);
  assert.ok(neighbour, 'another teacher’s subject in the class');
  const core: App = await startApp({ dbFile: t.file, runtime: 'browser-host' });
  try {
    const login = await core.router.call('auth.login', { login: mine.login, password: DEMO_PASSWORD }, null);
    assert.ok(login.ok, JSON.stringify(login));
    const token = (login.value as { token: string }).token;
    const docs = await core.router.call('print.documents', {}, token);
    assert.ok(docs.ok);
    assert.equal((docs.value as { ownSubjectsOnly: boolean }).ownSubjectsOnly, true);
    const cls = await core.router.call('print.classes', { yearId }, token);
    assert.ok(cls.ok);
    const taught = new Set(loads.filter((l) => l.staff_id === mine.staff_id).map((l) => l.class_id));
    assert.deepEqual(new Set((cls.value as { id: number }[]).map((c) => c.id)), taught);
    const opts = await core.router.call('print.journalOptions', { classId: mine.class_id }, token);
    assert.ok(opts.ok, JSON.stringify(opts));
    const o = opts.value as { subjects: { id: number }[]; wholeJournal: boolean; periods: unknown[] };
    assert.equal(o.wholeJournal, false);
    assert.ok(o.subjects.some((s) => s.id === mine.subject_id));
    assert.ok(!o.subjects.some((s) => s.id === neighbour.subject_id));
    assert.ok(o.periods.length >= 2);

    const own = await core.router.call(
      'print.preview',
      { kind: 'journal', classId: mine.class_id, subjectId: mine.subject_id, period: 1 },
      token,
    );
    assert.ok(own.ok, JSON.stringify(own));
    const file = await core.router.call(
      'print.file',
      { kind: 'journal', classId: mine.class_id, subjectId: mine.subject_id, format: 'pdf' },
      token,
    );
    assert.ok(file.ok, JSON.stringify(file).slice(0, 300));

    const refused = await core.router.call(
      'print.preview',
      { kind: 'journal', classId: mine.class_id, subjectId: neighbour.subject_id },
      token,
    );
    assert.equal(refused.ok, false);
    assert.equal((refused as { error: { code: string } }).error.code, 'FORBIDDEN');
    const whole = await core.router.call('print.preview', { kind: 'journal', classId: mine.class_id }, token);
    assert.equal(whole.ok, false);
    const list = await core.router.call('print.preview', { kind: 'class-list', classId: mine.class_id }, token);
    assert.equal(list.ok, false);
    const school = await core.router.call('print.schoolStart', { yearId, outDir: t.dir, formats: ['pdf'], kinds: ['journal'] }, token);
    assert.equal(school.ok, false);
  } finally {
    await core.close();
  }
});

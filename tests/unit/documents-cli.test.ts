import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { runCli } from '../../main/transport/cli/index';
import type { Actor } from '../../main/kernel/context';
import { systemActor } from '../../main/kernel/context';
import { runDemo } from '../../main/demo';
import { buildClassDocument } from '../../main/printing/catalog';
import { classNameKey } from '../../main/school/class-lookup';
import { tempDb } from '../helpers/db';
import { pdfPages, pdfText } from '../helpers/tools';

// The print command on the demo school: what the database holds now (no marks yet) printed and checked.

let t: Awaited<ReturnType<typeof tempDb>>;
let withdrawn: { className: string; lastName: string; fullName: string; date: string; classId: number };

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, lines, errs };
}

before(async () => {
  t = await tempDb('school.sqlite');
  await runDemo(t.db, t.raw, systemActor('тест'), { seed: 7, students: 500, today: '2026-06-30' });
  const w = await t.db
    .selectFrom('movement')
    .innerJoin('class', 'class.id', 'movement.from_class_id')
    .innerJoin('student', 'student.id', 'movement.student_id')
    .select(['class.name', 'class.id', 'student.last_name', 'student.first_name', 'student.middle_name', 'movement.date'])
    .where('movement.kind', '=', 'withdrawal')
    .orderBy('movement.date')
    .executeTakeFirstOrThrow();
  withdrawn = {
    className: w.name,
    classId: w.id,
    lastName: w.last_name,
    fullName: `${w.last_name} ${w.first_name} ${w.middle_name}`,
    date: w.date,
  };
});

after(async () => {
  await t.cleanup();
});

test('print journal writes a PDF whose page count is the number on its certification page', async () => {
  const out = path.join(t.dir, 'journal.pdf');
  const c = capture();
  const code = await runCli(
    ['print', 'journal', '--db', t.file, '--year', '2025/2026', '--class', withdrawn.className, '--out', out],
    c.out,
  );
  assert.equal(code, 0, c.errs.join('\n'));
  const pages = pdfPages(out);
  assert.match(c.lines[0], new RegExp(`${pages} стр\\. \\(${pages} л\\.\\)`));
  const last = pdfText(out, pages).replace(/\s+/g, ' ');
  assert.ok(last.includes(`скреплено печатью ${pages} (`), last.slice(0, 200));
  const all = pdfText(out).replace(/\s+/g, ' ');
  assert.ok(all.includes('КЛАССНЫЙ ЖУРНАЛ'));
  assert.ok(all.includes('2025/2026 учебный год'));
  // the student who left is in the general information with the day after their last day
  assert.ok(all.includes(withdrawn.lastName));
  const [y, m, d] = withdrawn.date.split('-');
  assert.match(all, new RegExp(`выбыла? ${d}\\.${m}\\.${y}`));
});

test('double-sided printing certifies sheets, not pages', async () => {
  const out = path.join(t.dir, 'journal-2.pdf');
  const c = capture();
  assert.equal(
    await runCli(
      [
        'print',
        'journal',
        '--db',
        t.file,
        '--year',
        '2025/2026',
        '--class',
        withdrawn.className,
        '--sided',
        'double',
        '--format',
        'pdf',
        '--out',
        out,
      ],
      c.out,
    ),
    0,
    c.errs.join('\n'),
  );
  const pages = pdfPages(out);
  const last = pdfText(out, pages).replace(/\s+/g, ' ');
  assert.ok(last.includes(`скреплено печатью ${Math.ceil(pages / 2)} (`), last.slice(0, 200));
  assert.ok(last.includes(`${pages} пронумерованных страниц`));
});

test('the class list on a date leaves out whoever had left by then', async () => {
  const before = await buildClassDocument(t.ctx, 'class-list', withdrawn.classId, { date: '2025-09-01', sided: 'single' });
  const later = await buildClassDocument(t.ctx, 'class-list', withdrawn.classId, { date: '2026-05-20', sided: 'single' });
  const names = (d: typeof before) =>
    d.pages.flatMap((p) =>
      p.blocks.flatMap((b) => (b.kind === 'table' ? b.rows.filter((r) => !r.header).map((r) => r.cells[1].lines.join(' ')) : [])),
    );
  assert.ok(names(before).includes(withdrawn.fullName));
  assert.ok(!names(later).includes(withdrawn.fullName));
  assert.ok(later.title.endsWith('на 20.05.2026'));
});

test('who may print: a teacher may not, a homeroom teacher only their own class', async () => {
  const teacher: Actor = { userId: 5, name: 'учитель', roles: ['teacher'], staffId: 999, system: false };
  await assert.rejects(
    buildClassDocument({ ...t.ctx, actor: teacher }, 'journal', withdrawn.classId, { sided: 'single' }),
    /Недостаточно прав/,
  );
  const cls = await t.db
    .selectFrom('class')
    .select(['id', 'homeroom_staff_id'])
    .where('id', '=', withdrawn.classId)
    .executeTakeFirstOrThrow();
  const own: Actor = { userId: 6, name: 'кл. рук.', roles: ['teacher', 'homeroom'], staffId: cls.homeroom_staff_id, system: false };
  const other: Actor = { ...own, staffId: (cls.homeroom_staff_id ?? 0) + 1 };
  const doc = await buildClassDocument({ ...t.ctx, actor: own }, 'journal', withdrawn.classId, { sided: 'single' });
  assert.ok(doc.total >= 6);
  await assert.rejects(
    buildClassDocument({ ...t.ctx, actor: other }, 'journal', withdrawn.classId, { sided: 'single' }),
    /только своего класса/,
  );
});

test('bad options are usage errors; an unknown class is a clear error', async () => {
  const c = capture();
  assert.equal(
    await runCli(
      ['print', 'journal', '--db', t.file, '--year', '2025/2026', '--class', '5А', '--format', 'odt', '--out', path.join(t.dir, 'x.odt')],
      c.out,
    ),
    2,
  );
  assert.match(c.errs[0], /--format: одно из pdf, docx, xlsx, html/);
  const d = capture();
  assert.equal(
    await runCli(['print', 'journal', '--db', t.file, '--year', '2025/2026', '--class', '5Я', '--out', path.join(t.dir, 'x.pdf')], d.out),
    1,
  );
  assert.match(d.errs[0], /Класс «5Я» в 2025\/2026 учебном году не найден/);
  assert.equal(classNameKey('5 «a»'), '5А');
  assert.equal(classNameKey('10b'), '10В');
});

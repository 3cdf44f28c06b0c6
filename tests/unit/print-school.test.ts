import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { startApp, type App } from '../../main/transport/app';
import { runCli } from '../../main/transport/cli/index';
import { systemActor } from '../../main/kernel/context';
import { runDemo, DEMO_PASSWORD } from '../../main/demo';
import { SCHOOL_SET } from '../../main/contract/rules/documents';
import type { SchoolJobEvent, SchoolJobSummary } from '../../main/printing/school/job';
import { startSchoolPrint } from '../../main/printing/school/runner';
import { tempDb } from '../helpers/db';
import { pdfPages, pdfText } from '../helpers/tools';

// Whole-school printing on the demo school, in the print worker: every class into its folder, a class that cannot
// be written reported while the others go on, cancelling, never replacing a file, and the router answering while
// the worker works.

let t: Awaited<ReturnType<typeof tempDb>>;
let classes: { id: number; name: string }[];
let yearId: number;

before(async () => {
  t = await tempDb('school.sqlite');
  await runDemo(t.db, t.raw, systemActor('тест'), { seed: 11, students: 450, today: '2026-06-30' });
  yearId = (await t.db.selectFrom('academic_year').select('id').executeTakeFirstOrThrow()).id;
  classes = await t.db
    .selectFrom('class')
    .select(['id', 'name'])
    .where('year_id', '=', yearId)
    .orderBy('grade')
    .orderBy('letter')
    .execute();
});

after(async () => {
  await t.cleanup();
});

function run(outDir: string, extra: Partial<Parameters<typeof startSchoolPrint>[0]> = {}, onEvent: (e: SchoolJobEvent) => void = () => {}) {
  return startSchoolPrint(
    {
      dbFile: t.file,
      yearId,
      outDir,
      formats: ['pdf'],
      kinds: [...SCHOOL_SET],
      book: true,
      actor: systemActor('тест'),
      tag: `t${Date.now()}`,
      ...extra,
    },
    onEvent,
  );
}

const listFiles = (dir: string): string[] =>
  fs.existsSync(dir) ? (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()) : [];

test('every class of the year gets every document, named predictably; a class that cannot be written is reported and the others go on', async () => {
  const out = path.join(t.dir, 'out');
  // 5А's folder cannot be made: a file stands in its place
  fs.mkdirSync(path.join(out, '2025-2026'), { recursive: true });
  fs.writeFileSync(path.join(out, '2025-2026', '5А'), 'не папка');
  const events: SchoolJobEvent[] = [];
  const summary = await run(out, {}, (e) => events.push(e)).done;
  const others = classes.filter((c) => c.name !== '5А');
  assert.equal(summary.cancelled, false);
  assert.deepEqual([...new Set(summary.failed.map((f) => f.className))], ['5А']);
  assert.equal(summary.failed.length, SCHOOL_SET.length);
  assert.equal(summary.written.length, others.length * SCHOOL_SET.length + 1);
  for (const c of others)
    for (const stem of [
      'Классный журнал',
      'Сводная ведомость успеваемости',
      'Посещаемость по месяцам',
      'Успеваемость по периодам',
      'Сводная ведомость посещаемости',
    ])
      assert.ok(fs.existsSync(path.join(out, '2025-2026', c.name, `${stem} ${c.name}.pdf`)), `${c.name}: ${stem}`);
  // what the summary says is what is on disk, with true page counts
  const sample = summary.written.find((w) => w.className === '7Б' && w.kind === 'ledger')!;
  assert.equal(sample.name, path.join('2025-2026', '7Б', 'Сводная ведомость успеваемости 7Б.pdf'));
  assert.equal(pdfPages(sample.file), sample.pages);
  assert.match(pdfText(sample.file, sample.pages).replace(/\s+/g, ' '), new RegExp(`скреплено печатью ${sample.pages} \\(`));
  const book = summary.written.find((w) => w.kind === 'book')!;
  assert.equal(book.name, path.join('2025-2026', 'Книга сводных ведомостей 2025-2026.pdf'));
  assert.equal(pdfPages(book.file), book.pages);
  // progress went up to the end, and no temporary files are left
  const progress = events.filter((e): e is Extract<SchoolJobEvent, { type: 'progress' }> => e.type === 'progress');
  assert.equal(progress.at(-1)!.done, progress.at(-1)!.total);
  assert.ok(progress.every((p, i) => i === 0 || p.done >= progress[i - 1].done));
  assert.deepEqual(
    listFiles(out).filter((f) => f.endsWith('.part')),
    [],
  );
});

test('a second run never replaces what the first wrote: the new files get a number', async () => {
  const out = path.join(t.dir, 'again');
  const only = classes.filter((c) => c.name === '9А').map((c) => c.id);
  const first = await run(out, { classIds: only, kinds: ['ledger'], book: false }).done;
  const before = fs.readFileSync(first.written[0].file);
  const second = await run(out, { classIds: only, kinds: ['ledger'], book: false }).done;
  assert.equal(second.written[0].file, path.join(out, '2025-2026', '9А', 'Сводная ведомость успеваемости 9А (2).pdf'));
  assert.deepEqual(fs.readFileSync(first.written[0].file), before);
});

test('cancelling stops before the next file and leaves no half-written file', async () => {
  const out = path.join(t.dir, 'cancelled');
  let h: ReturnType<typeof run> | null = null;
  let files = 0;
  h = run(out, {}, (e) => {
    if (e.type === 'file' && ++files === 3) h!.cancel();
  });
  const s: SchoolJobSummary = await h.done;
  assert.equal(s.cancelled, true);
  assert.ok(s.written.length >= 3 && s.written.length < classes.length * SCHOOL_SET.length, `${s.written.length} files`);
  const onDisk = listFiles(out);
  assert.equal(onDisk.length, s.written.length);
  assert.deepEqual(
    onDisk.filter((f) => f.endsWith('.part')),
    [],
  );
});

test('through the router: the job runs in the worker while other calls are answered; progress, a homeroom teacher refused', async () => {
  const core: App = await startApp({ dbFile: t.file, runtime: 'browser-host' });
  try {
    const login = await core.router.call('auth.login', { login: 'director', password: DEMO_PASSWORD }, null);
    assert.ok(login.ok, JSON.stringify(login));
    const token = (login.value as { token: string }).token;
    const out = path.join(t.dir, 'router');
    const started = await core.router.call(
      'print.schoolStart',
      { yearId, outDir: out, formats: ['pdf'], kinds: ['journal', 'ledger'], book: true },
      token,
    );
    assert.ok(started.ok, JSON.stringify(started));
    const jobId = (started.value as { jobId: string }).jobId;
    const busy = await core.router.call('print.schoolStart', { yearId, outDir: out, formats: ['pdf'], kinds: ['ledger'] }, token);
    assert.equal(busy.ok, false);
    // the main thread answers while the worker lays out and writes: calls come back with the job still running
    let answeredWhileRunning = 0;
    let last = 0;
    for (;;) {
      const years = await core.router.call('years.list', {}, token);
      assert.ok(years.ok);
      const s = await core.router.call('print.schoolStatus', { jobId }, token);
      assert.ok(s.ok);
      const st = s.value as { status: string; done: number; total: number; written: unknown[] };
      if (st.status !== 'running') {
        assert.equal(st.status, 'done');
        assert.equal(st.written.length, classes.length * 2 + 1);
        break;
      }
      answeredWhileRunning++;
      assert.ok(st.done >= last);
      last = st.done;
      await new Promise((r) => setTimeout(r, 150));
    }
    assert.ok(answeredWhileRunning >= 3, `answered ${answeredWhileRunning} times during the job`);

    // a homeroom teacher prints their own class, not the whole school
    const homeroom = await t.db
      .selectFrom('app_user')
      .innerJoin('user_role', 'user_role.user_id', 'app_user.id')
      .innerJoin('class', 'class.homeroom_staff_id', 'app_user.staff_id')
      .select(['app_user.login', 'class.id as classId'])
      .where('user_role.role', '=', 'homeroom')
      .executeTakeFirstOrThrow();
    const hl = await core.router.call('auth.login', { login: homeroom.login, password: DEMO_PASSWORD }, null);
    assert.ok(hl.ok);
    const ht = (hl.value as { token: string }).token;
    const refused = await core.router.call('print.schoolStart', { yearId, outDir: out, formats: ['pdf'], kinds: ['ledger'] }, ht);
    assert.equal(refused.ok, false);
    assert.match((refused as { error: { message: string } }).error.message, /директору, заместителям и делопроизводителю/);
    const mine = await core.router.call('print.classes', { yearId }, ht);
    assert.ok(mine.ok);
    assert.deepEqual(
      (mine.value as { id: number }[]).map((c) => c.id),
      [homeroom.classId],
    );
    const own = await core.router.call('print.preview', { kind: 'ledger', classId: homeroom.classId }, ht);
    assert.ok(own.ok, JSON.stringify(own));
    const other = await core.router.call(
      'print.preview',
      { kind: 'ledger', classId: classes.find((c) => c.id !== homeroom.classId)!.id },
      ht,
    );
    assert.equal(other.ok, false);
  } finally {
    await core.close();
  }
});

test('print.preview and print.file: a page’s fixed-size HTML, and the document as a file with its name', async () => {
  const core: App = await startApp({ dbFile: t.file, runtime: 'browser-host' });
  try {
    const login = await core.router.call('auth.login', { login: 'office', password: DEMO_PASSWORD }, null);
    assert.ok(login.ok);
    const token = (login.value as { token: string }).token;
    const cls = classes.find((c) => c.name === '6Б')!;
    const p = await core.router.call('print.preview', { kind: 'journal', classId: cls.id, from: 2, count: 1 }, token);
    assert.ok(p.ok, JSON.stringify(p));
    const v = p.value as { total: number; leaves: number; html: string; pages: { number: number }[] };
    assert.equal(v.pages.length, v.total);
    assert.match(v.html, /<div class="page portrait" data-page="2" style="width:595\.28pt;height:841\.89pt">/);
    assert.ok(v.html.includes('ОГЛАВЛЕНИЕ'));
    const f = await core.router.call('print.file', { kind: 'ledger', classId: cls.id, format: 'pdf' }, token);
    assert.ok(f.ok);
    const file = f.value as { name: string; base64: string; pages: number };
    assert.equal(file.name, 'Сводная ведомость успеваемости 6Б.pdf');
    const saved = path.join(t.dir, file.name);
    fs.writeFileSync(saved, Buffer.from(file.base64, 'base64'));
    assert.equal(pdfPages(saved), file.pages);
  } finally {
    await core.close();
  }
});

test('the CLI: print school reports progress on stderr and a summary; print ledger refuses to replace a file without --replace', async () => {
  const lines: string[] = [];
  const errs: string[] = [];
  const out = { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) };
  const dir = path.join(t.dir, 'cli');
  assert.equal(
    await runCli(
      [
        'print',
        'school',
        '--db',
        t.file,
        '--year',
        '2025/2026',
        '--class',
        '10а,11Б',
        '--documents',
        'ledger,attendance-ledger',
        '--out',
        dir,
      ],
      out,
    ),
    0,
    errs.join('\n'),
  );
  assert.match(errs[0], /Печать 2025\/2026: классов 2, документов 4/);
  assert.ok(errs.some((e) => /^\[4\/4\] Готово$/.test(e)));
  assert.match(lines[0], /^Готово: файлов 4 \(\d+ стр\.\), ошибок 0/);
  const file = path.join(t.dir, 'ledger-10A.pdf');
  assert.equal(await runCli(['print', 'ledger', '--db', t.file, '--year', '2025/2026', '--class', '10A', '--out', file], out), 0);
  assert.equal(await runCli(['print', 'ledger', '--db', t.file, '--year', '2025/2026', '--class', '10A', '--out', file], out), 1);
  assert.match(errs.at(-1)!, /уже существует/);
  assert.equal(
    await runCli(['print', 'ledger', '--db', t.file, '--year', '2025/2026', '--class', '10A', '--out', file, '--replace'], out),
    0,
  );
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import '../../main/capabilities'; // registers the archive's recorder with printing, as the program does
import { runDemo } from '../../main/demo';
import { systemActor, type Ctx } from '../../main/kernel/context';
import { runCli } from '../../main/transport/cli/index';
import { documentFile, printHtml, writeDocument } from '../../main/printing/service';
import { certify, expiredDocuments, listRegister, setPlace, yearBoard } from '../../main/archive/register';
import { actFile, drawAct, listActs, signAct } from '../../main/archive/destruction';
import { buildPackage } from '../../main/archive/package';
import { archiveChecks, recheckPackages } from '../../main/archive/checks';
import { printDeadline, retainUntil, retentionExpired } from '../../main/contract/rules/retention';
import { tempDb } from '../helpers/db';
import { isPdfA2b, pdfText, run } from '../helpers/tools';

// The archive (issue 14 parts 3–4) on the demo school: printing puts journals and ledgers on the register (service
// and CLI) with the file's real SHA-256; certification, the 30 June board, the retention rule, the act of selection
// for destruction changing the register; a year package verified by its manifest and one changed byte named.

let t: Awaited<ReturnType<typeof tempDb>>;
let year: { id: number; name: string; end_date: string };
let cls: { id: number; name: string }[];

function capture() {
  const lines: string[] = [];
  const errs: string[] = [];
  return { out: { log: (s: string) => lines.push(s), err: (s: string) => errs.push(s) }, lines, errs };
}

const at = (iso: string): Ctx => ({ ...t.ctx, now: () => new Date(`${iso}T10:00:00Z`) });

before(async () => {
  t = await tempDb('school.sqlite');
  await runDemo(t.db, t.raw, systemActor('тест'), { seed: 5, students: 120 }); // demo: full 2025/2026
  year = await t.db.selectFrom('academic_year').select(['id', 'name', 'end_date']).orderBy('start_date').executeTakeFirstOrThrow();
  cls = await t.db.selectFrom('class').select(['id', 'name']).where('year_id', '=', year.id).orderBy('grade').orderBy('letter').execute();
});

after(async () => {
  await t.cleanup();
});

test('retention by one rule: journals 5 years, ledgers and the book 25, from 1 January after the school year ends', () => {
  assert.equal(retainUntil('journal', '2026-05-31'), '2031-12-31');
  assert.equal(retainUntil('ledger', '2026-08-31'), '2051-12-31');
  assert.equal(retainUntil('book', '2026-06-30'), '2051-12-31');
  assert.equal(retentionExpired('journal', '2026-05-31', '2031-12-31'), false);
  assert.equal(retentionExpired('journal', '2026-05-31', '2032-01-01'), true);
  assert.equal(retentionExpired('ledger', '2026-05-31', '2032-01-01'), false);
  assert.equal(printDeadline('2026-08-31'), '2026-06-30');
});

test('printing through the services puts journals and ledgers on the register with the file’s SHA-256; other documents stay off it', async () => {
  const before = (await listRegister(t.ctx)).rows.length;
  const out = path.join(t.dir, 'journal.pdf');
  await writeDocument(t.ctx, { kind: 'journal', classId: cls[0].id, format: 'pdf' }, out, false);
  const file = await documentFile(t.ctx, { kind: 'ledger', classId: cls[1].id, format: 'pdf' });
  await printHtml(t.ctx, { kind: 'ledger', classId: cls[0].id });
  await documentFile(t.ctx, { kind: 'class-list', classId: cls[0].id, format: 'pdf' });
  const rows = (await listRegister(t.ctx, year.id)).rows.slice(before);
  assert.deepEqual(
    rows.map((r) => [r.kind, r.className, r.format]).sort(),
    [
      ['journal', cls[0].name, 'pdf'],
      ['ledger', cls[0].name, 'html'],
      ['ledger', cls[1].name, 'pdf'],
    ].sort(),
  );
  const journal = rows.find((r) => r.kind === 'journal')!;
  assert.equal(journal.sha256, run('sha256sum', [out]).split(' ')[0]);
  assert.equal(journal.period, null);
  assert.equal(journal.yearName, year.name);
  assert.equal(journal.retainUntil, retainUntil('journal', year.end_date));
  assert.ok(journal.pages > 10, `${journal.pages} pages`);
  assert.equal(journal.printedBy, 'тест');
  assert.equal(journal.state, 'printed');
  const ledger = rows.find((r) => r.kind === 'ledger' && r.format === 'pdf')!;
  const saved = path.join(t.dir, 'ledger.pdf');
  fs.writeFileSync(saved, Buffer.from(file.base64, 'base64'));
  assert.equal(ledger.sha256, run('sha256sum', [saved]).split(' ')[0]);
  const audit = await t.db.selectFrom('audit_log').select('action').where('action', '=', 'archive.printed').execute();
  assert.ok(audit.length >= 3);
});

test('the CLI’s print puts the document on the register; archive register --json lists it with the same hash as sha256sum', async () => {
  const out = path.join(t.dir, 'cli-ledger.pdf');
  const c = capture();
  assert.equal(
    await runCli(['print', 'ledger', '--db', t.file, '--year', year.name, '--class', cls[2].name, '--out', out], c.out),
    0,
    c.errs.join('\n'),
  );
  const r = capture();
  assert.equal(await runCli(['archive', 'register', '--db', t.file, '--year', year.name, '--json'], r.out), 0);
  const rows = JSON.parse(r.lines.join('\n')) as { kind: string; className: string; sha256: string; printedBy: string }[];
  const row = rows.find((x) => x.kind === 'ledger' && x.className === cls[2].name);
  assert.ok(row, 'the CLI print is on the register');
  assert.equal(row.sha256, run('sha256sum', [out]).split(' ')[0]);
  assert.match(row.printedBy, /командная строка/);
  const text = capture();
  await runCli(['archive', 'register', '--db', t.file], text.out);
  assert.ok(text.lines.some((l) => l.includes(cls[2].name) && l.includes(row.sha256)));
});

test('certification steps and the place are recorded with who and when; the 30 June board counts what is sealed and missing', async () => {
  const board0 = await yearBoard(t.ctx, year.id);
  assert.equal(board0.deadline, printDeadline(year.end_date));
  assert.equal(board0.counts.expected, cls.length * 2 + 1);
  const cell = board0.classes.find((c) => c.classId === cls[0].id)!.journal;
  assert.equal(cell.state, 'printed');
  const id = cell.documentId!;
  const printedOn = (await listRegister(t.ctx)).rows.find((r) => r.id === id)!.printedAt.slice(0, 10);
  await assert.rejects(certify(t.ctx, { documentId: id, step: 'laced', on: '2020-01-01', by: 'Иванова' }), /раньше, чем напечатан/);
  await certify(t.ctx, { documentId: id, step: 'laced', on: printedOn, by: 'Иванова М. П.' });
  await certify(t.ctx, { documentId: id, step: 'signed', on: printedOn, by: 'Директор Петров' });
  const sealed = await certify(t.ctx, { documentId: id, step: 'sealed', on: printedOn, by: 'Иванова М. П.' });
  assert.equal(sealed.state, 'sealed');
  assert.equal(sealed.sealedBy, 'Иванова М. П.');
  assert.equal(sealed.signedBy, 'Директор Петров');
  const placed = await setPlace(t.ctx, { documentId: id, place: 'Архив, шкаф 3, полка 2' });
  assert.equal(placed.storagePlace, 'Архив, шкаф 3, полка 2');
  const board1 = await yearBoard(t.ctx, year.id);
  assert.equal(board1.counts.sealed, board0.counts.sealed + 1);
  assert.equal(board1.counts.missing, board0.counts.missing);
  const audit = await t.db
    .selectFrom('audit_log')
    .select('action')
    .where('entity_id', '=', id)
    .where('entity', '=', 'archive_document')
    .execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['archive.printed', 'archive.laced', 'archive.signed', 'archive.sealed', 'archive.place'],
  );
});

test('the act of selection for destruction: only expired documents; a PDF/A act; once signed its documents are destroyed, never deleted', async () => {
  const expiredDay = `${Number(year.end_date.slice(0, 4)) + 6}-01-15`;
  const ctx = at(expiredDay);
  const expired = await expiredDocuments(ctx);
  assert.ok(expired.length >= 1);
  assert.ok(
    expired.every((r) => r.kind === 'journal'),
    'ledgers are kept 25 years',
  );
  assert.equal((await expiredDocuments(t.ctx)).length, 0, 'nothing is expired today');
  const ledger = (await listRegister(ctx)).rows.find((r) => r.kind === 'ledger')!;
  await assert.rejects(drawAct(ctx, [ledger.id]), /срок не истёк/);
  const act = await drawAct(
    ctx,
    expired.map((r) => r.id),
  );
  assert.equal(act.number, `1/${expiredDay.slice(0, 4)}`);
  assert.equal(act.documents, expired.length);
  await assert.rejects(drawAct(ctx, [expired[0].id]), /уже включён в акт/);
  const f = await actFile(ctx, act.id);
  const pdf = path.join(t.dir, 'act.pdf');
  fs.writeFileSync(pdf, f.bytes);
  assert.ok(isPdfA2b(pdf));
  const text = pdfText(pdf).replace(/\s+/g, ' ');
  assert.match(text, new RegExp(`АКТ № ${act.number}`));
  assert.match(text, /о выделении к уничтожению документов, не подлежащих хранению/);
  assert.ok(text.includes(`Классный журнал ${cls[0].name}`), text.slice(0, 600));
  // drawn, not signed: nothing destroyed yet
  assert.ok((await listRegister(ctx)).rows.filter((r) => r.actId === act.id).every((r) => r.destroyedOn === null));
  await assert.rejects(signAct(ctx, act.id, '2020-01-01'), /раньше, чем составлен/);
  const signed = await signAct(ctx, act.id, expiredDay);
  assert.equal(signed.signedOn, expiredDay);
  const after = (await listRegister(ctx)).rows.filter((r) => r.actId === act.id);
  assert.equal(after.length, expired.length, 'the rows stay on the register');
  assert.ok(after.every((r) => r.state === 'destroyed' && r.destroyedOn === expiredDay && r.actNumber === act.number));
  assert.equal((await expiredDocuments(ctx)).length, 0);
  await assert.rejects(certify(ctx, { documentId: after[0].id, step: 'sealed', on: expiredDay, by: 'x' }), /уничтожен/);
  await assert.rejects(signAct(ctx, act.id, expiredDay), /уже отмечен подписанным/);
  assert.equal((await listActs(ctx))[0].signedOn, expiredDay);
  const audit = await t.db.selectFrom('audit_log').select('action').where('entity', '=', 'archive_destruction_act').execute();
  assert.deepEqual(
    audit.map((a) => a.action),
    ['archive.actDrawn', 'archive.actPrinted', 'archive.actSigned'],
  );
});

test('the year package verifies by its manifest, names one changed byte, a missing and an extra file; the re-check warns', async () => {
  const out = path.join(t.dir, 'archive');
  const media = path.join(t.dir, 'media');
  const keyFile = path.join(t.dir, 'key.txt');
  run('age-keygen', ['-o', keyFile]);
  const recipient = /age1[0-9a-z]+/.exec(fs.readFileSync(keyFile, 'utf8'))![0];
  const two = cls.filter((c) => c.name === '5А' || c.name === '9Б').map((c) => c.id);
  const r = await buildPackage(t.ctx, { raw: t.raw, dbFile: t.file }, { yearId: year.id, out, media: [media], recipient, classIds: two });
  assert.deepEqual(r.failed, []);
  const folder = path.join(out, year.name.replace('/', '-'));
  assert.equal(r.folder, folder);
  const manifest = JSON.parse(fs.readFileSync(path.join(folder, 'manifest.json'), 'utf8')) as {
    files: { path: string; sha256: string }[];
  };
  const names = manifest.files.map((f) => f.path);
  for (const c of ['5А', '9Б'])
    for (const f of [`Классный журнал ${c}.pdf`, `Сводная ведомость успеваемости ${c}.pdf`, `Сводная ведомость успеваемости ${c}.xlsx`])
      assert.ok(names.includes(`${c}/${f}`), `${c}/${f} in ${names.join(', ')}`);
  assert.ok(names.some((n) => n.endsWith('.sqlite')));
  for (const f of manifest.files) assert.equal(f.sha256, run('sha256sum', [path.join(folder, f.path)]).split(' ')[0], f.path);
  assert.ok(isPdfA2b(path.join(folder, '5А', 'Классный журнал 5А.pdf')));
  // the frozen data is a journal database holding the year
  assert.equal(
    run('sqlite3', [
      '-readonly',
      path.join(
        folder,
        names.find((n) => n.endsWith('.sqlite'))!,
      ),
      'select name from academic_year',
    ])
      .trim()
      .split('\n')[0],
    year.name,
  );

  // the encrypted copy opens with the key and gives the same bytes
  assert.deepEqual(
    r.media.map((m) => m.ok),
    [true],
  );
  const enc = path.join(r.media[0].folder, '5А', 'Классный журнал 5А.pdf.age');
  const plain = path.join(t.dir, 'decrypted.pdf');
  run('age', ['-d', '-i', keyFile, '-o', plain, enc]);
  assert.equal(run('sha256sum', [plain]).split(' ')[0], manifest.files.find((f) => f.path === '5А/Классный журнал 5А.pdf')!.sha256);

  const ok = capture();
  assert.equal(await runCli(['archive', 'verify', folder], ok.out), 0, ok.lines.join('\n'));
  assert.equal(await runCli(['archive', 'verify', r.media[0].folder], capture().out), 0);

  // one byte changed in one file
  const victim = path.join(folder, '9Б', 'Классный журнал 9Б.pdf');
  fs.chmodSync(victim, 0o644);
  const bytes = fs.readFileSync(victim);
  bytes[Math.floor(bytes.length / 2)] ^= 1;
  fs.writeFileSync(victim, bytes);
  const bad = capture();
  assert.equal(await runCli(['archive', 'verify', folder], bad.out), 3);
  assert.deepEqual(
    bad.lines.filter((l) => l.startsWith('  ')),
    ['  изменён: 9Б/Классный журнал 9Б.pdf'],
  );
  fs.rmSync(path.join(folder, '5А', 'Сводная ведомость успеваемости 5А.xlsx'), { force: true });
  fs.writeFileSync(path.join(folder, '5А', 'заметка.txt'), 'лишнее');
  const json = capture();
  assert.equal(await runCli(['archive', 'verify', folder, '--json'], json.out), 3);
  const rep = JSON.parse(json.lines.join('\n')) as { changed: string[]; missing: string[]; extra: string[] };
  assert.deepEqual(rep, {
    ...rep,
    changed: ['9Б/Классный журнал 9Б.pdf'],
    missing: ['5А/Сводная ведомость успеваемости 5А.xlsx'],
    extra: ['5А/заметка.txt'],
  });

  // the scheduled re-check: a row, an audit row, a warning for the home screen naming the file
  const checks = await recheckPackages(t.ctx);
  assert.equal(checks.length, 1);
  assert.equal(checks[0].report.ok, false);
  const status = await archiveChecks(t.db);
  assert.equal(status.packages[0].ok, false);
  assert.equal(status.warnings.length, 1);
  assert.match(status.warnings[0], /изменён: 9Б\/Классный журнал 9Б\.pdf/);
  const audit = await t.db.selectFrom('audit_log').select(['action', 'outcome']).where('action', '=', 'archive.check').execute();
  assert.deepEqual(audit, [{ action: 'archive.check', outcome: 'error' }]);
  assert.equal(await runCli(['archive', 'check', '--db', t.file], capture().out), 3);
});

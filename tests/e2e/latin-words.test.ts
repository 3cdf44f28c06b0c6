import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { cli, launchBrowser, login, openApp, startHost, type RunningHost } from '../helpers/browser';
import { pdfText } from '../helpers/tools';

// Issue 15, part 4: nothing English on screen. Every screen registered in renderer/screens/index.tsx is opened as the
// administrator, the deputy and a teacher of the demo school, and its visible text, aria-labels, titles and
// placeholders are searched for words in Latin letters. Allowed: logins, file formats and names that are Latin by
// nature, Roman numerals (health groups I–III), and file paths (the footer shows the database file).

const SCREENS_FILE = path.join(__dirname, '..', '..', 'renderer', 'screens', 'index.tsx');
/** Every screen is scanned (the audit log names operations and fields in Russian: contract/rules/audit-labels.ts). */
const SKIPPED = new Set<string>([]);
const ALLOWED = new Set([
  // file formats and programs
  ...['PDF', 'XLSX', 'DOCX', 'CSV', 'HTML', 'SHA-256', 'ZIP', 'SQLite', 'age', 'Excel', 'Word', 'LibreOffice'],
  // keys as printed on the keyboard (the journal's keyboard hint)
  ...['Ctrl', 'Shift', 'Alt', 'Tab', 'Enter', 'Delete', 'Esc', 'Z', 'V', 'C', 'F1'],
  // what teachers of English write as homework in the demo («SB p. 34 ex. 5, WB»): the journal's content, not the UI
  ...['SB', 'WB', 'p', 'ex'],
  // the operating-system account the CLI acted as («ОС: root (командная строка)» in the audit log)
  os.userInfo().username,
  // an age key begins so (the backup key's confirmation)
  'AGE-SECRET-KEY-1',
  // the operating system («планировщик Windows») and file encodings offered for import
  ...['Windows', 'UTF-8', 'Windows-1251'],
]);
/** The demo school's logins. */
const LOGIN = /^(admin|director|zavuch|office|teacher\d+)$/;
const ROMAN = /^[IVX]+$/;

let dir: string;
let dbFile: string;
let host: RunningHost;
let browser: Browser;
let page: Page;
let inflight = 0;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-latin-'));
  dbFile = path.join(dir, 'demo.sqlite');
  const demo = await cli(['demo', '--db', dbFile, '--students', '300']);
  assert.equal(demo.code, 0, demo.stderr);
  host = await startHost({ dbFile });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Until no call to main is under way, three checks in a row (each React render may start the next call). */
async function settled(): Promise<void> {
  for (let quiet = 0; quiet < 3;) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
    quiet = inflight === 0 && (await page.locator('.ant-spin-spinning').count()) === 0 ? quiet + 1 : 0;
  }
}

/** Latin-letter words in what the user sees and hears, with where they were found. */
async function latinWords(): Promise<string[]> {
  const texts = await page.evaluate(() => {
    // visible text, except commands shown as code (a CLI line is Latin by nature)
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || parent.closest('code, kbd, script, style') || !parent.checkVisibility()) continue;
      out.push(n.textContent ?? '');
    }
    for (const el of document.querySelectorAll('[aria-label],[title],[placeholder]'))
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a);
        if (v) out.push(v);
      }
    return out;
  });
  const found = new Set<string>();
  for (const text of texts)
    for (const token of text.split(/\s+/)) {
      if (/[/\\]/.test(token) || /@/.test(token)) continue; // a file path or an address
      // numbers in the English way: «1,092» (Russian «1 092»), «0.89» (Russian «0,89»)
      const number = token.replace(/[()«»:;]/g, '').replace(/[.,]$/, '');
      const dayMonth = /^(\d{2})\.(\d{2})$/.exec(number); // «02.04» in the journal's header is a date
      const isDayMonth = !!dayMonth && +dayMonth[1] >= 1 && +dayMonth[1] <= 31 && +dayMonth[2] >= 1 && +dayMonth[2] <= 12;
      if (/^\d{1,3}(,\d{3})+$/.test(number) || (/^\d+\.\d+$/.test(number) && !isDayMonth)) found.add(number);
      for (const w of token.match(/[A-Za-z][A-Za-z0-9_.-]*[A-Za-z0-9]|[A-Za-z]/g) ?? [])
        if (!ALLOWED.has(w) && !ROMAN.test(w) && !LOGIN.test(w)) found.add(w);
    }
  return [...found];
}

const registered = [...fs.readFileSync(SCREENS_FILE, 'utf8').matchAll(/title: '([^']+)'/g)].map((m) => m[1]);

for (const who of ['admin', 'zavuch', 'teacher01']) {
  test(`no Latin words on any screen the ${who} sees`, async () => {
    // a fresh page for each user, counting the calls to main it makes
    await page?.close();
    page = await openApp(browser, host);
    inflight = 0;
    page.on('request', (r) => r.url().includes('/api/') && inflight++);
    const done = (r: { url(): string }) => r.url().includes('/api/') && inflight--;
    page.on('requestfinished', done);
    page.on('requestfailed', done);
    await login(page, who, DEMO_PASSWORD);
    const items = await page.getByRole('menuitem').allInnerTexts();
    assert.ok(items.length > 1, 'the menu lists the screens');
    for (const title of items) assert.ok(registered.includes(title.trim()), `«${title}» is a registered screen`);
    const problems: string[] = [];
    for (const title of items.map((t) => t.trim())) {
      if (SKIPPED.has(title)) continue;
      await page.getByRole('menuitem', { name: title, exact: true }).click();
      await page.getByTestId('screen').getByRole('heading', { level: 4, name: title, exact: true }).first().waitFor();
      await settled();
      const words = await latinWords();
      if (words.length) problems.push(`${title}: ${words.join(', ')}`);
    }
    assert.deepEqual(problems, [], `Latin words on screen for ${who}`);
  });
}

// On paper the people who wrote, answered, fixed or printed are named by their display names: a login is no name on a
// Russian school document. Rows written before the «…_by» columns stored display names hold «Петрова А. С. (zavuch)»
// (the audit log's record of the actor); they are printed without the login too (contract/rules/names.ts).
test('no login on paper: the remarks page of the journal and the archive register name people, old rows included', async () => {
  const zavuch = await (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
  const office = await (await new HostClient(host.url).open()).login('office', DEMO_PASSWORD);
  const raw = new Database(dbFile);
  const users = raw.prepare('select login, display_name from app_user').all() as { login: string; display_name: string }[];
  const [cls, other] = raw.prepare('select id from class order by year_id desc, grade, letter limit 2').all() as { id: number }[];
  const nameOf = (login: string) => users.find((u) => u.login === login)!.display_name;

  const fresh = await zavuch.call('remarks.write', { classId: cls.id, text: 'Не заполнен листок здоровья', dueDate: null });
  assert.equal(fresh.writtenBy, nameOf('zavuch'));
  const old = await zavuch.call('remarks.write', { classId: cls.id, text: 'Не записано домашнее задание', dueDate: null });
  // what a database written before the fix holds: the actor's audit name with the login (print.file lays out afresh
  // only after its two-minute cache, so the rows change before the journal is first printed)
  raw
    .prepare("update journal_remark set written_by = written_by || ' (zavuch)', fixed_by = ?, fixed_at = written_at where id = ?")
    .run(`${nameOf('director')} (director)`, old.id);
  const pdf = await office.call('print.file', { kind: 'journal', classId: cls.id, format: 'pdf' });
  raw.prepare("update archive_document set printed_by = printed_by || ' (office)' where printed_by = ?").run(nameOf('office'));
  raw.close();
  await office.call('print.file', { kind: 'journal', classId: other.id, format: 'pdf' });
  const register = await office.call('archive.register', {});

  const file = path.join(dir, 'journal.pdf');
  fs.writeFileSync(file, Buffer.from(pdf.base64, 'base64'));
  const text = pdfText(file);
  assert.match(text, /Не записано домашнее задание/);
  assert.ok(text.includes(nameOf('zavuch').split(' ')[0]), 'the author of the remark is printed');
  assert.ok(text.includes(nameOf('director').split(' ')[0]), 'who marked it fixed is printed');
  const word = (login: string) => new RegExp(`(^|[^A-Za-z0-9._-])${login.replace(/\./g, '\\.')}($|[^A-Za-z0-9_-])`);
  for (const u of users) assert.doesNotMatch(text, word(u.login), `the login ${u.login} on the printed journal`);
  const printed = register.rows.map((r) => r.printedBy);
  assert.ok(printed.length >= 2 && printed.every((p) => p === nameOf('office')), `the register names who printed: ${printed.join('; ')}`);
  for (const u of users) for (const p of printed) assert.doesNotMatch(p, word(u.login), `the login ${u.login} in the archive register`);
});

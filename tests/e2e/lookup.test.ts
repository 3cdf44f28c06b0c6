import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../db';
import { DEMO_PASSWORD, runDemo } from '../../main/demo';
import { generateArchiveYears } from '../../main/demo/archive-years';
import { seededFaker } from '../../main/demo/random';
import { systemActor } from '../../main/kernel/context';
import { lookupStudent } from '../../main/printing/lookup/search';
import type { LookupStudent } from '../../main/contract/lookup';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { isPdfA2b, pdfText } from '../helpers/tools';

// The look-up screen in Chromium: the office finds a former student by part of the name typed in lower case, sees each
// closed year's ledger rows, and downloads the certified extract; a teacher has no such screen.

let host: RunningHost;
let browser: Browser;
let page: Page;
let dir: string;
let student: LookupStudent;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-lookup-'));
  const dbFile = path.join(dir, 'archive.sqlite');
  const h = await openDatabase(dbFile);
  try {
    const ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date() };
    const r = await runDemo(h.db, h.raw, ctx.actor, { seed: 11, students: 60, years: 1, today: '2026-06-30' }); // the whole of 2025/2026
    await generateArchiveYears(ctx, h.raw, { firstDetailedYearId: r.structure.yearId, count: 2, seed: 3 }, seededFaker(3));
    // a graduate of the oldest archive year: two closed years of marks
    const id = h.raw
      .prepare(`select student_id from movement where kind = 'withdrawal' and reason like '%аттестат%' order by date, id limit 1`)
      .pluck()
      .get() as number;
    student = (await lookupStudent(ctx, id))!;
  } finally {
    await h.close();
  }
  host = await startHost({ dbFile });
  browser = await launchBrowser();
  page = await openApp(browser, host);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('the office finds a graduate by part of the name and prints the extract from the ledgers', async () => {
  await login(page, 'office', DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: 'Поиск в архиве успеваемости' }).click();
  await page.getByLabel('Фамилия, имя, отчество').fill(`${student.lastName.slice(0, -1).toLowerCase()} ${student.firstName.toLowerCase()}`);
  await page.getByRole('button', { name: 'Найти' }).click();
  await page.getByTestId('lookup-summary').waitFor();
  const card = page.getByTestId('lookup-student').filter({ hasText: `${student.lastName} ${student.firstName} ${student.middleName}` });
  await card.waitFor();
  const years = card.getByTestId('lookup-year');
  assert.equal(await years.count(), student.years.length);
  assert.ok(student.years.length >= 1);
  for (const [i, y] of student.years.entries()) {
    const text = (await years.nth(i).innerText()).replace(/\s+/g, ' ');
    assert.ok(text.includes(`${y.yearName} учебный год`), text.slice(0, 80));
    // each subject's row holds its marks in the ledger's column order
    for (const s of y.subjects) {
      const row = years.nth(i).getByRole('row').filter({ hasText: s.name });
      const cells = (await row.getByRole('cell').allInnerTexts()).map((c) => c.trim());
      assert.deepEqual(cells, [s.name, ...y.columns.map((c) => s.marks[c.key] ?? '')], `${y.yearName} ${s.name}`);
    }
  }
  await screenshot(page, 'lookup');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    card.getByRole('button', { name: 'Выписка из ведомостей (PDF)' }).click(),
  ]);
  const file = path.join(dir, 'extract.pdf');
  await download.saveAs(file);
  assert.ok(isPdfA2b(file));
  const text = pdfText(file).replace(/\s+/g, ' ');
  assert.ok(text.includes(student.lastName) && text.includes('Выписка верна'));
});

test('a teacher has no look-up screen', async () => {
  const teacherPage = await openApp(browser, host);
  try {
    await login(teacherPage, 'teacher01', DEMO_PASSWORD);
    await teacherPage.getByRole('menuitem', { name: 'Журнал класса' }).waitFor();
    assert.equal(await teacherPage.getByRole('menuitem', { name: 'Поиск в архиве успеваемости' }).count(), 0);
  } finally {
    await teacherPage.close();
  }
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, openApp, startHost, type RunningHost } from '../helpers/browser';
import { JOURNAL_TEACHER, readGrid, setupJournal, type JournalFixture } from '../helpers/journal-e2e';

// A mark the grid shows as saved is in the database file: the host is killed with SIGKILL the moment the cell says
// «сохранено», then a new host on the same file reads the grid.

let host: RunningHost;
let browser: Browser;
let page: Page;
let f: JournalFixture;

before(async () => {
  host = await startHost({ demo: true });
  f = await setupJournal(host.url);
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, JOURNAL_TEACHER.login, JOURNAL_TEACHER.password);
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

test('marks shown as saved survive kill -9 of the host right after', async () => {
  const g = await readGrid(host.url, f);
  const periodId = g.periods[0].id;
  const lessons = (await readGrid(host.url, f, periodId)).lessons as { id: number }[];
  await page.getByRole('menuitem', { name: 'Журнал класса' }).click();
  await page.getByTestId('journal-grid').waitFor();
  await page.getByRole('combobox', { name: 'Период' }).click();
  await page.locator('.ant-select-item-option', { hasText: /^1 четверть$/ }).click();
  const cell = (row: number, col: number) => `td[data-student="${f.students[row]}"][data-lesson="${lessons[col].id}"]`;
  await page.locator(cell(0, 0)).click();
  for (const m of ['5', '4', '3']) {
    await page.keyboard.press(m);
    await page.keyboard.press('Tab');
  }
  await page.keyboard.press('2');
  await page.keyboard.press('Enter');
  // The moment the last cell says it is saved (polled in the page, no round trip to the test), the host dies.
  await page.waitForFunction((sel) => document.querySelector(sel)?.getAttribute('data-state') === 'saved', cell(0, 3), { polling: 'raf' });
  host.kill();
  await new Promise((r) => host.child.once('exit', r));
  const shown = await Promise.all([0, 1, 2, 3].map((c) => page.locator(cell(0, c)).getAttribute('data-text')));
  assert.deepEqual(shown, ['5', '4', '3', '2']);

  host = await startHost({ dbFile: host.dbFile });
  const after = await readGrid(host.url, f, periodId);
  assert.deepEqual(
    [0, 1, 2, 3].map((c) => after.cells[`${f.students[0]}:${lessons[c].id}`]?.text),
    ['5', '4', '3', '2'],
  );
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../db';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, SCREENSHOTS, startHost, type RunningHost } from '../helpers/browser';
import { resultsFixture } from '../helpers/results-fixture';

// The results screen in Chromium (issue 12, parts 4 and 10) on two years of hand-worked marks
// (tests/helpers/results-fixture.ts; figures in tests/unit/results-compare.test.ts): a class's results with its chart,
// the comparison over the years and over the periods with its charts, and «Печать» downloading the PDF with them.

let host: RunningHost;
let browser: Browser;
let page: Page;
const PASSWORD = 'проверка-результатов-1';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-results-e2e-'));

before(async () => {
  const dbFile = path.join(dir, 'journal.sqlite');
  const h = await openDatabase(dbFile);
  await resultsFixture(h.db, false);
  await h.close();
  host = await startHost({ dbFile });
  const c = await new HostClient(host.url).open();
  await c.call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: PASSWORD });
  const admin = await (await new HostClient(host.url).open()).login('admin', PASSWORD);
  const { activationCode } = await admin.call('users.create', { login: 'zavuch', displayName: 'Завуч', roles: ['deputy'] });
  const r = await (
    await new HostClient(host.url).open()
  ).raw('auth.activate', { login: 'zavuch', code: activationCode, password: PASSWORD }, null);
  assert.ok(r.ok, JSON.stringify(r));
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, 'zavuch', PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

const rowCells = (name: string) =>
  page
    .locator('.ant-table')
    .last()
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name, exact: true }) })
    .getByRole('cell')
    .allInnerTexts();

test('a class’s year results with the chart, then compared over the years and over the periods, and printed', async () => {
  await page.getByRole('menuitem', { name: 'Успеваемость и качество' }).click();
  await page.getByText('Результаты: годовые отметки, 2025/2026 учебный год, по классам').waitFor();
  await page.getByTestId('results-chart').locator('.recharts-bar-rectangle').first().waitFor();
  // 6А's year: all pass, 2 of 3 of quality, 24/6.
  assert.deepEqual((await rowCells('6А')).slice(0, 5), ['6А', '3', '100,0 %', '66,7 %', '4,00']);
  await screenshot(page, 'results-class-year');

  // Over the years: 5А of 2024/2025 (66,7 %, 33,3 %, 3,50) next to 5А of 2025/2026 (100 %, 50 %, 3,75).
  await page.getByText('По годам', { exact: true }).click();
  await page.getByText('Сравнение: годовые отметки по годам, по классам').waitFor();
  const chart = page.getByTestId('results-compare-chart');
  await chart.locator('.recharts-bar-rectangle').first().waitFor();
  // the chart's category axis names the years
  await chart.locator('tspan', { hasText: '2024/2025' }).waitFor({ state: 'attached' });
  const rowsChart = page.getByTestId('results-compare-rows-chart');
  await rowsChart.locator('.recharts-bar-rectangle').first().waitFor();
  // legends in the bars' order: the figures, and the years from the earliest
  assert.deepEqual(await chart.locator('.recharts-legend-item-text').allInnerTexts(), ['Успеваемость', 'Качество']);
  assert.deepEqual(await rowsChart.locator('.recharts-legend-item-text').allInnerTexts(), ['2024/2025', '2025/2026']);
  assert.deepEqual(await rowCells('5А'), ['5А', '66,7 %', '33,3 %', '3,50', '100,0 %', '50,0 %', '3,75']);
  assert.deepEqual(await rowCells('6А'), ['6А', '—', '—', '—', '100,0 %', '66,7 %', '4,00']);
  await screenshot(page, 'results-compare-years');

  // Over the periods of 2025/2026: the 3rd and 4th periods have no marks, so three columns.
  await page.getByText('По периодам года', { exact: true }).click();
  await page.getByText('Сравнение: периоды и год, 2025/2026 учебный год, по классам').waitFor();
  await chart.locator('tspan', { hasText: '2-й период' }).waitFor({ state: 'attached' });
  assert.deepEqual(await rowCells('6А'), ['6А', '66,7 %', '33,3 %', '3,50', '100,0 %', '66,7 %', '4,17', '100,0 %', '66,7 %', '4,00']);
  assert.deepEqual(await rowCells('Итого: Школа'), [
    'Итого: Школа',
    '60,0 %',
    '40,0 %',
    '3,70',
    '100,0 %',
    '66,7 %',
    '4,17',
    '100,0 %',
    '60,0 %',
    '3,90',
  ]);
  await screenshot(page, 'results-compare-periods');

  // «Печать»: the PDF of the comparison with its charts, the formulas and the figures in Russian formats.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Печать' }).click()]);
  const file = path.join(dir, 'compare.pdf');
  await download.saveAs(file);
  assert.match(download.suggestedFilename(), /^Сравнение результатов по периодам 2025-2026\.pdf$/);
  assert.match(execFileSync('pdfinfo', [file]).toString(), /Pages:\s+1\n/);
  const text = execFileSync('pdftotext', ['-layout', file, '-'])
    .toString()
    .replace(/\u00a0/g, ' ');
  assert.match(text, /Успеваемость = ученики/);
  assert.match(text, /Качество по классам/);
  assert.match(text, /100 %/);
  assert.match(text, /6А\s+66,7 %\s+33,3 %\s+3,50\s+100,0 %/);
  // page images for docs/ only with `npm run screenshots`: a plain test run leaves the work tree as it was
  if (process.env.SJ_SCREENSHOTS === '1')
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      file,
      path.join(SCREENSHOTS, 'results-compare-pdf'),
    ]);

  // The plain report printed as well: by class, the year.
  await page.getByText('Без сравнения', { exact: true }).click();
  await page.getByTestId('results-chart').locator('.recharts-bar-rectangle').first().waitFor();
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Печать' }).click()]);
  const reportFile = path.join(dir, 'report.pdf');
  await report.saveAs(reportFile);
  const reportText = execFileSync('pdftotext', ['-layout', reportFile, '-'])
    .toString()
    .replace(/\u00a0/g, ' ');
  assert.match(reportText, /Распределение отметок: Школа/);
  assert.match(reportText, /Итого: Школа\s+5\s+100,0 %\s+60,0 %\s+3,90/);
  if (process.env.SJ_SCREENSHOTS === '1')
    execFileSync('pdftoppm', [
      '-png',
      '-r',
      '80',
      '-f',
      '1',
      '-l',
      '1',
      '-singlefile',
      reportFile,
      path.join(SCREENSHOTS, 'results-report-pdf'),
    ]);
});

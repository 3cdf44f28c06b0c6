import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// The first start's other door: the demo school, created from the UI, then a look around as the deputy.

let host: RunningHost;
let browser: Browser;
let page: Page;
let password = '';

before(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await openApp(browser, host);
});
after(async () => {
  await browser?.close();
  await host?.stop();
});

test('the demo school is created from the first-run screen and the deputy sees it', async () => {
  await page.getByRole('button', { name: 'Создать демонстрационную школу' }).click();
  // Generating a year of a 1 100-student school takes minutes on a loaded machine: wait for the state, the bound only
  // catches a hang.
  await page.getByText('Демонстрационная школа создана').waitFor({ timeout: 900_000 });
  password = (await page.locator('.ant-result-subtitle b').last().innerText()).trim();
  await page.getByRole('button', { name: 'Перейти ко входу' }).click();
  await login(page, 'zavuch', password);
  const students = page.locator('.ant-statistic', { hasText: 'Учеников' }).locator('.ant-statistic-content-value');
  await students.waitFor();
  await page.waitForFunction(() => /\d/.test(document.querySelector('.ant-statistic-content-value')?.textContent ?? ''));
  const shown = Number((await students.innerText()).replace(/\D/g, ''));
  assert.ok(shown > 1000, `students shown: ${shown}`);
  await screenshot(page, '10-demo-home');

  for (const [title, shot] of [
    ['Классы', '11-demo-classes'],
    ['Учебный год: периоды и каникулы', '12-demo-year'],
    ['Звонки и режим работы', '13-demo-bells'],
    ['Группы и подгруппы', '15-demo-groups'],
    ['Учебный план', '16-demo-curriculum'],
    ['Нагрузка учителей', '17-demo-load'],
    ['Расписание', '18-demo-timetable'],
    ['Уроки года', '19-demo-lessons'],
  ]) {
    await page.getByRole('menuitem', { name: title }).click();
    await page.getByRole('heading', { name: title }).waitFor();
    await page.waitForTimeout(300);
    await screenshot(page, shot);
  }
  await page.getByRole('menuitem', { name: 'Ученики и движение' }).click();
  await page.getByRole('cell').nth(1).click();
  await page.locator('.ant-drawer').getByText('Движение').waitFor();
  await page.waitForTimeout(300);
  await screenshot(page, '14-demo-student-card');
});

test('results: the deputy sees success and quality of the first period by class, with its chart and formulas', async () => {
  // The student card from the tour is still open.
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-mask').waitFor({ state: 'detached' });
  await page.getByRole('menuitem', { name: 'Успеваемость и качество' }).click();
  await page.getByText('1-й период').click();
  const table = page.locator('.ant-table');
  const total = table.getByRole('row').filter({ hasText: 'Итого: Школа' });
  await total.waitFor();
  // The chart draws a bar per class for each figure.
  await page.getByTestId('results-chart').locator('.recharts-bar-rectangle').first().waitFor();
  await page.getByText(/^Успеваемость = ученики/).waitFor();
  await screenshot(page, 'results-by-class');

  const api = await (await new HostClient(host.url).open()).login('zavuch', password);
  const years = await api.call('years.list', {});
  const shownYear = (await page.locator('.ant-card-head-title').filter({ hasText: 'Результаты' }).innerText()).match(/(\d{4}\/\d{4})/)![1];
  const year = years.find((y) => y.name === shownYear)!;
  const report = await api.call('results.report', { yearId: year.id, kind: 'p1', by: 'class', classId: null });
  assert.ok(report.rows.length > 10, `classes with marks: ${report.rows.length}`);
  const first = report.rows[0];
  const row = table.getByRole('row').filter({ has: page.getByRole('cell', { name: first.name, exact: true }) });
  const cells = await row.getByRole('cell').allInnerTexts();
  const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1).replace('.', ',')} %`);
  assert.deepEqual(cells.slice(0, 4), [first.name, String(first.students), pct(first.success), pct(first.quality)]);
  assert.equal((await total.getByRole('cell').allInnerTexts())[2], pct(report.total.success));
});

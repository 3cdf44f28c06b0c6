import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// The first start's other door: the demo school, created from the UI, then a look around as the deputy.

let host: RunningHost;
let browser: Browser;
let page: Page;

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
  await page.getByText('Демонстрационная школа создана').waitFor({ timeout: 120_000 });
  const password = (await page.locator('.ant-result-subtitle b').last().innerText()).trim();
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

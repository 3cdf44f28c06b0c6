import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { pdfPages, pdfText } from '../helpers/tools';

// The office prints from the print and archive screen of the demo school, through the real host in Chromium:
// a page preview, a saved PDF, and whole-school printing of one class into a folder with its progress.

let host: RunningHost;
let browser: Browser;
let page: Page;

before(async () => {
  host = await startHost({ demo: true });
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, 'office', 'demo-parol-2025');
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

test('the ledger of a class: preview of its first page, then saved as a PDF whose pages are the certified count', async () => {
  await page.getByRole('menuitem', { name: 'Печать документов' }).click();
  const frame = page.frameLocator('iframe[title="Просмотр страницы"]');
  await frame.getByText('КЛАССНЫЙ ЖУРНАЛ').waitFor({ timeout: 30_000 });
  await page.getByRole('combobox', { name: 'Документ' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Сводная ведомость учёта успеваемости (итоговые отметки)' }).click();
  await frame.getByText(/Сводная ведомость учёта успеваемости обучающихся 1 «А» класса/).waitFor({ timeout: 30_000 });
  await screenshot(page, 'print-screen-preview');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'PDF', exact: true }).click()]);
  assert.equal(download.suggestedFilename(), 'Сводная ведомость успеваемости 1А.pdf');
  const file = path.join(host.dir, download.suggestedFilename());
  await download.saveAs(file);
  const n = pdfPages(file);
  assert.match(pdfText(file, n).replace(/\s+/g, ' '), new RegExp(`скреплено печатью ${n} \\(`));
});

test('whole-school printing of one class into a folder shows progress and the files written', async () => {
  await page.getByRole('tab', { name: 'Вся школа' }).click();
  const folder = path.join(host.dir, 'Печать');
  await page.getByLabel('Папка').fill(folder);
  await page.getByLabel('Классы').click();
  await page.locator('.ant-select-item-option', { hasText: /^2Б$/ }).click();
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'Напечатать в папку' }).click();
  await page.getByText(/Готово за \d+ с: файлов 5, ошибок 0/).waitFor({ timeout: 120_000 });
  await screenshot(page, 'print-screen-school');
  const files = fs.readdirSync(path.join(folder, '2025-2026', '2Б')).sort();
  assert.deepEqual(files, [
    'Классный журнал 2Б.pdf',
    'Посещаемость по месяцам 2Б.pdf',
    'Сводная ведомость посещаемости 2Б.pdf',
    'Сводная ведомость успеваемости 2Б.pdf',
    'Успеваемость по периодам 2Б.pdf',
  ]);
});

test('a subject teacher prints a period’s copy of their own subject’s pages', async () => {
  // a teacher of the demo without any other role
  const teacher = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  teacher.setDefaultTimeout(15_000);
  try {
    await teacher.goto(host.url);
    await login(teacher, 'teacher44', 'demo-parol-2025');
    await teacher.getByRole('menuitem', { name: 'Печать документов' }).click();
    await teacher.getByRole('combobox', { name: 'Документ' }).waitFor();
    await teacher.getByText('Страницы журнала своих предметов').first().waitFor();
    // a teacher has no whole journal to choose: a subject of their own is chosen already
    await teacher.getByRole('combobox', { name: 'Предмет' }).click();
    const options = teacher.locator('.ant-select-item-option');
    await options.first().waitFor();
    assert.equal(await options.filter({ hasText: 'Все предметы' }).count(), 0);
    const subject = ((await options.first().textContent()) ?? '').replace('Предмет: ', '').trim();
    const re = subject.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    await options.first().click();
    await teacher.getByRole('combobox', { name: 'Период' }).click();
    await teacher.locator('.ant-select-item-option', { hasText: /^За 1 / }).click();
    const frame = teacher.frameLocator('iframe[title="Просмотр страницы"]');
    await frame
      .getByText(/учебный предмет/)
      .first()
      .waitFor({ timeout: 30_000 });
    await screenshot(teacher, 'print-screen-teacher-period');
    const [download] = await Promise.all([
      teacher.waitForEvent('download'),
      teacher.getByRole('button', { name: 'PDF', exact: true }).click(),
    ]);
    assert.match(download.suggestedFilename(), new RegExp(`^Классный журнал \\S+ — ${re}, период 1\\.pdf$`));
    const file = path.join(host.dir, 'teacher-copy.pdf');
    await download.saveAs(file);
    const n = pdfPages(file);
    assert.match(pdfText(file, n).replace(/\s+/g, ' '), new RegExp(`учебный предмет «${re}», за 1 .*скреплено печатью ${n} \\(`));
  } finally {
    await teacher.close();
  }
});

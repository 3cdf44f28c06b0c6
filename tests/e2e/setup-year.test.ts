import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { fillDate, launchBrowser, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// The deputy director builds a year from an empty database, through the real host in Chromium.

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

async function expectMessage(p: Page, text: string | RegExp) {
  await p.locator('.ant-message-notice').filter({ hasText: text }).first().waitFor();
}

async function menu(p: Page, title: string) {
  await p.getByRole('menuitem', { name: title }).click();
  await p.getByRole('heading', { name: title }).waitFor();
}

test('first start creates the administrator, who creates the deputy with a one-time code', async () => {
  await page.getByText('Школьный журнал: первый запуск').waitFor();
  await screenshot(page, '01-first-run');
  await page.getByLabel('Логин администратора').fill('admin');
  await page.getByLabel('Фамилия и инициалы').fill('Соколов И. П.');
  await page.getByLabel('Пароль (не короче 10 символов)').fill('очень-секретно-1');
  await page.getByRole('button', { name: 'Создать администратора' }).click();
  await page.getByTestId('current-user').waitFor();

  await menu(page, 'Пользователи');
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Логин').fill('zavuch');
  await dialog.getByLabel('Имя для отображения').fill('Петрова А. С.');
  await dialog.getByLabel('Роли').click();
  await page.locator('.ant-select-item-option', { hasText: 'Заместитель директора по УВР' }).click();
  await page.keyboard.press('Escape');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  // the code stays in its own dialog until dismissed (issue 15 part 6)
  const code = (await page.getByTestId('one-time-secret-value').innerText()).trim();
  assert.match(code, /^[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  await screenshot(page, '02-users');
  await page.getByRole('button', { name: 'Я передал(а), закрыть' }).click();
  await page.getByTestId('one-time-secret-value').waitFor({ state: 'hidden' });

  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await page.getByRole('tab', { name: 'Первый вход по коду' }).click();
  const form = page.locator('form#activate');
  await form.getByLabel('Логин').fill('zavuch');
  await form.getByLabel('Код активации (выдал администратор)').fill(code);
  await form.getByLabel('Новый пароль (не короче 10 символов)').fill('завуч-пароль-2025');
  await form.getByRole('button', { name: 'Задать пароль и войти' }).click();
  await assert.doesNotReject(page.getByTestId('current-user').filter({ hasText: 'zavuch' }).waitFor());
});

test('the deputy creates a year with a period scheme per grade and is refused overlapping periods', async () => {
  await menu(page, 'Учебный год: периоды и каникулы');
  await page.getByRole('button', { name: 'Добавить', exact: true }).first().click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Учебный год').fill('2025/2026');
  await fillDate(page, 'Начало года', '2025-09-01');
  await fillDate(page, 'Конец года', '2026-08-31');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expectMessage(page, 'Учебный год сохранён');

  // Winter holidays first: the gap between the half-years must be covered.
  await page.getByRole('button', { name: 'Добавить', exact: true }).nth(1).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Название').fill('Зимние каникулы');
  await dialog.getByLabel('Вид').click();
  await page.locator('.ant-select-item-option', { hasText: 'Зимние' }).click();
  await fillDate(page, 'Начало каникул', '2025-12-27');
  await fillDate(page, 'Конец каникул', '2026-01-11');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expectMessage(page, 'Каникулы сохранены');

  await page.getByRole('button', { name: 'Добавить схему периодов' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Название').first().fill('Полугодия');
  await dialog.getByRole('checkbox', { name: '10' }).check();
  await dialog.getByRole('checkbox', { name: '11' }).check();
  // the dialog opens with four quarter rows: keep two
  await dialog.getByRole('button', { name: 'Убрать' }).nth(3).click();
  await dialog.getByRole('button', { name: 'Убрать' }).nth(2).click();
  await dialog.getByLabel('Период 1: название').fill('1 полугодие');
  await fillDate(page, 'Период 1: начало', '2025-09-01');
  await fillDate(page, 'Период 1: конец', '2025-12-26');
  await dialog.getByLabel('Период 2: название').fill('2 полугодие');
  await fillDate(page, 'Период 2: начало', '2026-01-12');
  await fillDate(page, 'Период 2: конец', '2026-05-26');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expectMessage(page, 'Периоды сохранены');

  // Quarters for 1–9 where the second starts before the first ends: refused, nothing saved.
  await page.getByRole('button', { name: 'Добавить схему периодов' }).click();
  dialog = page.getByRole('dialog');
  await dialog.getByLabel('Название').first().fill('Четверти');
  for (const g of ['5', '6', '7']) await dialog.getByRole('checkbox', { name: g, exact: true }).check();
  await dialog.getByRole('button', { name: 'Убрать' }).nth(3).click();
  await dialog.getByRole('button', { name: 'Убрать' }).nth(2).click();
  await fillDate(page, 'Период 1: начало', '2025-09-01');
  await fillDate(page, 'Период 1: конец', '2025-10-31');
  await fillDate(page, 'Период 2: начало', '2025-10-20');
  await fillDate(page, 'Период 2: конец', '2025-12-26');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expectMessage(page, /пересекаются/);
  await screenshot(page, '03-periods-refused');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  const schemes = page.locator('.ant-card', { hasText: 'Учебные периоды по параллелям' });
  await schemes.getByText('Полугодия').waitFor();
  assert.equal(await schemes.getByText('Четверти').count(), 0);
  await screenshot(page, '04-year');
});

test('the deputy adds classes and a student, transfers the student and sees the history', async () => {
  await menu(page, 'Классы');
  for (const [grade, letter] of [
    ['10', 'А'],
    ['10', 'Б'],
  ]) {
    await page.getByRole('button', { name: 'Добавить', exact: true }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Параллель').fill(grade);
    await dialog.getByLabel('Литера').fill(letter);
    await dialog.getByRole('button', { name: 'Сохранить' }).click();
    await expectMessage(page, 'Класс сохранён');
  }
  // the same class name twice in a year is refused
  await page.getByRole('button', { name: 'Добавить', exact: true }).click();
  let dialog = page.getByRole('dialog');
  await dialog.getByLabel('Параллель').fill('10');
  await dialog.getByLabel('Литера').fill('А');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expectMessage(page, 'Класс 10А в этом учебном году уже есть');
  await dialog.getByRole('button', { name: 'Отмена' }).click();
  await screenshot(page, '05-classes');

  await menu(page, 'Ученики и движение');
  await page.getByRole('button', { name: 'Зачислить ученика' }).click();
  dialog = page.getByRole('dialog');
  await fillDate(page, 'Дата зачисления', '2025-09-01');
  await dialog.getByLabel('Номер приказа').fill('98-у от 25.06.2025');
  await dialog.getByLabel('Фамилия').fill('Кузнецова');
  await dialog.getByLabel('Имя', { exact: true }).fill('Мария');
  await dialog.getByLabel('Отчество').fill('Андреевна');
  await fillDate(page, 'Дата рождения', '2009-03-14');
  await dialog.getByLabel('Пол').click();
  await page.locator('.ant-select-item-option', { hasText: 'женский' }).click();
  await dialog.getByLabel('СНИЛС').fill('112-233-445 95');
  await dialog.getByRole('button', { name: 'Зачислить' }).click();
  await expectMessage(page, 'Ученик зачислен');
  await page.getByRole('cell', { name: 'Кузнецова Мария Андреевна' }).click();

  const drawer = page.locator('.ant-drawer');
  await drawer.getByRole('button', { name: 'Перевести в другой класс' }).click();
  dialog = page.getByRole('dialog').last();
  await dialog.getByLabel('В класс').click();
  await page.locator('.ant-select-item-option', { hasText: '10Б' }).click();
  // dated before the arrival: refused with a clear message, nothing saved
  await fillDate(page, 'Дата движения', '2025-08-20');
  await dialog.getByLabel('Номер приказа').fill('141-у от 10.10.2025');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expectMessage(page, /не может быть раньше/);
  await fillDate(page, 'Дата движения', '2025-10-13');
  await dialog.getByRole('button', { name: 'Сохранить' }).click();
  await expectMessage(page, 'Перевод оформлен');
  const history = drawer.getByTestId('movement-history');
  await history.getByText(/Перевод из 10А в 10Б, приказ № 141-у от 10.10.2025/).waitFor();
  await history.getByText(/Прибытие в 10А, приказ № 98-у от 25.06.2025/).waitFor();
  await screenshot(page, '06-student-history');
});

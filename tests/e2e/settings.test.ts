import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HostClient } from '../helpers/api';
import { launchBrowser, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// The settings screen in Chromium (issue 12, part 1): the administrator changes a deadline, the screen shows who
// changed it; the value reaches main, and a refused value leaves the saved one.

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

test('the administrator changes the written-work deadline to 3 days (seed 004 §3.5); the change is shown and kept', async () => {
  await page.getByText('Школьный журнал: первый запуск').waitFor();
  await page.getByLabel('Логин администратора').fill('admin');
  await page.getByLabel('Фамилия и инициалы').fill('Соколов И. П.');
  await page.getByLabel('Пароль (не короче 10 символов)').fill('очень-секретно-1');
  await page.getByRole('button', { name: 'Создать администратора' }).click();
  await page.getByTestId('current-user').waitFor();

  await page.getByRole('menuitem', { name: 'Правила и сроки' }).click();
  const label = 'Отметки за письменную работу (диктант, сочинение, изложение): дней после работы';
  const row = page.getByRole('row').filter({ hasText: label });
  await row.getByText('не менялось').waitFor();
  await row.getByText('Положение 004 §3.5').waitFor();
  const input = row.getByRole('spinbutton', { name: label });
  assert.equal(await input.inputValue(), '7');
  await input.fill('3');
  await row.getByRole('button', { name: 'Сохранить' }).click();
  // Who changed it: the display name, never the login (the audit log keeps the account).
  await row.getByText('Соколов И. П.').waitFor();
  assert.doesNotMatch((await row.textContent()) ?? '', /\(admin\)/);
  await screenshot(page, 'settings');

  const api = await (await new HostClient(host.url).open()).login('admin', 'очень-секретно-1');
  const saved = (await api.call('settings.list', {})).find((s) => s.key === 'deadline.writtenWorkDays');
  assert.equal(saved?.value, 3);
  // A value outside the rule's range is refused by main with a Russian message; the saved value stays.
  const refused = await api.raw('settings.save', { key: 'deadline.writtenWorkDays', value: 40 });
  assert.equal(refused.ok, false);
  if (!refused.ok) assert.match(refused.error.message, /целое число от 0 до 14/);
  await page.reload();
  await page.getByRole('menuitem', { name: 'Правила и сроки' }).click();
  assert.equal(await page.getByRole('spinbutton', { name: label }).inputValue(), '3');
});

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { makeSnils } from '../../main/contract/rules/snils';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { localDate } from '../../main/contract/rules/entry-deadline';
import { SETTING_DEFS } from '../../main/contract/rules/settings';

// The «Импорт списков» screen (issue 16, part 1) in Chromium: the deputy uploads a students' file whose surname column
// has a title the program does not know, maps it by hand, sees the preview refuse a row with a wrong SNILS (the import
// button stays disabled), uploads the fixed file, imports it and reads the summary. The school is set up through the
// API; the students are checked through it afterwards.

const DEPUTY = { login: 'zavuch', password: 'завуч-пароль-2025' };

let host: RunningHost;
let browser: Browser;
let page: Page;
let api: HostClient;

before(async () => {
  host = await startHost();
  const admin = await new HostClient(host.url).open();
  admin.token = (await admin.call('auth.setupAdmin', { login: 'admin', displayName: 'Соколов И. П.', password: 'очень-секретно-1' })).token;
  const { activationCode } = await admin.call('users.create', {
    login: DEPUTY.login,
    displayName: 'Петрова А. С.',
    staffId: null,
    roles: ['deputy'],
  });
  api = await new HostClient(host.url).open();
  api.token = (await api.call('auth.activate', { login: DEPUTY.login, code: activationCode, password: DEPUTY.password })).token;
  // The year that holds today on the school's clock (the default time zone): students join the current year's classes.
  const today = localDate(new Date().toISOString(), SETTING_DEFS['school.timeZone'].default);
  const y = Number(today.slice(5, 7)) >= 8 ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const yearId = await api.call('years.save', { id: null, name: `${y}/${y + 1}`, start_date: `${y}-09-01`, end_date: `${y + 1}-08-31` });
  for (const letter of ['А', 'Б']) await api.call('classes.save', { id: null, yearId, grade: 5, letter, week_days: 5, shift: 1 });
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, DEPUTY.login, DEPUTY.password);
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

const HEADER = [
  'Класс',
  'Фам.',
  'Имя',
  'Отчество',
  'Дата рождения',
  'Пол',
  'СНИЛС',
  'Родитель 1: кем приходится',
  'Родитель 1: фамилия',
  'Родитель 1: имя',
];
const rows = (badSnils: boolean) => [
  ['5А', 'Орлов', 'Иван', 'Петрович', '12.04.2015', 'м', makeSnils(400_000_001), 'мать', 'Орлова', 'Анна'],
  [
    '5А',
    'Белова',
    'Мария',
    'Сергеевна',
    '03.11.2015',
    'ж',
    badSnils ? '123-456-789 00' : makeSnils(400_000_002),
    'отец',
    'Белов',
    'Сергей',
  ],
  ['5Б', 'Климов', 'Артём', 'Ильич', '2015-07-21', 'м', '', '', '', ''],
];
const file = (badSnils: boolean) => Buffer.from('\uFEFF' + [HEADER, ...rows(badSnils)].map((r) => r.join(';')).join('\r\n'), 'utf8');

async function upload(name: string, buffer: Buffer) {
  await page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer });
  await page.getByText(`Файл: ${name}`).waitFor();
  await page.getByTestId('import-preview').waitFor();
}

const OPEN_LIST = '.ant-select-dropdown:not(.ant-select-dropdown-hidden)';

test('mapping, a preview with a refused row, the fix, the import and its summary', async () => {
  await page.getByRole('menuitem', { name: 'Импорт списков' }).click();
  await page.getByRole('heading', { name: 'Импорт списков' }).waitFor();
  const importButton = page.getByRole('button', { name: 'Импортировать' });

  await upload('ученики.csv', file(true));
  // «Фам.» is not a title the program knows: the surname has to be mapped by hand.
  await page.getByText('Выберите столбцы для полей «Фамилия»').waitFor();
  assert.equal(await importButton.isDisabled(), true);
  await page.getByLabel('Столбец для поля «Фамилия»', { exact: true }).click();
  await page
    .locator(`${OPEN_LIST} .ant-select-item-option`)
    .filter({ hasText: /^B: Фам\.$/ })
    .first()
    .click();
  await page.waitForFunction((sel) => !document.querySelector(sel), OPEN_LIST);

  // The preview: row 3 (Белова) refused for its SNILS; nothing can be imported while it is.
  const counts = page.getByTestId('import-counts');
  await counts.filter({ hasText: 'с ошибками 1' }).waitFor();
  await page.getByTestId('import-row-3').filter({ hasText: 'СНИЛС указан неверно' }).waitFor();
  assert.equal(await importButton.isDisabled(), true);
  await screenshot(page, 'exchange-import-preview');

  // The fixed file: the same columns, so the mapping chosen a moment ago is kept for it.
  await upload('ученики-исправлено.csv', file(false));
  await counts.filter({ hasText: 'с ошибками 0' }).waitFor();
  await counts.filter({ hasText: 'будет добавлено 3, обновлено 0' }).waitFor();
  await page.waitForFunction(() => {
    const b = [...document.querySelectorAll('button')].find((x) => x.textContent?.trim() === 'Импортировать');
    return b !== undefined && !b.disabled;
  });
  await importButton.click();
  await page.getByTestId('import-result').filter({ hasText: 'Добавлено 3 ученика.' }).waitFor();
  await screenshot(page, 'exchange-import-done');

  const list = await api.call('students.list', { includeLeft: false });
  assert.deepEqual(list.map((s) => s.lastName).sort(), ['Белова', 'Климов', 'Орлов']);

  // The same file again: the mapping is remembered (by the column's title), and every row is an update.
  await upload('ученики-исправлено.csv', file(false));
  await page.getByText('Столбцы файла (как при прошлой загрузке)').waitFor();
  await counts.filter({ hasText: 'будет добавлено 0, обновлено 3' }).waitFor();
});

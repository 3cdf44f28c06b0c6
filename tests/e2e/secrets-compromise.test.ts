import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { tempDb } from '../helpers/db';
import { PASSWORD, rightsSchool, type RightsSchool } from '../helpers/rights-fixture';

// Issue 15 parts 6 and 7 (and the audit log's screenshot of part 5) in Chromium at 1366×768: the activation code after
// a password reset stays in a dialog until dismissed, with copy and print; marking a leaked account lists its
// operations in the same dialog at once, and nothing of it is cut off on the small screen.

const VIEWPORT = { width: 1366, height: 768 };
let host: RunningHost;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let s: RightsSchool;

before(async () => {
  const t = await tempDb();
  s = await rightsSchool(t.ctx);
  await t.close();
  host = await startHost({ dbFile: t.file });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: VIEWPORT, locale: 'ru-RU', permissions: ['clipboard-read', 'clipboard-write'] });
  page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(host.url);
  await login(page, s.accounts.admin.login, PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

/** The element lies wholly inside the 1366×768 window. */
async function inView(l: Locator, what: string) {
  const b = await l.boundingBox();
  assert.ok(b, `${what} is shown`);
  assert.ok(
    b.x >= 0 && b.y >= 0 && b.x + b.width <= VIEWPORT.width + 0.5 && b.y + b.height <= VIEWPORT.height + 0.5,
    `${what} is cut off: ${JSON.stringify(b)}`,
  );
}

const userRow = (login: string) => page.getByRole('row').filter({ has: page.getByRole('cell', { name: login, exact: true }) });

test('the activation code after a reset stays until dismissed, with copy and print, and opens the account', async () => {
  await page.getByRole('menuitem', { name: 'Пользователи' }).click();
  await userRow('math').getByRole('button', { name: 'Сбросить пароль' }).click();
  await page.locator('.ant-popover').getByRole('button', { name: 'Сбросить' }).click();
  const dialog = page.getByTestId('one-time-secret');
  const code = dialog.getByTestId('one-time-secret-value');
  await code.waitFor();
  const secret = (await code.innerText()).trim();
  assert.match(secret, /^[A-Z0-9-]{6,}$/);
  await inView(page.locator('.ant-modal-container').filter({ has: page.getByTestId('one-time-secret-value') }), 'the dialog');

  // neither Esc nor a click beside it closes it
  await page.keyboard.press('Escape');
  await page.mouse.click(20, 740);
  assert.ok(await code.isVisible(), 'the code is still shown');

  await dialog.getByRole('button', { name: 'Скопировать' }).click();
  await dialog.getByTestId('one-time-secret-copied').filter({ hasText: 'Скопировано' }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);

  // printing prints the dialog alone: the code is on the page, the users' table and the buttons are not
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => void (window as unknown as { printed: number }).printed++;
  });
  await dialog.getByRole('button', { name: 'Печать' }).click();
  assert.equal(await page.evaluate(() => (window as unknown as { printed: number }).printed), 1);
  await page.emulateMedia({ media: 'print' });
  assert.ok(await code.isVisible(), 'the code is printed');
  assert.equal(await userRow('math').isVisible(), false, 'the table is not printed');
  assert.equal(await dialog.getByRole('button', { name: 'Печать' }).isVisible(), false, 'the buttons are not printed');
  await page.emulateMedia({ media: 'screen' });

  await dialog.getByRole('button', { name: 'Я передал(а), закрыть' }).click();
  await code.waitFor({ state: 'hidden' });
  // the code is the one main issued: the teacher activates the account with it
  const anon = await new HostClient(host.url).open();
  const r = await anon.raw('auth.activate', { login: 'math', code: secret, password: PASSWORD });
  assert.equal(r.ok, true, JSON.stringify(r));
});

test('marking a leak lists the operations in the same dialog, fitting 1366×768, and voids them', async () => {
  // T: the start of this minute (the picker is precise to the minute); the teacher's changes come after it
  const T = new Date(Math.floor(Date.now() / 60_000) * 60_000);
  const teacher = await (await new HostClient(host.url).open()).login('math', PASSWORD);
  const lessons = (await teacher.call('journal.grid', { classId: s.c5a, subjectId: s.subjects.math, groupId: null })).lessons
    .filter((l) => l.status === 'held')
    .slice(0, 12);
  await teacher.call('journal.saveCells', {
    classId: s.c5a,
    subjectId: s.subjects.math,
    groupId: null,
    cells: lessons.flatMap((l) => s.kids.slice(2).map((k) => ({ lessonId: l.id, studentId: k, text: '3' }))),
  });

  await page.getByRole('menuitem', { name: 'Пользователи' }).click();
  await userRow('math').getByRole('button', { name: 'Утечка пароля…' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('Утечка учётных данных: math').waitFor();
  const pad = (n: number) => String(n).padStart(2, '0');
  const picker = dialog.getByLabel('Момент утечки');
  await picker.click();
  await picker.fill(`${pad(T.getDate())}.${pad(T.getMonth() + 1)}.${T.getFullYear()} ${pad(T.getHours())}:${pad(T.getMinutes())}`);
  await picker.press('Enter');
  await dialog.getByRole('button', { name: 'Отметить утечку' }).click();

  // at once, without closing and reopening: the report with every operation since T
  const admin = await (await new HostClient(host.url).open()).login(s.accounts.admin.login, PASSWORD);
  const ops = await admin.call('users.compromisedOperations', {
    userId: (await admin.call('users.list', {})).find((u) => u.login === 'math')!.id,
  });
  assert.ok(ops.length >= lessons.length * 2, `${ops.length} operations`);
  await dialog
    .getByTestId('compromised-count')
    .filter({ hasText: new RegExp(`: ${ops.length}$`) })
    .waitFor();
  assert.equal(await dialog.locator('.ant-table-tbody tr.ant-table-row').count(), ops.length);
  await inView(page.locator('.ant-modal-container'), 'the dialog');
  const closeButton = dialog.locator('.ant-modal-footer').getByRole('button', { name: 'Закрыть' });
  for (const name of ['Аннулировать операции', 'Печать отчёта']) await inView(dialog.getByRole('button', { name }), `«${name}»`);
  await inView(closeButton, '«Закрыть»');
  await inView(dialog.getByRole('columnheader', { name: 'Аннулируется' }), 'the last column');
  await screenshot(page, 'compromise-dialog-1366');

  await dialog.getByRole('button', { name: 'Аннулировать операции' }).click();
  await page.locator('.ant-popover').getByRole('button', { name: 'Аннулировать' }).click();
  await dialog.getByText(`Аннулировано операций: ${ops.length}. Требуют ручной проверки: 0.`).waitFor();
  await dialog.getByTestId('compromised-count').filter({ hasText: /: 0$/ }).waitFor();
  await closeButton.click();
  await userRow('math').getByText('отключён').waitFor();
});

test('the audit log at 1366×768: names, Russian changes, the total', async () => {
  await page.getByRole('menuitem', { name: 'Журнал аудита' }).click();
  const search = page.getByPlaceholder('Сотрудник: фамилия или логин');
  await search.fill('иванова');
  await search.press('Enter');
  const total = page.getByTestId('audit-total');
  await total.filter({ hasText: /Найдено: \d+ запис/ }).waitFor();
  const first = page.locator('.ant-table-row').first();
  await first.filter({ hasText: 'Иванова Анна Петровна (math)' }).waitFor();
  await page.locator('.ant-spin-spinning').waitFor({ state: 'detached' });
  await page.locator('.ant-table-row').filter({ hasText: 'отметка или пропуск' }).first().locator('.ant-table-row-expand-icon').click();
  const lines = page.locator('.ant-table-expanded-row .audit-changes li');
  await lines.first().waitFor();
  const texts = await lines.allInnerTexts();
  assert.ok(texts.includes('запись: 3'), texts.join(' | '));
  assert.ok(
    texts.every((t) => /^[а-яё ]+: /.test(t)),
    texts.join(' | '),
  );
  await inView(page.getByRole('button', { name: 'Выгрузить XLSX' }), 'the XLSX button');
  await search.scrollIntoViewIfNeeded();
  await screenshot(page, 'audit-log');
});

test('the homeroom teacher turns «н» into «б» on the attendance tab (seed 003 §4.3.8)', async () => {
  const hr = await context.newPage();
  hr.setDefaultTimeout(15_000);
  await hr.goto(host.url);
  await login(hr, s.accounts.hr5a.login, PASSWORD);
  await hr.getByRole('menuitem', { name: 'Класс: сводка и посещаемость' }).click();
  await hr.getByLabel('Период').click();
  await hr.locator('.ant-select-item-option').filter({ hasText: '1 четверть' }).click();
  await hr.getByRole('tab', { name: 'Посещаемость' }).click();
  const cell = hr.getByTestId(`attendance-${s.kids[0]}-${s.math5a.date}`);
  await cell.filter({ hasText: /^н$/ }).waitFor();
  await cell.click();
  const reasons = hr.getByTestId('absence-reasons');
  await reasons.getByText('1 урок, Математика').waitFor();
  await reasons.getByText('б', { exact: true }).click();
  await hr.locator('.ant-message-notice').filter({ hasText: 'Причина пропуска сохранена' }).waitFor();
  await cell.filter({ hasText: /^б$/ }).waitFor();
  const director = await (await new HostClient(host.url).open()).login(s.accounts.director.login, PASSWORD);
  const { rows } = await director.call('audit.list', { person: 'kl5a', entity: 'journal_cell', limit: 1 });
  assert.deepEqual(rows[0].changes, [{ field: 'запись', before: 'н', after: 'б' }]);
  await hr.close();
});

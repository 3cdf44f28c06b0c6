import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { systemActor, type Ctx } from '../../main/kernel/context';
import * as lessons from '../../main/timetable/lessons';
import { startApp } from '../../main/transport/app';
import { fillDate, launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { plainWeek, smallSchool, mathTeacherLoad } from '../helpers/timetable';

// Inspection remarks in Chromium through the real host (issue 12 part 9): the deputy opens 5А's mathematics journal,
// selects a cell and writes a remark on it; the math teacher signs in, is told on the home screen, opens the list,
// sees the remark and answers; the deputy sees the answer and marks the remark fixed. A small school of our own (no
// demo), so every value checked is one this test wrote.

const PASSWORD = { zavuch: 'zavuch-parol-2025', matem: 'matem-parol-2025' };
const REMARK = 'Отметка выставлена без записи темы урока';
const ANSWER = 'Тема урока записана, отметка проверена';

let host: RunningHost;
let browser: Browser;
let page: Page;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-remarks-e2e-'));
  const dbFile = path.join(dir, 'journal.sqlite');
  const app = await startApp({ dbFile, runtime: 'browser-host', background: false });
  try {
    const ctx: Ctx = { db: app.env.db, actor: systemActor('тест'), now: () => new Date() };
    const s = await smallSchool(ctx);
    await plainWeek(ctx, s);
    await lessons.generateLessons(ctx, { yearId: s.yearId });
    await mathTeacherLoad(ctx, s, 5);
    const admin = await app.router.call(
      'auth.setupAdmin',
      { login: 'admin', displayName: 'Администратор', password: 'admin-parol-2025' },
      null,
    );
    assert.ok(admin.ok);
    const token = (admin.value as { token: string }).token;
    const people = [
      { login: 'zavuch', displayName: 'Завучева Мария Ивановна', roles: ['deputy'] as const, staffId: null },
      { login: 'matem', displayName: 'Математикова Анна Петровна', roles: ['teacher'] as const, staffId: s.staff.mathT },
    ];
    for (const p of people) {
      const c = await app.router.call('users.create', { ...p, roles: [...p.roles] }, token);
      assert.ok(c.ok, JSON.stringify(c));
      const code = (c.value as { activationCode: string }).activationCode;
      const a = await app.router.call('auth.activate', { login: p.login, code, password: PASSWORD[p.login as 'zavuch'] }, null);
      assert.ok(a.ok, JSON.stringify(a));
    }
  } finally {
    await app.close();
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

const row = () => page.locator('tr[data-remark]').filter({ hasText: REMARK });

test('the deputy writes a remark on a cell of the journal being viewed', async () => {
  await login(page, 'zavuch', PASSWORD.zavuch);
  await page.getByRole('menuitem', { name: 'Журнал класса' }).click();
  await page.getByRole('combobox', { name: 'Журнал' }).click();
  await page.keyboard.type('5А · Математика');
  await page.locator('.ant-select-item-option', { hasText: '5А · Математика' }).first().click();
  const grid = page.getByTestId('journal-grid');
  await grid.locator('th', { hasText: '5А · Математика' }).waitFor();
  const cell = grid.locator('td[data-lesson][data-student]').nth(3);
  const lessonId = Number(await cell.getAttribute('data-lesson'));
  const studentId = Number(await cell.getAttribute('data-student'));
  await cell.click();
  await page.getByRole('button', { name: 'Замечание…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Замечание по ведению журнала' });
  // the selected cell is the remark's default target
  assert.equal(await dialog.getByRole('radio', { name: /^Клетка: / }).isChecked(), true);
  await dialog.getByLabel('Текст замечания').fill(REMARK);
  await fillDate(page, 'Срок исправления', '2026-12-20');
  await screenshot(page, 'journal-remark-dialog');
  await dialog.getByRole('button', { name: 'Записать замечание' }).click();
  await page.locator('.ant-message-notice').filter({ hasText: 'Замечание записано' }).waitFor();
  await page.getByTestId('journal-remarks').filter({ hasText: 'Замечания по журналу: 1' }).waitFor();
  const db = new Database(host.dbFile, { readonly: true });
  try {
    const r = db.prepare('select lesson_id, student_id, text, due_date, written_by from journal_remark').all() as Record<string, unknown>[];
    assert.deepEqual(r, [
      { lesson_id: lessonId, student_id: studentId, text: REMARK, due_date: '2026-12-20', written_by: 'Завучева Мария Ивановна' },
    ]);
  } finally {
    db.close();
  }
});

test('the teacher signs in, is told on the home screen, sees the remark and answers', async () => {
  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await login(page, 'matem', PASSWORD.matem);
  await page.getByRole('menuitem', { name: 'Главная' }).click();
  await page.getByTestId('remarks-reminder').filter({ hasText: '1 замечание по ведению журнала ждёт вашего ответа' }).waitFor();
  await page.getByTestId('remarks-reminder').getByRole('link').click();
  await row().waitFor();
  assert.equal(await row().getAttribute('data-state'), 'open');
  assert.match(await row().innerText(), /5А · Математика, урок \d\d\.\d\d\.\d{4}/);
  await row().getByRole('button', { name: 'Ответить' }).click();
  const dialog = page.getByRole('dialog', { name: 'Ответ на замечание' });
  await dialog.getByLabel('Ответ на замечание').fill(ANSWER);
  await dialog.getByRole('button', { name: 'Отправить ответ' }).click();
  await page.locator('tr[data-remark][data-state="answered"]').filter({ hasText: ANSWER }).waitFor();
  await screenshot(page, 'journal-remarks-teacher');
  // the teacher may not mark it fixed: no such button
  assert.equal(await row().getByRole('button', { name: 'Исправлено' }).count(), 0);
});

test('the deputy sees the answer among the answered remarks and marks it fixed', async () => {
  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await login(page, 'zavuch', PASSWORD.zavuch);
  await page.getByRole('menuitem', { name: 'Главная' }).click();
  await page.getByTestId('remarks-reminder').filter({ hasText: 'на 1 замечание учителя ответили' }).waitFor();
  await page.getByRole('menuitem', { name: 'Замечания по ведению журнала' }).click();
  await page.getByRole('combobox', { name: 'Какие замечания показать' }).click();
  await page.locator('.ant-select-item-option', { hasText: 'Есть ответ, не исправлено' }).click();
  await row().filter({ hasText: ANSWER }).waitFor();
  await row().getByRole('button', { name: 'Исправлено' }).click();
  await page.locator('.ant-message-notice').filter({ hasText: 'Замечание отмечено как исправленное' }).waitFor();
  // the filter shows answered, not yet fixed ones: the remark leaves it
  await row().waitFor({ state: 'detached' });
  await page.getByRole('combobox', { name: 'Какие замечания показать' }).click();
  await page.locator('.ant-select-item-option', { hasText: /^Исправлено$/ }).click();
  await page.locator('tr[data-remark][data-state="fixed"]').filter({ hasText: REMARK }).waitFor();
  await screenshot(page, 'journal-remarks-deputy');
  const db = new Database(host.dbFile, { readonly: true });
  try {
    const r = db.prepare('select answer, answered_by, fixed_by from journal_remark').get();
    assert.deepEqual(r, { answer: ANSWER, answered_by: 'Математикова Анна Петровна', fixed_by: 'Завучева Мария Ивановна' });
    const actions = db.prepare("select action from audit_log where entity = 'journal_remark' order by id").pluck().all();
    assert.deepEqual(actions, ['create', 'remark.answer', 'remark.fix']);
  } finally {
    db.close();
  }
});

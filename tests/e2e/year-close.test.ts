import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../db';
import { systemActor, type Ctx } from '../../main/kernel/context';
import * as finals from '../../main/journal/final-marks';
import * as lessons from '../../main/timetable/lessons';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { plainWeek, smallSchool, type SmallSchool, mathTeacherLoad } from '../helpers/timetable';

// The director closes a small year in Chromium: the checklist shows what is missing (mathematics' marks, the council's
// decisions); the teacher sets the marks, the director records the decisions on the screen, the checklist passes, the
// director closes the year; the print screen's «год не закрыт» notice goes away; the teacher's edit is then refused.

let host: RunningHost;
let browser: Browser;
let page: Page;
let s: SmallSchool;
let dir: string;
const PASS = { director: 'директор-пароль-1', teacher: 'учитель-пароль-1' };

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-yearclose-'));
  const dbFile = path.join(dir, 'journal.sqlite');
  // The year's set-up, lessons and every mark but mathematics', written before the host opens the file.
  const h = await openDatabase(dbFile);
  const ctx: Ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date() };
  s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  await lessons.generateLessons(ctx, { yearId: s.yearId });
  await mathTeacherLoad(ctx, s, 5);
  for (const [subjectId, groupId, kids] of [
    [s.subjects.russian, null, s.kids],
    [s.subjects.english, s.groups.g1, s.kids.slice(0, 2)],
    [s.subjects.english, s.groups.g2, s.kids.slice(2)],
  ] as const)
    for (const kind of ['p1', 'p2', 'p3', 'p4', 'year'])
      await finals.setFinals(ctx, {
        classId: s.classes.c5,
        subjectId,
        groupId,
        kind,
        lock: true,
        marks: kids.map((k) => ({ studentId: k, value: '4' })),
      });
  await h.close();
  host = await startHost({ dbFile });
  const admin = await new HostClient(host.url).open();
  admin.token = (await admin.call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'admin-parol-1' })).token;
  for (const [loginName, roles, staffId, password] of [
    ['director', ['director'], null, PASS.director],
    ['ivanova', ['teacher'], s.staff.mathT, PASS.teacher],
  ] as const) {
    const { activationCode } = await admin.call('users.create', { login: loginName, displayName: loginName, roles: [...roles], staffId });
    await (await new HostClient(host.url).open()).call('auth.activate', { login: loginName, code: activationCode, password });
  }
  browser = await launchBrowser();
  page = await openApp(browser, host);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function menu(title: string) {
  await page.getByRole('menuitem', { name: title }).click();
  await page.getByRole('heading', { name: title }).waitFor();
}

test('the director closes a year once its checklist passes; the teacher cannot edit it afterwards', async () => {
  const teacher = await (await new HostClient(host.url).open()).login('ivanova', PASS.teacher);
  const grid = await teacher.call('journal.grid', { classId: s.classes.c5, subjectId: s.subjects.math, periodId: null });
  const cell = { lessonId: grid.lessons[0].id, studentId: s.kids[0] };
  // While the year is open the teacher's edit goes through.
  assert.equal((await teacher.call('journal.saveCell', { ...cell, text: '5' }))?.text, '5');

  await login(page, 'director', PASS.director);
  // Printing an unclosed year says so on the screen.
  await menu('Печать документов');
  await page.getByTestId('year-not-closed').filter({ hasText: 'Учебный год 2025/2026 не закрыт' }).waitFor();

  await menu('Закрытие учебного года');
  const summary = page.getByTestId('checklist-summary');
  // 4 students × 5 marks of mathematics, 4 decisions
  await summary.filter({ hasText: 'Не хватает: 24' }).waitFor();
  await page.getByTestId('checklist-failures').getByText('5А, Математика, Антонов Иван: нет отметки за 1 четверть').waitFor();
  await page.getByTestId('checklist-failures').getByText('5А, Антонов Иван: нет решения педагогического совета').waitFor();
  await screenshot(page, 'year-close-checklist');
  // Closing now is refused with the failures.
  await page.getByTestId('close-year').click();
  await page.getByRole('button', { name: 'Закрыть год' }).last().click();
  await page.locator('.ant-message-notice').filter({ hasText: 'нельзя закрыть: 24 недочёта' }).first().waitFor();

  // The teacher sets mathematics' period and year marks.
  for (const kind of ['p1', 'p2', 'p3', 'p4', 'year'])
    await teacher.call('journal.setFinals', {
      classId: s.classes.c5,
      subjectId: s.subjects.math,
      kind,
      marks: s.kids.map((k) => ({ studentId: k, value: '5' })),
    });
  // The director records the council's decisions on the screen.
  await page.getByRole('tab', { name: 'Решения педагогического совета' }).click();
  await page.getByLabel('Класс').click();
  await page.locator('.ant-select-item-option', { hasText: '5А' }).click();
  await page.getByTestId('decisions').getByText('Антонов Иван').waitFor();
  await page.getByLabel('Протокол').fill('протокол № 12 от 28.05.2026');
  await page.getByRole('button', { name: /Заполнить пустые/ }).click();
  await page.getByRole('button', { name: 'Сохранить решения' }).click();
  await page.locator('.ant-message-notice').filter({ hasText: 'Решения сохранены' }).first().waitFor();
  await page.getByRole('button', { name: 'Проверить заново' }).click();
  await summary.filter({ hasText: 'Всё на месте' }).waitFor();

  await page.getByTestId('close-year').click();
  await page.getByRole('button', { name: 'Закрыть год' }).last().click();
  await page.getByTestId('year-state').filter({ hasText: 'Год закрыт' }).waitFor();
  await screenshot(page, 'year-close-closed');
  await menu('Печать документов');
  await page.getByRole('tab').first().waitFor();
  assert.equal(await page.getByTestId('year-not-closed').count(), 0);

  // The teacher's edit is refused now, with the Russian message, and nothing changed.
  const refused = await teacher.raw('journal.saveCell', { ...cell, text: '2' });
  assert.equal(refused.ok ? 'saved' : refused.error.code, 'LOCKED');
  assert.match(refused.ok ? '' : refused.error.message, /учебный год закрыт/i);
  const again = await teacher.call('journal.grid', { classId: s.classes.c5, subjectId: s.subjects.math, periodId: grid.period.id });
  assert.equal(again.cells[`${cell.studentId}:${cell.lessonId}`].text, '5');
  assert.equal(again.canEdit, false);
});

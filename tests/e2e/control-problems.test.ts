import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { cli, launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// Issue 12 parts 5 and 7 in Chromium: the deputy opens «Проблемные списки» and «Прогноз отметок» of a demo class and
// sees the students and figures main gives for it.

let host: RunningHost;
let browser: Browser;
let page: Page;
let dir = '';

const exactly = (text: string) => new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-e2e-problems-'));
  const dbFile = path.join(dir, 'journal.sqlite');
  const r = await cli(['demo', '--db', dbFile, '--students', '120']);
  assert.equal(r.code, 0, r.stderr);
  host = await startHost({ dbFile });
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, 'zavuch', DEMO_PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the deputy sees a student with a «2» and its topic, a missed lesson, and the forecast of a class', async () => {
  const api = await (await new HostClient(host.url).open()).login('zavuch', DEMO_PASSWORD);
  const [year] = (await api.call('years.list', {})).filter((y) => !y.closed).slice(-1);
  const journals = await api.call('journal.list', { yearId: year.id });
  // A class of the demo with an unsatisfactory mark in the current period (grade 1 learns without marks).
  let lists: Awaited<ReturnType<typeof api.call<'problems.list'>>> | null = null;
  let className = '';
  for (const classId of [...new Set(journals.map((j) => j.classId))]) {
    const l = await api.call('problems.list', { yearId: year.id, classId, period: null });
    if (l.unsatisfactory.length && l.missed.length) {
      lists = l;
      className = journals.find((j) => j.classId === classId)!.className;
      break;
    }
  }
  assert.ok(lists, 'some demo class has a «2» and a missed lesson');
  const bad = lists.unsatisfactory[0];

  await page.getByRole('menuitem', { name: 'Проблемные списки' }).click();
  await page.getByRole('combobox', { name: 'Класс' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: exactly(className) }).click();
  const tab = page.getByRole('tab', { name: `Неудовлетворительные отметки с темами (${lists.unsatisfactory.length})` });
  await tab.waitFor();
  const row = page.getByRole('row').filter({ hasText: bad.student }).first();
  await row.waitFor();
  if (bad.topic) await row.getByText(bad.topic).waitFor();
  await page.getByRole('tab', { name: `Пропуски с темами (${lists.missed.length})` }).click();
  await page.getByRole('row').filter({ hasText: lists.missed[0].student }).first().waitFor();
  await page.getByRole('tab', { name: `Риск «2» и «н/а» (${lists.risks.length})` }).click();
  if (lists.risks.length) await page.getByRole('row').filter({ hasText: lists.risks[0].reasons[0] }).first().waitFor();
  await screenshot(page, 'problem-lists');

  // The forecast of the same class: the class figures main computes, and a student's projected mark.
  const forecast = await api.call('forecast.report', { yearId: year.id, classId: bad.classId, subjectId: bad.subjectId, period: null });
  const subject = forecast.subjects[0];
  const student = subject.students.find((s) => s.projected !== null)!;
  await page.getByRole('menuitem', { name: 'Прогноз отметок' }).click();
  await page.getByRole('combobox', { name: 'Класс' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: exactly(className) }).click();
  await page.getByRole('combobox', { name: 'Предмет' }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: exactly(subject.subject) }).click();
  // One subject chosen: one card left.
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="forecast-class-rates"]').length === 1);
  const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1).replace('.', ',')} %`);
  await page
    .getByTestId('forecast-class-rates')
    .filter({
      hasText: `успеваемость ${pct(subject.projected.success)}, качество ${pct(subject.projected.quality)}; уроков проведено ${subject.lessonsHeld}, осталось ${subject.lessonsLeft}`,
    })
    .waitFor();
  const studentRow = page.getByRole('row').filter({ hasText: student.student }).first();
  await studentRow.waitFor();
  assert.match(await studentRow.innerText(), new RegExp(`\\b${student.projected}\\b`));
  await page.getByText('Как составлен прогноз').waitFor();
  await page.getByText(/^Надёжность высокая:/).waitFor();
  await screenshot(page, 'forecast');
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../db';
import { DEMO_PASSWORD, runDemo } from '../../main/demo';
import { systemActor } from '../../main/kernel/context';
import { launchBrowser, login, openApp, startHost, type RunningHost } from '../helpers/browser';

// «Экспорт» on the list screens in Chromium: a teacher downloads the classes as XLSX and the students as CSV, the
// latter without personal columns (main drops them for a role without the right).

let host: RunningHost;
let browser: Browser;
let page: Page;
let dir: string;
let classCount: number;
let teacher: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-exchange-'));
  const dbFile = path.join(dir, 'school.sqlite');
  const h = await openDatabase(dbFile);
  try {
    await runDemo(h.db, h.raw, systemActor('тест'), { seed: 5, students: 60, years: 1, today: '2026-06-30' }); // demo: full 2025/2026
    classCount = h.raw.prepare('select count(*) from class').pluck().get() as number;
    // a subject teacher who leads no class (a homeroom teacher may take their own class's personal data)
    teacher = h.raw
      .prepare(
        `select login from app_user u where exists (select 1 from user_role r where r.user_id = u.id and r.role = 'teacher')
           and not exists (select 1 from user_role r where r.user_id = u.id and r.role <> 'teacher')
           and not exists (select 1 from class c where c.homeroom_staff_id = u.staff_id) order by login limit 1`,
      )
      .pluck()
      .get() as string;
  } finally {
    await h.close();
  }
  host = await startHost({ dbFile });
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, teacher, DEMO_PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function download(format: string): Promise<string> {
  await page.getByRole('button', { name: 'Экспорт' }).hover();
  const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('menuitem', { name: format }).click()]);
  const file = path.join(dir, d.suggestedFilename());
  await d.saveAs(file);
  return file;
}

test('a teacher exports the classes as XLSX: a sheet «Классы» with every class', async () => {
  await page.getByRole('menuitem', { name: 'Классы' }).click();
  const file = await download('Книга Excel (XLSX)');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  const ws = wb.getWorksheet('Классы')!;
  assert.equal(ws.getRow(1).getCell(2).value, 'Класс');
  assert.equal(ws.rowCount - 1, classCount);
});

test('a teacher exports the students as CSV without personal columns', async () => {
  await page.getByRole('menuitem', { name: 'Ученики и движение' }).click();
  const file = await download('Таблица CSV');
  const head = fs
    .readFileSync(file, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\r\n')[0];
  assert.match(head, /Фамилия;Имя/);
  assert.doesNotMatch(head, /Дата рождения|СНИЛС|Адрес/);
});

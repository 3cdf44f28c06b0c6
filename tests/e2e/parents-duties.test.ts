import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../main/demo';
import { cli, launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// Issue 13, parts 5 and 6 in Chromium on a small demo school (whose families chose paper or refused information, see
// main/demo/parents.ts): the homeroom teacher marks the class's personal data checked and the home screen's reminder
// goes; a subject teacher's journal marks the students whose parents chose paper.

let dir: string;
let host: RunningHost;
let browser: Browser;
let page: Page;
let homeroom: { classId: number; name: string; login: string };
let journal: { login: string; className: string; subject: string; students: string[]; paper: string[] };

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-duties-'));
  const dbFile = path.join(dir, 'demo.sqlite');
  const demo = await cli(['demo', '--db', dbFile, '--students', '300']);
  assert.equal(demo.code, 0, demo.stderr);
  const raw = new Database(dbFile, { readonly: true });
  try {
    homeroom = raw
      .prepare(
        `select c.id as classId, c.name, u.login from class c join app_user u on u.staff_id = c.homeroom_staff_id
          join enrollment e on e.class_id = c.id and e.end_date is null
          where c.grade >= 5 group by c.id having count(*) >= 3 order by c.grade, c.letter limit 1`,
      )
      .get() as typeof homeroom;
    // a subject teacher (not the class's homeroom teacher) of a whole-class journal whose class has a paper family
    const j = raw
      .prepare(
        `select u.login, c.id as classId, c.name as className, s.name as subject from teaching_load tl
          join app_user u on u.staff_id = tl.staff_id join class c on c.id = tl.class_id join subject s on s.id = tl.subject_id
          where tl.group_id is null and c.homeroom_staff_id != tl.staff_id and c.grade >= 5
            and exists (select 1 from guardian_notice n join enrollment e on e.student_id = n.student_id and e.class_id = c.id
                        where n.kind = 'electronic_refusal')
          order by c.grade, c.letter, s.name limit 1`,
      )
      .get() as { login: string; classId: number; className: string; subject: string };
    const names = (sql: string) => (raw.prepare(sql).all(j.classId) as { name: string }[]).map((r) => r.name);
    journal = {
      ...j,
      students: names(
        `select s.last_name || ' ' || s.first_name as name from enrollment e join student s on s.id = e.student_id where e.class_id = ?`,
      ),
      paper: names(
        `select distinct s.last_name || ' ' || s.first_name as name from enrollment e join student s on s.id = e.student_id
          join guardian_notice n on n.student_id = s.id and n.kind = 'electronic_refusal' where e.class_id = ?`,
      ),
    };
  } finally {
    raw.close();
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

test('the homeroom teacher marks the whole class checked; the reminder on the home screen disappears', async () => {
  await login(page, homeroom.login, DEMO_PASSWORD);
  const reminder = page.getByTestId('personal-data-reminder');
  await reminder.filter({ hasText: `Персональные данные ${homeroom.name} класса не проверены` }).waitFor();
  await screenshot(page, 'parents-check-reminder');

  await page.getByRole('menuitem', { name: 'Класс: сводка и посещаемость' }).click();
  await page.getByRole('tab', { name: 'Персональные данные' }).click();
  const table = page.getByRole('table').filter({ has: page.getByText('Кто проверил') });
  await table.getByText('не проверялись').first().waitFor();
  await page.getByRole('button', { name: 'Данные всего класса проверены' }).click();
  await page.getByTestId('checks-summary').filter({ hasText: 'Данные всех учеников проверены' }).waitFor();
  assert.equal(await table.getByText('не проверялись').count(), 0);
  await screenshot(page, 'parents-checks');

  await page.getByRole('menuitem', { name: 'Главная' }).click();
  await page.locator('[data-testid="check-reminders"][data-loaded="yes"]').waitFor({ state: 'attached' });
  assert.equal(await reminder.count(), 0);
});

test("a subject teacher's journal marks the students whose parents chose paper", async () => {
  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await login(page, journal.login, DEMO_PASSWORD);
  await page.getByRole('menuitem', { name: 'Журнал класса' }).click();
  const title = `${journal.className} · ${journal.subject}`;
  await page.getByRole('combobox', { name: 'Журнал' }).click();
  await page.keyboard.type(title);
  await page.locator('.ant-select-item-option', { hasText: title }).first().click();
  const grid = page.getByTestId('journal-grid');
  await grid.locator('td.jg-name').first().waitFor();
  const markers = grid.getByLabel('Родители выбрали бумажную форму');
  await markers.first().waitFor();
  assert.ok(journal.paper.length > 0 && journal.paper.length < journal.students.length);
  assert.equal(await markers.count(), journal.paper.length);
  for (const name of journal.paper) {
    const row = grid.locator('td.jg-name', { hasText: name });
    assert.equal(await row.locator('[title="Родители выбрали бумажную форму"]').count(), 1, name);
  }
  await screenshot(page, 'parents-journal-marker');
});

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import type { WeeklyControl } from '../../main/contract/control-weekly';
import { HostClient } from '../helpers/api';
import { cli, launchBrowser, login, openApp, screenshot, SCREENSHOTS, startHost, type RunningHost } from '../helpers/browser';

// The deputy opens the weekly control (issue 12 part 3) on a live demo (its today is the real today, its current
// week has debts and late entries), follows a line to the journal and finds that cell selected and focused, writes a
// remark on it (part 9), and the line's teacher signs in and sees it.

let host: RunningHost;
let browser: Browser;
let page: Page;
let dir: string;

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-weekly-'));
  const db = path.join(dir, 'demo.sqlite');
  const r = await cli(['demo', '--db', db, '--students', '120']);
  if (r.code !== 0) throw new Error(`demo failed: ${r.stderr}`);
  host = await startHost({ dbFile: db });
  browser = await launchBrowser();
  page = await openApp(browser, host);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the deputy opens the weekly control and follows a late mark to its journal cell; the home panel counts', async () => {
  const api = await (await new HostClient(host.url).open()).login('zavuch', 'demo-parol-2025');
  const status = await api.call('controlWeekly.status', {});
  const report: WeeklyControl = await api.call('controlWeekly.report', { week: status.from, classId: null });
  assert.ok(report.lines.length > 0, 'the demo week has debts');
  // A late mark among the first page's lines: it names a lesson and a student, the cell to land on.
  // Its teacher has an account of the demo, to sign in as and see the remark.
  const db = new Database(host.dbFile, { readonly: true });
  const logins = new Map(
    (db.prepare('select staff_id, login from app_user where staff_id is not null').all() as { staff_id: number; login: string }[]).map(
      (u) => [u.staff_id, u.login],
    ),
  );
  db.close();
  const lineIndex = report.lines
    .slice(0, 50)
    .findIndex((l) => l.teacherId !== null && logins.has(l.teacherId) && l.items.some((i) => i.kind === 'late' && i.studentId !== null));
  assert.ok(lineIndex >= 0, 'a late mark on the first page, of a teacher with an account');
  const line = report.lines[lineIndex];
  const item = line.items.find((i) => i.kind === 'late')!;

  await login(page, 'zavuch', 'demo-parol-2025');
  // Home: «Требует внимания» with the school's figures of this week.
  const panel = page.getByTestId('attention-panel');
  await panel.waitFor();
  await panel.getByText(`Записи позже срока: ${status.totals!.late.toLocaleString('ru-RU').replace(/\s/g, ' ')}`).waitFor();

  await page.getByRole('menuitem', { name: 'Еженедельный контроль' }).click();
  await page.getByTestId('weekly-table').waitFor();
  await page
    .getByTestId('weekly-range')
    .getByText(/вся школа/)
    .waitFor();
  await screenshot(page, 'weekly-control');
  const button = page.getByTestId(`weekly-late-${line.key}`);
  assert.equal(await button.innerText(), String(line.late));
  await button.click();

  // The journal of that class, subject and group, at that lesson and student, the grid focused.
  await page.getByTestId('journal-grid').waitFor();
  const selected = page.locator('td.jg-cell.jg-sel');
  await page.locator(`td.jg-cell.jg-sel[data-lesson="${item.lessonId}"][data-student="${item.studentId}"]`).waitFor();
  assert.equal(await selected.count(), 1);
  await page.waitForFunction(() => document.activeElement?.getAttribute('data-testid') === 'journal-grid');
  // the cell holds the late mark the line spoke of
  const mark = /«(.+)»/.exec(item.text)?.[1];
  assert.ok(mark && (await selected.getAttribute('data-text'))?.includes(mark), `${item.text} in the cell`);
  await screenshot(page, 'weekly-control-journal');

  // A remark on that cell; the teacher who keeps the journal signs in and is told of it.
  const remark = `Отметка «${mark}» выставлена позже срока`;
  await page.getByRole('button', { name: 'Замечание…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Замечание по ведению журнала' });
  assert.equal(await dialog.getByRole('radio', { name: /^Клетка: / }).isChecked(), true);
  await dialog.getByLabel('Текст замечания').fill(remark);
  await dialog.getByRole('button', { name: 'Записать замечание' }).click();
  await page.locator('.ant-message-notice').filter({ hasText: 'Замечание записано' }).waitFor();
  await page.getByRole('button', { name: 'Сменить пользователя' }).click();
  await login(page, logins.get(line.teacherId!)!, 'demo-parol-2025');
  await page.getByRole('menuitem', { name: 'Главная' }).click();
  await page.getByTestId('remarks-reminder').getByRole('link').click();
  await page.locator('tr[data-remark][data-state="open"]').filter({ hasText: remark }).waitFor();

  if (process.env.SJ_SCREENSHOTS === '1') {
    // the printed page of the report, as an image
    const file = await api.call('controlWeekly.file', { week: status.from, classId: null, format: 'pdf' });
    const pdf = path.join(dir, 'weekly.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.base64, 'base64'));
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    execFileSync('pdftoppm', ['-png', '-r', '80', '-f', '1', '-l', '1', '-singlefile', pdf, path.join(SCREENSHOTS, 'weekly-control-pdf')]);
  }
});

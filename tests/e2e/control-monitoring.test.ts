import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { setupAdmin } from '../../main/accounts/users';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';
import { controlWorks, monitoringSchool } from '../helpers/monitoring';

// The monitoring screens in Chromium (issue 12, parts 6 and 8) on the hand-made 5А of the unit tests: the deputy opens
// «ВШК: контрольные работы», picks the mathematics work and sees its distribution and who did not write; the
// attendance chart of the year and the curriculum's fulfilment show the service's figures.

const PASSWORD = 'завуч-пароль-2025';
let host: RunningHost;
let browser: Browser;
let page: Page;
let dir = '';
let yearId = 0;
let mathWork = 0;

before(async () => {
  const f = await monitoringSchool();
  dir = f.t.dir;
  yearId = f.s.yearId;
  ({ mathWork } = await controlWorks(f));
  const lesson = { subjectId: f.s.subjects.math, staffId: f.s.staff.mathT };
  const oct = await f.lesson({ ...lesson, date: '2025-10-06' }, { written: true });
  await f.absence(oct, f.s.kids[0], 'б');
  const userId = await setupAdmin(f.t.ctx, { login: 'zavuch', displayName: 'Завуч И. П.', password: PASSWORD });
  await f.t.db.insertInto('user_role').values({ user_id: userId, role: 'deputy' }).execute();
  await f.t.close();
  host = await startHost({ dbFile: `${dir}/test.sqlite` });
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, 'zavuch', PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('ВШК: the deputy picks a control work and sees its distribution, rates and who did not write', async () => {
  await page.getByRole('menuitem', { name: 'ВШК: контрольные работы' }).click();
  const row = page.getByTestId('vshk-list').getByRole('row').filter({ hasText: 'Входная контрольная работа' });
  await row.waitFor();
  assert.deepEqual((await row.getByRole('cell').allInnerTexts()).slice(4, 8), ['3 из 4', '66,7 %', '66,7 %', '3,67']);
  await row.click();
  const report = page.getByTestId('vshk-report');
  await report.getByTestId('vshk-distribution').waitFor();
  assert.equal(await report.getByTestId('vshk-distribution').innerText(), 'Распределение: «5» 1, «4» 1, «2» 1');
  assert.match(await report.getByTestId('vshk-missing').innerText(), /Не писали: Васильев Иван \(«б» — по болезни\)/);
  await report.getByTestId('vshk-chart').locator('.recharts-bar-rectangle').first().waitFor();
  await screenshot(page, 'control-vshk');

  const api = await (await new HostClient(host.url).open()).login('zavuch', PASSWORD);
  const r = await api.call('vshk.report', { id: mathWork });
  assert.deepEqual([r.work.wrote, r.work.success, r.work.distribution], [3, 66.7, { '5': 1, '4': 1, '2': 1 }]);
});

test('attendance: the chart of the year by month and the figures of the service', async () => {
  await page.getByRole('menuitem', { name: 'Посещаемость', exact: true }).click();
  const chart = page.getByTestId('attendance-chart');
  await chart.locator('.recharts-bar-rectangle').first().waitFor();
  const api = await (await new HostClient(host.url).open()).login('zavuch', PASSWORD);
  const r = await api.call('attendance.report', { yearId, classId: null, from: null, to: null });
  assert.deepEqual(
    r.months.map((m) => m.name),
    ['сентябрь 2025', 'октябрь 2025'],
  );
  const pct = (n: number | null) => (n === null ? '—' : `${n.toFixed(1).replace('.', ',')} %`);
  await page
    .getByTestId('attendance-summary')
    .getByText(`посещаемость ${pct(r.total.attendance)}`)
    .waitFor();
  const total = page.getByTestId('attendance-table').getByRole('row').filter({ hasText: 'Итого' });
  assert.equal((await total.getByRole('cell').allInnerTexts())[5], String(r.total.total));
  await screenshot(page, 'control-attendance');

  await page.getByRole('menuitem', { name: 'Выполнение программы' }).click();
  const p = await api.call('programme.report', { yearId, classId: null });
  await page.getByTestId('programme-summary').getByText(`дано ${p.total.given}, потеряно ${p.total.lost}`).waitFor();
  await screenshot(page, 'control-programme');
});

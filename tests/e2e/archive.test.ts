import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from '../helpers/api';
import { cli, launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// Issue 14 part 3 in Chromium: the office prints a class journal through the application; it is on the archive's
// register; the office marks it sealed (who, when) and the 30 June board counts it sealed.

let host: RunningHost;
let browser: Browser;
let page: Page;
let cls: { id: number; name: string };
let dir = '';

before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-e2e-archive-'));
  const dbFile = path.join(dir, 'journal.sqlite');
  const r = await cli(['demo', '--db', dbFile, '--students', '120']); // demo: full 2025/2026
  assert.equal(r.code, 0, r.stderr);
  host = await startHost({ dbFile });
  const raw = new Database(dbFile, { readonly: true });
  try {
    cls = raw.prepare('select id, name from class order by grade, letter limit 1').get() as typeof cls;
  } finally {
    raw.close();
  }
  const office = await (await new HostClient(host.url).open()).login('office', DEMO_PASSWORD);
  await office.call('print.file', { kind: 'journal', classId: cls.id, format: 'pdf' });
  browser = await launchBrowser();
  page = await openApp(browser, host);
  await login(page, 'office', DEMO_PASSWORD);
});

after(async () => {
  await browser?.close();
  await host?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

test('the office marks a printed journal sealed on the register; the board counts it', async () => {
  await page.getByRole('menuitem', { name: 'Архив: реестр и сроки хранения' }).click();
  const row = page.getByRole('row').filter({ hasText: `Классный журнал ${cls.name}` });
  await row.getByText('напечатан').waitFor();
  await row.getByRole('button', { name: 'Скреплён', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Кто').fill('Смирнова О. В.');
  await dialog.getByRole('button', { name: 'Отметить' }).click();
  await row.getByText('скреплён печатью').waitFor();
  await row.getByText(/Смирнова О\. В\./).waitFor();
  await screenshot(page, 'archive-register');

  await page.getByRole('tab', { name: 'К 30 июня' }).click();
  await page.getByText(/скреплено печатью 1,/).waitFor();
  const boardRow = page.getByRole('row').filter({ hasText: new RegExp(`^${cls.name}`) });
  await boardRow.getByText('скреплён печатью').waitFor();

  const db = new Database(host.dbFile, { readonly: true });
  try {
    const d = db.prepare("select sealed_by, sealed_at from archive_document where kind = 'journal' and class_id = ?").get(cls.id) as {
      sealed_by: string;
      sealed_at: string;
    };
    assert.equal(d.sealed_by, 'Смирнова О. В.');
    assert.match(d.sealed_at, /^\d{4}-\d{2}-\d{2}$/);
    const audit = db.prepare("select count(*) as n from audit_log where action = 'archive.sealed'").get() as { n: number };
    assert.equal(audit.n, 1);
  } finally {
    db.close();
  }
});

import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HostClient } from '../helpers/api';
import { launchBrowser, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// The first backup key on a fresh database, through the real host in Chromium. The secret key's dialog used to close
// by itself as soon as the backup status reloaded after «Ключ создан»: the administrator never saw the secret.

let host: RunningHost;
let browser: Browser;
let page: Page;

before(async () => {
  host = await startHost();
  browser = await launchBrowser();
  page = await openApp(browser, host);
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

const schedule = { enabled: true, time: '17:30', weekdaysOnly: false, retention: { daily: 7, weekly: 4, monthly: 12 } };

test('the secret key stays on screen until the administrator confirms saving it; no schedule until then', async () => {
  await page.getByText('Школьный журнал: первый запуск').waitFor();
  await page.getByLabel('Логин администратора').fill('admin');
  await page.getByLabel('Фамилия и инициалы').fill('Соколов И. П.');
  await page.getByLabel('Пароль (не короче 10 символов)').fill('очень-секретно-1');
  await page.getByRole('button', { name: 'Создать администратора' }).click();
  await page.getByTestId('current-user').waitFor();
  const api = await (await new HostClient(host.url).open()).login('admin', 'очень-секретно-1');

  await page.getByRole('menuitem', { name: 'Резервные копии' }).click();
  const noKey = page.getByText('Резервное копирование не настроено: не создан ключ резервных копий.');
  await noKey.waitFor();
  await page.getByRole('button', { name: 'Создать ключ' }).click();

  const dialog = page.getByRole('dialog').filter({ hasText: 'Секретный ключ — показывается один раз' });
  await dialog.waitFor();
  // The states that used to close the dialog: backup.status reloaded, the «no key» warning gone, the key card redrawn.
  await noKey.waitFor({ state: 'detached' });
  const card = page.getByTestId('backup-key-card');
  await card.getByText('Не подтверждено, что секретный ключ сохранён').waitFor();
  const status = await api.call('backup.status', {});
  assert.ok(status.key);
  assert.equal(status.key.confirmedAt, null);
  assert.equal(await dialog.isVisible(), true, 'the dialog is still open after the reload');
  const secret = (await dialog.getByTestId('secret-key').innerText()).trim();
  assert.match(secret, /^AGE-SECRET-KEY-1[02-9AC-HJ-NP-Z]{58}$/);
  await card.getByText(status.key.recipient).waitFor();

  // It cannot be confirmed before the key was saved somewhere, and it has no other way out.
  const confirm = dialog.getByRole('button', { name: 'Подтвердить' });
  const saved = dialog.getByRole('checkbox', { name: 'Я сохранил ключ в надёжном месте' });
  assert.equal(await confirm.isDisabled(), true);
  assert.equal(await saved.isDisabled(), true);
  assert.equal(await dialog.getByRole('button', { name: /close|закрыть/i }).count(), 0);

  // Before confirmation the schedule cannot be switched on and does not run (the default schedule is on).
  await assert.rejects(api.call('backup.setSchedule', schedule), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'BACKUP_KEY_UNCONFIRMED');
    assert.match(e.message, /не подтверждено, что секретный ключ резервных копий сохранён/);
    return true;
  });
  assert.equal(status.schedule.enabled, true);
  assert.equal(status.nextRun, null);
  await assert.rejects(api.call('backup.create', {}), /не подтверждено, что секретный ключ/);

  // Save the key file and the recovery sheet: both hold this secret.
  const [keyDownload] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: 'Сохранить файл ключа' }).click(),
  ]);
  const keyText = fs.readFileSync((await keyDownload.path())!, 'utf8');
  assert.ok(keyText.split('\n').includes(secret), 'the key file holds the secret shown');
  assert.match(keyDownload.suggestedFilename(), /^ключ-резервных-копий-\d{4}-\d{2}-\d{2}\.txt$/);
  const [sheetDownload] = await Promise.all([
    page.waitForEvent('download'),
    dialog.getByRole('button', { name: /Лист восстановления/ }).click(),
  ]);
  assert.equal(
    fs
      .readFileSync((await sheetDownload.path())!)
      .subarray(0, 5)
      .toString(),
    '%PDF-',
  );
  await dialog.getByRole('button', { name: 'Скопировать ключ' }).click();
  await dialog.getByText('Сделано: файл ключа сохранён, лист восстановления сохранён, ключ скопирован.').waitFor();
  await saved.check();
  await screenshot(page, 'backup-first-key');
  await confirm.click();
  await page.getByText('Сохранение ключа подтверждено').first().waitFor();
  await dialog.waitFor({ state: 'hidden' });
  await card.getByText(/Сохранение секретного ключа подтверждено/).waitFor();

  const after = await api.call('backup.status', {});
  assert.ok(after.key?.confirmedAt);
  assert.ok(after.nextRun, 'the default schedule runs once the key is confirmed');
  assert.equal(await api.call('backup.setSchedule', schedule), true);
  const audit: { action: string; actor: string }[] = (await api.call('audit.list', { entity: 'setting' })).rows;
  assert.ok(
    audit.some((a) => a.action === 'backup.key_confirmed' && a.actor.includes('Соколов')),
    'the confirmation is audited under the administrator',
  );
});

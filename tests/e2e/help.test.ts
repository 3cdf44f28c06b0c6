import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { HostClient } from '../helpers/api';
import { launchBrowser, login, openApp, screenshot, startHost, type RunningHost } from '../helpers/browser';

// Issue 15 part 10: F1 opens the guide of the user's role at the section about the current screen (docs/guide/*.md,
// bundled at build, rendered without HTML).

let host: RunningHost;
let browser: Browser;
let page: Page;
const PASSWORD = 'проверка-справки-1';

before(async () => {
  host = await startHost();
  const c = await new HostClient(host.url).open();
  await c.call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: PASSWORD });
  const admin = await (await new HostClient(host.url).open()).login('admin', PASSWORD);
  const { activationCode } = await admin.call('users.create', { login: 'zavuch', displayName: 'Завуч', roles: ['deputy'] });
  const r = await (
    await new HostClient(host.url).open()
  ).raw('auth.activate', { login: 'zavuch', code: activationCode, password: PASSWORD }, null);
  assert.ok(r.ok, JSON.stringify(r));
  browser = await launchBrowser();
  page = await openApp(browser, host);
});

after(async () => {
  await browser?.close();
  await host?.stop();
});

/** Opens a screen from the menu, presses F1 and returns the guide shown and the highlighted section's heading. */
async function helpOn(p: Page, screen: string): Promise<{ guide: string | null; section: string; visible: boolean }> {
  await p.getByRole('menuitem', { name: screen }).click();
  await p.getByTestId('screen').getByRole('heading', { name: screen, level: 4, exact: true }).waitFor();
  await p.keyboard.press('F1');
  const body = p.getByTestId('help-body');
  await body.waitFor();
  const current = body.locator('[data-current="true"]');
  await current.waitFor();
  // scrolled into view inside the guide's pane
  await p.waitForFunction(() => {
    const el = document.querySelector('[data-testid="help-body"] [data-current="true"]');
    const pane = document.querySelector('[data-testid="help-body"]');
    if (!el || !pane) return false;
    const a = el.getBoundingClientRect();
    const b = pane.getBoundingClientRect();
    return a.top >= b.top - 1 && a.top < b.bottom;
  });
  const out = {
    guide: await body.getAttribute('data-guide'),
    section: (await current.innerText()).trim(),
    visible: await current.isVisible(),
  };
  await p.keyboard.press('Escape');
  await body.waitFor({ state: 'hidden' });
  return out;
}

test('F1 on two screens of the deputy opens the deputy guide at each screen’s section', async () => {
  await login(page, 'zavuch', PASSWORD);
  assert.deepEqual(await helpOn(page, 'Журнал класса'), { guide: 'deputy', section: 'Журнал класса', visible: true });
  assert.deepEqual(await helpOn(page, 'Учебный год: периоды и каникулы'), {
    guide: 'deputy',
    section: 'Учебный год: периоды и каникулы',
    visible: true,
  });
  // the header's button opens the same guide; no raw HTML is rendered from the Markdown
  await page.getByRole('button', { name: 'Справка (F1)' }).click();
  await page.getByTestId('help-body').waitFor();
  assert.equal(await page.getByTestId('help-body').locator('script, iframe, a').count(), 0);
  await screenshot(page, 'help');
  await page.keyboard.press('Escape');
});

test('the administrator gets the administrator’s guide at «Резервные копии»', async () => {
  const p = await openApp(browser, host);
  try {
    await login(p, 'admin', PASSWORD);
    assert.deepEqual(await helpOn(p, 'Резервные копии'), { guide: 'admin', section: 'Резервные копии', visible: true });
  } finally {
    await p.close();
  }
});

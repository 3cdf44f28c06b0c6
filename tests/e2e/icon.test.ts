import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { launchBrowser, openApp, startHost, type RunningHost } from '../helpers/browser';

// The browser host shows the application icon as the page's favicon: the links in index.html resolve through the
// real host (behind its cookie) to the files rendered from resources/.

const ROOT = path.resolve(__dirname, '..', '..');
let host: RunningHost;
let browser: Browser;

before(async () => {
  host = await startHost();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await host?.stop();
});

test('the page links the application icon, and the host serves it with the right type', async () => {
  const page = await openApp(browser, host);
  await page.getByLabel('Логин').first().waitFor();
  const links = await page.$$eval('link[rel="icon"]', (ls) =>
    ls.map((l) => ({ href: (l as HTMLLinkElement).href, type: l.getAttribute('type') })),
  );
  assert.deepEqual(
    links.map((l) => l.type),
    ['image/svg+xml', 'image/png'],
  );
  const served = await page.evaluate(
    async (hrefs) => {
      const out = [];
      for (const h of hrefs) {
        const r = await fetch(h);
        out.push({ status: r.status, type: r.headers.get('content-type'), bytes: [...new Uint8Array(await r.arrayBuffer())] });
      }
      return out;
    },
    links.map((l) => l.href),
  );
  assert.deepEqual(
    served.map((s) => [s.status, s.type]),
    [
      [200, 'image/svg+xml'],
      [200, 'image/png'],
    ],
  );
  assert.ok(
    Buffer.from(served[0].bytes).equals(fs.readFileSync(path.join(ROOT, 'resources/icon.svg'))),
    'the favicon is resources/icon.svg',
  );
  assert.ok(
    Buffer.from(served[1].bytes).equals(fs.readFileSync(path.join(ROOT, 'resources/icons/32x32.png'))),
    'the PNG favicon is the 32×32 icon',
  );
  await page.close();
});

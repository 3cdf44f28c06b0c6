import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { PlatformPackager } from 'app-builder-lib';
import { DebugLogger, log } from 'builder-util';
import {
  APP_ORIGIN,
  isAppUrl,
  mayFrameNavigate,
  mayNavigate,
  mayOpenWindow,
  mayRedirect,
  mayUsePermission,
} from '../../main/electron/policy';

// The desktop window's rules and the packaged binary's fuses. There is no Electron binary on the test machines, so the
// window itself is not run here: these are the pure rules main/electron/main.ts applies, and the build configuration as
// electron-builder itself reads it.

const ROOT = path.resolve(__dirname, '..', '..');

test('the window navigates only to app://journal; redirects, foreign frames, new windows and permissions are refused', () => {
  for (const url of [`${APP_ORIGIN}/index.html`, `${APP_ORIGIN}/index.html#/backup`, `${APP_ORIGIN}/`, 'app://JOURNAL/index.html']) {
    assert.equal(mayNavigate(url), true, url);
    assert.equal(mayFrameNavigate(url, true), true, url);
  }
  for (const url of [
    'https://example.com/',
    'http://127.0.0.1:8080/',
    'file:///etc/passwd',
    'app://evil/index.html',
    'app://journal.evil/index.html',
    'app://journal@evil/index.html',
    'app://user:pw@journal/index.html',
    'app://journal:8080/index.html',
    'javascript:alert(1)',
    'data:text/html,<script>1</script>',
    'about:blank',
    'not a url',
    '',
  ]) {
    assert.equal(mayNavigate(url), false, url);
    assert.equal(mayFrameNavigate(url, true), false, url);
    assert.equal(mayFrameNavigate(url, false), false, url);
  }
  // a frame shows only what the page wrote into it (print preview, the hidden print frame), never a URL, not even ours
  assert.equal(mayFrameNavigate('about:srcdoc', false), true);
  assert.equal(mayFrameNavigate('about:srcdoc', true), false);
  assert.equal(mayFrameNavigate(`${APP_ORIGIN}/index.html`, false), false);
  assert.equal(mayRedirect(), false);
  assert.equal(mayOpenWindow(), false);
  assert.equal(mayUsePermission(), false);
  // the IPC bridge answers only the program's own page
  assert.equal(isAppUrl(`${APP_ORIGIN}/index.html`), true);
  assert.equal(isAppUrl('about:srcdoc'), false);
});

test('electron-builder.yml flips the fuses: no run-as-node, NODE_OPTIONS or inspect; asar only, checked; cookies encrypted', async () => {
  // Read and validated by electron-builder's own loader and schema (a misspelt fuse fails validation). Its log line goes
  // to stderr: the test runner's own protocol runs over this process's stdout.
  (log as unknown as { stream: NodeJS.WritableStream }).stream = process.stderr;
  const config = await getConfig(ROOT, null, null);
  await validateConfiguration(config, new DebugLogger(false));
  const fuses = config.electronFuses;
  assert.ok(fuses, 'electronFuses is set');
  assert.deepEqual(
    { ...fuses },
    {
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    },
  );
  await assert.rejects(
    validateConfiguration({ ...config, electronFuses: { ...fuses, runAsnode: false } as never }, new DebugLogger(false)),
  );
  // What electron-builder hands to @electron/fuses when it packs: the fuse wire, option by option.
  const { FuseV1Options } = await import('@electron/fuses');
  const wire = (await (
    PlatformPackager.prototype as unknown as { generateFuseConfig(f: unknown): Promise<Record<string, unknown>> }
  ).generateFuseConfig.call(null, fuses)) as Record<number, boolean>;
  assert.equal(wire[FuseV1Options.RunAsNode], false);
  assert.equal(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable], false);
  assert.equal(wire[FuseV1Options.EnableNodeCliInspectArguments], false);
  assert.equal(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation], true);
  assert.equal(wire[FuseV1Options.OnlyLoadAppFromAsar], true);
  assert.equal(wire[FuseV1Options.EnableCookieEncryption], true);
  // the app must be packed into app.asar for OnlyLoadAppFromAsar to find it
  assert.notEqual(config.asar, false);
});

import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

// End-to-end harness: the real bundled host in a child process on a real SQLite file, driven by
// Debian's Chromium through playwright-core. Nothing here is a stand-in for a part users have.

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = path.resolve(__dirname, '..', '..');
const CLI = path.join(ROOT, 'build', 'school-journal.cjs');

export function assertChromium(): void {
  if (!fs.existsSync(CHROMIUM))
    throw new Error(
      `Chromium не найден (${CHROMIUM}): сквозные тесты требуют браузер. Установите его: sudo apt-get install -y chromium (или укажите CHROMIUM_PATH).`,
    );
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cli.cjs'))) throw new Error('Программа не собрана: выполните npm run build');
}

export interface RunningHost {
  url: string;
  dbFile: string;
  dir: string;
  child: ChildProcess;
  stop(): Promise<void>;
  kill(): void;
}

export function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const c = spawn(process.execPath, [CLI, ...args], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    c.stdout.on('data', (d) => (stdout += d));
    c.stderr.on('data', (d) => (stderr += d));
    c.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

/** Every host's folder (a demo database is ~250 MB): removed when the test file's process ends, not at stop(), since a
 * test may start a second host on the first one's database. */
const folders: string[] = [];
process.once('exit', () => {
  for (const d of folders) fs.rmSync(d, { recursive: true, force: true });
});

// The program's user-data folder (where it remembers the audit chain's head per database) for every host and CLI this
// test process starts: a temporary one, so tests leave nothing in the real profile.
if (!process.env.XDG_CONFIG_HOME) {
  process.env.XDG_CONFIG_HOME = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-userdata-'));
  folders.push(process.env.XDG_CONFIG_HOME);
}

export async function startHost(opts: { dbFile?: string; demo?: boolean } = {}): Promise<RunningHost> {
  assertChromium();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-e2e-'));
  folders.push(dir);
  const dbFile = opts.dbFile ?? path.join(dir, 'journal.sqlite');
  if (opts.demo) {
    const r = await cli(['demo', '--db', dbFile, '--today', '2026-06-30']);
    if (r.code !== 0) throw new Error(`demo failed: ${r.stderr}`);
  }
  const child = spawn(process.execPath, [CLI, 'host', '--db', dbFile], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  child.stderr!.on('data', (d) => (err += d));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`host did not start: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /(http:\/\/127\.0\.0\.1:\d+\/\?k=[\w-]+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`host exited ${code}: ${err}`)));
  });
  return {
    url,
    dbFile,
    dir,
    child,
    kill: () => child.kill('SIGKILL'),
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  assertChromium();
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

export async function openApp(browser: Browser, host: RunningHost): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 }, locale: 'ru-RU' });
  page.setDefaultTimeout(15_000);
  await page.goto(host.url);
  return page;
}

export async function login(page: Page, loginName: string, password: string): Promise<void> {
  await page.getByLabel('Логин').first().fill(loginName);
  await page.getByLabel('Пароль').first().fill(password);
  await page.getByRole('button', { name: 'Войти' }).click();
  await page.getByTestId('current-user').waitFor();
}

export const SCREENSHOTS = path.join(ROOT, 'docs', 'screenshots');

/**
 * Saves docs/screenshots/NAME.png, but only when SJ_SCREENSHOTS=1 (`npm run screenshots`): a plain test run leaves
 * the work tree as it found it.
 */
export async function screenshot(page: Page, name: string): Promise<void> {
  if (process.env.SJ_SCREENSHOTS !== '1') return;
  fs.mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`) });
}

/** Types a date into an antd DatePicker (format ДД.ММ.ГГГГ) found by its aria-label. */
export async function fillDate(page: Page, label: string, iso: string): Promise<void> {
  const ru = `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
  const input = page.getByLabel(label, { exact: true });
  await input.click();
  await input.fill(ru);
  await input.press('Enter');
}

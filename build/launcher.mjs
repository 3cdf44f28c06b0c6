// `npm start`: the desktop application when an Electron runtime can be had, otherwise the browser host.
// It never fails silently: every path ends in a window, a printed address, or a one-line reason.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const wantHost = args.includes('--browser') || process.env.SCHOOL_JOURNAL_BROWSER === '1';
const passArgs = args.filter((a) => a !== '--browser');

function say(line) {
  console.log(`[школьный журнал] ${line}`);
}

function ensureBuilt() {
  if (fs.existsSync(path.join(root, 'dist', 'cli.cjs')) && fs.existsSync(path.join(root, 'dist', 'renderer', 'index.html'))) return;
  say('собираю программу…');
  const r = spawnSync(process.execPath, [path.join(root, 'build', 'build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) {
    say('сборка не удалась, подробности выше.');
    process.exit(1);
  }
}

function electronBinary() {
  try {
    const p = require('electron');
    return typeof p === 'string' && fs.existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

function fetchElectron() {
  const install = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!fs.existsSync(install)) return false;
  say('среда Electron не установлена, пробую загрузить…');
  const r = spawnSync(process.execPath, [install], { stdio: 'ignore', timeout: 180_000, cwd: path.dirname(install) });
  return r.status === 0 && electronBinary() !== null;
}

/** better-sqlite3 built for Electron's ABI, kept apart so that Node's build (tests, CLI) stays intact. */
function electronSqliteBinding(electron) {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
  const dir = path.join(root, '.electron-native', version);
  const binding = path.join(dir, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  if (fs.existsSync(binding)) return binding;
  say(`собираю better-sqlite3 для Electron ${version} (один раз)…`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.cpSync(path.join(root, 'node_modules', 'better-sqlite3'), path.join(dir, 'better-sqlite3'), { recursive: true });
  let cli;
  try {
    cli = require.resolve('@electron/rebuild/lib/cli.js');
  } catch {
    return null;
  }
  const r = spawnSync(process.execPath, [cli, '--version', version, '--module-dir', path.join(dir, 'better-sqlite3'), '--force'], {
    stdio: 'inherit',
  });
  void electron;
  return r.status === 0 && fs.existsSync(binding) ? binding : null;
}

async function startHost(reason) {
  say(`${reason} Открываю браузерную версию.`);
  const host = require(path.join(root, 'dist', 'host.cjs'));
  const code = await host.main(passArgs);
  if (code) process.exit(code);
}

ensureBuilt();
if (wantHost) {
  await startHost('Запрошена браузерная версия.');
} else {
  const electron = electronBinary() ?? (fetchElectron() ? electronBinary() : null);
  if (!electron) {
    await startHost('Среда Electron недоступна (нет сети или загрузка запрещена).');
  } else {
    const binding = electronSqliteBinding(electron);
    if (!binding) {
      await startHost('Не удалось собрать better-sqlite3 для Electron.');
    } else {
      const child = spawn(electron, [path.join(root, 'dist', 'electron-main.cjs'), ...passArgs], {
        stdio: 'inherit',
        env: { ...process.env, SCHOOL_JOURNAL_SQLITE_BINDING: binding },
      });
      child.on('exit', (code) => process.exit(code ?? 0));
    }
  }
}

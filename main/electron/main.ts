import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  net,
  protocol,
  session,
  shell,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startApp, type App } from '../transport/app';
import { appendAudit } from '../kernel/audit-chain';
import { systemActor } from '../kernel/context';
import { rememberedDatabase, resolveDbTarget } from '../kernel/paths';
import { redactUrl } from '../../db/postgres';
import { CSP } from '../transport/host/server';
import { APP_ORIGIN, APP_SCHEME, isAppUrl, mayFrameNavigate, mayNavigate, mayOpenWindow, mayRedirect, mayUsePermission } from './policy';

// The desktop shell: a window, a Russian menu, the app:// protocol and the IPC binding.
// It is the only part of the program that imports electron.

const RENDERER = path.join(__dirname, 'renderer');
const SCHEME = APP_SCHEME;

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

/** `--db FILE|postgres://…`, else the database `school-journal use` remembered, else journal.sqlite in userData. */
function dbFileFromArgs(): string {
  const i = process.argv.indexOf('--db');
  if (i > 0 && process.argv[i + 1]) return resolveDbTarget(process.argv[i + 1]);
  return rememberedDatabase() ? resolveDbTarget(undefined) : path.join(app.getPath('userData'), 'journal.sqlite');
}

let core: App | null = null;
let win: BrowserWindow | null = null;

async function logShellRefusal(what: string, url: string) {
  if (!core) return;
  await appendAudit(
    core.env.db,
    systemActor('оболочка Electron'),
    { action: 'refused', entity: 'window', outcome: 'denied', after: { what, url: url.slice(0, 300) } },
    new Date(),
  );
}

function menu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'Файл',
      submenu: [
        { label: 'Печать…', accelerator: 'CmdOrCtrl+P', click: () => win?.webContents.print({ printBackground: true }) },
        { type: 'separator' },
        { label: 'Выход', role: 'quit' },
      ],
    },
    {
      label: 'Правка',
      submenu: [
        { label: 'Отменить', role: 'undo' },
        { label: 'Повторить', role: 'redo' },
        { type: 'separator' },
        { label: 'Вырезать', role: 'cut' },
        { label: 'Копировать', role: 'copy' },
        { label: 'Вставить', role: 'paste' },
        { label: 'Выделить всё', role: 'selectAll' },
      ],
    },
    {
      label: 'Вид',
      submenu: [
        { label: 'Обновить', role: 'reload' },
        { label: 'Крупнее', role: 'zoomIn' },
        { label: 'Мельче', role: 'zoomOut' },
        { label: 'Обычный размер', role: 'resetZoom' },
        { label: 'Во весь экран', role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Справка',
      submenu: [
        // the page's own F1 handler opens the guide at the current screen (renderer/Shell.tsx)
        { label: 'Руководство пользователя (F1)', click: () => win?.webContents.sendInputEvent({ type: 'keyDown', keyCode: 'F1' }) },
        {
          label: 'О программе',
          click: () =>
            dialog.showMessageBox({
              title: 'О программе',
              message: `Школьный журнал ${app.getVersion()}`,
              detail: `База данных: ${core ? redactUrl(core.env.dbFile) : '—'}`,
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

/** The navigation rules of main/electron/policy.ts, on every web contents the program creates (the window's first). */
function guard(wc: WebContents) {
  wc.on('will-navigate', (e) => {
    if (mayNavigate(e.url)) return;
    e.preventDefault();
    void logShellRefusal('navigate', e.url);
  });
  wc.on('will-frame-navigate', (e) => {
    if (mayFrameNavigate(e.url, e.isMainFrame)) return;
    e.preventDefault();
    // A refused main-frame navigation is logged once, by will-navigate above.
    if (!e.isMainFrame) void logShellRefusal('frame-navigate', e.url);
  });
  wc.on('will-redirect', (e) => {
    if (mayRedirect()) return;
    e.preventDefault();
    void logShellRefusal('redirect', e.url);
  });
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    if (mayOpenWindow()) return { action: 'allow' };
    void logShellRefusal('open-window', url);
    return { action: 'deny' };
  });
}

async function createWindow() {
  win = new BrowserWindow({
    width: 1400,
    height: 900,
    title: 'Школьный журнал',
    // Copied from resources/ by build/build.mjs; Windows draws ICO best, Linux wants a PNG.
    icon: path.join(__dirname, process.platform === 'win32' ? 'window-icon.ico' : 'window-icon.png'),
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win?.show());
  await win.loadURL(`${APP_ORIGIN}/index.html`);
}

async function start() {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return;
  }
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  await app.whenReady();
  try {
    core = await startApp({ dbFile: dbFileFromArgs(), runtime: 'electron' });
  } catch (e) {
    dialog.showErrorBox('Школьный журнал', (e as Error).message);
    app.exit(1);
    return;
  }
  session.defaultSession.webRequest.onHeadersReceived((details, cb) =>
    cb({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP] } }),
  );
  // Every permission refused, both when a page asks (request) and when Chromium checks one silently (check).
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(mayUsePermission()));
  session.defaultSession.setPermissionCheckHandler(() => mayUsePermission());
  session.defaultSession.setDevicePermissionHandler(() => mayUsePermission());
  protocol.handle(SCHEME, (req) => {
    const { pathname } = new URL(req.url);
    const file = path.normalize(path.join(RENDERER, decodeURIComponent(pathname)));
    if (!file.startsWith(RENDERER + path.sep)) return new Response('Not found', { status: 404 });
    return net.fetch(pathToFileURL(file).toString());
  });
  ipcMain.handle('rpc', async (event, channel: unknown, input: unknown, token: unknown) => {
    // Only our own page may talk to the router.
    const url = event.senderFrame?.url ?? '';
    if (!isAppUrl(url)) {
      await logShellRefusal('ipc-from-foreign-frame', url);
      return { ok: false, error: { code: 'FORBIDDEN', message: 'Запрос не из окна программы.' } };
    }
    return core!.router.call(String(channel), input, typeof token === 'string' ? token : null);
  });
  Menu.setApplicationMenu(menu());
  app.on('web-contents-created', (_e, wc) => guard(wc));
  await createWindow();
  if (app.isPackaged) {
    const { autoUpdater } = await import('electron-updater');
    autoUpdater.checkForUpdatesAndNotify().catch(() => undefined);
  }
  void shell;
}

app.on('window-all-closed', async () => {
  await core?.close();
  app.quit();
});

void start();

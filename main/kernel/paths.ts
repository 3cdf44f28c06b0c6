import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The platform's app-data folder, the same one Electron's app.getPath('userData') gives for this app. */
export function userDataDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'school-journal');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'school-journal');
  return path.join(process.env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'school-journal');
}

export function defaultDbFile(): string {
  return path.join(userDataDir(), 'journal.sqlite');
}

/** The project root, whether we run bundled from dist/ or from source under tsx. */
export function projectRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'package.json'))) return dir;
    dir = path.dirname(dir);
  }
  return process.cwd();
}

export function rendererDir(): string {
  return path.join(projectRoot(), 'dist', 'renderer');
}

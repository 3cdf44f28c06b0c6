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

/**
 * The setting that names the database the program opens without `--db`: `database.json` in the app-data folder,
 * `{ "db": "postgresql://sj_app@server/school?sslmode=verify-full" }` (or an SQLite file's path), written by
 * `school-journal use --db …` (transport/cli/use.ts) on each workstation of a district server.
 */
export function databaseSettingFile(): string {
  return path.join(userDataDir(), 'database.json');
}

/** The database named by the setting file, or null when there is none (a damaged file is a clear error). */
export function rememberedDatabase(): string | null {
  let text: string;
  try {
    text = fs.readFileSync(databaseSettingFile(), 'utf8');
  } catch {
    return null;
  }
  let db: unknown;
  try {
    db = (JSON.parse(text) as { db?: unknown }).db;
  } catch {
    db = undefined;
  }
  if (typeof db !== 'string' || !db.trim())
    throw new Error(`Файл настройки ${databaseSettingFile()} повреждён: в нём нет строки "db". Исправьте или удалите его.`);
  return db.trim();
}

/**
 * What `--db` names, as the program opens it: a PostgreSQL connection string as given (never resolved as a path),
 * a file as its full path; without `--db`, the remembered database, else the default file.
 */
export function resolveDbTarget(arg: string | undefined): string {
  const target = arg ?? rememberedDatabase() ?? defaultDbFile();
  return /^postgres(ql)?:\/\//i.test(target) ? target : path.resolve(target);
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

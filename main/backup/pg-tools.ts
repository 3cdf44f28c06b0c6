import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { backupError } from './errors';

// The PostgreSQL client programs a server backup runs (issue 17, part 5): pg_dump and pg_restore from the Debian
// package `postgresql-client` (Windows: the PostgreSQL installer's bin folder on PATH). The connection string never
// goes on their command line, where `ps` would show its password to every user of the machine: it becomes libpq's
// environment variables (PGHOST, PGPASSWORD, …) of the child process only.

export type PgTool = 'pg_dump' | 'pg_restore';

const CLIENT_PACKAGE = 'postgresql-client';

/** The tool's path: SCHOOL_JOURNAL_PG_BIN (a folder) first, then PATH. Refused in Russian, naming the package. */
export function findPgTool(tool: PgTool): string {
  const exe = process.platform === 'win32' ? `${tool}.exe` : tool;
  const dirs = [process.env.SCHOOL_JOURNAL_PG_BIN, ...(process.env.PATH ?? '').split(path.delimiter)].filter((d): d is string => !!d);
  for (const d of dirs) {
    const p = path.join(d, exe);
    try {
      fs.accessSync(p, fs.constants.X_OK);
      if (fs.statSync(p).isFile()) return p;
    } catch {
      /* not here */
    }
  }
  throw backupError(
    'BACKUP_PG_TOOLS',
    `Не найдена программа ${tool}: для резервных копий базы на сервере PostgreSQL установите пакет ${CLIENT_PACKAGE} ` +
      `той же основной версии, что и сервер (Debian/Ubuntu: apt install ${CLIENT_PACKAGE}; Windows: папка bin PostgreSQL в PATH).`,
  );
}

/** The major version of a client tool (`pg_dump (PostgreSQL) 15.18 …` → 15). */
export function toolMajor(bin: string): number {
  const r = spawnSync(bin, ['--version'], { encoding: 'utf8' });
  const m = /(\d+)(?:\.\d+)?/.exec(String(r.stdout));
  if (r.status !== 0 || !m) throw backupError('BACKUP_PG_TOOLS', `Программа ${bin} не отвечает (--version): ${String(r.stderr).trim()}`);
  return Number(m[1]);
}

/**
 * pg_dump refuses a server newer than itself, and a dump it makes of one would lack what it does not know: the
 * client's major version must be at least the server's (the same is best). Said before anything starts.
 */
export function assertToolFits(tool: PgTool, bin: string, serverMajor: number): number {
  const major = toolMajor(bin);
  if (major < serverMajor)
    throw backupError(
      'BACKUP_PG_TOOLS',
      `${tool} версии ${major} старше сервера PostgreSQL ${serverMajor}: установите пакет ${CLIENT_PACKAGE}-${serverMajor} ` +
        `(той же версии, что и сервер) и повторите.`,
    );
  return major;
}

interface UrlParts {
  user: string;
  password: string;
  hosts: string;
  database: string;
  params: URLSearchParams;
}

/** Splits a `postgres://user:password@host:port,host2/db?param=…` string (WHATWG URL cannot take an empty host). */
function splitUrl(url: string): UrlParts {
  const m = /^postgres(?:ql)?:\/\/(?:([^@/?]*)@)?([^/?]*)(?:\/([^?]*))?(?:\?(.*))?$/i.exec(url);
  if (!m) throw backupError('BACKUP_BAD_TARGET', 'Строка подключения к PostgreSQL не распознана (ожидается postgres://…).');
  const [user, password = ''] = (m[1] ?? '').split(/:(.*)/s);
  return {
    user: decodeURIComponent(user ?? ''),
    password: decodeURIComponent(password),
    hosts: decodeURIComponent(m[2] ?? ''),
    database: decodeURIComponent(m[3] ?? ''),
    params: new URLSearchParams(m[4] ?? ''),
  };
}

/** libpq's variable for each connection parameter the program's strings may carry. */
const PARAM_ENV: Record<string, string> = {
  host: 'PGHOST',
  hostaddr: 'PGHOSTADDR',
  port: 'PGPORT',
  user: 'PGUSER',
  password: 'PGPASSWORD',
  dbname: 'PGDATABASE',
  passfile: 'PGPASSFILE',
  service: 'PGSERVICE',
  options: 'PGOPTIONS',
  application_name: 'PGAPPNAME',
  sslmode: 'PGSSLMODE',
  sslcert: 'PGSSLCERT',
  sslkey: 'PGSSLKEY',
  sslrootcert: 'PGSSLROOTCERT',
  sslcrl: 'PGSSLCRL',
  requiressl: 'PGREQUIRESSL',
  gssencmode: 'PGGSSENCMODE',
  channel_binding: 'PGCHANNELBINDING',
  connect_timeout: 'PGCONNECT_TIMEOUT',
  target_session_attrs: 'PGTARGETSESSIONATTRS',
};

/** The environment of a pg_dump/pg_restore child for `url`: the parent's, with the URL's parts as PG* variables. */
export function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = splitUrl(url);
  const env: NodeJS.ProcessEnv = { ...process.env, PGCLIENTENCODING: 'UTF8' };
  if (u.hosts) {
    const hosts: string[] = [];
    const ports: string[] = [];
    for (const h of u.hosts.split(',')) {
      const hm = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(h);
      hosts.push((hm?.[1] ?? h).replace(/^\[|\]$/g, ''));
      ports.push(hm?.[2] ?? '');
    }
    env.PGHOST = hosts.join(',');
    if (ports.some(Boolean)) env.PGPORT = ports.map((p) => p || '5432').join(',');
  }
  if (u.user) env.PGUSER = u.user;
  if (u.password) env.PGPASSWORD = u.password;
  if (u.database) env.PGDATABASE = u.database;
  for (const [k, v] of u.params) {
    const name = PARAM_ENV[k];
    if (!name) throw backupError('BACKUP_BAD_TARGET', `Параметр «${k}» строки подключения не поддерживается для pg_dump/pg_restore.`);
    env[name] = v;
  }
  return env;
}

/** The same server, another database (a drill's throwaway one). */
export function urlWithDatabase(url: string, database: string): string {
  const m = /^(postgres(?:ql)?:\/\/[^/?]*)(?:\/[^?]*)?(\?.*)?$/i.exec(url);
  if (!m) throw backupError('BACKUP_BAD_TARGET', 'Строка подключения к PostgreSQL не распознана (ожидается postgres://…).');
  return `${m[1]}/${encodeURIComponent(database)}${m[2] ?? ''}`;
}

/** The URL without its password, for messages, manifests and the history. */
export function urlForPeople(url: string): string {
  return url.replace(/^(postgres(?:ql)?:\/\/[^:@/?]*):[^@/?]*@/i, '$1:***@');
}

export function databaseOf(url: string): string {
  return splitUrl(url).database;
}

/** One connection of the program's own driver (`pg`), for the snapshot, the counts and the checks around the tools. */
export async function pgClient(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  try {
    await c.connect();
  } catch (e) {
    throw backupError('BACKUP_BAD_TARGET', `Нет соединения с базой PostgreSQL ${urlForPeople(url)}: ${(e as Error).message}`);
  }
  c.on('error', () => undefined); // a connection the server ends is reported by the next query
  return c;
}

export async function serverMajor(c: pg.Client): Promise<number> {
  const r = await c.query<{ v: string }>("select current_setting('server_version_num') as v");
  return Math.floor(Number(r.rows[0].v) / 10000);
}

export interface Running {
  child: ChildProcess;
  /** Resolves when the process ended with 0; otherwise rejects with the tail of its stderr. */
  done: Promise<void>;
}

/**
 * Starts a tool with the connection in its environment. Its stderr is kept (the last 16 KiB) for the message
 * when it fails; a failure is mapped by `explain` into a refusal.
 */
export function runPgTool(
  bin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdio: { stdin: boolean; stdout: boolean },
  explain: (stderr: string, code: number | null) => Error,
): Running {
  const child = spawn(bin, args, { env, stdio: [stdio.stdin ? 'pipe' : 'ignore', stdio.stdout ? 'pipe' : 'ignore', 'pipe'] });
  let err = '';
  child.stderr!.setEncoding('utf8');
  child.stderr!.on('data', (s: string) => {
    err = (err + s).slice(-16_384);
  });
  // A reader that stops early (pg_restore ending at the first bad block) closes its stdin: the writer sees EPIPE.
  child.stdin?.on('error', () => undefined);
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', (e) => reject(explain(e.message, null)));
    child.once('close', (code) => (code === 0 ? resolve() : reject(explain(err.trim(), code))));
  });
  done.catch(() => undefined);
  return { child, done };
}

/** The last meaningful line a tool printed, for a message. */
export function lastLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return (lines.find((l) => /error|ошибка|fatal/i.test(l)) ?? lines[lines.length - 1] ?? '').slice(0, 400);
}

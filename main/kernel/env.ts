import type Database from 'better-sqlite3';
import { AppError, type Db } from '../../db/index';
import type { Channel, Output, ParsedInput } from '../contract/index';
import type { Permission } from '../contract/rules/roles';
import type { Ctx } from './context';

/** What every way in shares for one open database: Electron's IPC, the browser host and the CLI's host command. */
export interface AppEnv {
  db: Db;
  /** The SQLite file's better-sqlite3 handle; null on PostgreSQL (docs/POSTGRES.md), where everything goes through `db`. */
  raw: Database.Database | null;
  /** The SQLite file's path, or the PostgreSQL connection string. */
  dbFile: string;
  runtime: 'electron' | 'browser-host';
  version: string;
  now: () => Date;
  /** Set at start when the audit chain no longer holds the head the program last saw (kernel/audit-anchor.ts). */
  auditWarning?: string | null;
}

/**
 * The better-sqlite3 handle for work not yet ported to PostgreSQL (backups, the demo; docs/POSTGRES.md), or a clear
 * refusal naming what is not available on the server yet.
 */
export function sqliteHandle(env: Pick<AppEnv, 'raw'>, what: string): Database.Database {
  if (env.raw) return env.raw;
  throw new AppError('UNSUPPORTED', `${what}: на сервере PostgreSQL пока недоступно (работает с базой SQLite).`);
}

/** Who may call a channel: anyone (login screens), any logged-in user, or holders of a permission. */
export type Access = 'public' | 'session' | Permission;

export interface CallContext extends Ctx {
  env: AppEnv;
  token: string | null;
}

export interface HandlerDef<C extends Channel> {
  access: Access;
  run(ctx: CallContext, input: ParsedInput<C>): Promise<Output<C>>;
}

/** One capability's handlers: the mapped type refuses to compile while a channel of the area has none. */
export type AreaHandlers<K extends Channel> = { [C in K]: HandlerDef<C> };
export type Handlers = AreaHandlers<Channel>;

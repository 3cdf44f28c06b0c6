import fs from 'node:fs';
import path from 'node:path';
import { openRaw, wrap, type OpenDatabase, type OpenOptions } from './connection';
import { migrateToLatest, type MigrationReport } from './migrate';

export type { Db, OpenDatabase } from './connection';
export { AppError, isAppError } from './errors';
export { SCHEMA_VERSION } from './migrations';

/** Opens (creating if needed) the school's database and brings its schema up to date. */
export async function openDatabase(file: string, opts: OpenOptions = {}): Promise<OpenDatabase & { migration: MigrationReport }> {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const raw = openRaw(file, opts);
  const handle = wrap(raw, file);
  try {
    const migration = await migrateToLatest(handle.db, raw, file);
    return { ...handle, migration };
  } catch (e) {
    await handle.close();
    throw e;
  }
}

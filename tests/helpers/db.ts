import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../../db';
import { systemActor, type Actor, type Ctx } from '../../main/kernel/context';

/** A real SQLite file in a fresh temporary folder, migrated, with a system actor. */
export async function tempDb(name = 'test.sqlite') {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-test-'));
  const file = path.join(dir, name);
  const h = await openDatabase(file);
  const ctx: Ctx = { db: h.db, actor: systemActor('тест'), now: () => new Date() };
  return {
    ...h,
    dir,
    ctx,
    as(actor: Actor): Ctx {
      return { ...ctx, actor };
    },
    async cleanup() {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

import type Database from 'better-sqlite3';
import { AppError, type Db } from '../../db';
import { hashSecret } from '../accounts/passwords';
import type { Actor, Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { createDemoStructure, type DemoStructure } from './school';
import { seededFaker } from './random';
import { DEMO_STEPS } from './steps';

export interface DemoOptions {
  students?: number;
  seed?: number;
  /** Password of every demo account; printed by the CLI. */
  password?: string;
  /**
   * Years of data: 1 (default) is 2025/2026 only; up to 5 adds the closed years from 2021/2022 on with their journals;
   * above 5 (up to 25) adds archive years before those: classes, students and final marks only (archive-years.ts).
   */
  years?: number;
}

export const DEMO_PASSWORD = 'demo-parol-2025';

export interface DemoResult {
  structure: DemoStructure;
  password: string;
  logins: string[];
}

/**
 * Fills an empty database with the demo school. Later capabilities add their steps here
 * (timetable, lessons, marks) so that one command gives a whole year.
 */
export async function runDemo(db: Db, raw: Database.Database, actor: Actor, opts: DemoOptions = {}): Promise<DemoResult> {
  const hasData = await db.selectFrom('school').select('id').executeTakeFirst();
  if (hasData) throw new AppError('INVALID', 'В базе уже есть данные школы: демонстрационную школу можно создать только в пустой базе.');
  const f = seededFaker(opts.seed ?? 2025);
  // Thousands of small audited transactions: a power cut during generation only loses the demo.
  raw.pragma('synchronous = OFF');
  try {
    // A fixed clock keeps the audit log (and so the whole file's content) the same for a seed.
    let tick = Date.parse('2025-08-25T06:00:00Z');
    const ctx: Ctx = { db, actor, now: () => new Date((tick += 1000)) };
    const structure = await createDemoStructure(ctx, f, opts.students ?? 1100);
    const password = opts.password ?? DEMO_PASSWORD;
    const password_hash = await hashSecret(password);
    await mutate(ctx, async (w) => {
      for (const a of structure.accounts) {
        const u = await w.trx
          .insertInto('app_user')
          .values({
            login: a.login,
            display_name: a.displayName,
            staff_id: a.staffId,
            password_hash,
            activation_hash: null,
            locked_until: null,
            compromised_at: null,
            created_at: w.at.toISOString(),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await w.trx
          .insertInto('user_role')
          .values(a.roles.map((role) => ({ user_id: u.id, role })))
          .execute();
        await w.audit({
          action: 'create',
          entity: 'app_user',
          entityId: u.id,
          after: { login: a.login, roles: a.roles, staffId: a.staffId },
        });
      }
    });
    for (const step of DEMO_STEPS) await step(ctx, f, structure, { raw, years: opts.years ?? 1 });
    return { structure, password, logins: structure.accounts.map((a) => a.login) };
  } finally {
    raw.pragma('synchronous = FULL');
  }
}

import type Database from 'better-sqlite3';
import { AppError, type Db } from '../../db';
import { hashSecret } from '../accounts/passwords';
import type { Actor, Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { isIsoDate } from '../contract/rules/dates';
import { DEMO_NOW_LOCAL, DEMO_TIME_ZONE, demoInstant, schoolYearOf, todayIn, type DemoClock } from './calendar';
import { createDemoStructure, type DemoStructure } from './school';
import { seededFaker } from './random';
import { DEMO_STEPS } from './steps';

export interface DemoOptions {
  students?: number;
  seed?: number;
  /** Password of every demo account; printed by the CLI. */
  password?: string;
  /**
   * Years of data: 1 (default) is the current year only; up to 5 adds closed years before it with their journals;
   * above 5 (up to 25) adds archive years before those: classes, students and final marks only (archive-years.ts).
   */
  years?: number;
  /**
   * The demo's today (ISO date; default: today in the school's time zone, Omsk). The current year is the school year
   * containing it, filled up to it (its entries up to 14:00 local): '2026-06-30' gives the whole of 2025/2026.
   */
  today?: string;
}

export const DEMO_PASSWORD = 'demo-parol-2025';

export interface DemoResult {
  structure: DemoStructure;
  password: string;
  logins: string[];
  /** The demo's today: its current year is the school year containing it. */
  today: string;
}

/**
 * Fills an empty database with the demo school, living in the school year that contains `today`: its journal is filled
 * up to today. Later capabilities add their steps here (timetable, lessons, marks).
 */
export async function runDemo(db: Db, raw: Database.Database, actor: Actor, opts: DemoOptions = {}): Promise<DemoResult> {
  const hasData = await db.selectFrom('school').select('id').executeTakeFirst();
  if (hasData) throw new AppError('INVALID', 'В базе уже есть данные школы: демонстрационную школу можно создать только в пустой базе.');
  const f = seededFaker(opts.seed ?? 2025);
  // Thousands of small audited transactions: a power cut during generation only loses the demo.
  raw.pragma('synchronous = OFF');
  try {
    const today = opts.today ?? todayIn(DEMO_TIME_ZONE);
    if (!isIsoDate(today)) throw new AppError('INVALID', `Дата демонстрационной школы «${today}»: нужна дата вида 2026-12-02`);
    const startYear = schoolYearOf(today);
    // A clock of its own keeps the audit log (and so the whole file's content) the same for a seed and a today: the
    // school is set up in late August, transfers and substitutions are entered on their days, the journal's entries
    // carry their own times, and the run ends at the demo's «now».
    let tick = Date.parse(`${startYear}-08-25T06:00:00Z`);
    const clock: DemoClock = { at: (ms) => void (tick = ms), now: () => tick };
    const ctx: Ctx = { db, actor, now: () => new Date((tick += 1000)) };
    const nowMs = demoInstant(today, DEMO_NOW_LOCAL);
    const structure = await createDemoStructure(ctx, f, opts.students ?? 1100, { startYear, today, clock });
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
    const env = { raw, years: opts.years ?? 1, today, nowMs, clock };
    for (const step of DEMO_STEPS) await step(ctx, f, structure, env);
    return { structure, password, logins: structure.accounts.map((a) => a.login), today };
  } finally {
    raw.pragma('synchronous = FULL');
  }
}

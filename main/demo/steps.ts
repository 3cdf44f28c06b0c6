import type Database from 'better-sqlite3';
import type { Faker } from '@faker-js/faker';
import type { Ctx } from '../kernel/context';
import type { DemoClock } from './calendar';
import { demoJournal } from './journal';
import { demoParents } from './parents';
import { demoCloseYears, demoPastYears } from './past-years';
import { demoArchiveYears } from './archive-years';
import type { DemoStructure } from './school';
import { demoTimetable } from './timetable';

/** What a step may need besides the services: the raw connection for bulk writes, and the run's options. */
export interface DemoEnv {
  raw: Database.Database;
  /** Years of data: 1 is the demo year only; more adds closed past years before it. */
  years: number;
  /** The demo's today (ISO date): the current year's lessons after it get no entries. */
  today: string;
  /** The demo's «now» (ms): today at 14:00 in Omsk; no entry is made after it. */
  nowMs: number;
  /** The audit clock (`ctx.now`). */
  clock: DemoClock;
}

/** What later capabilities add to the demo school, in order, after its structure and accounts. */
export type DemoStep = (ctx: Ctx, f: Faker, structure: DemoStructure, env: DemoEnv) => Promise<void>;

export const DEMO_STEPS: DemoStep[] = [demoTimetable, demoJournal, demoPastYears, demoArchiveYears, demoCloseYears, demoParents];

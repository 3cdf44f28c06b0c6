import type Database from 'better-sqlite3';
import type { Faker } from '@faker-js/faker';
import type { Ctx } from '../kernel/context';
import { demoJournal } from './journal';
import { demoParents } from './parents';
import { demoPastYears } from './past-years';
import type { DemoStructure } from './school';
import { demoTimetable } from './timetable';

/** What a step may need besides the services: the raw connection for bulk writes, and the run's options. */
export interface DemoEnv {
  raw: Database.Database;
  /** Years of data: 1 is the demo year only; more adds closed past years before it. */
  years: number;
}

/** What later capabilities add to the demo school, in order, after its structure and accounts. */
export type DemoStep = (ctx: Ctx, f: Faker, structure: DemoStructure, env: DemoEnv) => Promise<void>;

export const DEMO_STEPS: DemoStep[] = [demoTimetable, demoJournal, demoPastYears, demoParents];

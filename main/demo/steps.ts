import type { Faker } from '@faker-js/faker';
import type { Ctx } from '../core/context';
import type { DemoStructure } from './school';
import { demoTimetable } from './timetable';

/** What later capabilities add to the demo school, in order, after its structure and accounts. */
export type DemoStep = (ctx: Ctx, f: Faker, structure: DemoStructure) => Promise<void>;

export const DEMO_STEPS: DemoStep[] = [demoTimetable];

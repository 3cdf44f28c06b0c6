import type { Faker } from '@faker-js/faker';
import type { Ctx } from '../core/context';
import type { DemoStructure } from './school';
import type { DemoEnv } from './steps';

export async function demoPastYears(ctx: Ctx, f: Faker, s: DemoStructure, env: DemoEnv): Promise<void> {
  void ctx, f, s, env;
}

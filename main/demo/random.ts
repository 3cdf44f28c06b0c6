import { fakerRU, type Faker } from '@faker-js/faker';

/** One seeded faker per demo run: the same seed gives the same school. */
export function seededFaker(seed: number): Faker {
  fakerRU.seed(seed);
  return fakerRU;
}

export function pick<T>(f: Faker, list: readonly T[]): T {
  return list[f.number.int({ min: 0, max: list.length - 1 })];
}

export function chance(f: Faker, p: number): boolean {
  return f.number.float({ min: 0, max: 1 }) < p;
}

export function isoBetween(f: Faker, from: string, to: string): string {
  return f.date
    .between({ from: `${from}T12:00:00Z`, to: `${to}T12:00:00Z` })
    .toISOString()
    .slice(0, 10);
}

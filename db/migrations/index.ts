import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0003 from './0003_backup';

// Listed statically: bundlers break folder scanning. Append only; never rename or reorder.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0003_backup': m0003,
};

export const SCHEMA_VERSION = Object.keys(migrations).length;

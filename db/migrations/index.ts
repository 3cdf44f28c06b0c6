import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_curriculum_timetable';
import * as m0003 from './0003_backup';
import * as m0005 from './0005_guardian_notices';
import * as m0006 from './0006_journal';

// Listed statically: bundlers break folder scanning. Append only; never rename or reorder.
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_curriculum_timetable': m0002,
  '0003_backup': m0003,
  '0005_guardian_notices': m0005,
  '0006_journal': m0006,
};

export const SCHEMA_VERSION = Object.keys(migrations).length;

import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation';
import * as m0002 from './0002_curriculum_timetable';
import * as m0003 from './0003_backup';
import * as m0005 from './0005_guardian_notices';
import * as m0006 from './0006_journal';
import * as m0007 from './0007_setting_key_not_null';
import * as m0009 from './0009_entry_time_indexes';
import * as m0010 from './0010_group_membership_dates';
import * as m0011 from './0011_application_id';
import * as m0012 from './0012_parent_extracts';
import * as m0013 from './0013_personal_data_checks';
import * as m0014 from './0014_year_close';
import * as m0015 from './0015_archive';
import * as m0016 from './0016_lookup_indexes';
import * as m0017 from './0017_attendance_time';
import * as m0018 from './0018_journal_remark';
import * as m0019 from './0019_session';

// Listed statically: bundlers break folder scanning. Append only; never rename or reorder.
// (There is no 0004: the name was never shipped. Numbers only order the files; the schema version
// counts the list.)
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_curriculum_timetable': m0002,
  '0003_backup': m0003,
  '0005_guardian_notices': m0005,
  '0006_journal': m0006,
  '0007_setting_key_not_null': m0007,
  '0009_entry_time_indexes': m0009,
  '0010_group_membership_dates': m0010,
  '0011_application_id': m0011,
  '0012_parent_extracts': m0012,
  '0013_personal_data_checks': m0013,
  '0014_year_close': m0014,
  '0015_archive': m0015,
  '0016_lookup_indexes': m0016,
  '0017_attendance_time': m0017,
  '0018_journal_remark': m0018,
  '0019_session': m0019,
};

const names = Object.keys(migrations);

/**
 * The schema version kept in `PRAGMA user_version`: the number of migrations applied, so a migration's
 * version is its position in the list (1-based). Derived from the list, never written by hand; databases
 * written before this rule already carry exactly this number (5 after 0006_journal).
 */
export const SCHEMA_VERSION = names.length;

/** The user_version a database has once `name` (and every migration before it) is applied. */
export function schemaVersionAfter(name: string): number {
  const i = names.indexOf(name);
  if (i < 0) throw new Error(`unknown migration ${name}`);
  return i + 1;
}

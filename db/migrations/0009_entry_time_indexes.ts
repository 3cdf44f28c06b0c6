import { type Kysely, sql } from 'kysely';

// The late-entries report (issue 11, part 12) reads the marks and absences first entered within a range of days:
// without these indexes every report scans the whole year's marks (a large school: hundreds of thousands). Numbered
// 0009, not 0008: another change of the same issue may take 0008; numbers only order the files.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index mark_entered on mark(entered_at)`.execute(db);
  await sql`create index journal_cell_entered on journal_cell(entered_at) where absence is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index journal_cell_entered`.execute(db);
  await sql`drop index mark_entered`.execute(db);
}

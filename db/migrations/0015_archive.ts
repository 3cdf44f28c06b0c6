import { type Kysely, sql } from 'kysely';

// Issue 14 parts 3–4, seed 001 director §5 and §16: the archive register of printed and certified documents, the acts
// of selection for destruction, the year packages written to the archive folder and the re-checks of their hashes.
//
// archive_document: one row per printed journal, ledger or book of ledgers (what, for which class/year/period, pages,
// the file's SHA-256, printed when and by whom); its certification (laced, signed, sealed: when and by whom), where the
// paper is kept, and — once an act of selection for destruction is recorded as signed — the act that destroyed it.
// `period` is null for a whole year's copy (a period copy names its period).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('archive_destruction_act')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('number', 'text', (c) => c.notNull())
    .addColumn('drawn_at', 'text', (c) => c.notNull())
    .addColumn('drawn_by', 'text', (c) => c.notNull())
    .addColumn('file_sha256', 'text')
    .addColumn('signed_on', 'text')
    .addColumn('signed_recorded_by', 'text')
    .addColumn('signed_recorded_at', 'text')
    .execute();
  await db.schema
    .createTable('archive_document')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id'))
    .addColumn('class_id', 'integer', (c) => c.references('class.id'))
    .addColumn('period', 'text')
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('pages', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('file_sha256', 'text', (c) => c.notNull())
    .addColumn('printed_at', 'text', (c) => c.notNull())
    .addColumn('printed_by', 'text', (c) => c.notNull())
    .addColumn('laced_at', 'text')
    .addColumn('laced_by', 'text')
    .addColumn('signed_at', 'text')
    .addColumn('signed_by', 'text')
    .addColumn('sealed_at', 'text')
    .addColumn('sealed_by', 'text')
    .addColumn('storage_place', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('act_id', 'integer', (c) => c.references('archive_destruction_act.id'))
    .addColumn('destroyed_on', 'text')
    .execute();
  await sql`create index archive_document_year on archive_document(year_id, kind, class_id)`.execute(db);
  await db.schema
    .createTable('archive_package')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('year_id', 'integer', (c) => c.notNull().references('academic_year.id'))
    .addColumn('folder', 'text', (c) => c.notNull())
    .addColumn('files', 'integer', (c) => c.notNull())
    .addColumn('bytes', 'integer', (c) => c.notNull())
    .addColumn('manifest_sha256', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('archive_check')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('package_id', 'integer', (c) => c.notNull().references('archive_package.id'))
    .addColumn('checked_at', 'text', (c) => c.notNull())
    .addColumn('ok', 'integer', (c) => c.notNull())
    .addColumn('problems', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('not reversible');
}

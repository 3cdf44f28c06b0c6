import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { Migrator, sql } from 'kysely';
import ts from 'typescript';
import { openDatabase, SCHEMA_VERSION } from '../../db';
import { openRaw, wrap } from '../../db/connection';
import { migrations, schemaVersionAfter } from '../../db/migrations';
import { openPostgres } from '../../db/postgres';
import { freshPgDatabase, pgSkip } from '../helpers/pg';

// db/schema.ts is written by hand beside the migrations; nothing but this test keeps the two in step.
// The database side comes from a freshly migrated file (the real migrator), the TypeScript side from
// the compiler's view of the `DB` interface, so aliases such as Defaulted<…>, Generated<…> and the
// contract's string unions are resolved the way Kysely sees them.

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCHEMA_TS = path.join(ROOT, 'db/schema.ts');

type Family = 'integer' | 'real' | 'text' | 'blob';

interface Column {
  nullable: boolean;
  /** What a value read from the column can be: SQLite's affinity, or the TypeScript select type's kinds. */
  families: Family[];
}

type Tables = Map<string, Map<string, Column>>;

/** SQLite's affinity rules (https://sqlite.org/datatype3.html §3.1), folded to what a driver returns. */
function affinity(declared: string): Family[] {
  const t = declared.toUpperCase();
  if (t.includes('INT')) return ['integer'];
  if (t.includes('CHAR') || t.includes('CLOB') || t.includes('TEXT')) return ['text'];
  if (t === '' || t.includes('BLOB')) return ['blob'];
  if (t.includes('REAL') || t.includes('FLOA') || t.includes('DOUB')) return ['real'];
  return ['integer', 'real']; // NUMERIC
}

async function databaseTables(): Promise<Tables> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-drift-'));
  const h = await openDatabase(path.join(dir, 'j.sqlite'));
  try {
    const names = h.raw
      .prepare(
        `select name from sqlite_master where type = 'table'
           and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_migration%' escape '\\'
         order by name`,
      )
      .pluck()
      .all() as string[];
    const tables: Tables = new Map();
    for (const name of names) {
      const info = h.raw.prepare(`select * from pragma_table_info(?)`).all(name) as {
        name: string;
        type: string;
        notnull: number;
        pk: number;
      }[];
      const pkColumns = info.filter((c) => c.pk > 0);
      const columns = new Map<string, Column>();
      for (const c of info) {
        // A lone INTEGER PRIMARY KEY is the rowid and can never hold NULL; any other column can unless
        // it says NOT NULL (SQLite lets NULL into other primary keys for backwards compatibility).
        const rowid = c.pk > 0 && pkColumns.length === 1 && c.type.toUpperCase() === 'INTEGER';
        columns.set(c.name, { nullable: c.notnull === 0 && !rowid, families: affinity(c.type) });
      }
      tables.set(name, columns);
    }
    return tables;
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function typeFamilies(checker: ts.TypeChecker, type: ts.Type, where: string): { nullable: boolean; families: Family[] } {
  const parts = type.isUnion() ? type.types : [type];
  let nullable = false;
  const families = new Set<Family>();
  for (const p of parts) {
    if (p.flags & ts.TypeFlags.Null) nullable = true;
    else if (p.flags & ts.TypeFlags.StringLike) families.add('text');
    // A TypeScript number holds either kind of SQLite number; the affinity check below accepts both.
    else if (p.flags & (ts.TypeFlags.NumberLike | ts.TypeFlags.BigIntLike)) families.add('integer').add('real');
    else if (/^(Buffer|Uint8Array)\b/.test(checker.typeToString(p))) families.add('blob');
    else throw new Error(`${where}: a column type the drift test does not know: ${checker.typeToString(p)}`);
  }
  return { nullable, families: [...families].sort() };
}

function schemaTables(): Tables {
  const program = ts.createProgram([SCHEMA_TS], {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    types: [],
  });
  const problems = ts.getPreEmitDiagnostics(program).filter((d) => d.category === ts.DiagnosticCategory.Error);
  assert.deepEqual(
    problems.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    [],
    'db/schema.ts compiles on its own',
  );
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_TS)!;
  const db = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === 'DB');
  assert.ok(db, 'db/schema.ts declares interface DB');
  const tables: Tables = new Map();
  for (const table of checker.getPropertiesOfType(checker.getTypeAtLocation(db))) {
    const columns = new Map<string, Column>();
    for (const column of checker.getPropertiesOfType(checker.getTypeOfSymbolAtLocation(table, db))) {
      let type = checker.getTypeOfSymbolAtLocation(column, db);
      // ColumnType<Select, Insert, Update> (and Generated, Defaulted): what a select returns is what the database holds.
      const select = type.getProperty('__select__');
      if (select) type = checker.getTypeOfSymbolAtLocation(select, db);
      columns.set(column.name, typeFamilies(checker, type, `${table.name}.${column.name}`));
    }
    tables.set(table.name, columns);
  }
  return tables;
}

/** Every difference between the two, one line each, naming the table and the column. */
function drift(database: Tables, schema: Tables): string[] {
  const out: string[] = [];
  for (const [table, columns] of database) {
    const declared = schema.get(table);
    if (!declared) {
      out.push(`table ${table}: in the database, missing from DB in db/schema.ts`);
      continue;
    }
    for (const [name, col] of columns) {
      const ts = declared.get(name);
      if (!ts) {
        out.push(`${table}.${name}: column in the database, missing from db/schema.ts`);
        continue;
      }
      if (col.nullable !== ts.nullable)
        out.push(
          `${table}.${name}: the database ${col.nullable ? 'allows' : 'forbids'} NULL, db/schema.ts ${ts.nullable ? 'says | null' : 'has no | null'}`,
        );
      if (!ts.families.some((f) => col.families.includes(f)))
        out.push(`${table}.${name}: the database holds ${col.families.join('/')}, db/schema.ts reads ${ts.families.join('/')}`);
    }
    for (const name of declared.keys())
      if (!columns.has(name)) out.push(`${table}.${name}: in db/schema.ts, no such column in the database`);
  }
  for (const table of schema.keys())
    if (!database.has(table)) out.push(`table ${table}: in DB in db/schema.ts, no such table in the database`);
  return out;
}

/** PostgreSQL's types as the migrations come out there (db/dialect.ts), folded the same way. */
function pgFamily(dataType: string): Family[] {
  if (/int/.test(dataType)) return ['integer'];
  if (/double|real|numeric/.test(dataType)) return ['real'];
  if (/text|char/.test(dataType)) return ['text'];
  if (dataType === 'bytea') return ['blob'];
  throw new Error(`a PostgreSQL column type the drift test does not know: ${dataType}`);
}

async function postgresTables(): Promise<Tables> {
  const d = await freshPgDatabase('sj_drift');
  const h = await openPostgres(d.url);
  try {
    const rows = await sql<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>`
      select table_name, column_name, data_type, is_nullable from information_schema.columns
       where table_schema = 'public' and table_name not like 'kysely\_migration%'
       order by table_name, ordinal_position`.execute(h.db);
    const tables: Tables = new Map();
    for (const r of rows.rows) {
      if (!tables.has(r.table_name)) tables.set(r.table_name, new Map());
      tables.get(r.table_name)!.set(r.column_name, { nullable: r.is_nullable === 'YES', families: pgFamily(r.data_type) });
    }
    return tables;
  } finally {
    await h.close();
    await d.drop();
  }
}

test('db/schema.ts matches a freshly migrated database column by column: names, NULL and value kind', async () => {
  const database = await databaseTables();
  const schema = schemaTables();
  assert.ok(database.size > 30 && schema.size > 30, `both sides were read (${database.size} tables, ${schema.size} interfaces)`);
  assert.deepEqual(drift(database, schema), []);
});

test('on PostgreSQL too: the same migrations give the tables and columns db/schema.ts declares', { skip: pgSkip }, async () => {
  const database = await postgresTables();
  const schema = schemaTables();
  assert.ok(database.size > 30, `the PostgreSQL side was read (${database.size} tables)`);
  assert.deepEqual(drift(database, schema), []);
  // And both engines hold the same tables with the same columns, NULL rules and value kinds.
  assert.deepEqual(drift(database, await databaseTables()), []);
});

test('the drift check names the table and the column of each kind of difference', () => {
  const col = (nullable: boolean, ...families: Family[]): Column => ({ nullable, families });
  const database: Tables = new Map([
    [
      'a',
      new Map([
        ['id', col(false, 'integer')],
        ['note', col(true, 'text')],
        ['extra', col(false, 'text')],
        ['n', col(false, 'integer')],
      ]),
    ],
    ['only_db', new Map([['x', col(false, 'text')]])],
  ]);
  const schema: Tables = new Map([
    [
      'a',
      new Map([
        ['id', col(false, 'integer', 'real')],
        ['note', col(false, 'text')],
        ['gone', col(false, 'text')],
        ['n', col(false, 'text')],
      ]),
    ],
    ['only_ts', new Map([['y', col(false, 'text')]])],
  ]);
  assert.deepEqual(drift(database, schema), [
    'a.note: the database allows NULL, db/schema.ts has no | null',
    'a.extra: column in the database, missing from db/schema.ts',
    'a.n: the database holds integer, db/schema.ts reads text',
    'a.gone: in db/schema.ts, no such column in the database',
    'table only_db: in the database, missing from DB in db/schema.ts',
    'table only_ts: in DB in db/schema.ts, no such table in the database',
  ]);
});

test('the schema version is the length of the migrations list, and the list is every migration file in order', () => {
  const names = Object.keys(migrations);
  const files = fs
    .readdirSync(path.join(ROOT, 'db/migrations'))
    .filter((f) => f !== 'index.ts')
    .map((f) => f.replace(/\.ts$/, ''));
  assert.deepEqual(
    files.filter((f) => !/^\d{4}_[a-z0-9_]+$/.test(f)),
    [],
    'migration files are named NNNN_words.ts',
  );
  assert.deepEqual(names, [...files].sort(), 'db/migrations/index.ts lists every migration file, in file-name order');
  const ordinals = names.map((n) => Number(n.slice(0, 4)));
  assert.ok(
    ordinals.every((o, i) => i === 0 || o > ordinals[i - 1]),
    `ordinals rise strictly: ${ordinals.join(', ')}`,
  );
  assert.equal(SCHEMA_VERSION, names.length);
  assert.deepEqual(
    names.map((n) => schemaVersionAfter(n)),
    names.map((_, i) => i + 1),
  );
  // Shipped databases count migrations: 0006_journal (the fifth; there is no 0004) left user_version 5.
  assert.equal(schemaVersionAfter('0006_journal'), 5);
});

test('a database left by an older program (each earlier schema version) opens, runs only the newer migrations and keeps its data', async () => {
  const names = Object.keys(migrations);
  for (let k = 1; k < names.length; k++) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-old-'));
    const file = path.join(dir, 'j.sqlite');
    // What the program with only the first k migrations wrote: k rows in kysely_migration, user_version k.
    const raw = openRaw(file);
    const { db, close } = wrap(raw, file);
    const older = Object.fromEntries(names.slice(0, k).map((n) => [n, migrations[n]]));
    const result = await new Migrator({
      db,
      provider: { getMigrations: async () => older },
      migrationTableName: 'kysely_migration',
    }).migrateToLatest();
    assert.equal(result.error, undefined);
    raw.pragma(`user_version = ${k}`);
    raw.prepare(`insert into setting(key, value) values ('probe', '"kept"')`).run();
    const stamps = raw.prepare('select name, timestamp from kysely_migration order by name').all();
    await close();

    const h = await openDatabase(file);
    try {
      assert.deepEqual(h.migration.applied, names.slice(k), `from version ${k}`);
      assert.ok(h.migration.backupFile, `from version ${k}: a copy was made before migrating`);
      assert.equal(h.raw.pragma('user_version', { simple: true }), SCHEMA_VERSION);
      assert.deepEqual(
        h.raw.prepare('select name, timestamp from kysely_migration order by name').all().slice(0, k),
        stamps,
        `from version ${k}: the earlier migrations were not run again`,
      );
      assert.equal(h.raw.prepare(`select value from setting where key = 'probe'`).pluck().get(), '"kept"');
    } finally {
      await h.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
});

test('setting.key refuses NULL (0007)', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-setting-'));
  const h = await openDatabase(path.join(dir, 'j.sqlite'));
  try {
    assert.throws(
      () => h.raw.prepare(`insert into setting(key, value) values (null, 'x')`).run(),
      /NOT NULL constraint failed: setting\.key/,
    );
  } finally {
    await h.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

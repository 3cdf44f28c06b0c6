import {
  ColumnDefinitionNode,
  DataTypeNode,
  GeneratedNode,
  type Kysely,
  OperationNodeTransformer,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PostgresAdapter,
  type QueryResult,
  type RawBuilder,
  type RootOperationNode,
  sql,
  type UnknownRow,
} from 'kysely';

// The one place that knows the two engines apart (issue 17). The embedded default is SQLite (better-sqlite3); a
// district server is PostgreSQL (`pg`). Everything else writes one Kysely query for both; what the two spell
// differently lives here, small and tested on both (tests/unit/dialect.test.ts). docs/POSTGRES.md says how a new
// migration or query stays portable.

export type Engine = 'sqlite' | 'postgres';

/** A `--db` value naming a PostgreSQL database rather than an SQLite file. */
export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

/** The engine behind a Kysely instance (a transaction and a plugin-wrapped instance answer the same). */
export function engineOf(db: Kysely<unknown> | { getExecutor(): { adapter: unknown } }): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Column types as the migrations declare them (SQLite's names) → what means the same on PostgreSQL: SQLite's
 * INTEGER is 64-bit and REAL is a double, PostgreSQL's `integer` is 32-bit and `real` a float4. Text, dates (ISO
 * text) and booleans (0/1 integers, compared `= 1` everywhere) stay as they are on both.
 */
const PG_TYPES: Record<string, string> = { integer: 'bigint', real: 'double precision' };

class PortableSchema extends OperationNodeTransformer {
  protected override transformDataType(node: DataTypeNode): DataTypeNode {
    const to = PG_TYPES[String(node.dataType).toLowerCase()];
    return to ? DataTypeNode.create(to as never) : node;
  }

  /**
   * An `integer primary key` is SQLite's rowid: it numbers new rows with or without AUTOINCREMENT. PostgreSQL needs
   * an identity column for that; "by default" keeps an explicit id (a restore, `migrate-to`) insertable.
   */
  protected override transformColumnDefinition(node: ColumnDefinitionNode): ColumnDefinitionNode {
    const out = super.transformColumnDefinition(node);
    const type = DataTypeNode.is(node.dataType) ? String(node.dataType.dataType).toLowerCase() : '';
    if (!(out.primaryKey && type === 'integer')) return out;
    return ColumnDefinitionNode.cloneWith(out, {
      autoIncrement: false,
      generated: GeneratedNode.create({ identity: true, byDefault: true }),
    });
  }
}

/**
 * Given to the migrator on PostgreSQL: the migrations' schema-builder calls (SQLite's type names, `autoIncrement()`)
 * come out as the PostgreSQL types that mean the same. Queries other than schema changes pass through untouched.
 */
export class PortableSchemaPlugin implements KyselyPlugin {
  private readonly transformer = new PortableSchema();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const k = args.node.kind;
    return k === 'CreateTableNode' || k === 'AlterTableNode' ? this.transformer.transformNode(args.node) : args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** `string_agg` / `group_concat`: the values of a group joined by `separator` (order unspecified on both). */
export function groupConcat(engine: Engine, expr: RawBuilder<unknown>, separator: string): RawBuilder<string> {
  return engine === 'postgres' ? sql<string>`string_agg(${expr}, ${separator})` : sql<string>`group_concat(${expr}, ${separator})`;
}

/**
 * A join whose left side SQLite must scan first: SQLite reads `cross join … on` as that hint (its planner never
 * reorders a CROSS JOIN); PostgreSQL does not accept ON after CROSS JOIN, and its planner needs no hint.
 */
export function leftFirstJoin(engine: Engine): RawBuilder<unknown> {
  return sql.raw(engine === 'postgres' ? 'join' : 'cross join');
}

/** An ISO `YYYY-MM-DD` text date plus `days` (may be negative), as ISO text again. */
export function addDays(engine: Engine, isoDate: RawBuilder<unknown>, days: number): RawBuilder<string> {
  const n = Math.trunc(days);
  return engine === 'postgres'
    ? sql<string>`to_char(cast(${isoDate} as date) + ${sql.lit(n)}, 'YYYY-MM-DD')`
    : sql<string>`date(${isoDate}, ${sql.lit(`${n >= 0 ? '+' : ''}${n} days`)})`;
}

/**
 * A trigger that refuses the statement with `message` (the driver's error carries it): SQLite's `raise(abort)`, or a
 * plpgsql function of the trigger's own name on PostgreSQL. `when` is a condition over NEW/OLD (subqueries allowed on
 * both: PostgreSQL's WHEN clause forbids them, so there the condition moves into the function).
 */
export function refusingTriggerSql(
  engine: Engine,
  t: { name: string; table: string; event: 'insert' | 'update' | 'delete'; when?: string; message: string },
): string[] {
  if (engine === 'sqlite') {
    const when = t.when ? ` when ${t.when}` : '';
    return [`create trigger ${t.name} before ${t.event} on ${t.table}${when} begin select raise(abort, '${t.message}'); end`];
  }
  const passOn = t.event === 'delete' ? 'OLD' : 'NEW';
  const body = t.when
    ? `begin if ${t.when} then raise exception '${t.message}'; end if; return ${passOn}; end`
    : `begin raise exception '${t.message}'; end`;
  return [
    `create function ${t.name}() returns trigger language plpgsql as $$ ${body} $$`,
    `create trigger ${t.name} before ${t.event} on ${t.table} for each row execute function ${t.name}()`,
  ];
}

/**
 * A unique index refused the row: SQLite says `UNIQUE constraint failed`, PostgreSQL `duplicate key value violates
 * unique constraint` with SQLSTATE 23505.
 */
export function isUniqueViolation(e: unknown): boolean {
  if (!(e instanceof Error)) return false;
  return (e as { code?: unknown }).code === '23505' || /UNIQUE constraint failed/.test(e.message);
}

/** `a IS b` (NULL-safe equality): SQLite's short form, the standard's long one on PostgreSQL. */
export function nullSafeEquals(engine: Engine, a: string, b: string): string {
  return engine === 'postgres' ? `${a} is not distinct from ${b}` : `${a} is ${b}`;
}

/**
 * `text` contains `run` somewhere: a run of characters, each from its own set («ив» in any case is `['Ии', 'Вв']`).
 * SQLite's GLOB with character classes, or a PostgreSQL regular expression with the same classes: exact on both and
 * independent of the database's locale (SQLite's lower() and like fold only Latin letters; PostgreSQL's lower()
 * depends on the collation). Any character may stand in a set: the patterns' own characters are quoted.
 */
export function containsRun(engine: Engine, text: RawBuilder<unknown>, run: readonly string[]): RawBuilder<boolean> {
  if (engine === 'postgres') {
    // in a regular expression a backslash before a character that is not a letter or a digit stands for that character
    const one = (c: string) => (/[\p{L}\p{N}]/u.test(c) ? c : `\\${c}`);
    const pattern = run.map((set) => ([...set].length === 1 ? one(set) : `[${[...set].map(one).join('')}]`)).join('');
    return sql<boolean>`(${text} ~ ${pattern})`;
  }
  // in a GLOB class «]» stands for itself first, «^» anywhere but first, «-» last; every other character anywhere
  const cls = (set: string) => {
    const cs = [...set];
    const has = (c: string) => (cs.includes(c) ? c : '');
    return `[${has(']')}${cs.filter((c) => !']^-'.includes(c)).join('')}${has('^')}${has('-')}]`;
  };
  const pattern = run.map((set) => ([...set].length === 1 && !/[*?[\]]/.test(set) ? set : cls(set))).join('');
  return sql<boolean>`(${text} glob ${`*${pattern}*`})`;
}

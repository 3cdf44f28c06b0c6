// Benchmark: the five-year demo school moved from SQLite to PostgreSQL (`migrate-to`, issue 17 part 4): the whole
// command (source chain verified, every table copied in one transaction, counts compared, the chain verified on the
// server, analyze) in a child process of its own, so its peak memory is its own. Runs only when SJ_TEST_PG names a
// server the bench may create a database on (build/pg-test-cluster.sh); without it, it says so and skips.
import fs from 'node:fs';
import path from 'node:path';
import { migrateToPostgres } from '../main/kernel/migrate-to-postgres';
import { freshPgDatabase, PG_URL } from '../tests/helpers/pg';
import { cachedDemo, DEMO_TODAY, STUDENTS } from './five-year-demo';
import { peakRssMB, runChild } from './peak-rss';

export const ABOUT =
  `The five-year demo (demo --years 5, ${STUDENTS} students, today ${DEMO_TODAY}; the journal bench's cached file) moved into a new ` +
  'PostgreSQL database by `migrate-to` in a child process: `total` from opening the file to the end of `analyze`; ' +
  '`sourceChain` the audit chain verified in the file first, `copy` the one transaction (every table paged by rowid, ' +
  'multi-row inserts, counts compared, the chain verified on the server inside it), `targetChain` that verification ' +
  "alone, `analyze` after the commit; `rowsPerSecond` = rows / copy; `peakRss` the child's peak resident memory " +
  '(the file is larger: the copy is paged). The server is SJ_TEST_PG (the test cluster: fsync=off, on the same ' +
  'machine, sharing its two cores with the bench). Skipped when SJ_TEST_PG is unset.';

const s = (ms: number) => Number((ms / 1000).toFixed(1));

/** The child: one move into a fresh database, its figures as one JSON line. */
async function child(file: string) {
  const d = await freshPgDatabase('sj_bench_migrate');
  try {
    let last = '';
    const r = await migrateToPostgres(file, d.url, {
      onProgress(p) {
        if (p.done && p.total >= 100_000 && p.table !== last) {
          last = p.table;
          console.error(`  ${p.table}: ${p.total} rows`);
        }
      },
    });
    const big = [...r.copy.tables].sort((a, b) => b.source - a.source).slice(0, 3);
    console.log(
      JSON.stringify({
        totalMs: r.ms,
        sourceChainMs: r.source.ms,
        copyMs: r.copy.ms,
        targetChainMs: r.target.ms,
        analyzeMs: r.copy.analyzeMs,
        rows: r.copy.rows,
        auditRows: r.source.rows,
        sameHead: r.source.head === r.target.head ? 1 : 0,
        peakRssMB: peakRssMB(),
        ...Object.fromEntries(big.map((t) => [`table:${t.table}`, t.ms])),
        ...Object.fromEntries(big.map((t) => [`rows:${t.table}`, t.source])),
      }),
    );
  } finally {
    await d.drop();
  }
}

export async function run(): Promise<Record<string, unknown>> {
  if (!PG_URL) {
    console.log('postgres-migrate: skipped, SJ_TEST_PG is not set (build/pg-test-cluster.sh start DIR prints it)');
    return { skipped: 'SJ_TEST_PG is not set' };
  }
  const { file } = await cachedDemo();
  const bytes = fs.statSync(file).size;
  console.log(`postgres-migrate: ${path.basename(file)} (${Math.round(bytes / 2 ** 20)} MiB) → PostgreSQL…`);
  const r = runChild(__filename, ['child', file]);
  const big = Object.keys(r)
    .filter((k) => k.startsWith('table:'))
    .map((k) => k.slice(6));
  return {
    database: `${STUDENTS} students, 5 years, ${r.rows} rows (${r.auditRows} audit rows), ${Math.round(bytes / 2 ** 20)} MiB`,
    total: `${s(r.totalMs)} s`,
    sourceChain: `${s(r.sourceChainMs)} s`,
    copy: `${s(r.copyMs)} s`,
    targetChain: `${s(r.targetChainMs)} s (inside copy)`,
    analyze: `${s(r.analyzeMs)} s`,
    rowsPerSecond: Math.round(r.rows / (r.copyMs / 1000)),
    largestTables: big.map((t) => `${t} ${r[`rows:${t}`]} rows in ${s(r[`table:${t}`])} s`).join('; '),
    sameChainHead: r.sameHead === 1,
    peakRss: `${r.peakRssMB} MB`,
  };
}

if (process.argv[2] === 'child') void child(process.argv[3]);
else if (require.main === module) void run().then((r) => console.log(r));

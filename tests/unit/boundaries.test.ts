import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

// The import rule (.dependency-cruiser.cjs, run by `npm run lint`) bites: files that break it, written into a copy of
// the source tree, are reported under the rule's name; the real tree passes. The work tree is never written to.

const root = path.resolve(import.meta.dirname, '../..');
// The package's exports do not include its bins: the files npm's .bin/depcruise and .bin/depcruise-fmt point at.
const bin = (name: string) => path.join(root, 'node_modules/dependency-cruiser/bin', name);
const SOURCES = ['main', 'db', 'renderer', 'preload', 'tests', 'bench', 'build', 'package.json', '.dependency-cruiser.cjs'];

interface Violation {
  type: string;
  from: string;
  to: string;
  rule: { name: string; severity: string };
}

/**
 * Runs `npm run lint:imports`'s check in `dir` once, as JSON for the violations, then formats that result the way the
 * lint script prints it (the err reporter) for the exit status the lint script would have.
 */
function cruise(dir: string): { status: number | null; printed: string; violations: Violation[] } {
  const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cruise-')), 'result.json');
  try {
    const args = [
      '--config',
      '.dependency-cruiser.cjs',
      '--output-type',
      'json',
      '--output-to',
      json,
      'main',
      'db',
      'renderer',
      'preload',
      'tests',
      'bench',
      'build',
    ];
    const r = spawnSync(process.execPath, [bin('dependency-cruise.mjs'), ...args], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 0, `depcruise failed: ${r.stderr}`);
    const violations: Violation[] = JSON.parse(fs.readFileSync(json, 'utf8')).summary.violations;
    const fmt = spawnSync(process.execPath, [bin('depcruise-fmt.mjs'), '--output-type', 'err', '--exit-code', json], {
      cwd: dir,
      encoding: 'utf8',
    });
    return { status: fmt.status, printed: fmt.stdout, violations };
  } finally {
    fs.rmSync(path.dirname(json), { recursive: true, force: true });
  }
}

const key = (v: Violation) => `${v.rule.name}: ${v.from} → ${v.to}`;

const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'boundaries-'));
after(() => fs.rmSync(copy, { recursive: true, force: true }));

/** The probes: each file breaks one part of the layer list, and the rules each must be reported under. */
const PROBES: Record<string, { text: string; expect: string[] }> = {
  'renderer/probe-sqlite.ts': {
    text: "import Database from 'better-sqlite3';\nexport const open = (file: string) => new Database(file);\n",
    expect: ['renderer-imports-only-contract: renderer/probe-sqlite.ts → node_modules/better-sqlite3/lib/index.js'],
  },
  // A type-only import counts: the renderer must not see a capability's service even for its types.
  'renderer/probe-service.ts': {
    text: "import type { listStudents } from '../main/school/students';\nexport type Students = Awaited<ReturnType<typeof listStudents>>;\n",
    expect: ['renderer-imports-only-contract: renderer/probe-service.ts → main/school/students.ts'],
  },
  'main/contract/probe-fs.ts': {
    text: "import { readFileSync } from 'node:fs';\nexport const read = (file: string) => readFileSync(file, 'utf8');\n",
    expect: [
      'contract-imports-only-zod-date-fns: main/contract/probe-fs.ts → fs',
      'no-node-builtins-in-browser-code: main/contract/probe-fs.ts → fs',
    ],
  },
  'preload/probe-db.ts': {
    text: "import { openRaw } from '../db/connection';\nexport const db = openRaw;\n",
    expect: ['preload-imports-only-contract-and-electron: preload/probe-db.ts → db/connection.ts'],
  },
  'main/kernel/probe-up.ts': {
    text: "export { listStudents } from '../school/students';\n",
    expect: ['kernel-imports-only-db-contract: main/kernel/probe-up.ts → main/school/students.ts'],
  },
  // school may not import journal; journal imports school, so the two capability folders also form a circle.
  'main/school/probe-journal.ts': {
    text: "export { loadGrid } from '../journal/grid';\n",
    expect: [
      'capability-school-imports: main/school/probe-journal.ts → main/journal/grid.ts',
      'no-circular-between-capabilities: main/school → main/journal',
    ],
  },
  'main/kernel/probe-electron.ts': {
    text: "import { app } from 'electron';\nexport const quit = () => app.quit();\n",
    expect: ['electron-only-in-main-electron-and-preload: main/kernel/probe-electron.ts → node_modules/electron/index.js'],
  },
};

test('files that break the layer list are reported under the rule they break, and the check fails', () => {
  for (const entry of SOURCES) fs.cpSync(path.join(root, entry), path.join(copy, entry), { recursive: true });
  fs.symlinkSync(fs.realpathSync(path.join(root, 'node_modules')), path.join(copy, 'node_modules'), 'dir');
  const before = new Set(cruise(copy).violations.map(key));

  for (const [file, probe] of Object.entries(PROBES)) fs.writeFileSync(path.join(copy, file), probe.text);
  const run = cruise(copy);
  assert.notEqual(run.status, 0);
  for (const probe of Object.values(PROBES))
    for (const e of probe.expect) assert.match(run.printed, new RegExp(`error ${e.split(':')[0]}: `));
  const added = run.violations.filter((v) => !before.has(key(v)));
  for (const v of added) assert.equal(v.rule.severity, 'error', key(v));
  const found = new Set(added.map(key));
  const expected = Object.values(PROBES).flatMap((p) => p.expect);
  for (const e of expected) assert.ok(found.has(e), `not reported: ${e}\nreported:\n${[...found].join('\n')}`);
  // The school → journal probe closes every circle that runs through journal (journal → school, journal → accounts → …):
  // the folder-circle rule reports each edge of them, all caused by that one probe.
  const byProbe = (f: string) => f.startsWith('no-circular-between-capabilities: ') && / main\/journal\b/.test(f);
  const unexpected = [...found].filter((f) => !expected.includes(f) && !byProbe(f));
  assert.deepEqual(unexpected, [], 'reported beyond the probes');
});

test('the source tree obeys the layer list', () => {
  const run = cruise(root);
  assert.deepEqual(run.violations.map(key), []);
  assert.equal(run.status, 0);
});

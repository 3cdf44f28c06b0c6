// The import rule of the source tree (README: "Layout"), checked by `npm run lint` (depcruise).
// Direction: contract ← db ← kernel ← capabilities ← main/capabilities.ts ← transport ← electron;
// renderer and preload see only the contract. Type-only imports count (tsPreCompilationDeps).
// tests/, bench/ and build/ are free to import anything.

/** Capabilities and the other capabilities each may import (besides kernel, db and contract). */
const CAPABILITIES = {
  accounts: [],
  school: [],
  timetable: ['school'],
  journal: ['school', 'timetable', 'accounts'],
  printing: ['journal', 'school', 'timetable', 'accounts'],
  backup: ['school'],
  parents: ['printing', 'journal', 'school', 'timetable'],
  control: ['journal', 'school', 'timetable'],
  archive: ['printing', 'journal', 'school', 'timetable', 'backup'],
  exchange: ['journal', 'school', 'timetable', 'accounts'],
  demo: ['accounts', 'school', 'timetable', 'journal', 'printing', 'backup', 'parents', 'control', 'archive', 'exchange'],
};
const CAP = Object.keys(CAPABILITIES).join('|');
/** Our own code: what a layer rule may forbid. npm packages and node builtins are handled by their own rules. */
const OURS = '^(main|db|renderer|preload|tests|bench|build)/';
/** npm packages the renderer bundle may use (browser code). A new UI library is added here on purpose. */
const RENDERER_PACKAGES = [
  'react',
  'react-dom',
  'antd',
  '@ant-design/[^/]+',
  'dayjs',
  'zod',
  'date-fns',
  // Charts of the control reports (issue 12, part 10): SVG from React, Russian formats through our tick formatters.
  'recharts',
  '@types/react',
  '@types/react-dom',
];
const pkg = (names) => `(^|/)node_modules/(${names.join('|')})/`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'contract-imports-only-zod-date-fns',
      comment: 'main/contract runs in main and in the renderer: it imports only zod, date-fns and itself.',
      severity: 'error',
      from: { path: '^main/contract/' },
      to: { pathNot: ['^main/contract/', pkg(['zod', 'date-fns'])] },
    },
    {
      name: 'no-node-builtins-in-browser-code',
      comment: 'The contract, the renderer and the sandboxed preload have no Node: no node: or builtin modules.',
      severity: 'error',
      from: { path: '^(main/contract|renderer|preload)/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'renderer-imports-only-contract',
      comment: 'The renderer reaches main only through the contract (window.schoolJournal); npm: browser packages only.',
      severity: 'error',
      from: { path: '^renderer/' },
      // and the user guides, bundled as text (build/build.mjs)
      to: { pathNot: ['^renderer/', '^main/contract/', '^docs/guide/[^/]+[.]md$', pkg(RENDERER_PACKAGES)] },
    },
    {
      name: 'preload-imports-only-contract-and-electron',
      comment: 'The preload is one bridge object: electron and the contract, nothing else.',
      severity: 'error',
      from: { path: '^preload/' },
      to: { pathNot: ['^preload/', '^main/contract/', pkg(['electron'])] },
    },
    {
      name: 'electron-only-in-main-electron-and-preload',
      comment: 'Only main/electron/ and preload/ import electron; the rest of main also runs as the CLI and the browser host.',
      severity: 'error',
      from: { path: '^(main|db|renderer)/', pathNot: '^main/electron/' },
      to: { path: pkg(['electron']) },
    },
    {
      name: 'db-imports-only-contract',
      comment: 'db/ (schema, migrations, connection) sits on the contract only.',
      severity: 'error',
      from: { path: '^db/' },
      to: { path: OURS, pathNot: ['^db/', '^main/contract/'] },
    },
    {
      name: 'kernel-imports-only-db-contract',
      comment: 'The kernel is below every capability: it imports db and the contract only.',
      severity: 'error',
      from: { path: '^main/kernel/' },
      to: { path: OURS, pathNot: ['^db/', '^main/(kernel|contract)/'] },
    },
    ...Object.entries(CAPABILITIES).map(([cap, allowed]) => ({
      name: `capability-${cap}-imports`,
      comment:
        `main/${cap}/ imports kernel, db, contract` +
        (allowed.length ? ` and the capabilities ${allowed.join(', ')}` : '') +
        ' (README: the written list of capability imports).',
      severity: 'error',
      from: { path: `^main/${cap}/` },
      to: { path: OURS, pathNot: ['^db/', `^main/(${[cap, 'kernel', 'contract', ...allowed].join('|')})/`] },
    })),
    {
      name: 'capabilities-joiner-imports',
      comment: 'main/capabilities.ts joins the capabilities: it imports capabilities, kernel, db and contract.',
      severity: 'error',
      from: { path: '^main/capabilities\\.ts$' },
      to: { path: OURS, pathNot: ['^db/', `^main/(${CAP}|kernel|contract)/`] },
    },
    {
      name: 'transport-imports',
      comment: 'Transport (router, browser host, CLI) imports main/capabilities.ts, kernel, contract, db and accounts (sessions, login).',
      severity: 'error',
      from: { path: '^main/transport/' },
      to: { path: OURS, pathNot: ['^db/', '^main/(transport|kernel|contract|accounts)/', '^main/capabilities\\.ts$'] },
    },
    {
      name: 'electron-main-imports-main',
      comment: 'main/electron/ may import anything in main and db, but not the renderer, preload, tests, bench or build.',
      severity: 'error',
      from: { path: '^main/electron/' },
      to: { path: OURS, pathNot: ['^(main|db)/'] },
    },
    {
      name: 'main-does-not-import-tests-or-tools',
      comment: 'Shipped code never imports tests, benchmarks or build scripts.',
      severity: 'error',
      from: { path: '^(main|db|renderer|preload)/' },
      to: { path: '^(tests|bench|build)/' },
    },
    {
      name: 'no-circular-between-capabilities',
      comment: 'Capability folders depend on each other in one direction only.',
      severity: 'error',
      scope: 'folder',
      from: { path: `^main/(${CAP})$` },
      to: { path: `^main/(${CAP})$`, circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that does not resolve: a typo or a package missing from package.json.',
      severity: 'error',
      from: { path: OURS },
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|release|docs|\\.tsbuild)/' },
    tsPreCompilationDeps: true,
    // node_modules is a symlink in helper worktrees: keep resolved paths inside the repository.
    preserveSymlinks: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.cjs', '.json'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
  },
};

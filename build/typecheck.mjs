// Type-checks every runtime's tsconfig that the root tsconfig.json references (contract, renderer, preload,
// node code, tests), each with its own lib and types, and reports every project that fails, not just the first.
// `tsc -p` per project rather than `tsc -b`: build mode judges a non-composite project up to date by its own
// root files only, so a change in main/contract would not re-check the renderer. Each project keeps an
// incremental cache in .tsbuild/, which is exact (it hashes every file of the program).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const { references } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
const failed = [];
for (const { path: project } of references) {
  const r = spawnSync(process.execPath, [tsc, '-p', project, '--pretty'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) failed.push(project);
}
if (failed.length) {
  console.error(`typecheck: errors in ${failed.join(', ')}`);
  process.exit(1);
}
console.log(`typecheck: ${references.length} projects clean (${references.map((r) => r.path).join(', ')})`);

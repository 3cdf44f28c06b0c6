// Builds everything the program runs from into dist/: the CLI and host bundle, Electron's main and
// preload bundles, and the renderer. Dependencies stay in node_modules (electron-builder ships them).
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = path.join(root, 'dist');
const watch = process.argv.includes('--watch');
const define = { __APP_VERSION__: JSON.stringify(pkg.version) };

const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  packages: 'external',
  sourcemap: true,
  define,
  logLevel: 'warning',
};

fs.rmSync(path.join(out, 'renderer'), { recursive: true, force: true });
fs.mkdirSync(path.join(out, 'renderer'), { recursive: true });

await Promise.all([
  build({ ...node, entryPoints: [path.join(root, 'main/transport/cli/entry.ts')], outfile: path.join(out, 'cli.cjs') }),
  build({ ...node, entryPoints: [path.join(root, 'main/transport/host/entry.ts')], outfile: path.join(out, 'host.cjs') }),
  build({ ...node, entryPoints: [path.join(root, 'main/electron/main.ts')], outfile: path.join(out, 'electron-main.cjs') }),
  // whole-school printing runs in a worker thread of the CLI, the host and Electron's main: its own entry file
  build({ ...node, entryPoints: [path.join(root, 'main/printing/school/worker.ts')], outfile: path.join(out, 'print-worker.cjs') }),
  // A sandboxed preload may require only 'electron': everything else is bundled in.
  build({
    ...node,
    packages: undefined,
    external: ['electron'],
    entryPoints: [path.join(root, 'preload/index.ts')],
    outfile: path.join(out, 'preload.cjs'),
  }),
  build({
    bundle: true,
    platform: 'browser',
    target: ['chrome120'],
    format: 'esm',
    minify: !watch,
    sourcemap: true,
    define: { ...define, 'process.env.NODE_ENV': JSON.stringify(watch ? 'development' : 'production') },
    entryPoints: [path.join(root, 'renderer/main.tsx')],
    // the user guides (docs/guide/*.md) are bundled as text and rendered by renderer/help/markdown.tsx
    loader: { '.md': 'text' },
    outfile: path.join(out, 'renderer', 'app.js'),
    logLevel: 'warning',
  }),
]);
fs.copyFileSync(path.join(root, 'renderer/index.html'), path.join(out, 'renderer/index.html'));
// The application icon (resources/, rendered by build/icons.mjs): the page's favicon and the Electron window's icon.
const icon = (from, to) => fs.copyFileSync(path.join(root, 'resources', from), path.join(out, to));
icon('icon.svg', 'renderer/favicon.svg');
icon('icons/32x32.png', 'renderer/favicon-32.png');
icon('icons/256x256.png', 'window-icon.png');
icon('icon.ico', 'window-icon.ico');
console.log(`built dist/ (${pkg.name} ${pkg.version})`);

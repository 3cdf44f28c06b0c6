// Renders the application icon from its source, resources/icon.svg, into the files electron-builder and the
// program use. Rerun after editing the SVG, then commit the results (they are small):
//
//   sudo apt-get install librsvg2-bin icoutils     # Debian/Ubuntu: rsvg-convert and icotool
//   node build/icons.mjs
//
// Writes:
//   resources/icon.png             1024×1024, macOS (converted to .icns by electron-builder) and the window icon
//   resources/icons/NxN.png        the Linux icon set, 16…512 (electron-builder reads the size from the name)
//   resources/icon.ico             Windows: 16, 24, 32, 48, 64, 128 and 256 in one file (256 stored as PNG)
// build/build.mjs copies the icon into dist/ for the Electron window and the browser host's favicon.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const resources = path.join(root, 'resources');
const svg = path.join(resources, 'icon.svg');
const LINUX = [16, 24, 32, 48, 64, 128, 256, 512];
const WINDOWS = [16, 24, 32, 48, 64, 128, 256];

function tool(name, pkg) {
  try {
    execFileSync(name, ['--version'], { stdio: 'ignore' });
  } catch {
    console.error(`${name} not found: install the Debian package ${pkg} (apt-get install ${pkg}).`);
    process.exit(1);
  }
}

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file) {
  const b = fs.readFileSync(file);
  if (b.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${file} is not a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

function render(size, file) {
  execFileSync('rsvg-convert', ['--width', String(size), '--height', String(size), '--format', 'png', '--output', file, svg]);
  const [w, h] = pngSize(file);
  if (w !== size || h !== size) throw new Error(`${file}: expected ${size}×${size}, got ${w}×${h}`);
}

tool('rsvg-convert', 'librsvg2-bin');
tool('icotool', 'icoutils');

render(1024, path.join(resources, 'icon.png'));

const icons = path.join(resources, 'icons');
fs.rmSync(icons, { recursive: true, force: true });
fs.mkdirSync(icons);
for (const s of LINUX) render(s, path.join(icons, `${s}x${s}.png`));

// The ICO takes the same renderings; 256 is stored as PNG (-r), as Windows Vista and later expect.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-icons-'));
try {
  const args = ['--create', '--output', path.join(resources, 'icon.ico')];
  for (const s of WINDOWS) {
    const file = path.join(tmp, `${s}.png`);
    render(s, file);
    args.push(s === 256 ? `--raw=${file}` : file);
  }
  execFileSync('icotool', args);
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const listed = execFileSync('icotool', ['--list', path.join(resources, 'icon.ico')], { encoding: 'utf8' });
const inIco = [...listed.matchAll(/--width=(\d+) --height=(\d+)/g)].map((m) => Number(m[1])).sort((a, b) => a - b);
if (inIco.join() !== WINDOWS.join()) throw new Error(`icon.ico holds ${inIco.join(', ')}, expected ${WINDOWS.join(', ')}`);

console.log(`icons written from resources/icon.svg: icon.png 1024, icons/ ${LINUX.join(', ')}, icon.ico ${WINDOWS.join(', ')}`);

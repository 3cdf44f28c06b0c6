import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

// The icon files build/icons.mjs renders from resources/icon.svg, in the sizes electron-builder wants, and the
// paths electron-builder.yml gives it.

const ROOT = path.resolve(import.meta.dirname, '../..');
const res = (p: string) => path.join(ROOT, 'resources', p);

function pngSize(file: string): [number, number] {
  const b = fs.readFileSync(file);
  assert.equal(b.subarray(0, 8).toString('hex'), '89504e470d0a1a0a', `${file} is a PNG`);
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

/** The sizes in an ICO's directory (a width byte of 0 means 256). */
function icoSizes(file: string): number[] {
  const b = fs.readFileSync(file);
  assert.deepEqual([b.readUInt16LE(0), b.readUInt16LE(2)], [0, 1], `${file} is an ICO`);
  const sizes: number[] = [];
  for (let i = 0; i < b.readUInt16LE(4); i++) {
    const e = 6 + i * 16;
    const [w, h] = [b[e] || 256, b[e + 1] || 256];
    assert.equal(w, h, `${file}: image ${i} is square`);
    const at = b.readUInt32LE(e + 12);
    assert.ok(at + b.readUInt32LE(e + 8) <= b.length, `${file}: image ${i} lies inside the file`);
    sizes.push(w);
  }
  return sizes.sort((x, y) => x - y);
}

test('the icon files exist in the sizes electron-builder wants', () => {
  assert.match(fs.readFileSync(res('icon.svg'), 'utf8'), /^<svg [^>]*viewBox="0 0 256 256"/);
  assert.deepEqual(pngSize(res('icon.png')), [1024, 1024]);
  const linux = fs.readdirSync(res('icons')).sort((a, b) => parseInt(a) - parseInt(b));
  assert.deepEqual(linux, ['16x16.png', '24x24.png', '32x32.png', '48x48.png', '64x64.png', '128x128.png', '256x256.png', '512x512.png']);
  for (const f of linux) {
    const n = parseInt(f);
    assert.deepEqual(pngSize(res(`icons/${f}`)), [n, n], f);
  }
  assert.deepEqual(icoSizes(res('icon.ico')), [16, 24, 32, 48, 64, 128, 256]);
});

test('electron-builder.yml takes its build resources and every icon from resources/', () => {
  const yml = fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8');
  assert.match(yml, /^\s+buildResources: resources$/m);
  const icons = [...yml.matchAll(/^(\w+):\n(?:[ \t]+.*\n)*?[ \t]+icon: (\S+)$/gm)].map((m) => [m[1], m[2]]);
  assert.deepEqual(icons, [
    ['win', 'resources/icon.ico'],
    ['linux', 'resources/icons'],
    ['mac', 'resources/icon.png'],
  ]);
  for (const [, p] of icons) assert.ok(fs.existsSync(path.join(ROOT, p)), p);
});

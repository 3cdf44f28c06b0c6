import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { toRotate, rotateFolder, type RotationItem } from '../../main/backup/rotation';
import { manifestPathFor } from '../../main/backup/manifest';

const DAY = 86_400_000;

test('a year of daily backups keeps 7 daily, 4 weekly, 12 monthly; archives and the newest are never removed', () => {
  const start = Date.parse('2025-01-01T15:00:00Z');
  const items: RotationItem[] = Array.from({ length: 400 }, (_, i) => ({
    name: `d${i}`,
    createdAt: new Date(start + i * DAY),
    kind: 'regular',
  }));
  items.push({ name: 'archive-2025', createdAt: new Date(start + 10 * DAY), kind: 'archive' });
  const removed = new Set(toRotate(items, { daily: 7, weekly: 4, monthly: 12 }));
  const kept = items.filter((i) => !removed.has(i.name));
  assert.ok(
    kept.some((k) => k.name === 'd399'),
    'the newest',
  );
  assert.ok(
    kept.some((k) => k.name === 'archive-2025'),
    'the archive',
  );
  for (let i = 393; i < 400; i++) assert.ok(!removed.has(`d${i}`), `the last 7 days (d${i})`);
  // 7 days + up to 3 more weeks + the rest of 12 months + the archive
  assert.ok(kept.length >= 12 + 1 && kept.length <= 7 + 4 + 12 + 1, `kept ${kept.length}`);
  const months = new Set(kept.filter((k) => k.kind === 'regular').map((k) => k.createdAt.toISOString().slice(0, 7)));
  assert.equal(months.size, 12);
});

test('rotation properties: newest and archives kept, result stable when applied again', () => {
  const item = fc.record({
    t: fc.integer({ min: 0, max: 800 * 24 }),
    archive: fc.boolean(),
  });
  fc.assert(
    fc.property(
      fc.array(item, { minLength: 1, maxLength: 120 }),
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 0, max: 6 }),
      fc.integer({ min: 0, max: 14 }),
      (raw, daily, weekly, monthly) => {
        const items: RotationItem[] = raw.map((r, i) => ({
          name: `b${i}`,
          createdAt: new Date(Date.UTC(2024, 0, 1) + r.t * 3600_000),
          kind: r.archive ? 'archive' : 'regular',
        }));
        const policy = { daily, weekly, monthly };
        const removed = new Set(toRotate(items, policy));
        for (const i of items) if (i.kind === 'archive') assert.ok(!removed.has(i.name));
        const regular = items.filter((i) => i.kind === 'regular').sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
        if (regular.length) assert.ok(!removed.has(regular[0].name));
        const kept = items.filter((i) => !removed.has(i.name));
        assert.ok(kept.filter((k) => k.kind === 'regular').length <= daily + weekly + monthly + 1);
        assert.deepEqual(toRotate(kept, policy), []);
      },
    ),
    { numRuns: 300 },
  );
});

test('rotateFolder removes only files with our manifest, backup before manifest, and leaves foreign files alone', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-rot-'));
  try {
    const make = (name: string, createdAt: string, kind: 'regular' | 'archive') => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, 'x');
      const m = {
        format: 'school-journal-backup',
        formatVersion: 1,
        file: name,
        createdAt,
        kind,
        trigger: 'scheduled',
        app: { name: 'Школьный журнал', version: 't' },
        schemaVersion: 1,
        school: '',
        encryption: { format: 'age-v1', mode: 'recipient', recipients: [] },
        compression: 'gzip',
        sizes: { database: 1, file: 1 },
        sha256: { database: 'a', file: 'b' },
        auditHead: null,
        verified: { at: createdAt, method: 't' },
        restore: '',
      };
      fs.writeFileSync(manifestPathFor(file), JSON.stringify(m));
      return file;
    };
    make('journal-a.sqlite.gz.age', '2025-01-01T10:00:00Z', 'regular');
    make('journal-b.sqlite.gz.age', '2025-01-01T12:00:00Z', 'regular');
    make('journal-archive-c.sqlite.gz.age', '2024-12-31T12:00:00Z', 'archive');
    fs.writeFileSync(path.join(dir, 'someone-else.age'), 'y');
    const removed = rotateFolder(dir, { daily: 7, weekly: 4, monthly: 12 });
    assert.deepEqual(removed, ['journal-a.sqlite.gz.age']);
    assert.deepEqual(fs.readdirSync(dir).sort(), [
      'journal-archive-c.manifest.json',
      'journal-archive-c.sqlite.gz.age',
      'journal-b.manifest.json',
      'journal-b.sqlite.gz.age',
      'someone-else.age',
    ]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

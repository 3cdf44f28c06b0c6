import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseMarkdown } from '../../renderer/help/markdown';

// The guides' Markdown subset, and that every anchor in docs/guide names a screen that exists.

test('headings with anchors, lists and paragraphs; HTML stays text', () => {
  const blocks = parseMarkdown(
    '# Заголовок\n\n## Журнал {#journal}\n\nТекст <b>не</b> HTML\nпродолжение\n\n- один\n- два\n  дальше\n\n1. первый\n2. второй\n',
  );
  assert.deepEqual(blocks, [
    { kind: 'heading', level: 1, text: 'Заголовок', anchor: null },
    { kind: 'heading', level: 2, text: 'Журнал', anchor: 'journal' },
    { kind: 'paragraph', text: 'Текст <b>не</b> HTML продолжение' },
    { kind: 'list', ordered: false, items: ['один', 'два дальше'] },
    { kind: 'list', ordered: true, items: ['первый', 'второй'] },
  ]);
});

test('every section anchor of the guides is a screen of the program', () => {
  const dir = path.resolve(__dirname, '../../docs/guide');
  // the screens' keys as renderer/screens/index.tsx registers them
  const registry = fs.readFileSync(path.resolve(__dirname, '../../renderer/screens/index.tsx'), 'utf8');
  const keys = new Set([...registry.matchAll(/key: '([\w-]+)'/g)].map((m) => m[1]));
  assert.ok(keys.has('journal') && keys.has('lookup'));
  for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.md'))) {
    const anchors = parseMarkdown(fs.readFileSync(path.join(dir, f), 'utf8')).flatMap((b) =>
      b.kind === 'heading' && b.anchor ? [b.anchor] : [],
    );
    for (const a of anchors) assert.ok(keys.has(a), `${f}: {#${a}} is not a screen`);
  }
});

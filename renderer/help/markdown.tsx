import type { ReactNode } from 'react';

// A small Markdown renderer for the user guides, written here because no Markdown library is among the renderer's
// packages: headings (#, ##, ###, with an optional «{#screen}» anchor naming the screen a section is about), paragraphs,
// bulleted and numbered lists, and inline **bold**, *italic* and `code`. Everything becomes React elements, so text is
// always escaped: raw HTML in a guide is shown as text, never interpreted, and there are no links to follow.

export type Block =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string; anchor: string | null }
  | { kind: 'paragraph'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] };

const HEADING = /^(#{1,3})\s+(.*?)(?:\s*\{#([\w-]+)\})?\s*$/;
const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d+[.)]\s+(.*)$/;

export function parseMarkdown(md: string): Block[] {
  const blocks: Block[] = [];
  let para: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;
  const flush = () => {
    if (para.length) blocks.push({ kind: 'paragraph', text: para.join(' ') });
    para = [];
    if (list) blocks.push({ kind: 'list', ...list });
    list = null;
  };
  for (const line of md.split(/\r?\n/)) {
    const h = HEADING.exec(line);
    const b = BULLET.exec(line);
    const n = NUMBERED.exec(line);
    if (!line.trim()) flush();
    else if (h) {
      flush();
      blocks.push({ kind: 'heading', level: h[1].length as 1 | 2 | 3, text: h[2], anchor: h[3] ?? null });
    } else if (b || n) {
      const ordered = !b;
      if (para.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push((b ?? n)![1]);
    } else if (list && /^\s{2,}\S/.test(line)) list.items[list.items.length - 1] += ` ${line.trim()}`;
    else {
      if (list) flush();
      para.push(line.trim());
    }
  }
  flush();
  return blocks;
}

const INLINE = /(\*\*[^*]+\*\*|\*[^*\s][^*]*\*|`[^`]+`)/g;

export function inline(text: string): ReactNode[] {
  return text.split(INLINE).map((part, i) => {
    if (part.startsWith('**') && part.endsWith('**') && part.length > 4) return <strong key={i}>{part.slice(2, -2)}</strong>;
    if (part.startsWith('`') && part.endsWith('`') && part.length > 2) return <code key={i}>{part.slice(1, -1)}</code>;
    if (part.startsWith('*') && part.endsWith('*') && part.length > 2) return <em key={i}>{part.slice(1, -1)}</em>;
    return part;
  });
}

export function Markdown({ blocks, current }: { blocks: Block[]; current: string | null }) {
  return (
    <div className="guide">
      {blocks.map((b, i) => {
        if (b.kind === 'heading') {
          const Tag = `h${b.level + 1}` as 'h2' | 'h3' | 'h4';
          const here = b.anchor !== null && b.anchor === current;
          return (
            <Tag
              key={i}
              data-section={b.anchor ?? undefined}
              data-current={here ? 'true' : undefined}
              style={here ? { background: '#fff7d6', paddingInline: 4 } : undefined}
            >
              {inline(b.text)}
            </Tag>
          );
        }
        if (b.kind === 'paragraph') return <p key={i}>{inline(b.text)}</p>;
        const items = b.items.map((it, k) => <li key={k}>{inline(it)}</li>);
        return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
      })}
    </div>
  );
}

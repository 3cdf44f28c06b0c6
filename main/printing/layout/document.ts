import { Flow, type AnchorRange } from './flow';
import { measurer as sharedMeasurer, type Measurer } from './measure';
import type { Page, PageSpec, Sided } from './page';

// A document is a list of sections; laying it out gives the pages. Some texts depend on the final page list (the
// contents page's page numbers, «N листов» on the certification page, «Лист 5 из 120» in the footers), so the document
// is laid out again with what the previous pass found until nothing moves: then those numbers are true.

export interface Resolution {
  /** False on the first pass: numbers are placeholders of the same width class. */
  final: boolean;
  total: number;
  /** Leaves as the certification page counts them: pages single-sided, sheets double-sided. */
  leaves: number;
  anchors: ReadonlyMap<string, AnchorRange>;
}

export interface Section {
  id: string;
  /** Short name: XLSX sheet names, the contents page. */
  title: string;
  spec: PageSpec;
  /** A subject's spreads begin on a left page when printed double-sided. */
  startsOnLeftPage?: boolean;
  build(f: Flow, r: Resolution): void;
}

export interface DocumentSource {
  title: string;
  author: string;
  sided: Sided;
  sections: Section[];
}

export interface PagedDocument {
  title: string;
  author: string;
  sided: Sided;
  pages: Page[];
  total: number;
  leaves: number;
  anchors: ReadonlyMap<string, AnchorRange>;
}

export function leavesOf(pages: number, sided: Sided): number {
  return sided === 'single' ? pages : Math.ceil(pages / 2);
}

/** «Лист 5 из 120» single-sided (a page is a leaf); «Страница 5 из 120» double-sided, where a leaf holds two pages. */
export function pageLabel(n: number, total: number, sided: Sided): string {
  return `${sided === 'single' ? 'Лист' : 'Страница'} ${n} из ${total}`;
}

/** A section's pages from the previous pass, kept when they cannot change (see pass()). */
interface SectionMemo {
  pages: Page[];
  /** The section's build read the resolution (page numbers, totals): it must be laid out again. */
  readsResolution: boolean;
  /** Where its first page fell: double-sided, a left-page start depends on it. */
  startParity: number;
}

/** The resolution as a section sees it, noting whether the section looked at it. */
function watched(r: Resolution, seen: { read: boolean }): Resolution {
  return {
    get final() {
      seen.read = true;
      return r.final;
    },
    get total() {
      seen.read = true;
      return r.total;
    },
    get leaves() {
      seen.read = true;
      return r.leaves;
    },
    get anchors() {
      seen.read = true;
      return r.anchors;
    },
  };
}

function pass(
  src: DocumentSource,
  m: Measurer,
  r: Resolution,
  memo: Map<Section, SectionMemo>,
): { pages: Page[]; anchors: Map<string, AnchorRange> } {
  const pages: Page[] = [];
  const flow = new Flow(m, pages, src.sided);
  for (const s of src.sections) {
    const parity = pages.length % 2;
    const prev = memo.get(s);
    // A section that did not read the resolution lays out the same pages again, unless a double-sided start on a
    // left page would now need (or drop) a blank page: its pages are reused, only renumbered. This makes the second
    // pass cost what the contents and the certification page cost.
    if (prev && !prev.readsResolution && (src.sided === 'single' || prev.startParity === parity)) {
      for (const p of prev.pages) {
        p.number = pages.length + 1;
        pages.push(p);
      }
      flow.anchors.set(s.id, { first: prev.pages[0].number, last: prev.pages[prev.pages.length - 1].number });
      continue;
    }
    const from = pages.length;
    const seen = { read: false };
    flow.beginSection({ id: s.id, title: s.title, spec: s.spec });
    if (s.startsOnLeftPage) flow.startLeftPage();
    else flow.newPage();
    flow.anchor(s.id);
    s.build(flow, watched(r, seen));
    flow.anchor(s.id);
    memo.set(s, { pages: pages.slice(from), readsResolution: seen.read, startParity: parity });
  }
  return { pages, anchors: flow.anchors };
}

function sameAnchors(a: ReadonlyMap<string, AnchorRange>, b: ReadonlyMap<string, AnchorRange>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    const w = b.get(k);
    if (!w || w.first !== v.first || w.last !== v.last) return false;
  }
  return true;
}

export function layoutDocument(src: DocumentSource, m: Measurer = sharedMeasurer()): PagedDocument {
  let r: Resolution = { final: false, total: 0, leaves: 0, anchors: new Map() };
  const memo = new Map<Section, SectionMemo>();
  for (let attempt = 0; attempt < 5; attempt++) {
    const out = pass(src, m, r, memo);
    const total = out.pages.length;
    const settled = r.final && total === r.total && sameAnchors(out.anchors, r.anchors);
    if (settled) {
      for (const p of out.pages) p.footer = pageLabel(p.number, total, src.sided);
      return { title: src.title, author: src.author, sided: src.sided, pages: out.pages, total, leaves: r.leaves, anchors: out.anchors };
    }
    r = { final: true, total, leaves: leavesOf(total, src.sided), anchors: out.anchors };
  }
  throw new Error('Разметка документа не сошлась: число страниц меняется от прохода к проходу');
}

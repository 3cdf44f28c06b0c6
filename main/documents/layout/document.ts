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

function pass(src: DocumentSource, m: Measurer, r: Resolution): { pages: Page[]; anchors: Map<string, AnchorRange> } {
  const pages: Page[] = [];
  const flow = new Flow(m, pages, src.sided);
  for (const s of src.sections) {
    flow.beginSection({ id: s.id, title: s.title, spec: s.spec });
    if (s.startsOnLeftPage) flow.startLeftPage();
    else flow.newPage();
    flow.anchor(s.id);
    s.build(flow, r);
    flow.anchor(s.id);
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
  for (let attempt = 0; attempt < 5; attempt++) {
    const out = pass(src, m, r);
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

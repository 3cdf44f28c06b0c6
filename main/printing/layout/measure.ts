import PDFDocument from 'pdfkit';
import { fontFaces, type FaceId } from '../../kernel/fonts';

// Text is measured by pdfkit's own font objects (fontkit underneath) loaded from the very files the renderers embed,
// so a line the layout says fits is a line the PDF draws in that width. Fonts are selected by file path: pdfkit
// caches a font under the name it was asked by, and a registered alias of the initial font is never cached (it would
// re-read the file on every call).

export interface Measurer {
  /** Width in points of `text` in `face` at `size` points. */
  width(text: string, face: FaceId, size: number): number;
  /** Ascent and descent (negative) in em units, for placing a line's baseline. */
  metrics(face: FaceId): { ascent: number; descent: number };
}

interface PdfkitFontInternals {
  ascender: number;
  descender: number;
}

class PdfkitMeasurer implements Measurer {
  private doc = new PDFDocument({ autoFirstPage: false, font: fontFaces().cond.file });
  /** Per face: text → width at 1 pt. Words repeat a lot (names, month names, marks), so this pays. */
  private cache = new Map<FaceId, Map<string, number>>();
  private metricsCache = new Map<FaceId, { ascent: number; descent: number }>();

  width(text: string, face: FaceId, size: number): number {
    let m = this.cache.get(face);
    if (!m) this.cache.set(face, (m = new Map()));
    let w = m.get(text);
    if (w === undefined) {
      w = this.doc.font(fontFaces()[face].file).fontSize(1000).widthOfString(text) / 1000;
      if (m.size > 50_000) m.clear();
      m.set(text, w);
    }
    return w * size;
  }

  metrics(face: FaceId) {
    let r = this.metricsCache.get(face);
    if (!r) {
      this.doc.font(fontFaces()[face].file);
      // pdfkit keeps the current font's metrics (per 1000 em) on a field it does not type.
      const f = (this.doc as unknown as { _font: PdfkitFontInternals })._font;
      r = { ascent: f.ascender / 1000, descent: f.descender / 1000 };
      this.metricsCache.set(face, r);
    }
    return r;
  }
}

let shared: Measurer | null = null;
export function measurer(): Measurer {
  return (shared ??= new PdfkitMeasurer());
}

/**
 * Greedy line breaking: at spaces, after hyphens and dashes inside words, and inside a word only when the word alone
 * is wider than the line — then with a hyphen at the break between two letters, never a silent split. Hard line breaks in the text are kept. Returns at least one line ('' for empty text).
 */
// Line breaks repeat: the document is laid out at least twice (the second pass knows the page numbers), and tables
// are measured before they are placed. Breaking depends only on these inputs, so it is remembered per measurer.
const wrapCache = new WeakMap<Measurer, Map<string, readonly string[]>>();
const WRAP_CACHE_MAX = 100_000;

export function wrapText(m: Measurer, text: string, face: FaceId, size: number, width: number): string[] {
  let cache = wrapCache.get(m);
  if (!cache) wrapCache.set(m, (cache = new Map()));
  const key = `${face}\u0000${size}\u0000${width}\u0000${text}`;
  const hit = cache.get(key);
  if (hit) return hit.slice();
  const lines = breakLines(m, text, face, size, width);
  if (cache.size >= WRAP_CACHE_MAX) cache.clear();
  cache.set(key, lines);
  return lines.slice();
}

function breakLines(m: Measurer, text: string, face: FaceId, size: number, width: number): string[] {
  const out: string[] = [];
  const space = m.width(' ', face, size);
  const hyphen = m.width(BREAK_HYPHEN, face, size);
  for (const para of text.replace(/\r\n?/g, '\n').split('\n')) {
    const words = para.split(/ +/).filter((w, i, a) => w !== '' || a.length === 1);
    let line = '';
    let lineW = 0;
    const flush = () => {
      out.push(line);
      line = '';
      lineW = 0;
    };
    for (const word of words) {
      for (const piece of splitAfterHyphens(word)) {
        // pieces of one hyphenated word attach without a space
        const sep = piece.glue || !line ? '' : ' ';
        const pw = m.width(piece.text, face, size);
        const extra = sep ? space : 0;
        if (line && lineW + extra + pw <= width) {
          line += sep + piece.text;
          lineW += extra + pw;
          continue;
        }
        if (line) flush();
        if (pw <= width) {
          line = piece.text;
          lineW = pw;
          continue;
        }
        // a word wider than the line: break it between characters, with a hyphen after a letter followed by a letter
        // («Обществозна-|ние»), keeping room for the hyphen on every line but the word's last
        const chars = Array.from(piece.text);
        chars.forEach((ch, k) => {
          const cw = m.width(ch, face, size);
          const room = k === chars.length - 1 ? 0 : hyphen;
          if (line && lineW + cw + room > width) {
            if (LETTER.test(line.slice(-1)) && LETTER.test(ch) && lineW + hyphen <= width) line += BREAK_HYPHEN;
            flush();
          }
          line += ch;
          lineW += cw;
        });
      }
    }
    flush();
  }
  return out;
}

const LETTER = /\p{L}/u;
/** The hyphen a word broken by the layout gets (U+2010 HYPHEN: told apart from a hyphen the text has). */
export const BREAK_HYPHEN = '\u2010';

function splitAfterHyphens(word: string): { text: string; glue: boolean }[] {
  const parts = word.split(/(?<=[^\s-–—][-–—])(?=[^\s-–—])/);
  return parts.map((text, i) => ({ text, glue: i > 0 }));
}

/** The text cut to fit `width`, ending with «…» when cut. */
export function fitText(m: Measurer, text: string, face: FaceId, size: number, width: number): string {
  if (m.width(text, face, size) <= width) return text;
  const chars = Array.from(text);
  let lo = 0;
  let hi = chars.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (m.width(chars.slice(0, mid).join('') + '…', face, size) <= width) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('').trimEnd() + '…';
}

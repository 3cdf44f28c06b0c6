import { MM, type Margins, type Orientation, type PageSpec, type StyleName, type TextStyle } from './page';

// Page specifications of printed school documents. Pages are laced along the long left edge of a portrait
// sheet, so the binding margin is on the left of portrait pages and on the top of landscape ones.

const s = (face: TextStyle['face'], size: number, lead = 1.25): TextStyle => ({
  face,
  size,
  lineHeight: Math.round(size * lead * 100) / 100,
});

export const STYLES: Record<StyleName, TextStyle> = {
  title: s('sansBold', 22),
  subtitle: s('sans', 14),
  heading: s('sansBold', 12),
  body: s('sans', 10.5, 1.35),
  bodyBold: s('sansBold', 10.5, 1.35),
  table: s('cond', 8, 1.2),
  tableBold: s('condBold', 8, 1.2),
  cell: s('cond', 7.5, 1.2),
  small: s('cond', 7, 1.2),
};

export const FOOTER_STYLE: TextStyle = s('cond', 8, 1.2);

const PORTRAIT_MARGINS: Margins = { top: 12 * MM, right: 10 * MM, bottom: 14 * MM, left: 20 * MM };
const LANDSCAPE_MARGINS: Margins = { top: 20 * MM, right: 12 * MM, bottom: 14 * MM, left: 10 * MM };

export function pageSpec(orientation: Orientation, styles: Partial<Record<StyleName, TextStyle>> = {}): PageSpec {
  return { orientation, margins: orientation === 'portrait' ? PORTRAIT_MARGINS : LANDSCAPE_MARGINS, styles: { ...STYLES, ...styles } };
}

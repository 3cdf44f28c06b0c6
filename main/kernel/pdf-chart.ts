import { face, type Pdf } from './pdf';

// Bar charts drawn straight into a pdfkit page with its vector primitives (issue 12, part 10): the results report's
// charts, and any other printable report that wants one (the weekly control report). The text is real PDF text in the
// DejaVu faces of fonts.ts, so it prints sharp and `pdftotext` reads the axis labels.
//
// Why not recharts' SVG through svg-to-pdfkit: recharts 3 renders nothing on the server — renderToStaticMarkup gives
// an empty `<div class="recharts-wrapper">`, because the chart's body is laid out from a store that effects fill, and
// effects never run in server rendering (recharts issue #5997, open). The screens keep recharts; paper uses this.

export interface BarSeries {
  name: string;
  /** A fill colour, `#rrggbb`. */
  color: string;
  /** One value a category; null draws no bar. */
  values: (number | null)[];
}

export interface BarChartSpec {
  title: string;
  categories: string[];
  series: BarSeries[];
  /** A fixed top of the value axis (100 for percents); otherwise a round number over the largest value. */
  max?: number;
  /** A value as printed on the axis and over the bars, the Russian way («75,0 %», «1 092»). */
  format: (v: number) => string;
  /** Print each bar's value over it (when the bar is wide enough), formatted by `label` (else by `format`). */
  valueLabels?: boolean;
  label?: (v: number) => string;
}

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Round axis steps (1, 2 or 5 × 10ⁿ) from 0 to at least `max`, about `count` of them. */
export function niceTicks(max: number, count = 5): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / count;
  const pow = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw)!;
  const ticks: number[] = [];
  for (let v = 0; v < max + step / 2; v += step) ticks.push(Math.round(v / pow) * pow);
  if (ticks[ticks.length - 1] < max) ticks.push(ticks[ticks.length - 1] + step);
  return ticks;
}

const AXIS = '#555555';
const GRID = '#d9d9d9';

/** Draws a grouped bar chart into `box` (title, legend, value axis with grid, category labels). */
export function drawBarChart(pdf: Pdf, spec: BarChartSpec, box: Box): void {
  pdf.save();
  face(pdf, 'condBold').fontSize(10).fillColor('black');
  pdf.text(spec.title, box.x, box.y, { width: box.width, lineBreak: false });
  let top = box.y + 15;
  // Legend: a swatch and the series' name, in one line.
  face(pdf, 'cond').fontSize(8);
  let lx = box.x;
  for (const s of spec.series) {
    pdf.rect(lx, top + 1, 8, 8).fill(s.color);
    pdf.fillColor('black').text(s.name, lx + 11, top, { lineBreak: false });
    lx += 11 + pdf.widthOfString(s.name) + 14;
  }
  top += 14;

  const values = spec.series.flatMap((s) => s.values).filter((v): v is number => v !== null);
  const ticks = spec.max !== undefined ? niceTicks(spec.max).filter((t) => t <= spec.max!) : niceTicks(Math.max(0, ...values));
  const max = spec.max ?? ticks[ticks.length - 1];
  pdf.fontSize(7);
  const axisW = Math.max(...ticks.map((t) => pdf.widthOfString(spec.format(t)))) + 6;
  // Category labels: horizontal when they fit their slot, else turned by 45°.
  const plotX = box.x + axisW;
  const plotW = box.width - axisW;
  const slot = plotW / Math.max(1, spec.categories.length);
  const labelW = Math.max(0, ...spec.categories.map((c) => pdf.widthOfString(c)));
  const turned = labelW > slot - 2;
  const labelH = turned ? Math.min(labelW, 70) * 0.72 + 8 : 12;
  const plotY = top + 4;
  const plotH = box.y + box.height - labelH - plotY;
  const yOf = (v: number) => plotY + plotH - (Math.min(v, max) / max) * plotH;

  for (const t of ticks) {
    const y = yOf(t);
    pdf
      .moveTo(plotX, y)
      .lineTo(plotX + plotW, y)
      .lineWidth(0.4)
      .strokeColor(t === 0 ? AXIS : GRID)
      .stroke();
    const label = spec.format(t);
    pdf.fillColor(AXIS).text(label, plotX - 4 - pdf.widthOfString(label), y - 3.5, { lineBreak: false });
  }
  pdf
    .moveTo(plotX, plotY)
    .lineTo(plotX, plotY + plotH)
    .lineWidth(0.5)
    .strokeColor(AXIS)
    .stroke();

  const n = Math.max(1, spec.series.length);
  const barW = Math.max(1, (slot * 0.8) / n);
  spec.categories.forEach((cat, i) => {
    const x0 = plotX + i * slot + slot * 0.1;
    spec.series.forEach((s, j) => {
      const v = s.values[i];
      if (v === null || v === undefined) return;
      const x = x0 + j * barW;
      const y = yOf(v);
      pdf.rect(x, y, barW * 0.92, plotY + plotH - y).fill(s.color);
      if (spec.valueLabels) {
        const text = (spec.label ?? spec.format)(v);
        pdf.fontSize(6);
        if (pdf.widthOfString(text) <= barW + 2)
          pdf.fillColor('black').text(text, x + barW * 0.46 - pdf.widthOfString(text) / 2, y - 8, { lineBreak: false });
        pdf.fontSize(7);
      }
    });
    pdf.fillColor('black');
    const cx = plotX + i * slot + slot / 2;
    if (!turned) {
      pdf.text(cat, cx - pdf.widthOfString(cat) / 2, plotY + plotH + 3, { lineBreak: false });
    } else {
      pdf.save();
      pdf.rotate(-45, { origin: [cx, plotY + plotH + 4] });
      const w = Math.min(pdf.widthOfString(cat), 70);
      pdf.text(cat, cx - w, plotY + plotH + 1, { width: w, height: 9, ellipsis: true, lineBreak: false });
      pdf.restore();
    }
  });
  pdf.restore();
  face(pdf, 'cond').fillColor('black').strokeColor('black').lineWidth(1);
}

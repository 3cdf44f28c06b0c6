import type { ParsedInput } from '../contract/index';
import { RESULT_GROUPING_NAMES, type ResultRow, type ResultsComparison, type ResultsPdf, type ResultsReport } from '../contract/control';
import { ruNumber } from '../contract/rules/numbers';
import type { Rates } from '../contract/rules/results';
import type { Ctx } from '../kernel/context';
import { face, pdfBuffer, type Pdf } from '../kernel/pdf';
import { drawBarChart } from '../kernel/pdf-chart';
import { resultsReport } from './results';
import { getYear } from '../school/years';
import { resultsComparison } from './results-compare';

// The printable results report (issue 12, parts 4 and 10): A4 landscape, the formulas printed on it, the charts —
// success and quality by row, the distribution of marks (or, for a comparison, the figures of each period or year) —
// and the table. Numbers the Russian way: «75,0 %», «3,71», «1 092».

const MARKS = ['5', '4', '3', '2', 'зач', 'незач', 'осв', 'н/а'] as const;
const SUCCESS = '#4e79a7';
const QUALITY = '#59a14f';
const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1'];
const MARGIN = 36;
const PAGE = { width: 842, height: 595 };
const W = PAGE.width - 2 * MARGIN;
const BOTTOM = PAGE.height - MARGIN;
/** The most rows a per-row chart shows; a longer list is in the table only. */
const CHART_ROWS = 60;
/** More rows than this: the per-row chart gets the page's whole width, under the other chart. */
const NARROW_ROWS = 16;

/** Where the two charts go: side by side, or (many rows) the small one first and the per-row one under it. */
function chartBoxes(y: number, perRow: boolean, rows: number) {
  const gap = 24;
  if (perRow && rows > NARROW_ROWS) {
    const h = Math.min(210, (BOTTOM - y - gap) / 2);
    return {
      small: { x: MARGIN, y, width: W * 0.5, height: h },
      rows: { x: MARGIN, y: y + h + gap, width: W, height: h },
      end: y + 2 * h + gap,
    };
  }
  const h = Math.min(230, BOTTOM - y - 60);
  const smallW = perRow ? W * 0.34 : W * 0.5;
  return {
    small: { x: perRow ? MARGIN + W - smallW : MARGIN, y, width: smallW, height: h },
    rows: { x: MARGIN, y, width: W - smallW - gap, height: h },
    end: y + h,
  };
}

export const pct = (n: number | null) => (n === null ? '—' : `${ruNumber(n, 1, true)} %`);
const avg = (n: number | null) => (n === null ? '—' : ruNumber(n, 2, true));

export interface PrintedResults {
  buffer: Buffer;
  pages: number;
  name: string;
}

export async function resultsPdf(ctx: Ctx, input: ParsedInput<'results.pdf'>): Promise<ResultsPdf> {
  const p = await printResults(ctx, input);
  return { name: p.name, base64: p.buffer.toString('base64'), pages: p.pages };
}

/** The report (or the comparison) as PDF bytes; the CLI writes them to a file, the channel sends them. */
export async function printResults(ctx: Ctx, input: ParsedInput<'results.pdf'>): Promise<PrintedResults> {
  const school = (await ctx.db.selectFrom('school').select('full_name').executeTakeFirst())?.full_name ?? '';
  let pages = 0;
  if (input.compare) {
    const c = await resultsComparison(ctx, {
      yearId: input.yearId,
      compare: input.compare,
      kind: input.kind,
      by: input.by,
      classId: input.classId,
    });
    const buffer = await pdfBuffer({ title: `Сравнение результатов: ${c.title}`, author: school }, (pdf) => {
      pdf.on('pageAdded', () => pages++);
      drawComparison(pdf, c, school);
    });
    const year = (await getYear(ctx.db, input.yearId)).name;
    return {
      buffer,
      pages,
      name: `Сравнение результатов ${input.compare === 'periods' ? 'по периодам' : 'по годам'} ${fileSafe(year)}.pdf`,
    };
  }
  const r = await resultsReport(ctx, { yearId: input.yearId, kind: input.kind, by: input.by, classId: input.classId });
  const buffer = await pdfBuffer({ title: `Результаты: ${r.kindName}, ${r.yearName}`, author: school }, (pdf) => {
    pdf.on('pageAdded', () => pages++);
    drawReport(pdf, r, school);
  });
  return {
    buffer,
    pages,
    name: `Результаты ${input.kind === 'year' ? 'за год' : `за ${input.kind.slice(1)}-й период`} ${fileSafe(r.yearName)}.pdf`,
  };
}

const fileSafe = (s: string) => s.replace(/[\\/:*?"<>|]/g, '-');

function newPage(pdf: Pdf): number {
  pdf.addPage({ size: 'A4', layout: 'landscape', margin: MARGIN });
  return MARGIN;
}

/** Heading and formulas; returns where the page's content goes on. */
function head(pdf: Pdf, school: string, title: string, formulas: readonly string[]): number {
  let y = newPage(pdf);
  face(pdf, 'cond').fontSize(9).fillColor('black').text(school, MARGIN, y, { width: W });
  y = pdf.y + 2;
  face(pdf, 'condBold').fontSize(13).text(title, MARGIN, y, { width: W });
  y = pdf.y + 4;
  face(pdf, 'condBold').fontSize(8).text('Как считаются показатели', MARGIN, y, { width: W });
  face(pdf, 'cond').fontSize(7.5);
  for (const f of formulas) pdf.text(f, MARGIN, pdf.y + 1, { width: W });
  return pdf.y + 10;
}

function drawReport(pdf: Pdf, r: ResultsReport, school: string) {
  let y = head(pdf, school, `Результаты: ${r.kindName}, ${r.yearName} учебный год, ${RESULT_GROUPING_NAMES[r.by]}`, r.formulas);
  const chartRows = r.rows.filter((x) => x.students > 0);
  const perRow = r.by !== 'student' && chartRows.length > 1 && chartRows.length <= CHART_ROWS;
  const box = chartBoxes(y, perRow, chartRows.length);
  if (perRow) {
    drawBarChart(
      pdf,
      {
        title: `Успеваемость и качество ${RESULT_GROUPING_NAMES[r.by]}`,
        categories: chartRows.map((x) => x.name),
        series: [
          { name: 'Успеваемость', color: SUCCESS, values: chartRows.map((x) => x.success) },
          { name: 'Качество', color: QUALITY, values: chartRows.map((x) => x.quality) },
        ],
        max: 100,
        format: (v) => `${ruNumber(v)} %`,
        label: pct,
        valueLabels: chartRows.length <= 12,
      },
      box.rows,
    );
  }
  drawBarChart(
    pdf,
    {
      title: `Распределение отметок: ${r.total.name}`,
      categories: MARKS.map((m) => `«${m}»`),
      series: [{ name: 'Отметок', color: SUCCESS, values: MARKS.map((m) => r.total.distribution[m] ?? 0) }],
      format: (v) => ruNumber(v),
      valueLabels: true,
    },
    box.small,
  );
  y = box.end + 16;
  const heads = ['', 'Учеников', 'Успеваемость', 'Качество', 'Средний балл', ...MARKS.map((m) => `«${m}»`)];
  const widths = [W - 4 * 64 - MARKS.length * 40, 64, 64, 64, 64, ...MARKS.map(() => 40)];
  const line = (x: ResultRow): string[] => [
    x.name,
    ruNumber(x.students),
    pct(x.success),
    pct(x.quality),
    avg(x.average),
    ...MARKS.map((m) => ruNumber(x.distribution[m] ?? 0)),
  ];
  drawTable(pdf, y, [heads], widths, [...r.rows.map(line), line({ ...r.total, name: `Итого: ${r.total.name}` })]);
}

function drawComparison(pdf: Pdf, c: ResultsComparison, school: string) {
  let y = head(pdf, school, `Сравнение результатов: ${c.title}`, c.formulas);
  if (c.columns.length === 0) {
    face(pdf, 'cond').fontSize(10).text('Отметок для сравнения нет.', MARGIN, y);
    return;
  }
  const chartRows = c.rows.filter((x) => x.cells.some((cell) => cell !== null));
  const perRow = c.by !== 'student' && chartRows.length > 1 && chartRows.length <= CHART_ROWS;
  const box = chartBoxes(y, perRow, chartRows.length);
  drawBarChart(
    pdf,
    {
      title: `Успеваемость и качество: ${c.total.name}`,
      categories: c.columns.map((x) => x.label),
      series: [
        { name: 'Успеваемость', color: SUCCESS, values: c.total.cells.map((x) => x?.success ?? null) },
        { name: 'Качество', color: QUALITY, values: c.total.cells.map((x) => x?.quality ?? null) },
      ],
      max: 100,
      format: (v) => `${ruNumber(v)} %`,
      label: pct,
      valueLabels: true,
    },
    perRow ? { ...box.small, x: MARGIN } : box.small,
  );
  if (perRow) {
    const rowsBox = chartRows.length > NARROW_ROWS ? box.rows : { ...box.rows, x: MARGIN + box.small.width + 24 };
    drawBarChart(
      pdf,
      {
        title: `Качество ${RESULT_GROUPING_NAMES[c.by]}`,
        categories: chartRows.map((x) => x.name),
        series: c.columns.map((col, i) => ({
          name: col.label,
          color: PALETTE[i % PALETTE.length],
          values: chartRows.map((x) => x.cells[i]?.quality ?? null),
        })),
        max: 100,
        format: (v) => `${ruNumber(v)} %`,
      },
      rowsBox,
    );
  }
  y = box.end + 16;
  const sub = Math.min(48, (W - 150) / (3 * c.columns.length));
  const widths = [W - sub * 3 * c.columns.length, ...c.columns.flatMap(() => [sub, sub, sub])];
  const heads = [
    ['', ...c.columns.flatMap((col) => [col.label, '', ''])],
    ['', ...c.columns.flatMap(() => ['Успев.', 'Кач.', 'Ср. балл'])],
  ];
  const cells = (x: Rates | null) => (x ? [pct(x.success), pct(x.quality), avg(x.average)] : ['—', '—', '—']);
  const line = (row: ResultsComparison['total'], name = row.name) => [name, ...row.cells.flatMap(cells)];
  drawTable(pdf, y, heads, widths, [...c.rows.map((x) => line(x)), line(c.total, `Итого: ${c.total.name}`)]);
}

/** A plain table across pages: the header rows again on each page, the last row (the total) in bold. */
function drawTable(pdf: Pdf, y: number, heads: string[][], widths: number[], rows: string[][]) {
  const rowH = 13;
  const drawRow = (cells: string[], bold: boolean, top: number) => {
    face(pdf, bold ? 'condBold' : 'cond')
      .fontSize(7.5)
      .fillColor('black');
    let x = MARGIN;
    cells.forEach((text, i) => {
      // A heading over the empty cells after it spans them (a period's or year's label over its three figures).
      let span = 1;
      while (text && cells[i + span] === '') span++;
      const w = widths.slice(i, i + span).reduce((a, b) => a + b, 0);
      const align = i === 0 ? 'left' : span > 1 ? 'center' : 'right';
      if (text) pdf.text(text, x + 2, top + 3, { width: w - 4, height: rowH - 2, align, lineBreak: false, ellipsis: true });
      x += widths[i];
    });
    pdf
      .moveTo(MARGIN, top + rowH)
      .lineTo(MARGIN + W, top + rowH)
      .lineWidth(0.3)
      .strokeColor('#999999')
      .stroke();
  };
  const header = (top: number) => {
    heads.forEach((h, i) => drawRow(h, true, top + i * rowH));
    return top + heads.length * rowH;
  };
  if (y + (heads.length + 2) * rowH > BOTTOM) y = newPage(pdf);
  y = header(y);
  rows.forEach((cells, i) => {
    if (y + rowH > BOTTOM) y = header(newPage(pdf));
    drawRow(cells, i === rows.length - 1, y);
    y += rowH;
  });
}

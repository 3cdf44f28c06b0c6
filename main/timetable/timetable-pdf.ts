import type { Ctx } from '../kernel/context';
import type { ParsedInput } from '../contract/index';
import type { TimetablePdf } from '../contract/timetable-outputs';
import { ru } from '../contract/rules/dates';
import { invalid } from '../kernel/invalid';
import { face, pdfBuffer, type Pdf } from '../kernel/pdf';
import { WEEKDAYS } from './conflicts';
import { listVersions, versionSlots } from './timetable';

// Printable timetables: one A4 landscape page per class or teacher, written as every PDF of the program is
// (kernel/pdf.ts: PDF/A-2b, DejaVu fonts embedded). Laid out first (pages of cells), then drawn.

const PAGE = { width: 841.89, height: 595.28, margin: 28 };

interface PageLayout {
  title: string;
  subtitle: string;
  days: number[];
  rows: { number: number; time: string }[];
  /** `${weekday}|${lesson_number}` → text lines of the cell. */
  cells: Map<string, string[]>;
}

type Slot = Awaited<ReturnType<typeof versionSlots>>[number];

function layoutPages(slots: Slot[], by: 'class' | 'teacher', keys: number[], validity: string): PageLayout[] {
  const pages: PageLayout[] = [];
  for (const key of keys) {
    const mine = slots.filter((s) => (by === 'class' ? s.class_id : s.staff_id) === key);
    if (mine.length === 0) continue;
    const days = [1, 2, 3, 4, 5, ...(mine.some((s) => s.weekday === 6) ? [6] : [])];
    const numbers = [...new Set(mine.map((s) => s.lesson_number))].sort((a, b) => a - b);
    const rows = numbers.map((n) => {
      const s = mine.find((x) => x.lesson_number === n && x.start_time);
      // A teacher's lesson №1 may be at different times in two shifts: show the time per cell then.
      const times = new Set(mine.filter((x) => x.lesson_number === n).map((x) => x.start_time));
      return { number: n, time: s && times.size === 1 ? `${s.start_time}–${s.end_time}` : '' };
    });
    const cells = new Map<string, string[]>();
    for (const s of mine) {
      const k = `${s.weekday}|${s.lesson_number}`;
      const time = rows.find((r) => r.number === s.lesson_number)?.time ? '' : ` (${s.start_time ?? '?'})`;
      const lines =
        by === 'class'
          ? [
              `${s.subject_short}${s.group_name ? ` — ${s.group_name.replace(/^.*— /, '')}` : ''}`,
              `${s.teacher}${s.room_number ? `, каб. ${s.room_number}` : ''}`,
            ]
          : [
              `${s.class_name}${s.group_name ? ` (${s.group_name.replace(/^.*— /, '')})` : ''}${time}`,
              `${s.subject_short}${s.room_number ? `, каб. ${s.room_number}` : ''}`,
            ];
      cells.set(k, [...(cells.get(k) ?? []), ...lines]);
    }
    const title = by === 'class' ? `Расписание уроков ${mine[0].class_name} класса` : `Расписание учителя: ${mine[0].teacher}`;
    pages.push({ title, subtitle: validity, days, rows, cells });
  }
  return pages;
}

function render(pages: PageLayout[], schoolName: string): Promise<Buffer> {
  return pdfBuffer({ title: 'Расписание уроков', author: schoolName }, (doc) => drawPages(doc, pages, schoolName));
}

function drawPages(doc: Pdf, pages: PageLayout[], schoolName: string): void {
  for (const p of pages) {
    doc.addPage({ size: 'A4', layout: 'landscape', margin: PAGE.margin });
    const left = PAGE.margin;
    const width = PAGE.width - 2 * PAGE.margin;
    face(doc, 'condBold').fontSize(14).text(p.title, left, PAGE.margin, { width, align: 'center' });
    face(doc, 'cond')
      .fontSize(9)
      .text(`${schoolName} · ${p.subtitle}`, left, PAGE.margin + 20, { width, align: 'center' });
    const top = PAGE.margin + 40;
    const firstCol = 62;
    const colW = (width - firstCol) / p.days.length;
    const headH = 18;
    const rowH = Math.min(64, (PAGE.height - PAGE.margin - top - headH) / Math.max(1, p.rows.length));
    doc.lineWidth(0.6).strokeColor('#333');
    face(doc, 'condBold').fontSize(9);
    doc.rect(left, top, firstCol, headH).stroke();
    doc.text('Урок', left + 2, top + 5, { width: firstCol - 4, align: 'center' });
    p.days.forEach((d, i) => {
      const x = left + firstCol + i * colW;
      doc.rect(x, top, colW, headH).stroke();
      doc.text(WEEKDAYS[d], x + 2, top + 5, { width: colW - 4, align: 'center' });
    });
    p.rows.forEach((r, ri) => {
      const y = top + headH + ri * rowH;
      doc.rect(left, y, firstCol, rowH).stroke();
      face(doc, 'condBold')
        .fontSize(10)
        .text(String(r.number), left + 2, y + 3, { width: firstCol - 4, align: 'center' });
      if (r.time)
        face(doc, 'cond')
          .fontSize(7)
          .text(r.time, left + 2, y + 16, { width: firstCol - 4, align: 'center' });
      p.days.forEach((d, i) => {
        const x = left + firstCol + i * colW;
        doc.rect(x, y, colW, rowH).stroke();
        const lines = p.cells.get(`${d}|${r.number}`);
        if (!lines) return;
        const text = lines.join('\n');
        // The largest size at which the cell's text fits.
        let size = 9;
        face(doc, 'cond');
        while (size > 5 && doc.fontSize(size).heightOfString(text, { width: colW - 6 }) > rowH - 4) size -= 0.5;
        doc.fontSize(size).text(text, x + 3, y + 2, { width: colW - 6, height: rowH - 3, ellipsis: true });
      });
    });
  }
}

/** The timetable of a version as PDF: the listed classes and teachers, or every class. */
export async function timetablePdf(ctx: Ctx, input: ParsedInput<'timetable.pdf'>): Promise<TimetablePdf> {
  const version = await ctx.db.selectFrom('timetable_version').selectAll().where('id', '=', input.versionId).executeTakeFirst();
  if (!version) invalid('Версия расписания не найдена');
  const versions = await listVersions(ctx, version.year_id);
  const to = versions.find((v) => v.id === version.id)?.validTo;
  const validity = `${version.name}, действует с ${ru(version.valid_from)}${to ? ` по ${ru(prev(to))}` : ''}`;
  const slots = await versionSlots(ctx.db, version.id);
  const classIds = input.classIds ?? (input.staffIds?.length ? [] : [...new Set(slots.map((s) => s.class_id))]);
  const pages = [...layoutPages(slots, 'class', classIds, validity), ...layoutPages(slots, 'teacher', input.staffIds ?? [], validity)];
  if (pages.length === 0) invalid('В выбранной версии расписания нет уроков для печати');
  const school = await ctx.db.selectFrom('school').select('short_name').executeTakeFirst();
  const buf = await render(pages, school?.short_name ?? '');
  return { name: `Расписание ${version.name} с ${ru(version.valid_from)}.pdf`, base64: buf.toString('base64'), pages: pages.length };
}

function prev(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
}

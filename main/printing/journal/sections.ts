import type { Resolution, Section } from '../layout/document';
import type { RowInput } from '../layout/flow';
import { leavesText } from '../layout/numbers';
import { NO_BORDERS, type Sided } from '../layout/page';
import { pageSpec } from '../layout/specs';
import { nextDay, ru } from '../../contract/rules/dates';
import type { JournalData, JournalStudent, RemarkLine } from './model';

// The journal's own pages that need no marks: title, contents, general information, health sheet, remarks and the
// certification page.

/** «5 «А»» from grade and letter. */
export function classTitle(c: JournalData['cls']): string {
  return `${c.grade} «${c.letter}»`;
}

export function studentFullName(s: Pick<JournalStudent, 'lastName' | 'firstName' | 'middleName'>): string {
  return [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ');
}

/** «Фамилия И. О.» from «Фамилия Имя Отчество». */
export function initials(full: string): string {
  const [last, ...rest] = full.trim().split(/\s+/);
  if (!last) return '';
  return [last, rest.map((p) => `${p[0]}.`).join(' ')].filter(Boolean).join(' ');
}

/** «прибыл 13.10.2025 (приказ № 45)», «выбыла 15.12.2025» (dates and numbers of the orders): how a student's time in the class differs from the whole year. */
export function movementNote(s: JournalStudent, year: JournalData['year']): string {
  const notes: string[] = [];
  const fem = s.gender === 'ж';
  const order = (date: string) => (s.orders?.[date] ? ` (приказ № ${s.orders[date].replace(/^№\s*/, '')})` : '');
  const sorted = [...s.active].sort((a, b) => a.start_date.localeCompare(b.start_date));
  for (const r of sorted) {
    if (r.start_date > year.start) notes.push(`${fem ? 'прибыла' : 'прибыл'} ${ru(r.start_date)}${order(r.start_date)}`);
    // the enrollment ends the day before the order's date of leaving; the note gives the order's date
    if (r.end_date < year.end) notes.push(`${fem ? 'выбыла' : 'выбыл'} ${ru(nextDay(r.end_date))}${order(nextDay(r.end_date))}`);
  }
  return notes.join(', ');
}

export function titleSection(d: JournalData, caption = ''): Section {
  return {
    id: 'title',
    title: 'Титульный лист',
    spec: pageSpec('portrait'),
    build(f) {
      f.paragraph(d.school.fullName, { style: 'subtitle', align: 'center' });
      f.paragraph('КЛАССНЫЙ ЖУРНАЛ', { style: 'title', align: 'center', spaceBefore: 200 });
      f.paragraph(`${classTitle(d.cls)} класса`, {
        style: { face: 'sansBold', size: 18, lineHeight: 24 },
        align: 'center',
        spaceBefore: 16,
      });
      f.paragraph(`${d.year.name} учебный год`, { style: 'subtitle', align: 'center', spaceBefore: 10 });
      // a copy for a period or of one subject says so under the year
      if (caption) f.paragraph(caption, { style: 'subtitle', align: 'center', spaceBefore: 10 });
      f.paragraph(`Классный руководитель: ${d.cls.homeroom ?? '________________________________'}`, {
        style: 'body',
        align: 'center',
        spaceBefore: 60,
      });
      if (d.school.address) f.paragraph(d.school.address, { style: 'body', align: 'center', spaceBefore: 220 });
    },
  };
}

export interface ContentsEntry {
  anchor: string;
  title: string;
  teacher: string;
}

function pagesOf(r: Resolution, anchor: string): string {
  if (!r.final) return '000–000';
  const a = r.anchors.get(anchor);
  if (!a) return '';
  return a.first === a.last ? String(a.first) : `${a.first}–${a.last}`;
}

export function contentsSection(
  entries: ContentsEntry[],
  headings: [string, string] = ['Учебный предмет, раздел журнала', 'Учитель'],
): Section {
  return {
    id: 'contents',
    title: 'Оглавление',
    spec: pageSpec('portrait'),
    build(f, r) {
      f.paragraph('ОГЛАВЛЕНИЕ', { style: 'heading', align: 'center' });
      f.space(8);
      const w = f.contentWidth;
      f.table({
        columns: [24, w - 24 - 170 - 60, 170, 60],
        header: [
          {
            cells: ['№', ...headings, 'Страницы'].map((text) => ({ text, align: 'center' as const, style: 'tableBold' as const })),
            minHeight: 16,
          },
        ],
        rows: entries.map((e, i) => ({
          minHeight: 15,
          cells: [
            { text: String(i + 1), align: 'center' },
            { text: e.title, style: 'table' },
            { text: e.teacher, style: 'table' },
            { text: pagesOf(r, e.anchor), align: 'center' },
          ],
        })),
      });
    },
  };
}

export function generalInfoSection(d: JournalData): Section {
  return {
    id: 'general',
    title: 'Общие сведения об обучающихся',
    spec: pageSpec('landscape'),
    build(f) {
      const w = f.contentWidth;
      const cols = [20, 150, 52, 42, 160, 0, 70];
      cols[5] = w - cols.reduce((a, b) => a + b, 0);
      f.table({
        columns: cols,
        header: [
          {
            cells: [
              { text: 'ОБЩИЕ СВЕДЕНИЯ ОБ ОБУЧАЮЩИХСЯ', colSpan: cols.length, style: 'heading', align: 'center', borders: NO_BORDERS },
            ],
            minHeight: 22,
          },
          {
            cells: [
              '№',
              'Фамилия, имя, отчество обучающегося',
              'Дата рождения',
              '№ личного дела',
              'Домашний адрес, телефон обучающегося',
              'Родители (законные представители): ФИО, место работы, телефон',
              'Отметка о движении',
            ].map((text) => ({ text, align: 'center' as const, style: 'tableBold' as const })),
            minHeight: 26,
          },
        ],
        rows: d.students.map((s, i): RowInput => ({
          minHeight: 15,
          cells: [
            { text: String(i + 1), align: 'center', valign: 'top' },
            { text: studentFullName(s), valign: 'top' },
            { text: ru(s.birthDate), align: 'center', valign: 'top' },
            { text: s.personalFileNo, align: 'center', valign: 'top' },
            { text: [s.address, s.phone ? `тел. ${s.phone}` : ''].filter(Boolean).join('\n'), valign: 'top' },
            {
              text: s.guardians.map((g) => [`${g.relation}: ${g.name}`, g.workplace, g.phone].filter(Boolean).join(', ')).join('\n'),
              valign: 'top',
            },
            { text: movementNote(s, d.year), valign: 'top' },
          ],
        })),
      });
    },
  };
}

export function healthSection(d: JournalData): Section {
  return {
    id: 'health',
    title: 'Листок здоровья',
    spec: pageSpec('portrait'),
    build(f) {
      const w = f.contentWidth;
      const cols = [20, 170, 50, 80, 0];
      cols[4] = w - cols.reduce((a, b) => a + b, 0);
      f.table({
        columns: cols,
        header: [
          {
            cells: [{ text: 'ЛИСТОК ЗДОРОВЬЯ', colSpan: cols.length, style: 'heading', align: 'center', borders: NO_BORDERS }],
            minHeight: 22,
          },
          {
            cells: [
              '№',
              'Фамилия, имя обучающегося',
              'Группа здоровья',
              'Физкультурная группа',
              'Медицинские рекомендации, особые отметки',
            ].map((text) => ({ text, align: 'center' as const, style: 'tableBold' as const })),
            minHeight: 26,
          },
        ],
        rows: d.students.map((s, i): RowInput => ({
          minHeight: 15,
          cells: [
            { text: String(i + 1), align: 'center' },
            { text: `${s.lastName} ${s.firstName}` },
            { text: s.healthGroup, align: 'center' },
            { text: s.peGroup, align: 'center' },
            { text: [s.healthNotes, movementNote(s, d.year)].filter(Boolean).join('; ') },
          ],
        })),
      });
    },
  };
}

/** The remark's cell text: what it is about, the remark, the teacher's answer. */
export function remarkText(r: RemarkLine): string {
  const lines = [r.about ? `${r.about}: ${r.text}` : r.text];
  if (r.answer) lines.push(`Ответ учителя (${ru(r.answer.date)}): ${r.answer.text}`);
  return lines.join('\n');
}

/**
 * «Замечания по ведению журнала» (seed 003 §6.2): the inspectors' remarks on the class's journal, then ruled rows to
 * the end of the page for remarks written by hand. With no remarks it is one page of ruled rows, as before.
 */
export function remarksSection(remarks: readonly RemarkLine[] = []): Section {
  return {
    id: 'remarks',
    title: 'Замечания по ведению журнала',
    spec: pageSpec('portrait'),
    build(f) {
      const w = f.contentWidth;
      const fixedCols = [52, 64, 80, 80, 76];
      const cols = [fixedCols[0], w - fixedCols.reduce((a, b) => a + b, 0), ...fixedCols.slice(1)];
      const header: RowInput[] = [
        {
          cells: [
            {
              text: 'ЗАМЕЧАНИЯ ПО ВЕДЕНИЮ КЛАССНОГО ЖУРНАЛА',
              colSpan: cols.length,
              style: 'heading',
              align: 'center',
              borders: NO_BORDERS,
            },
          ],
          minHeight: 22,
        },
        {
          cells: [
            'Дата',
            'Замечания и предложения проверяющих',
            'Срок исправления',
            'Подпись проверяющего',
            'Отметка о выполнении',
            'Подпись учителя',
          ].map((text) => ({
            text,
            align: 'center' as const,
            style: 'tableBold' as const,
          })),
          minHeight: 26,
        },
      ];
      const ROW = 24;
      const rows: RowInput[] = remarks.map((r) => ({
        minHeight: ROW,
        cells: [
          { text: ru(r.date), align: 'center', valign: 'top' },
          { text: remarkText(r), valign: 'top' },
          { text: r.dueDate ? ru(r.dueDate) : '', align: 'center', valign: 'top' },
          { text: r.inspector, valign: 'top' },
          { text: r.fixed ? `выполнено ${ru(r.fixed.date)}\n${r.fixed.by}` : '', valign: 'top' },
          { text: r.answer ? `ознакомлен(а) ${ru(r.answer.date)}\n${r.answer.by}` : '', valign: 'top' },
        ],
      }));
      // where the remarks end: the table repeats its header on each page it continues on (Flow.table's rule)
      const m = f.measureTable({ columns: cols, header, rows });
      let y = m.header;
      const maxRow = f.bodyHeight - m.header;
      for (const h of m.rows.map((h) => Math.min(h, maxRow))) {
        if (y + h > f.bodyHeight) y = m.header;
        y += h;
      }
      const blank = rows.length ? Math.max(0, Math.floor((f.bodyHeight - y + 1e-6) / ROW)) : f.rowsThatFit(ROW, m.header);
      f.table({
        columns: cols,
        header,
        rows: [...rows, ...Array.from({ length: blank }, () => ({ height: ROW, cells: cols.map(() => ({ text: '' })) }))],
      });
    },
  };
}

export function certificationSection(d: JournalData, sided: Sided, caption = ''): Section {
  return certificationPage({
    caption: `Классный журнал ${classTitle(d.cls)} класса, ${d.year.name} учебный год${caption ? `, ${caption}` : ''}`,
    noun: JOURNAL,
    school: d.school,
    sided,
  });
}

/** How a certification page names its document: «В настоящем журнале…», «Журнал напечатан…». */
export interface CertifiedNoun {
  /** «В настоящем журнале», «В настоящей ведомости», «В настоящей книге». */
  inThis: string;
  /** «Журнал напечатан», «Ведомость напечатана». */
  printed: string;
}

export const JOURNAL: CertifiedNoun = { inThis: 'В настоящем журнале', printed: 'Журнал напечатан' };

/**
 * The last page of a laced document: the true number of leaves in figures and words (from the final page list),
 * how it was printed, the director's signature and the seal's place.
 */
export function certificationPage(o: { caption: string; noun: CertifiedNoun; school: JournalData['school']; sided: Sided }): Section {
  return {
    id: 'certification',
    title: 'Заверительный лист',
    spec: pageSpec('portrait'),
    build(f, r) {
      // The first pass does not know N yet: a three-digit placeholder takes the same one line.
      const n = r.final ? leavesText(r.leaves) : leavesText(888);
      f.paragraph('ЗАВЕРИТЕЛЬНЫЙ ЛИСТ', { style: 'heading', align: 'center', spaceBefore: 180 });
      f.paragraph(o.caption, { style: 'body', align: 'center', spaceBefore: 12 });
      f.paragraph(`${o.noun.inThis} пронумеровано, прошнуровано и скреплено печатью ${n}.`, {
        style: 'bodyBold',
        spaceBefore: 30,
        keepTogether: true,
      });
      const how =
        o.sided === 'single'
          ? `${o.noun.printed} на одной стороне листа: каждый лист — одна пронумерованная страница.`
          : `${o.noun.printed} с двух сторон листа: ${r.final ? r.total : 888} пронумерованных страниц на ${r.final ? r.leaves : 888} листах.`;
      f.paragraph(how, { style: 'body', spaceBefore: 8 });
      const director = o.school.directorName ? initials(o.school.directorName) : '________________________';
      f.paragraph(`Директор ${o.school.shortName}`, { style: 'body', spaceBefore: 50 });
      f.paragraph(`______________________  /${director}/`, { style: 'body', spaceBefore: 16 });
      f.paragraph('(подпись)', { style: 'small', indent: 40 });
      f.paragraph('М.П.', { style: 'bodyBold', spaceBefore: 30 });
      f.paragraph('«____» ________________ 20____ г.', { style: 'body', spaceBefore: 30 });
    },
  };
}

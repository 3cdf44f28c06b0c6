import { ru } from '../../contract/rules/dates';
import type { LookupStudent, LookupYear } from '../../contract/lookup';
import type { DocumentSource } from '../layout/document';
import type { CellInput, RowInput } from '../layout/flow';
import { NO_BORDERS, type TextStyle } from '../layout/page';
import { pageSpec } from '../layout/specs';
import { initials } from '../journal/sections';

// The certified extract from the summary ledgers (выписка из сводных ведомостей учёта успеваемости): what the office
// issues when a former student needs a duplicate of a certificate. The school's heading, the student, one table per
// closed year and class with the marks exactly as that ledger prints them, then «Выписка верна», the director's and the
// issuer's signature lines, the seal and the date of issue.

const CELL: TextStyle = { face: 'cond', size: 8.5, lineHeight: 10.5 };
const CELL_BOLD: TextStyle = { face: 'condBold', size: 8.5, lineHeight: 10.5 };
const HEAD: TextStyle = { face: 'condBold', size: 8, lineHeight: 10 };

export interface ExtractSchool {
  fullName: string;
  shortName: string;
  address: string;
  directorName: string;
}

export interface LedgerExtract {
  school: ExtractSchool;
  student: LookupStudent;
  /** Who issues it (the office clerk's name) and when (ISO date). */
  issuedBy: string;
  issuedOn: string;
}

export function studentName(s: Pick<LookupStudent, 'lastName' | 'firstName' | 'middleName'>): string {
  return [s.lastName, s.firstName, s.middleName].filter(Boolean).join(' ');
}

export function classOf(y: Pick<LookupYear, 'grade' | 'className'>): string {
  const letter = y.className.replace(/^\d+/, '');
  return letter ? `${y.grade} «${letter}»` : String(y.grade);
}

/** «2019/2020 учебный год, 5 «А» класс (с 13.10.2019 по 31.08.2020)». */
export function yearCaption(y: LookupYear, yearStart?: string): string {
  const partial = !y.toYearEnd || (yearStart !== undefined && y.from > yearStart);
  return `${y.yearName} учебный год, ${classOf(y)} класс${partial ? ` (в классе с ${ru(y.from)} по ${ru(y.to)})` : ''}`;
}

export function extractTitle(s: LookupStudent): string {
  return `Выписка из сводных ведомостей учёта успеваемости: ${studentName(s)}, ${ru(s.birthDate)}`;
}

function yearTable(width: number, y: LookupYear): { columns: number[]; header: RowInput[]; rows: RowInput[] } {
  const markWidth = Math.min(44, Math.floor((width - 170) / Math.max(1, y.columns.length)));
  const columns = [width - markWidth * y.columns.length, ...y.columns.map(() => markWidth)];
  const header: RowInput[] = [
    {
      cells: [{ text: yearCaption(y), colSpan: columns.length, style: 'bodyBold', borders: NO_BORDERS }],
      minHeight: 18,
    },
    {
      cells: [
        { text: 'Учебный предмет', style: HEAD, align: 'center', fill: 'header' },
        ...y.columns.map((c): CellInput => ({ text: c.label, style: HEAD, align: 'center', fill: 'header' })),
      ],
    },
  ];
  const rows: RowInput[] = y.subjects.map((s) => ({
    cells: [
      { text: s.name, style: CELL },
      ...y.columns.map((c): CellInput => ({
        text: s.marks[c.key] ?? '',
        style: c.key === 'final' ? CELL_BOLD : CELL,
        align: 'center',
        fill: c.key === 'final' ? 'header' : null,
      })),
    ],
    minHeight: 13,
  }));
  if (!rows.length)
    rows.push({ cells: [{ text: 'Итоговых отметок в ведомости нет', colSpan: columns.length, style: CELL, align: 'center' }] });
  return { columns, header, rows };
}

export function ledgerExtractSource(x: LedgerExtract): DocumentSource {
  const s = x.student;
  return {
    title: extractTitle(s),
    author: x.school.shortName,
    sided: 'single',
    sections: [
      {
        id: `lookup:${s.id}`,
        title: studentName(s),
        spec: pageSpec('portrait'),
        build(f) {
          if (x.school.fullName) f.paragraph(x.school.fullName, { style: 'bodyBold', align: 'center' });
          if (x.school.address) f.paragraph(x.school.address, { style: 'small', align: 'center' });
          f.paragraph('ВЫПИСКА', { style: 'heading', align: 'center', spaceBefore: 14 });
          f.paragraph('из сводных ведомостей учёта успеваемости обучающихся', { style: 'body', align: 'center' });
          f.space(8);
          f.table({
            columns: [150, f.contentWidth - 150],
            rows: [
              ['Обучающийся', studentName(s)],
              ['Дата рождения', ru(s.birthDate)],
              ['Номер личного дела', s.personalFileNo || '—'],
            ].map(([k, v]) => ({
              cells: [
                { text: k, style: 'body', borders: NO_BORDERS },
                { text: v, style: 'bodyBold', borders: NO_BORDERS },
              ],
            })),
            padding: 1,
          });
          f.space(6);
          if (!s.years.length)
            f.paragraph('В сводных ведомостях закрытых учебных лет обучающийся не значится.', { style: 'body', spaceBefore: 6 });
          for (const y of s.years) {
            f.space(6);
            f.table({ ...yearTable(f.contentWidth, y), padding: 2.5 });
          }
          f.paragraph(
            'Отметки приведены так, как они записаны в сводных ведомостях учёта успеваемости обучающихся за указанные учебные годы (срок хранения — 25 лет).',
            { style: 'small', spaceBefore: 6 },
          );
          const director = x.school.directorName ? initials(x.school.directorName) : '________________________';
          const line = (text: string, height: number, style: 'body' | 'bodyBold' = 'body'): RowInput => ({
            cells: [{ text, style, borders: NO_BORDERS, valign: 'bottom' }],
            height,
          });
          f.space(10);
          // one borderless table: «Выписка верна», the signatures and the seal never part between pages
          f.table({
            columns: [f.contentWidth],
            rows: [
              line('Выписка верна', 18, 'bodyBold'),
              line(`Директор ${x.school.shortName}  ______________________  /${director}/`, 26),
              line(`Выписку составил(а)  ______________________  /${x.issuedBy ? initials(x.issuedBy) : '________________________'}/`, 26),
              line('М.П.', 26),
              line(`Дата выдачи: ${ru(x.issuedOn)}`, 22),
            ].map((r, i, all) => ({ ...r, keepWithNext: i < all.length - 1 })),
            padding: 0,
          });
        },
      },
    ],
  };
}

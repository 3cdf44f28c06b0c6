import type { DocumentSource, Section } from '../layout/document';
import type { CellInput, Flow, RowInput } from '../layout/flow';
import { wrapText } from '../layout/measure';
import { NO_BORDERS, type Borders, type Sided, type TextStyle } from '../layout/page';
import { pageSpec } from '../layout/specs';
import { certificationPage, classTitle, initials, movementNote, type CertifiedNoun } from '../journal/sections';
import { columnsOf, type LedgerData, type LedgerMarks, type LedgerSubject, type TransferDecision } from './model';

// The summary ledger of final marks (сводная ведомость учёта успеваемости обучающихся), the archive's form kept for
// 25 years: one block of rows per student (each period, the year, the exam, the final mark), one column per subject,
// and the council's decision on transfer. A student's rows never part across pages. When the subjects do not fit
// one landscape page, they continue on further pages with the same students; the decision is on the last of them.

export const LEDGER = {
  num: 16,
  name: 100,
  label: 26,
  decision: 96,
  minSubject: 22,
  maxSubject: 40,
  row: 11.5,
} as const;

/** Compact faces for the ledger's rows: one line in an 11.5 pt row. */
const CELL: TextStyle = { face: 'cond', size: 7.5, lineHeight: 8.5 };
const CELL_BOLD: TextStyle = { face: 'condBold', size: 7.5, lineHeight: 8.5 };
const LABEL: TextStyle = { face: 'cond', size: 6.5, lineHeight: 8.5 };

export interface LedgerParts {
  marks: LedgerMarks | null;
  decisions: Readonly<Record<number, TransferDecision>> | null;
  councilNote: string | null;
}

export function ledgerTitle(d: LedgerData): string {
  return `Сводная ведомость учёта успеваемости обучающихся ${classTitle(d.cls)} класса за ${d.year.name} учебный год`;
}

/** «переведён в 6 класс», «оставлена на повторное обучение». */
export function decisionText(dec: TransferDecision, grade: number, gender: 'м' | 'ж'): string {
  if (dec.text) return dec.text;
  const f = gender === 'ж';
  switch (dec.kind) {
    case 'promoted':
      return `${f ? 'переведена' : 'переведён'} в ${grade + 1} класс`;
    case 'conditional':
      return `условно ${f ? 'переведена' : 'переведён'} в ${grade + 1} класс`;
    case 'retained':
      return `${f ? 'оставлена' : 'оставлен'} на повторное обучение`;
    case 'graduated':
      return `${f ? 'окончила' : 'окончил'} ${grade} классов, выдан аттестат`;
  }
}

/** Splits the subjects into the fewest groups whose columns fit the page (the decision column on the last one). */
export function subjectGroups<T>(subjects: T[], width: number): { subjects: T[]; width: number; decision: boolean }[] {
  const fixed = LEDGER.num + LEDGER.name + LEDGER.label;
  const n = Math.max(1, subjects.length);
  for (let g = 1; ; g++) {
    const size = Math.ceil(n / g);
    const lastSize = n - size * (g - 1);
    if (size * LEDGER.minSubject <= width - fixed && lastSize * LEDGER.minSubject <= width - fixed - LEDGER.decision) {
      const out: { subjects: T[]; width: number; decision: boolean }[] = [];
      for (let i = 0; i < g; i++) {
        const part = subjects.slice(i * size, (i + 1) * size);
        const last = i === g - 1;
        const room = width - fixed - (last ? LEDGER.decision : 0);
        out.push({
          subjects: part,
          width: Math.min(LEDGER.maxSubject, Math.floor((room / Math.max(1, part.length)) * 4) / 4),
          decision: last,
        });
      }
      return out;
    }
  }
}

const B = (top: boolean, bottom: boolean): Borders => ({ top, bottom, left: true, right: true });

/** The ledger's table (and, after the last group, the signatures) for one class: what both the class's ledger and the school's book print. */
export function ledgerSections(d: LedgerData, parts: LedgerParts, idPrefix = 'ledger', title = 'Сводная ведомость'): Section[] {
  const columns = columnsOf(d.periods);
  const subjects: (LedgerSubject & { marks?: LedgerMarks['subjects'][number]['marks'] })[] = parts.marks?.subjects.length
    ? parts.marks.subjects
    : d.catalogue;
  const spec = pageSpec('landscape');
  return [
    {
      id: idPrefix,
      title,
      spec,
      build(f) {
        f.paragraph(d.school.fullName, { style: 'small', align: 'center' });
        const groups = subjectGroups(subjects, f.contentWidth);
        groups.forEach((g, gi) => {
          if (gi > 0) f.newPage();
          ledgerTable(f, d, parts, columns, g, gi, groups.length);
        });
        signatures(f, d, parts.councilNote);
      },
    },
  ];
}

function ledgerTable(
  f: Flow,
  d: LedgerData,
  parts: LedgerParts,
  columns: ReturnType<typeof columnsOf>,
  g: { subjects: (LedgerSubject & { marks?: LedgerMarks['subjects'][number]['marks'] })[]; width: number; decision: boolean },
  gi: number,
  groupCount: number,
): void {
  const cols = [LEDGER.num, LEDGER.name, LEDGER.label, ...g.subjects.map(() => g.width), ...(g.decision ? [LEDGER.decision] : [])];
  const part = groupCount > 1 ? ` (предметы, часть ${gi + 1} из ${groupCount})` : '';
  const header: RowInput[] = [
    {
      cells: [
        { text: `${ledgerTitle(d)}${part}`, colSpan: cols.length, style: 'heading', align: 'center', borders: NO_BORDERS, fit: 'shrink' },
      ],
      height: 20,
    },
    {
      cells: [
        { text: '№', align: 'center', style: 'tableBold' },
        { text: 'Фамилия, имя, отчество обучающегося', align: 'center', style: 'tableBold' },
        { text: 'Период', align: 'center', style: 'small', fit: 'shrink' },
        ...g.subjects.map((s): CellInput => ({ text: s.short, align: 'center', style: 'small' })),
        ...(g.decision ? [{ text: 'Решение педагогического совета', align: 'center' as const, style: 'tableBold' as const }] : []),
      ],
      minHeight: 30,
    },
  ];
  const k = columns.length;
  const rows: RowInput[] = [];
  const nameStyle = CELL;
  d.students.forEach((st, si) => {
    const nameLines = [st.lastName, st.firstName, st.middleName];
    const dec = parts.decisions?.[st.id];
    const note = movementNote(st, d.year);
    const decText = [dec ? decisionText(dec, d.cls.grade, st.gender) : '', note].filter(Boolean).join('; ');
    const decLines = g.decision && decText ? wrapText(f.m, decText, nameStyle.face, nameStyle.size, LEDGER.decision - 6) : [];
    if (decLines.length > columns.length) decLines[columns.length - 1] += '…';
    columns.forEach((c, ci) => {
      const first = ci === 0;
      const last = ci === k - 1;
      rows.push({
        height: LEDGER.row,
        keepWithNext: !last,
        cells: [
          { text: first ? String(si + 1) : '', align: 'center', style: CELL, borders: B(first, last) },
          { text: nameLines[ci] ?? '', style: CELL, fit: 'clip', borders: B(first, last) },
          { text: c.label, align: 'center', style: LABEL, fit: 'shrink', fill: c.key === 'final' ? 'header' : null },
          ...g.subjects.map((s): CellInput => ({
            text: s.marks?.[st.id]?.[c.key] ?? '',
            align: 'center',
            style: c.key === 'final' ? CELL_BOLD : CELL,
            fit: 'shrink',
            fill: c.key === 'final' ? 'header' : null,
          })),
          ...(g.decision ? [{ text: decLines[ci] ?? '', style: CELL, fit: 'clip' as const, borders: B(first, last) }] : []),
        ],
      });
    });
  });
  if (rows.length === 0)
    rows.push({ height: LEDGER.row, cells: [{ text: 'В классе нет обучающихся', colSpan: cols.length, style: CELL, align: 'center' }] });
  f.table({ columns: cols, header, rows, padding: 1.5 });
}

function signatures(f: Flow, d: LedgerData, councilNote: string | null): void {
  // the signature block stays together on the last page
  if (f.remaining < 120) f.newPage();
  f.paragraph(`Решение педагогического совета: ${councilNote ?? 'протокол № ______ от «____» ____________ 20____ г.'}`, {
    style: 'body',
    spaceBefore: 12,
  });
  const homeroom = d.cls.homeroom ? initials(d.cls.homeroom) : '________________________';
  const director = d.school.directorName ? initials(d.school.directorName) : '________________________';
  f.paragraph(`Классный руководитель  ______________________  /${homeroom}/`, { style: 'body', spaceBefore: 14 });
  f.paragraph(`Директор ${d.school.shortName}  ______________________  /${director}/`, { style: 'body', spaceBefore: 14 });
  f.paragraph('М.П.                «____» ________________ 20____ г.', { style: 'body', spaceBefore: 14 });
}

export const LEDGER_NOUN: CertifiedNoun = { inThis: 'В настоящей ведомости', printed: 'Ведомость напечатана' };

/** The ledger of one class: its table and signatures, then the certification page of its laced leaves. */
export function ledgerSource(d: LedgerData, parts: LedgerParts, sided: Sided): DocumentSource {
  return {
    title: ledgerTitle(d),
    author: d.school.shortName,
    sided,
    sections: [
      ...ledgerSections(d, parts),
      certificationPage({
        caption: `Сводная ведомость учёта успеваемости обучающихся ${classTitle(d.cls)} класса, ${d.year.name} учебный год`,
        noun: LEDGER_NOUN,
        school: d.school,
        sided,
      }),
    ],
  };
}

import { ABSENCE_REASONS } from '../contract/rules/cell-text';
import { layoutDocument, type DocumentSource, type PagedDocument, type Section } from '../printing/layout/document';
import type { Flow, RowInput } from '../printing/layout/flow';
import { NO_BORDERS, type TextStyle } from '../printing/layout/page';
import { pageSpec } from '../printing/layout/specs';
import { ru } from '../contract/rules/dates';
import { countOf } from '../contract/rules/plural';
import type { AbsenceCode } from '../../db/schema';
import type { ExtractData } from './extract-data';
import { CELL, header, LESSONS, signatureLines } from './paper';

// The extract (выписка) for parents, laid out by the journal's layout engine: one section per student, so a class's
// extracts are one document whose every student starts on a new page. An extract that fits one A4 page carries no
// page number; a longer one is numbered «Лист k из N» within itself (not through the whole batch), so each parent's
// sheets say how many there are.

const CELL_BOLD: TextStyle = { face: 'condBold', size: 8.5, lineHeight: 10.5 };

const MARKS = ['отметка', 'отметки', 'отметок'] as const;

const dm = (iso: string) => ru(iso).slice(0, 5);

/** «03.12: 5 (КР)» — one mark as the extract prints it. */
export function markText(m: { date: string; value: string; workShort: string }): string {
  return `${dm(m.date)}: ${m.value}${m.workShort ? ` (${m.workShort})` : ''}`;
}

function classTitle(c: ExtractData['cls']): string {
  return `${c.grade} «${c.letter}»`;
}

/** «Пропущено 7 уроков: по болезни — 5, причина не указана — 2.» */
export function absenceSummary(d: ExtractData): string {
  if (!d.absences.length) return 'Пропусков уроков за этот период нет.';
  const by = (code: AbsenceCode) => d.absences.filter((a) => a.code === code).length;
  const parts = (['б', 'у', 'н'] as const).filter((c) => by(c)).map((c) => `${ABSENCE_REASONS[c]} — ${by(c)}`);
  return `Пропущено ${countOf(d.absences.length, LESSONS)}: ${parts.join(', ')}.`;
}

function subjectsTable(f: Flow, d: ExtractData): void {
  const w = f.contentWidth;
  const cols = [108, w - 108 - 48 - 70, 48, 70];
  const rows: RowInput[] = d.subjects.map((s) => {
    const missed = d.absences.filter((a) => a.subject === s.name).length;
    return {
      cells: [
        { text: s.name, style: CELL_BOLD },
        { text: s.marks.length ? s.marks.map(markText).join('; ') : 'отметок нет', style: CELL },
        { text: missed ? String(missed) : '—', style: CELL, align: 'center' },
        { text: s.periodMarks.map((p) => `${p.period}: ${p.value}`).join('\n') || '—', style: CELL, align: 'center' },
      ],
      minHeight: 14,
    };
  });
  if (!rows.length) rows.push({ cells: [{ text: 'В этот период уроков не было.', colSpan: 4, style: CELL }] });
  f.table({
    columns: cols,
    header: [header(['Предмет', 'Отметки: дата, отметка (вид работы)', 'Пропуски', 'Отметка за период'])],
    rows,
    padding: 3,
  });
  const used = new Map<string, string>();
  for (const s of d.subjects) for (const m of s.marks) if (m.workShort) used.set(m.workShort, m.workType.toLowerCase());
  const total = d.subjects.reduce((a, s) => a + s.marks.length, 0);
  const legend = [...used].map(([k, v]) => `${k} — ${v}`).join(', ');
  f.paragraph(`Всего ${countOf(total, MARKS)}.${legend ? ` Виды работ: ${legend}.` : ''}`, { style: 'small', spaceBefore: 3 });
}

function absencesTable(f: Flow, d: ExtractData): void {
  f.paragraph('Посещаемость', { style: 'bodyBold', spaceBefore: 8 });
  f.paragraph(absenceSummary(d), { style: CELL });
  if (!d.absences.length) return;
  const groups = new Map<string, ExtractData['absences']>();
  for (const a of d.absences) {
    const k = `${a.date}|${a.code}`;
    groups.set(k, [...(groups.get(k) ?? []), a]);
  }
  const w = f.contentWidth;
  const cols = [52, 122, 56, w - 52 - 122 - 56];
  const rows: RowInput[] = [...groups.values()].map((g) => ({
    cells: [
      { text: ru(g[0].date), style: CELL, align: 'center' },
      { text: ABSENCE_REASONS[g[0].code], style: CELL },
      { text: countOf(g.length, LESSONS), style: CELL, align: 'center' },
      { text: g.map((a) => `${a.lessonNumber}. ${a.subject}`).join(', '), style: CELL },
    ],
  }));
  f.table({ columns: cols, header: [header(['Дата', 'Причина', 'Уроков', 'Уроки (номер урока, предмет)'])], rows, padding: 3 });
}

function commentsTable(f: Flow, d: ExtractData): void {
  if (!d.comments.length) return;
  f.paragraph('Записи учителей', { style: 'bodyBold', spaceBefore: 8 });
  const w = f.contentWidth;
  const cols = [52, 108, w - 160];
  const rows: RowInput[] = d.comments.map((c) => ({
    cells: [
      { text: ru(c.date), style: CELL, align: 'center' },
      { text: c.subject, style: CELL },
      { text: c.text, style: CELL },
    ],
  }));
  f.table({ columns: cols, header: [header(['Дата', 'Предмет', 'Запись'])], rows, padding: 3 });
}

function homeworkTable(f: Flow, d: ExtractData): void {
  if (!d.withHomework) return;
  const given = d.subjects.filter((s) => s.homework);
  f.paragraph('Домашнее задание на ближайшие дни', { style: 'bodyBold', spaceBefore: 8 });
  if (!given.length) {
    f.paragraph('Домашнее задание в журнал не записано.', { style: CELL });
    return;
  }
  const w = f.contentWidth;
  const cols = [108, 52, w - 160];
  const rows: RowInput[] = given.map((s) => ({
    cells: [
      { text: s.name, style: CELL },
      { text: ru(s.homework!.date), style: CELL, align: 'center' },
      { text: s.homework!.text, style: CELL },
    ],
  }));
  f.table({ columns: cols, header: [header(['Предмет', 'Задано', 'Задание'])], rows, padding: 3 });
}

export function extractSection(d: ExtractData): Section {
  return {
    id: `extract:${d.student.id}`,
    title: d.student.shortName,
    spec: pageSpec('portrait'),
    build(f) {
      if (d.school.fullName) f.paragraph(d.school.fullName, { style: 'small', align: 'center' });
      f.paragraph('Выписка из классного журнала', { style: 'heading', align: 'center', spaceBefore: 6 });
      f.paragraph('об успеваемости и посещаемости обучающегося', { style: 'body', align: 'center' });
      f.table({
        columns: [110, f.contentWidth - 110],
        rows: [
          ['Обучающийся', d.student.name],
          ['Класс', `${classTitle(d.cls)}, ${d.year.name} учебный год`],
          ['Период', `с ${ru(d.span.from)} по ${ru(d.span.to)}`],
        ].map(([k, v]) => ({
          cells: [
            { text: k, style: 'body', borders: NO_BORDERS },
            { text: v, style: 'bodyBold', borders: NO_BORDERS },
          ],
        })),
        padding: 1,
      });
      f.space(6);
      subjectsTable(f, d);
      absencesTable(f, d);
      commentsTable(f, d);
      homeworkTable(f, d);
      signatureLines(f, d.cls.homeroom, 'С выпиской ознакомлен(а)');
    },
  };
}

export function extractTitle(list: readonly ExtractData[]): string {
  if (list.length === 1)
    return `Выписка из журнала: ${list[0].student.name}, ${list[0].cls.name}, ${ru(list[0].span.from)}–${ru(list[0].span.to)}`;
  const d = list[0];
  return `Выписки из журнала для родителей: ${d.cls.name}, ${ru(d.span.from)}–${ru(d.span.to)}, ${countOf(list.length, ['ученик', 'ученика', 'учеников'])}`;
}

export function extractSource(list: readonly ExtractData[]): DocumentSource {
  return {
    title: extractTitle(list),
    author: list[0]?.school.shortName ?? '',
    sided: 'single',
    sections: list.map(extractSection),
  };
}

export interface LaidExtracts {
  doc: PagedDocument;
  /** Each student's pages in the document. */
  pages: Map<number, { first: number; last: number }>;
}

/**
 * Lays the extracts out and numbers each one's pages by itself: «Лист 2 из 3» for a three-page extract, nothing on
 * an extract of one page.
 */
export function layoutExtracts(list: readonly ExtractData[]): LaidExtracts {
  return numberWithin(
    layoutDocument(extractSource(list)),
    'extract',
    list.map((d) => d.student.id),
  );
}

/** Each student's pages (sections `${prefix}:${id}`) numbered by themselves; a single page gets no number. */
export function numberWithin(doc: PagedDocument, prefix: string, studentIds: readonly number[]): LaidExtracts {
  const pages = new Map<number, { first: number; last: number }>();
  for (const id of studentIds) {
    const a = doc.anchors.get(`${prefix}:${id}`)!;
    pages.set(id, { first: a.first, last: a.last });
    const n = a.last - a.first + 1;
    for (let k = a.first; k <= a.last; k++) doc.pages[k - 1].footer = n === 1 ? '' : `Лист ${k - a.first + 1} из ${n}`;
  }
  return { doc, pages };
}

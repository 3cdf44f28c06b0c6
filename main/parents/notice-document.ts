import type { DocumentSource, Section } from '../printing/layout/document';
import type { CellInput, RowInput } from '../printing/layout/flow';
import { NO_BORDERS, type TextStyle } from '../printing/layout/page';
import { pageSpec } from '../printing/layout/specs';
import { ru } from '../contract/rules/dates';
import { countOf } from '../contract/rules/plural';
import type { RiskNotice } from './notices';

// The notice to parents (уведомление) about a student at risk, laid out by the journal's engine: one section per
// student, so a class's notices are one document, each notice from a new page.

const CELL: TextStyle = { face: 'cond', size: 8.5, lineHeight: 10.5 };
const HEAD: TextStyle = { face: 'condBold', size: 8, lineHeight: 10 };
const LESSONS = ['урок', 'урока', 'уроков'] as const;
const header = (cells: string[]): RowInput => ({
  cells: cells.map((text): CellInput => ({ text, style: HEAD, align: 'center', fill: 'header' })),
});
const initials = (full: string) => {
  const [last, ...rest] = full.trim().split(/\s+/);
  return [last, rest.map((p) => `${p[0]}.`).join(' ')].filter(Boolean).join(' ');
};
const avg = (n: number | null) => (n === null ? '—' : n.toFixed(2).replace('.', ','));

function noticeSection(n: RiskNotice): Section {
  return {
    id: `notice:${n.student.id}`,
    title: n.student.name,
    spec: pageSpec('portrait'),
    build(f) {
      if (n.school.fullName) f.paragraph(n.school.fullName, { style: 'small', align: 'center' });
      f.paragraph('Уведомление', { style: 'heading', align: 'center', spaceBefore: 8 });
      f.paragraph(`родителям (законным представителям) обучающегося ${n.cls.grade} «${n.cls.letter}» класса`, {
        style: 'body',
        align: 'center',
      });
      f.paragraph(n.student.name, { style: 'bodyBold', align: 'center' });
      const reasons: string[] = [];
      if (n.subjects.some((s) => s.risks.includes('2'))) reasons.push('может получить неудовлетворительную отметку «2»');
      if (n.subjects.some((s) => s.risks.includes('н/а'))) reasons.push('может быть не аттестован(а) («н/а») из-за пропусков');
      if (n.unexcused.length) reasons.push(`пропустил(а) без уважительной причины ${countOf(n.unexcused.length, LESSONS)}`);
      f.paragraph(
        `Сообщаем, что по состоянию на ${ru(n.period.to)} (${n.period.name}, с ${ru(n.period.from)}) ваш ребёнок ${reasons.join('; ')}. ` +
          'Просим обратить внимание на его учёбу и посещаемость и связаться с классным руководителем.',
        { style: 'body', spaceBefore: 10 },
      );
      if (n.subjects.length) {
        f.space(6);
        const w = f.contentWidth;
        const cols = [120, w - 120 - 46 - 70 - 60, 46, 70, 60];
        f.table({
          columns: cols,
          header: [header(['Предмет', 'Отметки за период', 'Средний балл', 'Пропущено / проведено', 'Риск'])],
          rows: n.subjects.map((s) => ({
            cells: [
              { text: s.name, style: CELL },
              { text: s.marks.join(' ') || 'отметок нет', style: CELL },
              { text: avg(s.average), style: CELL, align: 'center' },
              { text: `${s.missed} / ${s.held}`, style: CELL, align: 'center' },
              { text: s.risks.map((r) => `«${r}»`).join(', '), style: CELL, align: 'center' },
            ],
          })),
          padding: 3,
        });
        const topics = n.subjects.flatMap((s) => s.topics.map((t) => ({ ...t, subject: s.name })));
        if (topics.length) {
          f.paragraph('Пропущенные и не усвоенные темы', { style: 'bodyBold', spaceBefore: 8 });
          f.table({
            columns: [120, 52, w - 120 - 52 - 80, 80],
            header: [header(['Предмет', 'Дата', 'Тема урока', ''])],
            rows: topics.map((t) => ({
              cells: [
                { text: t.subject, style: CELL },
                { text: ru(t.date), style: CELL, align: 'center' },
                { text: t.topic || '(тема не записана)', style: CELL },
                { text: t.why === 'missed' ? 'пропущен' : 'отметка «2»', style: CELL, align: 'center' },
              ],
            })),
            padding: 3,
          });
        }
      }
      if (n.unexcused.length) {
        f.paragraph(`Пропуски без уважительной причины: ${countOf(n.unexcused.length, LESSONS)}`, { style: 'bodyBold', spaceBefore: 8 });
        const w = f.contentWidth;
        f.table({
          columns: [52, 120, w - 172],
          header: [header(['Дата', 'Предмет', 'Тема урока'])],
          rows: n.unexcused.map((u) => ({
            cells: [
              { text: ru(u.date), style: CELL, align: 'center' },
              { text: u.subject, style: CELL },
              { text: u.topic || '(тема не записана)', style: CELL },
            ],
          })),
          padding: 3,
        });
      }
      const homeroom = n.cls.homeroom ? initials(n.cls.homeroom) : '________________';
      const line = (text: string, height: number): RowInput => ({
        cells: [{ text, style: 'body', borders: NO_BORDERS, valign: 'bottom' }],
        height,
      });
      f.space(10);
      f.table({
        columns: [f.contentWidth],
        rows: [
          line(`Классный руководитель  __________________  /${homeroom}/    «___» ____________ 20___ г.`, 22),
          line('С уведомлением ознакомлен(а), родитель (законный представитель):', 26),
          line('______________________  /__________________________________/        «___» ______________ 20___ г.', 22),
        ].map((r, i, all) => ({ ...r, keepWithNext: i < all.length - 1 })),
        padding: 0,
      });
    },
  };
}

export function noticeSource(list: readonly RiskNotice[]): DocumentSource {
  const d = list[0];
  return {
    title: `Уведомления родителям: ${d?.cls.name ?? ''}, на ${d ? ru(d.period.to) : ''}, ${countOf(list.length, ['ученик', 'ученика', 'учеников'])}`,
    author: d?.school.shortName ?? '',
    sided: 'single',
    sections: list.map(noticeSection),
  };
}

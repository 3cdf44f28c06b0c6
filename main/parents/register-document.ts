import type { DocumentSource } from '../printing/layout/document';
import type { CellInput, RowInput } from '../printing/layout/flow';
import type { TextStyle } from '../printing/layout/page';
import { pageSpec } from '../printing/layout/specs';
import { ru } from '../contract/rules/dates';
import { countOf } from '../contract/rules/plural';
import type { ExtractRegisterRow, PaperStudent } from '../contract/parents';

// The printable register of extracts handed to parents, per class: what was printed for whom and for which span, and
// when and to whom it was handed, with a column for the recipient's signature; after it, the paper-choice students
// with no extract handed over for the register's last week.

const CELL: TextStyle = { face: 'cond', size: 8, lineHeight: 9.6 };
const HEAD: TextStyle = { face: 'condBold', size: 8, lineHeight: 9.6 };

export interface RegisterDocData {
  schoolName: string;
  schoolShort: string;
  className: string;
  yearName: string;
  from: string;
  to: string;
  rows: ExtractRegisterRow[];
  notReceived: PaperStudent[];
  /** The week the list of students without this week's extract is for. */
  week: { from: string; to: string };
}

export function registerSource(d: RegisterDocData): DocumentSource {
  return {
    title: `Журнал выдачи выписок родителям: ${d.className}, ${ru(d.from)}–${ru(d.to)}`,
    author: d.schoolShort,
    sided: 'single',
    sections: [
      {
        id: 'register',
        title: 'Журнал выдачи',
        spec: pageSpec('landscape'),
        build(f) {
          if (d.schoolName) f.paragraph(d.schoolName, { style: 'small', align: 'center' });
          f.paragraph(
            `Журнал выдачи выписок из классного журнала родителям (законным представителям): ${d.className} класс, ${d.yearName} учебный год`,
            {
              style: 'heading',
              align: 'center',
              spaceBefore: 4,
            },
          );
          f.paragraph(
            `Выписки, напечатанные за период с ${ru(d.from)} по ${ru(d.to)}: ${countOf(d.rows.length, ['выписка', 'выписки', 'выписок'])}.`,
            {
              style: 'body',
              align: 'center',
              spaceBefore: 2,
            },
          );
          f.space(6);
          const fixed = [22, 150, 92, 100, 40, 62, 0, 90];
          const cols = fixed.map((w) => w || f.contentWidth - fixed.reduce((a, b) => a + b, 0));
          const header: RowInput = {
            cells: ['№', 'Обучающийся', 'Период (документ)', 'Напечатана', 'Листов', 'Выдана', 'Кому выдана', 'Подпись получившего'].map(
              (text): CellInput => ({ text, style: HEAD, align: 'center', fill: 'header' }),
            ),
          };
          const rows: RowInput[] = d.rows.map((r, i) => ({
            minHeight: 20,
            cells: [
              { text: String(i + 1), style: CELL, align: 'center' },
              { text: r.studentName, style: CELL },
              { text: `${r.kind === 'notice' ? 'уведомление, ' : ''}${ru(r.from)}–${ru(r.to)}`, style: CELL, align: 'center' },
              { text: `${ru(r.printedAt.slice(0, 10))}, ${r.printedBy}`, style: CELL },
              { text: String(r.pages), style: CELL, align: 'center' },
              { text: r.handedAt ? ru(r.handedAt) : '', style: CELL, align: 'center' },
              { text: r.handedTo, style: CELL },
              { text: '', style: CELL },
            ],
          }));
          if (!rows.length) rows.push({ cells: [{ text: 'За этот период выписки не печатались.', colSpan: 8, style: CELL }] });
          f.table({ columns: cols, header: [header], rows, padding: 2.5 });
          f.paragraph(`Не получили выписку за неделю ${ru(d.week.from)}–${ru(d.week.to)} (родители выбрали бумажную форму)`, {
            style: 'bodyBold',
            spaceBefore: 12,
          });
          f.paragraph(d.notReceived.length ? d.notReceived.map((p, i) => `${i + 1}. ${p.name}`).join('; ') + '.' : 'Все получили.', {
            style: 'body',
          });
          f.paragraph('Классный руководитель  ______________________  /______________________/', {
            style: 'body',
            spaceBefore: 16,
            keepTogether: true,
          });
        },
      },
    ],
  };
}

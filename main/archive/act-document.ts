import type { DocumentSource } from '../printing/layout/document';
import type { CellInput, RowInput } from '../printing/layout/flow';
import type { TextStyle } from '../printing/layout/page';
import { pageSpec } from '../printing/layout/specs';
import { ru } from '../contract/rules/dates';
import { countOf } from '../contract/rules/plural';
import { RETENTION_YEARS } from '../contract/rules/retention';
import type { ArchiveRow } from '../contract/archive';

// The act of selection for destruction of documents not subject to keeping (акт о выделении к уничтожению документов,
// не подлежащих хранению), laid out by printing's engine and drawn as PDF/A like every printed document: the director's
// approval, the list of the register's documents whose term is over (title, year, leaves, term, where kept), the total,
// and the signatures of the commission and of the one who destroyed them.

const CELL: TextStyle = { face: 'cond', size: 8.5, lineHeight: 10.2 };
const HEAD: TextStyle = { face: 'condBold', size: 8.5, lineHeight: 10.2 };

export interface ActDocData {
  schoolName: string;
  schoolShort: string;
  directorName: string;
  number: string;
  drawnOn: string;
  rows: ArchiveRow[];
}

const years = (n: number) => countOf(n, ['год', 'года', 'лет']);

export function actSource(d: ActDocData): DocumentSource {
  const yearNames = [...new Set(d.rows.map((r) => r.yearName))];
  return {
    title: `Акт № ${d.number} о выделении к уничтожению документов, не подлежащих хранению`,
    author: d.schoolShort,
    sided: 'single',
    sections: [
      {
        id: 'act',
        title: 'Акт',
        spec: pageSpec('portrait'),
        build(f) {
          f.paragraph(d.schoolName || d.schoolShort, { style: 'bodyBold', align: 'center' });
          f.paragraph('УТВЕРЖДАЮ', { style: 'bodyBold', align: 'right', spaceBefore: 8 });
          f.paragraph(`Директор  ____________  ${d.directorName || '____________________'}`, { style: 'body', align: 'right' });
          f.paragraph('«___» ______________ 20___ г.', { style: 'body', align: 'right' });
          f.paragraph(`АКТ № ${d.number}`, { style: 'heading', align: 'center', spaceBefore: 12 });
          f.paragraph(`от ${ru(d.drawnOn)}`, { style: 'body', align: 'center' });
          f.paragraph('о выделении к уничтожению документов, не подлежащих хранению', { style: 'heading', align: 'center' });
          f.paragraph(
            `На основании сроков хранения (классные журналы — ${years(RETENTION_YEARS.journal)}, сводные ведомости успеваемости — ` +
              `${years(RETENTION_YEARS.ledger)} с 1 января года, следующего за окончанием учебного года) отобраны к уничтожению ` +
              'как не имеющие научно-исторической ценности и утратившие практическое значение следующие документы:',
            { style: 'body', spaceBefore: 8 },
          );
          f.space(6);
          const fixed = [22, 0, 62, 40, 70, 110];
          const cols = fixed.map((w) => w || f.contentWidth - fixed.reduce((a, b) => a + b, 0));
          const header: RowInput = {
            cells: ['№', 'Заголовок документа', 'Учебный год', 'Листов', 'Хранить до', 'Где хранится'].map((text): CellInput => ({
              text,
              style: HEAD,
              align: 'center',
              fill: 'header',
            })),
          };
          const rows: RowInput[] = d.rows.map((r, i) => ({
            cells: [
              { text: String(i + 1), style: CELL, align: 'center' },
              { text: r.title, style: CELL },
              { text: r.yearName, style: CELL, align: 'center' },
              { text: String(r.pages), style: CELL, align: 'center' },
              { text: ru(r.retainUntil), style: CELL, align: 'center' },
              { text: r.storagePlace, style: CELL },
            ],
          }));
          f.table({ columns: cols, header: [header], rows, padding: 2.5 });
          const leaves = d.rows.reduce((a, r) => a + r.pages, 0);
          f.paragraph(
            `Итого: ${countOf(d.rows.length, ['документ', 'документа', 'документов'])} (${countOf(leaves, ['лист', 'листа', 'листов'])}) за ${yearNames.join(', ')} ${yearNames.length === 1 ? 'учебный год' : 'учебные годы'}.`,
            { style: 'body', spaceBefore: 8 },
          );
          for (const line of [
            'Председатель комиссии  ______________  /____________________/',
            'Члены комиссии  ______________  /____________________/',
            '                            ______________  /____________________/',
            `Документы в количестве ${countOf(d.rows.length, ['документа', 'документов', 'документов'])} уничтожены путём измельчения.`,
            'Уничтожил  ______________  /____________________/   «___» ______________ 20___ г.',
          ])
            f.paragraph(line, { style: 'body', spaceBefore: 10, keepTogether: true });
        },
      },
    ],
  };
}

import type { DocumentSource } from '../layout/document';
import type { Sided } from '../layout/page';
import { NO_BORDERS } from '../layout/page';
import { pageSpec } from '../layout/specs';
import { ru } from '../../contract/rules/dates';
import type { JournalData } from './model';
import { classTitle, movementNote, studentFullName } from './sections';

// The class list on a date: who is in the class that day, with how their year differs (arrived, left).

export function classListSource(d: JournalData, date: string, sided: Sided): DocumentSource {
  const inClass = d.students.filter((s) => s.active.some((r) => r.start_date <= date && date <= r.end_date));
  return {
    title: `Список обучающихся ${classTitle(d.cls)} класса на ${ru(date)}`,
    author: d.school.shortName,
    sided,
    sections: [
      {
        id: 'class-list',
        title: 'Список класса',
        spec: pageSpec('portrait'),
        build(f) {
          const w = f.contentWidth;
          const cols = [22, 0, 62, 30, 130];
          cols[1] = w - cols.reduce((a, b) => a + b, 0);
          f.paragraph(d.school.fullName, { style: 'small', align: 'center' });
          f.table({
            columns: cols,
            header: [
              {
                cells: [
                  {
                    text: `Список обучающихся ${classTitle(d.cls)} класса на ${ru(date)} (${d.year.name} учебный год)`,
                    colSpan: cols.length,
                    style: 'heading',
                    align: 'center',
                    borders: NO_BORDERS,
                  },
                ],
                minHeight: 26,
              },
              {
                cells: ['№', 'Фамилия, имя, отчество', 'Дата рождения', 'Пол', 'Примечание'].map((text) => ({
                  text,
                  align: 'center' as const,
                  style: 'tableBold' as const,
                })),
                minHeight: 16,
              },
            ],
            rows: inClass.map((s, i) => ({
              minHeight: 15,
              cells: [
                { text: String(i + 1), align: 'center' },
                { text: studentFullName(s), style: 'table' },
                { text: ru(s.birthDate), align: 'center' },
                { text: s.gender, align: 'center' },
                { text: movementNote(s, d.year) },
              ],
            })),
          });
          f.paragraph(`Всего: ${inClass.length}. Классный руководитель: ${d.cls.homeroom ?? '________________'}`, {
            style: 'body',
            spaceBefore: 10,
          });
        },
      },
    ],
  };
}

import type { DocumentSource, Section } from '../layout/document';
import type { Sided } from '../layout/page';
import { pageSpec } from '../layout/specs';
import { certificationPage, classTitle, contentsSection, type CertifiedNoun } from '../journal/sections';
import { ledgerSections, type LedgerParts } from './ledger';
import type { LedgerData } from './model';

// The school's book of summary ledgers for a year: every class's ledger in one laced volume, with a title page, its
// own contents (class, homeroom teacher, pages) and its own certification page.

export const BOOK_NOUN: CertifiedNoun = { inThis: 'В настоящей книге', printed: 'Книга напечатана' };

export function bookTitle(yearName: string): string {
  return `Книга сводных ведомостей учёта успеваемости обучающихся, ${yearName} учебный год`;
}

export interface BookClass {
  data: LedgerData;
  parts: LedgerParts;
}

export function ledgerBookSource(school: LedgerData['school'], yearName: string, classes: BookClass[], sided: Sided): DocumentSource {
  const title: Section = {
    id: 'title',
    title: 'Титульный лист',
    spec: pageSpec('portrait'),
    build(f) {
      f.paragraph(school.fullName, { style: 'subtitle', align: 'center' });
      f.paragraph('КНИГА', { style: 'title', align: 'center', spaceBefore: 190 });
      f.paragraph('сводных ведомостей учёта успеваемости обучающихся', {
        style: { face: 'sansBold', size: 16, lineHeight: 22 },
        align: 'center',
        spaceBefore: 12,
      });
      f.paragraph(`${yearName} учебный год`, { style: 'subtitle', align: 'center', spaceBefore: 14 });
      f.paragraph(`Классов: ${classes.length}`, { style: 'body', align: 'center', spaceBefore: 40 });
      f.paragraph('Срок хранения — 25 лет', { style: 'body', align: 'center', spaceBefore: 8 });
      if (school.address) f.paragraph(school.address, { style: 'body', align: 'center', spaceBefore: 220 });
    },
  };
  const body = classes.flatMap((c) => ledgerSections(c.data, c.parts, `ledger:${c.data.cls.id}`, `${classTitle(c.data.cls)} класс`));
  const entries = classes.map((c) => ({
    anchor: `ledger:${c.data.cls.id}`,
    title: `${classTitle(c.data.cls)} класс (обучающихся: ${c.data.students.length})`,
    teacher: c.data.cls.homeroom ?? '',
  }));
  return {
    title: bookTitle(yearName),
    author: school.shortName,
    sided,
    sections: [
      title,
      contentsSection(entries, ['Класс', 'Классный руководитель']),
      ...body,
      certificationPage({ caption: bookTitle(yearName), noun: BOOK_NOUN, school, sided }),
    ],
  };
}

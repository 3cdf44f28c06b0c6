import type { DocumentSource, Section } from '../printing/layout/document';
import { pageSpec } from '../printing/layout/specs';
import { ru } from '../contract/rules/dates';
import { countOf } from '../contract/rules/plural';
import type { RiskNotice } from './notices';
import { CELL, header, LESSONS, signatureLines } from './paper';

// The notice to parents (уведомление) about a student at risk, laid out by the journal's engine: one section per
// student, so a class's notices are one document, each notice from a new page.

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
      signatureLines(f, n.cls.homeroom, 'С уведомлением ознакомлен(а)');
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

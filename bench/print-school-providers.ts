import type { JournalData } from '../main/documents/journal/model';
import type { LedgerData } from '../main/documents/ledger/model';
import { setDocumentProviders } from '../main/documents/providers';
import { makeSubject } from '../tests/helpers/journal-fixture';
import { GRADE5, makeAbsences, makeMarks } from '../tests/helpers/ledger-fixture';

// Made-up data for the whole-school benchmark (the marks tables do not exist yet): every class gets a 5th grade's
// subjects at their weekly hours with a year of lessons and marks, final marks and absences. Loaded by the print
// worker as its `setup` module, so the worker's documents are as large as a real year's.

const PLAN: [string, string, number, string?][] = [
  ['rus', 'Русский язык', 5],
  ['lit', 'Литература', 3],
  ['eng1', 'Иностранный язык (английский)', 3, '1 подгруппа'],
  ['eng2', 'Иностранный язык (английский)', 3, '2 подгруппа'],
  ['math', 'Математика', 5],
  ['hist', 'История', 2],
  ['geo', 'География', 1],
  ['bio', 'Биология', 1],
  ['odnk', 'ОДНКНР', 1],
  ['izo', 'Изобразительное искусство', 1],
  ['mus', 'Музыка', 1],
  ['trud1', 'Труд (технология)', 2, '1 подгруппа'],
  ['trud2', 'Труд (технология)', 2, '2 подгруппа'],
  ['pe', 'Физическая культура', 2],
];

export function fullYearSubjects(data: JournalData) {
  return PLAN.map(([key, name, perWeek, group]) => {
    const s = makeSubject(key, name, data, perWeek, { group });
    if (group) {
      const half = Math.ceil(s.students.length / 2);
      s.students = group.startsWith('1') ? s.students.slice(0, half) : s.students.slice(half);
    }
    return s;
  });
}

setDocumentProviders({
  journal: { subjects: async (_ctx, d) => fullYearSubjects(d) },
  ledger: {
    marks: async (_ctx, d: LedgerData) => makeMarks(d, GRADE5),
    absences: async (_ctx, d: LedgerData) => makeAbsences(d),
  },
});

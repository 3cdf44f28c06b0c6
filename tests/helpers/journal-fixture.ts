import { addDays, format, getISODay, parseISO } from 'date-fns';
import type { JournalData, JournalStudent, LessonColumn, SubjectPagesData } from '../../main/printing/journal/model';

// A class journal's data made up in the test itself: the layout is tested without the journal module's tables.

export const YEAR = { id: 1, name: '2025/2026', start: '2025-09-01', end: '2026-08-31' };
const LAST = [
  'Иванов',
  'Петров',
  'Сидоров',
  'Кузнецов',
  'Смирнов',
  'Попов',
  'Васильев',
  'Соколов',
  'Михайлов',
  'Новиков',
  'Фёдоров',
  'Морозов',
  'Волков',
];
const FIRST = ['Александр', 'Максим', 'Артём', 'Михаил', 'Даниил', 'Иван', 'Дмитрий', 'Кирилл', 'Андрей', 'Егор'];

/** Students; the one at `leftIndex` left the class on 12 December (last day 2025-12-12). */
export function makeStudents(n: number, leftIndex = 3): JournalStudent[] {
  return Array.from({ length: n }, (_, i) => {
    const left = i === leftIndex;
    return {
      id: 1000 + i,
      lastName: `${LAST[i % LAST.length]}${i >= LAST.length ? `-${Math.floor(i / LAST.length) + 1}` : ''}`,
      firstName: FIRST[i % FIRST.length],
      middleName: 'Сергеевич',
      birthDate: `2014-0${(i % 9) + 1}-1${i % 10}`,
      gender: 'м' as const,
      active: [{ start_date: YEAR.start, end_date: left ? '2025-12-12' : YEAR.end }],
      personalFileNo: `А-${i + 1}`,
      address: `644043, г. Омск, ул. Фрунзе, д. ${i + 1}, кв. ${i * 3 + 1}`,
      phone: i % 3 === 0 ? `8 (913) 600-00-${String(i).padStart(2, '0')}` : '',
      healthGroup: ['I', 'II', 'III'][i % 3],
      peGroup: ['основная', 'подготовительная', 'специальная'][i % 3],
      healthNotes: i % 7 === 0 ? 'Освобождён от бега на длинные дистанции до 01.03.2026' : '',
      guardians: [
        { relation: 'мать', name: `${LAST[i % LAST.length]}а Анна Петровна`, phone: '8 (3812) 24-00-00', workplace: 'ПАО «Омскшина»' },
        { relation: 'отец', name: `${LAST[i % LAST.length]} Сергей Иванович`, phone: '8 (913) 111-22-33', workplace: 'ОАО «РЖД»' },
      ],
    };
  });
}

export function makeJournalData(n = 38): JournalData {
  return {
    school: {
      fullName: 'Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № 17»',
      shortName: 'МБОУ «СОШ № 17»',
      address: '644043, г. Омск, ул. Фрунзе, д. 21',
      directorName: 'Кравченко Ольга Викторовна',
    },
    year: YEAR,
    cls: { id: 1, name: '5А', grade: 5, letter: 'А', homeroom: 'Белова Марина Андреевна' },
    students: makeStudents(n),
  };
}

/** School days Mon–Fri from 1 September to 26 May, without the autumn and winter holidays. */
function schoolDays(): string[] {
  const out: string[] = [];
  for (let d = parseISO('2025-09-01'); format(d, 'yyyy-MM-dd') <= '2026-05-26'; d = addDays(d, 1)) {
    const iso = format(d, 'yyyy-MM-dd');
    if (getISODay(d) > 5) continue;
    if ((iso >= '2025-10-25' && iso <= '2025-11-04') || (iso >= '2025-12-27' && iso <= '2026-01-11')) continue;
    out.push(iso);
  }
  return out;
}

const MARKS = ['5', '4', '3', 'н', '4/5', '', '', '5', '', '2', 'н'];

/** A subject with `perWeek` lessons a week (up to 6: two on some days), or exactly `count` lessons if given. */
export function makeSubject(
  key: string,
  subject: string,
  data: JournalData,
  perWeek: number,
  opts: { count?: number; longTopics?: boolean; group?: string } = {},
): SubjectPagesData {
  const days = schoolDays();
  const dates: string[] = [];
  for (const d of days) {
    const wd = getISODay(parseISO(d));
    const n = Math.floor(perWeek / 5) + (wd <= perWeek % 5 ? 1 : 0);
    for (let k = 0; k < n; k++) dates.push(d);
  }
  const chosen = opts.count !== undefined ? dates.slice(0, opts.count) : dates;
  const students = data.students.map((s) => ({ id: s.id, name: `${s.lastName} ${s.firstName}`, active: s.active }));
  const lessons: LessonColumn[] = chosen.map((date, li) => {
    const cells: Record<number, string> = {};
    students.forEach((s, si) => {
      const t = MARKS[(li * 7 + si * 3) % MARKS.length];
      if (t) cells[s.id] = t;
    });
    const topic =
      opts.longTopics && li % 3 === 0
        ? `Урок ${li + 1}. ${'Повторение и обобщение изученного материала по разделу «Натуральные числа и действия с ними», решение текстовых задач повышенной сложности, '.repeat(3 + (li % 4))}контрольная работа.`
        : `Урок ${li + 1}. Тема урока по предмету «${subject}»`;
    return {
      date,
      cells,
      topic,
      hours: 1,
      homework: li % 2 ? `§ ${li + 1}, № ${li * 3}–${li * 3 + 4}` : `Выучить правило, стр. ${li + 10}`,
    };
  });
  return { key, subject, group: opts.group ?? null, teacher: 'Соколова Елена Викторовна', students, lessons };
}

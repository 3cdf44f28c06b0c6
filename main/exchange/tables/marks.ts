import { sql } from 'kysely';
import { ABSENCE_REASONS } from '../../contract/rules/cell-text';
import type { ExportTable } from '../table';
import { personName } from './sql';

// The journal's entries of a year: marks (one row per mark), absences, period marks and year/exam/final marks.

export const marks: ExportTable = {
  key: 'marks',
  title: 'Отметки',
  columns: [
    { key: 'lessonId', title: 'Код урока', type: 'number' },
    { key: 'date', title: 'Дата', type: 'date' },
    { key: 'className', title: 'Класс' },
    { key: 'subject', title: 'Предмет' },
    { key: 'studentId', title: 'Код ученика', type: 'number' },
    { key: 'student', title: 'Ученик' },
    { key: 'mark', title: 'Отметка' },
    { key: 'workType', title: 'Вид работы' },
    { key: 'weight', title: 'Вес', type: 'number' },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('mark as m')
      .innerJoin('lesson as l', 'l.id', 'm.lesson_id')
      .innerJoin('class as c', 'c.id', 'l.class_id')
      .innerJoin('subject as s', 's.id', 'l.subject_id')
      .innerJoin('student as st', 'st.id', 'm.student_id')
      .innerJoin('work_type as w', 'w.id', 'm.work_type_id')
      .select([
        'l.id as lessonId',
        'l.date as date',
        'c.name as className',
        's.name as subject',
        'st.id as studentId',
        personName('st').as('student'),
        'm.value as mark',
        'w.name as workType',
        'm.weight as weight',
      ])
      .where('c.year_id', '=', yearId)
      .orderBy('l.date')
      .orderBy('l.class_id')
      .orderBy('l.lesson_number')
      .orderBy('m.lesson_id')
      .orderBy('m.student_id')
      .orderBy('m.position')
      .execute(),
};

export const absences: ExportTable = {
  key: 'absences',
  title: 'Пропуски',
  columns: [
    { key: 'lessonId', title: 'Код урока', type: 'number' },
    { key: 'date', title: 'Дата', type: 'date' },
    { key: 'lessonNumber', title: 'Урок', type: 'number' },
    { key: 'className', title: 'Класс' },
    { key: 'subject', title: 'Предмет' },
    { key: 'studentId', title: 'Код ученика', type: 'number' },
    { key: 'student', title: 'Ученик' },
    { key: 'code', title: 'Код' },
    { key: 'reason', title: 'Причина' },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('journal_cell as j')
      .innerJoin('lesson as l', 'l.id', 'j.lesson_id')
      .innerJoin('class as c', 'c.id', 'l.class_id')
      .innerJoin('subject as s', 's.id', 'l.subject_id')
      .innerJoin('student as st', 'st.id', 'j.student_id')
      .select([
        'l.id as lessonId',
        'l.date as date',
        'l.lesson_number as lessonNumber',
        'c.name as className',
        's.name as subject',
        'st.id as studentId',
        personName('st').as('student'),
        'j.absence as code',
      ])
      .where('c.year_id', '=', yearId)
      .where('j.absence', 'is not', null)
      .orderBy('l.date')
      .orderBy('l.class_id')
      .orderBy('l.lesson_number')
      .orderBy('j.student_id')
      .execute()
      .then((rows) => rows.map((r) => ({ ...r, reason: r.code ? ABSENCE_REASONS[r.code] : null }))),
};

function finals(kinds: 'period' | 'final') {
  return (ctx: Parameters<ExportTable['rows']>[0], yearId: number) =>
    ctx.db
      .selectFrom('final_mark as f')
      .innerJoin('class as c', 'c.id', 'f.class_id')
      .innerJoin('subject as s', 's.id', 'f.subject_id')
      .innerJoin('student as st', 'st.id', 'f.student_id')
      .select([
        'c.name as className',
        's.name as subject',
        'st.id as studentId',
        personName('st').as('student'),
        kinds === 'period'
          ? sql<number>`cast(substr(f.kind, 2) as integer)`.as('period')
          : sql<string>`case f.kind when 'year' then 'годовая' when 'exam' then 'экзаменационная' when 'final' then 'итоговая' else f.kind end`.as(
              'kind',
            ),
        'f.value as mark',
      ])
      .where('f.year_id', '=', yearId)
      .where(sql<string>`substr(f.kind, 1, 1)`, kinds === 'period' ? '=' : '<>', 'p')
      .orderBy('c.grade')
      .orderBy('c.letter')
      .orderBy('s.name')
      .orderBy('st.last_name')
      .orderBy('st.first_name')
      .orderBy('f.kind')
      .execute();
}

export const periodMarks: ExportTable = {
  key: 'periodMarks',
  title: 'Отметки за периоды',
  columns: [
    { key: 'className', title: 'Класс' },
    { key: 'subject', title: 'Предмет' },
    { key: 'studentId', title: 'Код ученика', type: 'number' },
    { key: 'student', title: 'Ученик' },
    { key: 'period', title: 'Период (номер)', type: 'number' },
    { key: 'mark', title: 'Отметка' },
  ],
  rows: finals('period'),
};

export const finalMarks: ExportTable = {
  key: 'finalMarks',
  title: 'Итоговые отметки',
  columns: [
    { key: 'className', title: 'Класс' },
    { key: 'subject', title: 'Предмет' },
    { key: 'studentId', title: 'Код ученика', type: 'number' },
    { key: 'student', title: 'Ученик' },
    { key: 'kind', title: 'Вид' },
    { key: 'mark', title: 'Отметка' },
  ],
  rows: finals('final'),
};

import { sql } from 'kysely';
import type { ExportTable } from '../table';
import { optPersonName, personName } from './sql';

// The timetable (every version of the year with its slots) and the year's lessons with their topics and homework.

const WEEKDAY = sql<string>`case t.weekday when 1 then 'понедельник' when 2 then 'вторник' when 3 then 'среда' when 4 then 'четверг' when 5 then 'пятница' when 6 then 'суббота' else 'воскресенье' end`;

export const timetable: ExportTable = {
  key: 'timetable',
  title: 'Расписание',
  columns: [
    { key: 'version', title: 'Версия расписания' },
    { key: 'validFrom', title: 'Действует с', type: 'date' },
    { key: 'className', title: 'Класс' },
    { key: 'groupName', title: 'Группа' },
    { key: 'weekday', title: 'День недели' },
    { key: 'lessonNumber', title: 'Урок', type: 'number' },
    { key: 'subject', title: 'Предмет' },
    { key: 'teacher', title: 'Учитель' },
    { key: 'room', title: 'Кабинет' },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('timetable_slot as t')
      .innerJoin('timetable_version as v', 'v.id', 't.version_id')
      .innerJoin('class as c', 'c.id', 't.class_id')
      .leftJoin('study_group as g', 'g.id', 't.group_id')
      .innerJoin('subject as s', 's.id', 't.subject_id')
      .innerJoin('staff as p', 'p.id', 't.staff_id')
      .leftJoin('room as r', 'r.id', 't.room_id')
      .select([
        'v.name as version',
        'v.valid_from as validFrom',
        'c.name as className',
        'g.name as groupName',
        WEEKDAY.as('weekday'),
        't.lesson_number as lessonNumber',
        's.name as subject',
        personName('p').as('teacher'),
        'r.number as room',
      ])
      .where('v.year_id', '=', yearId)
      .orderBy('v.valid_from')
      .orderBy('c.grade')
      .orderBy('c.letter')
      .orderBy('t.weekday')
      .orderBy('t.lesson_number')
      .orderBy('g.name')
      .execute(),
};

const STATUS = sql<string>`case l.status when 'held' then 'проведён' when 'cancelled' then 'отменён' when 'moved' then 'перенесён' else l.status end`;

export const lessons: ExportTable = {
  key: 'lessons',
  title: 'Уроки',
  columns: [
    { key: 'lessonId', title: 'Код урока', type: 'number' },
    { key: 'date', title: 'Дата', type: 'date' },
    { key: 'lessonNumber', title: 'Урок', type: 'number' },
    { key: 'className', title: 'Класс' },
    { key: 'groupName', title: 'Группа' },
    { key: 'subject', title: 'Предмет' },
    { key: 'teacher', title: 'Учитель' },
    { key: 'substitute', title: 'Замена' },
    { key: 'status', title: 'Состояние' },
    { key: 'topic', title: 'Тема урока' },
    { key: 'homework', title: 'Домашнее задание' },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('lesson as l')
      .innerJoin('class as c', 'c.id', 'l.class_id')
      .leftJoin('study_group as g', 'g.id', 'l.group_id')
      .innerJoin('subject as s', 's.id', 'l.subject_id')
      .innerJoin('staff as p', 'p.id', 'l.staff_id')
      .leftJoin('staff as q', 'q.id', 'l.substitute_staff_id')
      .select([
        'l.id as lessonId',
        'l.date as date',
        'l.lesson_number as lessonNumber',
        'c.name as className',
        'g.name as groupName',
        's.name as subject',
        personName('p').as('teacher'),
        optPersonName('q').as('substitute'),
        STATUS.as('status'),
        'l.topic as topic',
        'l.homework as homework',
      ])
      .where('c.year_id', '=', yearId)
      .orderBy('l.date')
      .orderBy('c.grade')
      .orderBy('c.letter')
      .orderBy('l.lesson_number')
      .orderBy('l.id')
      .execute(),
};

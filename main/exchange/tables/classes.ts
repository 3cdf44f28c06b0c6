import { sql } from 'kysely';
import { CLASS_COLUMNS } from '../roster-tables';
import type { ExportTable } from '../table';
import { yearColumns } from './from-roster';
import { optPersonName, personName } from './sql';

// The year's classes, and its groups with their members (a member who left the group keeps a row with its end date).
// The classes' columns the roster's import has too (name, homeroom, days a week, shift) are the roster's
// (from-roster.ts), so the year's classes file imports back; the code, grade, letter, room and count are the export's.

export const classes: ExportTable = {
  key: 'classes',
  title: 'Классы',
  columns: [
    { key: 'classId', title: 'Код класса', type: 'number' },
    ...yearColumns(CLASS_COLUMNS, { name: 'className' }),
    { key: 'grade', title: 'Параллель', type: 'number' },
    { key: 'letter', title: 'Литера' },
    { key: 'room', title: 'Кабинет' },
    { key: 'students', title: 'Учеников на конец года', type: 'number' },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('class as c')
      .innerJoin('academic_year as y', 'y.id', 'c.year_id')
      .leftJoin('staff as h', 'h.id', 'c.homeroom_staff_id')
      .leftJoin('room as r', 'r.id', 'c.room_id')
      .select((eb) => [
        'c.id as classId',
        'c.name as className',
        'c.grade as grade',
        'c.letter as letter',
        optPersonName('h').as('homeroom'),
        'c.shift as shift',
        'c.week_days as weekDays',
        'r.number as room',
        eb
          .selectFrom('enrollment as e')
          .select(sql<number>`count(distinct e.student_id)`.as('n'))
          .whereRef('e.class_id', '=', 'c.id')
          .where((w) => w.or([w('e.end_date', 'is', null), w('e.end_date', '>=', w.ref('y.end_date'))]))
          .as('students'),
      ])
      .where('c.year_id', '=', yearId)
      .orderBy('c.grade')
      .orderBy('c.letter')
      .execute(),
};

const GROUP_KIND = sql<string>`case g.kind when 'subgroup' then 'подгруппа' when 'stream' then 'поток' when 'iup' then 'индивидуальный учебный план' else g.kind end`;

export const groups: ExportTable = {
  key: 'groups',
  title: 'Группы',
  columns: [
    { key: 'groupId', title: 'Код группы', type: 'number' },
    { key: 'className', title: 'Класс' },
    { key: 'groupName', title: 'Группа' },
    { key: 'kind', title: 'Вид' },
    { key: 'subject', title: 'Предмет' },
    { key: 'members', title: 'Состав сейчас', type: 'number' },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('study_group as g')
      .innerJoin('class as c', 'c.id', 'g.class_id')
      .leftJoin('subject as s', 's.id', 'g.subject_id')
      .select((eb) => [
        'g.id as groupId',
        'c.name as className',
        'g.name as groupName',
        GROUP_KIND.as('kind'),
        's.name as subject',
        eb
          .selectFrom('group_member as m')
          .select(sql<number>`count(*)`.as('n'))
          .whereRef('m.group_id', '=', 'g.id')
          .where('m.end_date', 'is', null)
          .as('members'),
      ])
      .where('c.year_id', '=', yearId)
      .orderBy('c.grade')
      .orderBy('c.letter')
      .orderBy('g.name')
      .execute(),
};

export const groupMembers: ExportTable = {
  key: 'groupMembers',
  title: 'Составы групп',
  columns: [
    { key: 'groupId', title: 'Код группы', type: 'number' },
    { key: 'className', title: 'Класс' },
    { key: 'groupName', title: 'Группа' },
    { key: 'studentId', title: 'Код ученика', type: 'number' },
    { key: 'student', title: 'Ученик' },
    { key: 'from', title: 'В группе с', type: 'date' },
    { key: 'to', title: 'В группе по', type: 'date' },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('group_member as m')
      .innerJoin('study_group as g', 'g.id', 'm.group_id')
      .innerJoin('class as c', 'c.id', 'g.class_id')
      .innerJoin('student as st', 'st.id', 'm.student_id')
      .select([
        'g.id as groupId',
        'c.name as className',
        'g.name as groupName',
        'st.id as studentId',
        personName('st').as('student'),
        'm.start_date as from',
        'm.end_date as to',
      ])
      .where('c.year_id', '=', yearId)
      .orderBy('c.grade')
      .orderBy('c.letter')
      .orderBy('g.name')
      .orderBy('st.last_name')
      .orderBy('st.first_name')
      .execute(),
};

import { sql } from 'kysely';
import type { ExportTable } from '../table';

// Students of a year (one row per stay in a class: a student moved during the year has two) and the staff. The
// personal columns are the 152-FZ fields of contract/rules/personal.ts; they leave the program only for readers with
// «students.personal» (writers.ts drops them for the others).

export const students: ExportTable = {
  key: 'students',
  title: 'Ученики',
  columns: [
    { key: 'studentId', title: 'Код ученика', type: 'number' },
    { key: 'className', title: 'Класс' },
    { key: 'lastName', title: 'Фамилия' },
    { key: 'firstName', title: 'Имя' },
    { key: 'middleName', title: 'Отчество' },
    { key: 'gender', title: 'Пол' },
    { key: 'enrolledFrom', title: 'В классе с', type: 'date' },
    { key: 'enrolledTo', title: 'В классе по', type: 'date' },
    { key: 'birthDate', title: 'Дата рождения', type: 'date', personal: true },
    { key: 'citizenship', title: 'Гражданство', personal: true },
    { key: 'snils', title: 'СНИЛС', personal: true },
    { key: 'personalFileNo', title: 'Номер личного дела', personal: true },
    { key: 'addressRegistered', title: 'Адрес регистрации', personal: true },
    { key: 'addressActual', title: 'Адрес проживания', personal: true },
    { key: 'phone', title: 'Телефон', personal: true },
    { key: 'healthGroup', title: 'Группа здоровья', personal: true },
    { key: 'peGroup', title: 'Группа по физкультуре', personal: true },
  ],
  rows: (ctx, yearId) =>
    ctx.db
      .selectFrom('enrollment as e')
      .innerJoin('class as c', 'c.id', 'e.class_id')
      .innerJoin('student as s', 's.id', 'e.student_id')
      .select([
        's.id as studentId',
        'c.name as className',
        's.last_name as lastName',
        's.first_name as firstName',
        's.middle_name as middleName',
        's.gender as gender',
        'e.start_date as enrolledFrom',
        'e.end_date as enrolledTo',
        's.birth_date as birthDate',
        's.citizenship as citizenship',
        's.snils as snils',
        's.personal_file_no as personalFileNo',
        's.address_registered as addressRegistered',
        's.address_actual as addressActual',
        's.phone as phone',
        's.health_group as healthGroup',
        's.pe_group as peGroup',
      ])
      .where('c.year_id', '=', yearId)
      .orderBy('c.grade')
      .orderBy('c.letter')
      .orderBy('s.last_name')
      .orderBy('s.first_name')
      .orderBy('e.start_date')
      .execute(),
};

export const staff: ExportTable = {
  key: 'staff',
  title: 'Сотрудники',
  columns: [
    { key: 'staffId', title: 'Код сотрудника', type: 'number' },
    { key: 'lastName', title: 'Фамилия' },
    { key: 'firstName', title: 'Имя' },
    { key: 'middleName', title: 'Отчество' },
    { key: 'position', title: 'Должность' },
    { key: 'active', title: 'Работает' },
    { key: 'birthDate', title: 'Дата рождения', type: 'date', personal: true },
    { key: 'snils', title: 'СНИЛС', personal: true },
    { key: 'phone', title: 'Телефон', personal: true },
    { key: 'email', title: 'Электронная почта', personal: true },
  ],
  rows: (ctx) =>
    ctx.db
      .selectFrom('staff as s')
      .select([
        's.id as staffId',
        's.last_name as lastName',
        's.first_name as firstName',
        's.middle_name as middleName',
        's.position as position',
        sql<string>`case when s.active = 1 then 'да' else 'нет' end`.as('active'),
        's.birth_date as birthDate',
        's.snils as snils',
        's.phone as phone',
        's.email as email',
      ])
      .orderBy('s.last_name')
      .orderBy('s.first_name')
      .execute(),
};

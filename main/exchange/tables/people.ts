import { STAFF_COLUMNS, STUDENT_COLUMNS, guardiansByStudent, staffRow, studentRow } from '../roster-tables';
import type { ExportTable } from '../table';
import { yearColumns, yearRow } from './from-roster';

// Students of a year and the staff, derived from the roster's tables (roster-tables.ts): the same columns, titles,
// personal flags and row builders, so a year's students or staff file can be imported back (the import reads the
// titles). The column sets differ by design, and only by additions: the year's export is an archive whose other tables
// (marks, absences, groups) refer to a student or a staff member by code, it keeps every stay in a class (a student
// moved during the year has two rows, with their dates) and former staff (marked «Работает: нет»); the roster's
// import, which matches people by name and documents, has one row per person. The keys are the roster's in camelCase
// (from-roster.ts). Personal columns leave the program only for readers with «students.personal» (writers.ts drops
// them for the others).

/** The roster's `class` is `className`, as in every other table of the export. */
const STUDENT_KEYS = { class: 'className' };

export const students: ExportTable = {
  key: 'students',
  title: 'Ученики',
  columns: [
    { key: 'studentId', title: 'Код ученика', type: 'number' },
    ...yearColumns(STUDENT_COLUMNS, STUDENT_KEYS),
    { key: 'enrolledFrom', title: 'В классе с', type: 'date' },
    { key: 'enrolledTo', title: 'В классе по', type: 'date' },
  ],
  async rows(ctx, yearId) {
    const stays = await ctx.db
      .selectFrom('enrollment as e')
      .innerJoin('class as c', 'c.id', 'e.class_id')
      .innerJoin('student as s', 's.id', 'e.student_id')
      .selectAll('s')
      .select(['c.name as className', 'e.start_date as enrolledFrom', 'e.end_date as enrolledTo'])
      .where('c.year_id', '=', yearId)
      .orderBy('c.grade')
      .orderBy('c.letter')
      .orderBy('s.last_name')
      .orderBy('s.first_name')
      .orderBy('e.start_date')
      .execute();
    const guardians = await guardiansByStudent(ctx);
    return stays.map((s) => ({
      studentId: s.id,
      ...yearRow(STUDENT_COLUMNS, studentRow(s, s.className, guardians.get(s.id) ?? []), STUDENT_KEYS),
      enrolledFrom: s.enrolledFrom,
      enrolledTo: s.enrolledTo,
    }));
  },
};

export const staff: ExportTable = {
  key: 'staff',
  title: 'Сотрудники',
  columns: [
    { key: 'staffId', title: 'Код сотрудника', type: 'number' },
    ...yearColumns(STAFF_COLUMNS),
    { key: 'active', title: 'Работает' },
  ],
  async rows(ctx) {
    const rows = await ctx.db.selectFrom('staff as s').selectAll('s').orderBy('s.last_name').orderBy('s.first_name').execute();
    return rows.map((s) => ({ staffId: s.id, ...yearRow(STAFF_COLUMNS, staffRow(s)), active: s.active === 1 ? 'да' : 'нет' }));
  },
};

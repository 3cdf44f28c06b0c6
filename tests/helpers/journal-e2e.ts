import { DEMO_PASSWORD } from '../../main/demo';
import { HostClient } from './api';
import { student } from './timetable';

// A journal of our own inside the demo school, built through the API the way the deputy and the administrator would:
// a new class 5Ю with four students, a new teacher with an account, mathematics every weekday, the year's lessons.
// One student is transferred to 5А on 1 October, so 5Ю's cells after that date are closed for them.

export const JOURNAL_TEACHER = { login: 'jteacher', password: 'учитель-пароль-2025' };
export const TRANSFER_DATE = '2025-10-01';

export interface JournalFixture {
  yearId: number;
  classId: number;
  subjectId: number;
  staffId: number;
  /** Students in the grid's order (by name): Антонов, Борисов, Васильев (transferred), Григорьев. */
  students: number[];
  transferred: number;
}

export async function setupJournal(url: string): Promise<JournalFixture> {
  const zavuch = await (await new HostClient(url).open()).login('zavuch', DEMO_PASSWORD);
  const yearId = (await zavuch.call('years.list', {}))[0].id as number;
  const bell = (await zavuch.call('bells.list', { yearId }))[0].id as number;
  const subjectId = ((await zavuch.call('subjects.list', {})) as { id: number; name: string }[]).find((s) => s.name === 'Математика')!.id;
  const staffId = await zavuch.call('staff.save', {
    id: null,
    last_name: 'Журавлёва',
    first_name: 'Анна',
    middle_name: 'Петровна',
    position: 'Учитель математики',
    birth_date: null,
    snils: null,
    phone: '',
    email: '',
    active: true,
  });
  const classId = await zavuch.call('classes.save', {
    id: null,
    yearId,
    grade: 5,
    letter: 'Ю',
    homeroom_staff_id: staffId,
    bell_schedule_id: bell,
    week_days: 5,
    shift: 1,
    room_id: null,
  });
  const students: number[] = [];
  for (const [i, last] of ['Антонов', 'Борисов', 'Васильев', 'Григорьев'].entries())
    students.push(
      await zavuch.call('students.create', {
        classId,
        date: '2025-09-01',
        order_number: '7-у',
        guardians: [],
        student: student(last, 'Иван', `2014-0${i + 1}-10`),
      }),
    );
  await zavuch.call('load.save', { id: null, yearId, staffId, classId, groupId: null, subjectId, hours: 5 });
  const versionId = (await zavuch.call('timetable.versions', { yearId }))[0].id as number;
  for (const weekday of [1, 2, 3, 4, 5])
    await zavuch.call('timetable.saveSlot', {
      id: null,
      versionId,
      classId,
      groupId: null,
      weekday,
      lesson_number: 1,
      subjectId,
      staffId,
      roomId: null,
    });
  await zavuch.call('lessons.generate', { yearId, classIds: [classId] });
  const other = ((await zavuch.call('classes.list', { yearId })) as { id: number; name: string }[]).find((c) => c.name === '5А')!.id;
  const transferred = students[2];
  await zavuch.call('movement.transfer', {
    studentId: transferred,
    toClassId: other,
    date: TRANSFER_DATE,
    order_number: '12-у',
    reason: 'по заявлению родителей',
  });

  const admin = await (await new HostClient(url).open()).login('admin', DEMO_PASSWORD);
  const { activationCode } = await admin.call('users.create', {
    login: JOURNAL_TEACHER.login,
    displayName: 'Журавлёва А. П.',
    staffId,
    roles: ['teacher'],
  });
  const anon = await new HostClient(url).open();
  await anon.call('auth.activate', { login: JOURNAL_TEACHER.login, code: activationCode, password: JOURNAL_TEACHER.password });
  return { yearId, classId, subjectId, staffId, students, transferred };
}

/** The grid of our journal for a period, read through the API as the deputy. */
export async function readGrid(url: string, f: JournalFixture, periodId: number | null = null) {
  const c = await (await new HostClient(url).open()).login('zavuch', DEMO_PASSWORD);
  return c.call('journal.grid', { classId: f.classId, subjectId: f.subjectId, groupId: null, periodId });
}

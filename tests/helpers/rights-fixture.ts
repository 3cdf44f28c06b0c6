import type { Role } from '../../main/contract/rules/roles';
import { hashSecret } from '../../main/accounts/passwords';
import type { Ctx } from '../../main/kernel/context';
import { mutate } from '../../main/kernel/mutate';
import { saveCell } from '../../main/journal/cells';
import * as classes from '../../main/school/classes';
import * as groups from '../../main/school/groups';
import * as staff from '../../main/school/staff';
import * as students from '../../main/school/students';
import { generateLessons } from '../../main/timetable/lessons';
import * as load from '../../main/timetable/load';
import * as timetable from '../../main/timetable/timetable';
import { plainWeek, smallSchool, student } from './timetable';

// Two parallel classes for the scoped rights of issue 15 part 1: 5А (the small school's, English subgroups, its
// homeroom teacher teaches nothing in it) and 5Б (its own English subgroup and homeroom teacher); mathematics in both by
// one teacher, English in 5А only by Сидорова (subgroup 1) and Кузнецова (subgroup 2). Accounts for each person.

export const PASSWORD = 'права-по-положению-2026';

export interface Account {
  login: string;
  name: string;
  roles: Role[];
  staffId: number | null;
}

export async function rightsSchool(ctx: Ctx) {
  const s = await smallSchool(ctx);
  await plainWeek(ctx, s);
  const person = (last: string, position: string) =>
    staff.saveStaff(ctx, {
      id: null,
      last_name: last,
      first_name: 'Ольга',
      middle_name: 'Игоревна',
      position,
      birth_date: null,
      snils: null,
      phone: '',
      email: '',
      active: true,
    });
  const hr5b = await person('Орлова', 'Учитель музыки');
  const c5a = s.classes.c5;
  const c5aRow = await classes.getClass(ctx.db, c5a);
  await classes.saveClass(ctx, {
    id: c5a,
    yearId: s.yearId,
    grade: 5,
    letter: 'А',
    homeroom_staff_id: s.staff.peT,
    bell_schedule_id: c5aRow.bell_schedule_id,
    week_days: 5,
    shift: 1,
    room_id: null,
  });
  const c5b = await classes.saveClass(ctx, {
    id: null,
    yearId: s.yearId,
    grade: 5,
    letter: 'Б',
    homeroom_staff_id: hr5b,
    bell_schedule_id: s.first,
    week_days: 5,
    shift: 1,
    room_id: null,
  });
  const kids5b: number[] = [];
  for (const [i, name] of ['Дмитриев', 'Егоров'].entries())
    kids5b.push(
      await students.createStudent(ctx, {
        classId: c5b,
        date: '2025-09-01',
        order_number: '2-у',
        guardians: [],
        student: student(name, 'Пётр', `2014-0${i + 5}-12`),
      }),
    );
  const g5b = await groups.saveGroup(ctx, {
    id: null,
    classId: c5b,
    subjectId: s.subjects.english,
    name: 'Англ. — 1 подгруппа',
    kind: 'subgroup',
    studentIds: kids5b,
    date: '2025-09-01',
  });
  await timetable.replaceClassSlots(
    ctx,
    s.versionId,
    [1, 2, 3, 4, 5].map((d) => ({
      class_id: c5b,
      group_id: null,
      weekday: d,
      lesson_number: 3,
      subject_id: s.subjects.math,
      staff_id: s.staff.mathT,
      room_id: s.rooms.r103,
    })),
  );
  const loadRow = (staffId: number, classId: number, subjectId: number, groupId: number | null, hours: number) =>
    load.saveLoad(ctx, { id: null, yearId: s.yearId, staffId, classId, groupId, subjectId, hours });
  await loadRow(s.staff.mathT, c5a, s.subjects.math, null, 5);
  await loadRow(s.staff.mathT, c5b, s.subjects.math, null, 5);
  await loadRow(s.staff.engA, c5a, s.subjects.english, s.groups.g1, 1);
  await loadRow(s.staff.engB, c5a, s.subjects.english, s.groups.g2, 1);
  await generateLessons(ctx, { yearId: s.yearId });

  // one absence «н» in a mathematics lesson of each class
  const lessonOf = async (classId: number) =>
    ctx.db
      .selectFrom('lesson')
      .select(['id', 'date'])
      .where('class_id', '=', classId)
      .where('subject_id', '=', s.subjects.math)
      .where('date', '=', '2025-10-06')
      .executeTakeFirstOrThrow();
  const math5a = await lessonOf(c5a);
  const math5b = await lessonOf(c5b);
  await saveCell(ctx, { lessonId: math5a.id, studentId: s.kids[0], text: 'н' });
  await saveCell(ctx, { lessonId: math5a.id, studentId: s.kids[1], text: '5' });
  await saveCell(ctx, { lessonId: math5b.id, studentId: kids5b[0], text: 'н' });

  const accounts = {
    hr5a: { login: 'kl5a', name: 'Смирнова Анна Петровна', roles: ['homeroom', 'teacher'], staffId: s.staff.peT },
    hr5b: { login: 'kl5b', name: 'Орлова Ольга Игоревна', roles: ['homeroom', 'teacher'], staffId: hr5b },
    engA: { login: 'english1', name: 'Сидорова Анна Петровна', roles: ['teacher'], staffId: s.staff.engA },
    math: { login: 'math', name: 'Иванова Анна Петровна', roles: ['teacher'], staffId: s.staff.mathT },
    admin: { login: 'adminej', name: 'Белов Сергей Николаевич', roles: ['admin'], staffId: null },
    deputy: { login: 'zavuch', name: 'Волкова Елена Юрьевна', roles: ['deputy'], staffId: null },
    director: { login: 'direktor', name: 'Кравченко Ольга Викторовна', roles: ['director'], staffId: null },
  } satisfies Record<string, Account>;
  const password_hash = await hashSecret(PASSWORD);
  await mutate(ctx, async (w) => {
    for (const a of Object.values(accounts)) {
      const u = await w.trx
        .insertInto('app_user')
        .values({
          login: a.login,
          display_name: a.name,
          staff_id: a.staffId,
          password_hash,
          activation_hash: null,
          locked_until: null,
          compromised_at: null,
          created_at: w.at.toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await w.trx
        .insertInto('user_role')
        .values(a.roles.map((role) => ({ user_id: u.id, role: role as Role })))
        .execute();
      await w.audit({ action: 'create', entity: 'app_user', entityId: u.id, after: { login: a.login, roles: a.roles } });
    }
  });
  return { ...s, c5a, c5b, kids5b, g5b, hr5b, math5a, math5b, accounts };
}

export type RightsSchool = Awaited<ReturnType<typeof rightsSchool>>;

import ExcelJS from 'exceljs';
import type { Actor, Ctx } from '../../main/kernel/context';
import type { AbsenceCode } from '../../main/contract/unions';
import { tempDb } from './db';
import { smallSchool } from './timetable';

// Hand-made journal rows for the monitoring reports (issue 12, parts 6 and 8): lessons, marks and absences written
// straight into the tables so each test knows every row it counts.

/** 01:30 on 1 October 2025 in Moscow (the default school time zone) while UTC is still on 30 September. */
export const NOW = new Date('2025-09-30T22:30:00Z');

export async function monitoringSchool() {
  const t = await tempDb();
  const s = await smallSchool(t.ctx);
  const types = new Map((await t.db.selectFrom('work_type').select(['id', 'name']).execute()).map((w) => [w.name, w.id]));
  const lesson = async (
    l: { classId?: number; subjectId: number; staffId: number; date: string; number?: number; groupId?: number | null },
    extra: { status?: 'held' | 'cancelled' | 'moved'; movedFrom?: number; written?: boolean; topic?: number | null } = {},
  ) =>
    Number(
      (
        await t.db
          .insertInto('lesson')
          .values({
            class_id: l.classId ?? s.classes.c5,
            group_id: l.groupId ?? null,
            subject_id: l.subjectId,
            staff_id: l.staffId,
            room_id: null,
            date: l.date,
            lesson_number: l.number ?? 1,
            period_id: null,
            origin: extra.movedFrom ? 'manual' : 'timetable',
            slot_id: null,
            status: extra.status ?? 'held',
            moved_from_id: extra.movedFrom ?? null,
            plan_topic_id: extra.topic ?? null,
            topic: extra.written ? 'Тема урока' : '',
            entered_at: extra.written ? `${l.date}T10:00:00.000Z` : null,
            attendance_at: extra.written ? `${l.date}T10:00:00.000Z` : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  // As the journal's write path does: a lesson's first cell is when its attendance was taken.
  const taken = (lessonId: number) =>
    t.db
      .updateTable('lesson')
      .set({ attendance_at: '2025-09-30T10:00:00.000Z' })
      .where('id', '=', lessonId)
      .where('attendance_at', 'is', null)
      .execute();
  const mark = async (lessonId: number, studentId: number, value: string, type: string, position = 1) => {
    await taken(lessonId);
    return t.db
      .insertInto('mark')
      .values({
        lesson_id: lessonId,
        student_id: studentId,
        position,
        value,
        work_type_id: types.get(type)!,
        weight: 1,
        entered_at: '2025-09-30T10:00:00.000Z',
        entered_by: 'тест',
      })
      .execute();
  };
  const absence = async (lessonId: number, studentId: number, code: AbsenceCode) => {
    await taken(lessonId);
    return t.db
      .insertInto('journal_cell')
      .values({ lesson_id: lessonId, student_id: studentId, absence: code, entered_at: '2025-09-30T10:00:00.000Z', entered_by: 'тест' })
      .execute();
  };
  const load = async (staffId: number, subjectId: number, classId = s.classes.c5) =>
    t.db
      .insertInto('teaching_load')
      .values({ year_id: s.yearId, staff_id: staffId, class_id: classId, subject_id: subjectId, group_id: null, hours: 1 })
      .execute();
  const at = (actor: Partial<Actor> = {}): Ctx => ({
    ...t.ctx,
    actor: { userId: null, name: 'Читатель', roles: ['deputy'], staffId: null, system: false, ...actor },
    now: () => NOW,
  });
  return { t, s, lesson, mark, absence, load, at };
}

/** The workbook of a report file (base64 from the channel). */
export async function workbookOf(base64: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(base64, 'base64') as unknown as Parameters<typeof wb.xlsx.load>[0]);
  return wb;
}

export type MonitoringSchool = Awaited<ReturnType<typeof monitoringSchool>>;

/**
 * 5А's control works: mathematics on 23 September (lesson 1; Антонов 5, Борисов 4, Григорьев 2 written later,
 * Васильев ill), English on 25 September in two groups (kind «Диктант»; Григорьев did not write), mathematics on
 * 15 October (after «today»).
 */
export async function controlWorks(f: MonitoringSchool) {
  const { t, s, lesson, mark, absence } = f;
  const [anton, boris, vasya, grisha] = s.kids; // Антонов, Борисов (English group 1); Васильев, Григорьев (group 2)
  const work = async (subjectId: number, date: string, kind: string, lessonNumber: number | null = null) =>
    Number(
      (
        await t.db
          .insertInto('control_work')
          .values({
            year_id: s.yearId,
            class_id: s.classes.c5,
            subject_id: subjectId,
            date,
            lesson_number: lessonNumber,
            kind,
            title: 'ВПР',
            created_by: 'тест',
            created_at: '2025-08-30T10:00:00Z',
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  // Mathematics, 23 September, lesson 1 holds the work; lesson 4 the same day is another lesson.
  const mathWork = await work(s.subjects.math, '2025-09-23', 'Входная контрольная работа', 1);
  const l1 = await lesson({ subjectId: s.subjects.math, staffId: s.staff.mathT, date: '2025-09-23', number: 1 }, { written: true });
  const l4 = await lesson({ subjectId: s.subjects.math, staffId: s.staff.mathT, date: '2025-09-23', number: 4 }, { written: true });
  await mark(l1, anton, '5', 'Контрольная работа');
  await mark(l1, boris, '4', 'Контрольная работа');
  await mark(l1, boris, '2', 'Работа на уроке', 2); // class work in the same lesson: not the work's mark
  await absence(l1, vasya, 'б'); // ill, never wrote it
  await absence(l1, grisha, 'н');
  await mark(l1, grisha, '2', 'Контрольная работа'); // wrote it later: the mark on the work's lesson, the absence stays
  await mark(l4, vasya, '3', 'Контрольная работа'); // lesson 4 does not hold the work
  // English, 25 September, the class split in two groups; the work's kind is «Диктант».
  const engWork = await work(s.subjects.english, '2025-09-25', 'Диктант');
  const g1 = await lesson({ subjectId: s.subjects.english, staffId: s.staff.engA, date: '2025-09-25', number: 2, groupId: s.groups.g1 });
  const g2 = await lesson({ subjectId: s.subjects.english, staffId: s.staff.engB, date: '2025-09-25', number: 2, groupId: s.groups.g2 });
  await mark(g1, anton, '4', 'Диктант');
  await mark(g1, boris, '5', 'Диктант');
  await mark(g2, vasya, '3', 'Контрольная работа');
  // A work after today: no results expected.
  const future = await work(s.subjects.math, '2025-10-15', 'Итоговая контрольная работа');
  await lesson({ subjectId: s.subjects.math, staffId: s.staff.mathT, date: '2025-10-15' });
  return { mathWork, engWork, future, l1 };
}

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
          })
          .executeTakeFirstOrThrow()
      ).insertId,
    );
  const mark = async (lessonId: number, studentId: number, value: string, type: string, position = 1) =>
    t.db
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
  const absence = async (lessonId: number, studentId: number, code: AbsenceCode) =>
    t.db
      .insertInto('journal_cell')
      .values({ lesson_id: lessonId, student_id: studentId, absence: code, entered_at: '2025-09-30T10:00:00.000Z', entered_by: 'тест' })
      .execute();
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

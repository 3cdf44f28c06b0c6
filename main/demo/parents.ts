import { addDays, format, parseISO } from 'date-fns';
import type { Faker } from '@faker-js/faker';
import type { Ctx } from '../kernel/context';
import * as notices from '../school/notices';
import { classPupils } from '../school/personal-checks';
import type { DemoStructure } from './school';

// Parents' choices in the demo school (issue 13): in each class about one family in nine refused the electronic form
// (paper extracts every week, the journal grid marks the student), a few gave their consent in writing, and in one
// class in six a family refused any information (the social pedagogue's list). The school's social pedagogue is named
// in the settings. Each notice is entered one to five days after its date, so a few break the 3-day rule.

export async function demoParents(ctx: Ctx, _f: Faker, structure: DemoStructure): Promise<void> {
  const year = await ctx.db.selectFrom('academic_year').select('start_date').where('id', '=', structure.yearId).executeTakeFirstOrThrow();
  const pedagogue = await ctx.db.selectFrom('staff').select('id').where('position', '=', 'Социальный педагог').executeTakeFirst();
  if (pedagogue) await notices.setSocialPedagogue(ctx, pedagogue.id);
  let n = 0;
  let classNo = 0;
  for (const classId of structure.classIds.values()) {
    const pupils = await classPupils(ctx.db, classId, year.start_date);
    const guardians = new Map(
      (pupils.length
        ? await ctx.db
            .selectFrom('guardian')
            .select(['id', 'student_id'])
            .where(
              'student_id',
              'in',
              pupils.map((p) => p.id),
            )
            .orderBy('id', 'desc')
            .execute()
        : []
      ).map((g) => [g.student_id, g.id]),
    );
    for (const [i, p] of pupils.entries()) {
      const kind =
        i % 9 === 4 ? 'electronic_refusal' : i === 7 && classNo % 6 === 2 ? 'info_refusal' : i % 9 === 0 ? 'electronic_consent' : null;
      const guardianId = guardians.get(p.id);
      if (!kind || !guardianId) continue;
      const date = format(addDays(parseISO(year.start_date), 2 + (n % 12)), 'yyyy-MM-dd');
      const entered = addDays(parseISO(`${date}T07:30:00Z`), 1 + (n % 5));
      n++;
      await notices.recordNotice(
        { ...ctx, now: () => entered },
        { studentId: p.id, guardianId, kind, date, document: `заявление № ${n}`, note: '' },
      );
    }
    classNo++;
  }
}

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previewPages, printHtml } from '../../main/printing/service';
import * as students from '../../main/school/students';
import { tempDb } from '../helpers/db';
import { smallSchool } from '../helpers/timetable';

// Paging through a preview reuses the laid-out pages for a while, but never across a change of the data: a surname
// corrected after the preview was opened must be on what is printed next (printHtml takes the cached pages when the
// data has not changed), not the surname the preview showed.

test('a change after the preview is on the printed pages; without a change the preview pages are reused', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    const spec = { kind: 'class-list' as const, classId: s.classes.c5 };
    const first = await previewPages(t.ctx, { ...spec, from: 1, count: 5, fresh: true });
    assert.match(first.html, /Антонов/);

    // Nothing changed: the second page request is served from the same laid-out document.
    const again = await previewPages(t.ctx, { ...spec, from: 1, count: 5, fresh: false });
    assert.equal(again.html, first.html);

    await students.updateStudent(t.ctx, { id: s.kids[0], student: { last_name: 'Андреев' } });
    const printed = await printHtml(t.ctx, spec);
    assert.match(printed.html, /Андреев/);
    assert.doesNotMatch(printed.html, /Антонов/);
    const previewAfter = await previewPages(t.ctx, { ...spec, from: 1, count: 5, fresh: false });
    assert.match(previewAfter.html, /Андреев/);
  } finally {
    await t.cleanup();
  }
});

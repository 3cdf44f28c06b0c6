import assert from 'node:assert/strict';
import { test } from 'node:test';
import { lookupStudents } from '../../main/printing/lookup/search';
import { tempDb } from '../helpers/db';
import { smallSchool } from '../helpers/timetable';

// The look-up's search by name on a hand-made school, so that it runs on both engines (tests/postgres-files.txt):
// the words are matched inside the database by the dialect's containsRun (GLOB on SQLite, a regular expression on
// PostgreSQL). lookup.test.ts checks the same on the demo's 25 years, on SQLite only.

test('look-up by name: any case of Cyrillic, «е» for «ё», every word, the patterns’ own characters as themselves', async () => {
  const t = await tempDb();
  try {
    const s = await smallSchool(t.ctx);
    const [antonov, borisov, vasiliev, grigoriev] = s.kids;
    await t.db.updateTable('student').set({ first_name: 'Алёна', middle_name: 'Сергеевна' }).where('id', '=', borisov).execute();
    const ids = async (name: string) => (await lookupStudents(t.ctx, { name })).students.map((x) => x.id).sort((a, b) => a - b);
    assert.deepEqual(await ids('антон'), [antonov]);
    assert.deepEqual(await ids('ГРИГ иван'), [grigoriev]);
    assert.deepEqual(await ids('алена борисов'), [borisov], '«е» finds «ё», the words in any order');
    assert.deepEqual(await ids('АЛЁНА'), [borisov]);
    assert.deepEqual(await ids('сергеевна'), [borisov], 'the patronymic too');
    assert.deepEqual(await ids('алина'), []);
    assert.deepEqual(await ids('ов иван'), [antonov], 'every word: Борисов is Алёна now, Васильев and Григорьев have no «ов»');
    assert.deepEqual(
      await ids('в'),
      [antonov, borisov, vasiliev, grigoriev].sort((a, b) => a - b),
    );
    for (const odd of ['*', '?', '[а]', '.*', 'и^', '\\'])
      assert.deepEqual(await ids(odd), [], `«${odd}» stands for itself and matches no name`);
  } finally {
    await t.cleanup();
  }
});

// How the look-up compares what office staff type with what the database holds: case, «ё»/«е» and spaces do not
// matter; every word typed must occur in the student's surname, name and patronymic (in any order, in part).
//
// SQL's lower() folds only Latin letters on SQLite (and depends on the collation on PostgreSQL), so a word becomes a run
// of character classes, one per letter with its cases («ив» → [Ии][Вв], «е» and «ё» in one class), matched by the
// dialect's containsRun (GLOB on SQLite, a regular expression on PostgreSQL): the register is filtered inside the
// database, exactly, without reading every student into JavaScript.

/** «  Алёна  ПЕТРОВА » → «алена петрова». */
export function foldText(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

const LOOKALIKE: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', x: 'х', y: 'у', k: 'к' };

/** The personal-file number without case, spaces and the kind of dash: «а 123», «А-123» and «A–123» (Latin A) agree. */
export function foldFileNo(s: string): string {
  return foldText(s)
    .replace(/[\s\-‐‑‒–—]/g, '')
    .replace(/[aeopcxyk]/g, (c) => LOOKALIKE[c]);
}

/** The words of a name query, folded: «Иванов  Пётр» → ['иванов', 'петр']. */
export function nameWords(query: string): string[] {
  return foldText(query).split(' ').filter(Boolean);
}

/** The word as a run of character sets for `containsRun` (db/dialect.ts): each letter in both cases, «е» and «ё» alike. */
export function anyCaseRun(word: string): string[] {
  return [...word].map((ch) =>
    ch === 'е' ? 'ЕеЁё' : ch.toLowerCase() === ch.toUpperCase() ? ch : `${ch.toUpperCase()}${ch.toLowerCase()}`,
  );
}

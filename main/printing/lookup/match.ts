// How the look-up compares what office staff type with what the database holds: case, «ё»/«е» and spaces do not
// matter; every word typed must occur in the student's surname, name and patronymic (in any order, in part).
//
// SQLite folds case only for Latin letters, so a word becomes a GLOB pattern whose every letter is a class of its
// cases («ив» → «*[Ии][Вв]*», «е» and «ё» in one class): the register is filtered inside SQLite, exactly, without
// reading every student into JavaScript. (PostgreSQL would say the same with ILIKE and a translate() of «ё».)

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

/** A GLOB pattern matching text that contains the (folded) word in any case, «е» and «ё» alike. */
export function globOf(word: string): string {
  let out = '*';
  for (const ch of word) {
    if (ch === 'е') out += '[ЕеЁё]';
    else {
      const lo = ch.toLowerCase();
      const up = ch.toUpperCase();
      // GLOB's own characters stand for themselves inside a class
      out += lo === up ? (/[*?[\]]/.test(ch) ? `[${ch}]` : ch) : `[${up}${lo}]`;
    }
  }
  return `${out}*`;
}

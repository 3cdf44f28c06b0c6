// How the look-up compares what office staff type with what the database holds: case, «ё»/«е» and spaces do not
// matter; every word typed must occur in the student's surname, name and patronymic (in any order, in part).

/** «  Алёна  ПЕТРОВА » → «алена петрова». */
export function foldText(s: string): string {
  return s.toLocaleLowerCase('ru').replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
}

/** The personal-file number without case, spaces and the kind of dash: «а 123», «А-123» and «A–123» (Latin A) agree. */
export function foldFileNo(s: string): string {
  return foldText(s)
    .replace(/[\s\-‐‑‒–—]/g, '')
    .replace(/[aeopcxyk]/g, (c) => 'аеорсхук'['aeopcxyk'.indexOf(c)]);
}

export function nameMatcher(query: string): (fullName: string) => boolean {
  const words = foldText(query).split(' ').filter(Boolean);
  return (fullName) => {
    const hay = foldText(fullName);
    return words.every((w) => hay.includes(w));
  };
}

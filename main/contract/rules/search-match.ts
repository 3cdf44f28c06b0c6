// The one matcher of every searchable picker (classes, journals, people): each word typed must begin a word of the
// option, in any order, case- and ё-insensitive. «5А рус» finds «5А · Русский язык»; «иван а» finds «Иванова А. П.».

/** Lower case, ё → е. */
export function foldSearch(s: string): string {
  return s.toLowerCase().replace(/ё/g, 'е');
}

/** Words: runs of letters and digits («5А · Русский язык» → 5а, русский, язык). */
export function searchWords(s: string): string[] {
  return foldSearch(s).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Whether every word of the query begins some word of the text; an empty query matches everything. */
export function matchesSearch(text: string, query: string): boolean {
  const tokens = searchWords(query);
  if (tokens.length === 0) return true;
  const words = searchWords(text);
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}

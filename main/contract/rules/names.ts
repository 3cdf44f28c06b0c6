export interface PersonName {
  last_name: string;
  first_name: string;
  middle_name: string;
}

export function fullName(p: PersonName): string {
  return [p.last_name, p.first_name, p.middle_name].filter(Boolean).join(' ');
}

/** «Иванова А. П.» as in journals and ledgers. */
export function shortName(p: PersonName): string {
  const i = (s: string) => (s ? `${s[0]}.` : '');
  return [p.last_name, [i(p.first_name), i(p.middle_name)].filter(Boolean).join(' ')].filter(Boolean).join(' ');
}

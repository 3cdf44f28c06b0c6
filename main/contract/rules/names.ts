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

/**
 * Who did something, as a document or screen names them, from a stored «…_by» column or an audit row's actor. New
 * rows hold the display name only (`personOf` in main/kernel/context.ts); rows written before that, and the audit
 * log's own record, hold «Петрова А. С. (zavuch)» — the display name with the account's Latin login — or the command
 * line's «ОС: user (командная строка)». The login and the OS user go: they identify an account in the audit log,
 * they are no name on a Russian school document. The one place such a stored name is turned into a printed one.
 */
export function recordedPerson(stored: string): string;
export function recordedPerson(stored: string | null): string | null;
export function recordedPerson(stored: string | null): string | null {
  if (stored === null) return null;
  if (/^ОС: .* \(командная строка\)$/.test(stored)) return 'командная строка';
  const m = /^(.*\S) \([a-zA-Z0-9._-]+\)$/.exec(stored);
  return m ? m[1] : stored;
}

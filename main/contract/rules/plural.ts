// The one plural rule of the program: the form of a Russian noun after a number, by the CLDR rules that
// Intl.PluralRules('ru') carries: 1 урок, 2 урока, 5 уроков, 11 уроков, 21 урок. Fractions take the «few» form
// («1,5 урока»), as the CLDR says.

const rules = new Intl.PluralRules('ru');

/** Forms for one, few and many: ['урок', 'урока', 'уроков']. */
export type PluralForms = readonly [one: string, few: string, many: string];

export function plural(n: number, forms: PluralForms): string {
  switch (rules.select(n)) {
    case 'one':
      return forms[0];
    case 'few':
      return forms[1];
    case 'many':
      return forms[2];
    default:
      return forms[1]; // 'other': fractions
  }
}

/** «5 уроков». */
export function countOf(n: number, forms: PluralForms): string {
  return `${n} ${plural(n, forms)}`;
}

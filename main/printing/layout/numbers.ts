import { plural } from '../../contract/rules/plural';

// Numbers in words, as the certification page writes them: «124 (сто двадцать четыре) листа».

const ONES_M = ['', 'один', 'два', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const ONES_F = ['', 'одна', 'две', 'три', 'четыре', 'пять', 'шесть', 'семь', 'восемь', 'девять'];
const TEENS = [
  'десять',
  'одиннадцать',
  'двенадцать',
  'тринадцать',
  'четырнадцать',
  'пятнадцать',
  'шестнадцать',
  'семнадцать',
  'восемнадцать',
  'девятнадцать',
];
const TENS = ['', '', 'двадцать', 'тридцать', 'сорок', 'пятьдесят', 'шестьдесят', 'семьдесят', 'восемьдесят', 'девяносто'];
const HUNDREDS = ['', 'сто', 'двести', 'триста', 'четыреста', 'пятьсот', 'шестьсот', 'семьсот', 'восемьсот', 'девятьсот'];

function triple(n: number, feminine: boolean): string[] {
  const out: string[] = [];
  const h = Math.floor(n / 100);
  const t = Math.floor((n % 100) / 10);
  const o = n % 10;
  if (h) out.push(HUNDREDS[h]);
  if (t === 1) out.push(TEENS[o]);
  else {
    if (t) out.push(TENS[t]);
    if (o) out.push((feminine ? ONES_F : ONES_M)[o]);
  }
  return out;
}

/** «один», «два», … for 0 < n < 1 000 000, in the masculine (лист). */
export function numberInWords(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 1_000_000) throw new Error(`numberInWords: ${n}`);
  if (n === 0) return 'ноль';
  const th = Math.floor(n / 1000);
  const rest = n % 1000;
  const words: string[] = [];
  if (th) words.push(...triple(th, true), plural(th, ['тысяча', 'тысячи', 'тысяч']));
  words.push(...triple(rest, false));
  return words.join(' ');
}

/** The form of a noun after n: 1 лист, 2 листа, 5 листов, 11 листов, 21 лист (the program's one plural rule). */
export { plural } from '../../contract/rules/plural';

export function leavesText(n: number): string {
  return `${n} (${numberInWords(n)}) ${plural(n, ['лист', 'листа', 'листов'])}`;
}

/** «1 593»: thousands grouped with a no-break space, as Russian text writes numbers. */
export function groupDigits(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '\u00a0');
}

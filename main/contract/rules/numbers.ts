// Numbers the Russian way, for screens and papers alike: «1 092» (a no-break space between thousands), «0,89».

const formats = new Map<string, Intl.NumberFormat>();

/** `n` with at most `digits` decimals (exactly `digits` when `fixed`), Russian separators. */
export function ruNumber(n: number, digits = 0, fixed = false): string {
  const key = `${digits}:${fixed}`;
  let f = formats.get(key);
  if (!f) {
    f = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: digits, minimumFractionDigits: fixed ? digits : 0 });
    formats.set(key, f);
  }
  return f.format(n);
}

/** «51,1 МиБ» from bytes. */
export function mebibytes(bytes: number): string {
  return `${ruNumber(bytes / 1024 / 1024, 1, true)} МиБ`;
}

// СНИЛС: 11 digits, the last two a checksum of the first nine (Pension Fund rules).
export function normalizeSnils(input: string): string {
  return input.replace(/[\s-]/g, '');
}

export function snilsChecksum(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(nine[i]) * (9 - i);
  if (sum < 100) return sum;
  if (sum === 100 || sum === 101) return 0;
  const r = sum % 101;
  return r === 100 ? 0 : r;
}

export function isValidSnils(input: string): boolean {
  const s = normalizeSnils(input);
  if (!/^\d{11}$/.test(s)) return false;
  // Numbers up to 001-001-998 were issued before checksums existed.
  if (Number(s.slice(0, 9)) <= 1001998) return true;
  return snilsChecksum(s.slice(0, 9)) === Number(s.slice(9));
}

export function formatSnils(input: string): string {
  const s = normalizeSnils(input);
  return `${s.slice(0, 3)}-${s.slice(3, 6)}-${s.slice(6, 9)} ${s.slice(9)}`;
}

export function makeSnils(nine: number): string {
  const n = String(nine).padStart(9, '0');
  return formatSnils(n + String(snilsChecksum(n)).padStart(2, '0'));
}

import { hash, verify } from '@node-rs/argon2';
import { randomBytes, randomInt } from 'node:crypto';

// argon2id above OWASP's minimum (m=19 MiB, t=2): 64 MiB, t=8, p=1 lands in the 100–500 ms
// login budget on the office PC (t=5 gave 178 ms on one development machine but 91 ms on a faster one; t=8 keeps
// both inside; see docs/BENCHMARKS.md). Stored hashes carry their own
// parameters, so raising these later still verifies old passwords.
export const ARGON2_OPTIONS = {
  algorithm: 2 /* Algorithm.Argon2id, a const enum */,
  memoryCost: 65536,
  timeCost: 8,
  parallelism: 1,
} as const;

export function hashSecret(secret: string): Promise<string> {
  return hash(secret, ARGON2_OPTIONS);
}

export function verifySecret(stored: string, secret: string): Promise<boolean> {
  return verify(stored, secret).catch(() => false);
}

let dummy: Promise<string> | null = null;

/**
 * Checks a password against a hash of nobody's secret, computed once per process with the same parameters: a login
 * that does not exist (or has no password yet) costs what a real one costs, so the answer's timing does not tell them
 * apart. Always false.
 */
export async function verifyAgainstDummy(secret: string): Promise<false> {
  dummy ??= hashSecret(randomBytes(32).toString('base64url'));
  await verifySecret(await dummy, secret);
  return false;
}

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A one-time activation code people can read aloud and type: XXXX-XXXX-XXXX. */
export function activationCode(): string {
  const part = () => Array.from({ length: 4 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${part()}-${part()}-${part()}`;
}

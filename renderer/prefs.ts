import { useCallback, useState } from 'react';

// What a user chose last (the school year, the period, the journal), kept in the browser's localStorage per user, so
// that a reload — or the next day — opens where they left off, and two people sharing a computer do not mix.

function storageKey(userId: number | null, key: string): string {
  return `sj:${userId ?? 'cli'}:${key}`;
}

export function readPref(userId: number | null, key: string): string | null {
  try {
    return localStorage.getItem(storageKey(userId, key));
  } catch {
    return null;
  }
}

export function writePref(userId: number | null, key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(storageKey(userId, key));
    else localStorage.setItem(storageKey(userId, key), value);
  } catch {
    /* private mode or a full store: the choice is simply not remembered */
  }
}

/** A string state remembered per user under `key`. */
export function usePref(userId: number | null, key: string): [string | null, (v: string | null) => void] {
  const [value, setValue] = useState<string | null>(() => readPref(userId, key));
  const set = useCallback(
    (v: string | null) => {
      writePref(userId, key, v);
      setValue(v);
    },
    [userId, key],
  );
  return [value, set];
}

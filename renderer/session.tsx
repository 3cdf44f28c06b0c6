import { createContext, useContext } from 'react';
import type { Me } from '../main/contract/accounts-outputs';
import type { YearRow } from '../main/contract/school-outputs';

export interface SessionValue {
  me: Me;
  can(permission: string): boolean;
  yearId: number | null;
  /** The selected school year (null until the years are loaded, or without the right to read them). */
  year: YearRow | null;
  setYearId(id: number): void;
  /** Today on the school's clock (setting school.timeZone, channel `school.clock`), YYYY-MM-DD: never a UTC slice. */
  schoolToday(): string;
  logout(): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

import { createContext, useContext } from 'react';
import type { Me } from '../main/contract/accounts-outputs';

export interface SessionValue {
  me: Me;
  can(permission: string): boolean;
  yearId: number | null;
  setYearId(id: number): void;
  logout(): void;
}

export const SessionContext = createContext<SessionValue | null>(null);

export function useSession(): SessionValue {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside a session');
  return s;
}

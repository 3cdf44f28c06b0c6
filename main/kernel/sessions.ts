import { randomBytes } from 'node:crypto';
import { AppError } from '../../db/index';

export interface Session {
  token: string;
  userId: number;
  createdAt: number;
  lastSeen: number;
}

/**
 * Logged-in sessions of this process. A session idle longer than the auto-lock time is gone, and so is one older than
 * its absolute lifetime however busy it was: the next call is refused and the UI shows the login screen again.
 */
export class SessionStore {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly idleMs: () => number,
    private readonly maxAgeMs: () => number = () => Infinity,
  ) {}

  open(userId: number, now: number): Session {
    const s = { token: randomBytes(32).toString('base64url'), userId, createdAt: now, lastSeen: now };
    this.sessions.set(s.token, s);
    return s;
  }

  /** Returns the live session and marks it used, or throws SESSION_EXPIRED. */
  touch(token: string | null, now: number): Session {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s) throw new AppError('SESSION_EXPIRED', 'Сеанс завершён. Войдите снова.');
    if (now - s.createdAt > this.maxAgeMs()) {
      this.sessions.delete(s.token);
      throw new AppError('SESSION_EXPIRED', 'Сеанс длился слишком долго и завершён. Войдите снова.');
    }
    if (now - s.lastSeen > this.idleMs()) {
      this.sessions.delete(s.token);
      throw new AppError('SESSION_EXPIRED', 'Сеанс заблокирован после простоя. Войдите снова.');
    }
    s.lastSeen = now;
    return s;
  }

  close(token: string | null): void {
    if (token) this.sessions.delete(token);
  }

  /** After a restore the accounts may be different ones: everybody logs in again. */
  closeAll(): void {
    this.sessions.clear();
  }

  /** Ends every session of the user, except `keep` (the session that asked, after a password change). */
  closeAllOf(userId: number, keep: string | null = null): void {
    for (const [k, s] of this.sessions) if (s.userId === userId && k !== keep) this.sessions.delete(k);
  }
}

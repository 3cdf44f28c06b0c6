import { createHash, randomBytes } from 'node:crypto';
import { AppError, type Db } from '../../db/index';
import { SETTING_DEFS } from '../contract/rules/settings';
import type { Trx } from './mutate';

// Logged-in sessions, kept in the database (`app_session`, migration 0019) so that every program instance on one
// database (issue 17 part 3: several on a PostgreSQL server) knows them: a token issued by one instance works on
// another, and a logout, a password change or an account disabled on one is refused by all at their next call.
//
// Only the token's SHA-256 is stored. A call costs one indexed read (the session joined with its user and the two
// session settings); `last_seen` is written at most once a minute, not on every call. The limits are read with the
// session, so a changed setting applies at the next call everywhere.

/** `last_seen` is written when it is at least this old: the idle clock's resolution. */
export const LAST_SEEN_EVERY_MS = 60_000;

/** The user behind a live session, as the same read found it (the caller builds the actor from it). */
export interface SessionUser {
  id: number;
  login: string;
  display_name: string;
  staff_id: number | null;
  disabled: number;
}

export interface LiveSession {
  id: number;
  userId: number;
  user: SessionUser;
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

const iso = (ms: number) => new Date(ms).toISOString();

function expired(message: string): never {
  throw new AppError('SESSION_EXPIRED', message);
}

/** A session setting's stored JSON (or its default when the school has not set it), in milliseconds. */
function limitMs(stored: string | null, key: 'auth.idleMinutes' | 'auth.sessionHours', unitMs: number): number {
  const v = stored === null ? SETTING_DEFS[key].default : Number(JSON.parse(stored));
  return v * unitMs;
}

async function limits(db: Db | Trx): Promise<{ idleMs: number; maxAgeMs: number }> {
  const rows = await db
    .selectFrom('setting')
    .select(['key', 'value'])
    .where('key', 'in', ['auth.idleMinutes', 'auth.sessionHours'])
    .execute();
  const of = (k: string) => rows.find((r) => r.key === k)?.value ?? null;
  return {
    idleMs: limitMs(of('auth.idleMinutes'), 'auth.idleMinutes', 60_000),
    maxAgeMs: limitMs(of('auth.sessionHours'), 'auth.sessionHours', 3_600_000),
  };
}

/**
 * Deletes the sessions nobody can use any more: revoked, past their absolute lifetime, or idle past the limit (with
 * the minute `last_seen` may lag). Run at every login, so the table holds about as many rows as people logged in.
 */
export async function sweepSessions(db: Db, now: Date): Promise<void> {
  const { idleMs, maxAgeMs } = await limits(db);
  const t = now.getTime();
  await db
    .deleteFrom('app_session')
    .where((eb) =>
      eb.or([
        eb('revoked_at', 'is not', null),
        eb('created_at', '<', iso(t - maxAgeMs)),
        eb('last_seen', '<', iso(t - idleMs - LAST_SEEN_EVERY_MS)),
      ]),
    )
    .execute();
}

/** Opens a session for the user; the token goes to the client and nowhere else. */
export async function openSession(db: Db, userId: number, now: Date): Promise<string> {
  await sweepSessions(db, now);
  const token = randomBytes(32).toString('base64url');
  const at = now.toISOString();
  await db
    .insertInto('app_session')
    .values({ token_hash: tokenHash(token), user_id: userId, created_at: at, last_seen: at })
    .execute();
  return token;
}

/**
 * The live session of the token, or SESSION_EXPIRED. A session idle longer than the auto-lock setting is gone (the
 * server counts from the last recorded call, so it ends between that limit and a minute after it; the window itself
 * locks at the limit), and so is one older than its absolute lifetime however busy it was.
 */
export async function touchSession(db: Db, token: string | null, now: Date): Promise<LiveSession> {
  if (!token) expired('Сеанс завершён. Войдите снова.');
  const setting = (key: string) => db.selectFrom('setting').select('value').where('key', '=', key);
  const row = await db
    .selectFrom('app_session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .select([
      's.id',
      's.created_at',
      's.last_seen',
      's.revoked_at',
      'u.id as userId',
      'u.login',
      'u.display_name',
      'u.staff_id',
      'u.disabled',
    ])
    .select(() => [setting('auth.idleMinutes').as('idle'), setting('auth.sessionHours').as('hours')])
    .where('s.token_hash', '=', tokenHash(token))
    .executeTakeFirst();
  if (!row || row.revoked_at !== null) expired('Сеанс завершён. Войдите снова.');
  const t = now.getTime();
  const end = async (message: string) => {
    await db.deleteFrom('app_session').where('id', '=', row.id).execute();
    expired(message);
  };
  if (t - Date.parse(row.created_at) > limitMs(row.hours, 'auth.sessionHours', 3_600_000))
    return end('Сеанс длился слишком долго и завершён. Войдите снова.');
  const idle = t - Date.parse(row.last_seen);
  if (idle > limitMs(row.idle, 'auth.idleMinutes', 60_000) + LAST_SEEN_EVERY_MS)
    return end('Сеанс заблокирован после простоя. Войдите снова.');
  if (idle >= LAST_SEEN_EVERY_MS)
    await db
      .updateTable('app_session')
      .set({ last_seen: now.toISOString() })
      .where('id', '=', row.id)
      .where('last_seen', '<', now.toISOString())
      .execute();
  const user: SessionUser = {
    id: row.userId,
    login: row.login,
    display_name: row.display_name,
    staff_id: row.staff_id,
    disabled: row.disabled,
  };
  return { id: row.id, userId: row.userId, user };
}

/** A logout: the token is refused from now on, on every instance. */
export async function closeSession(db: Db, token: string | null, now: Date): Promise<void> {
  if (!token) return;
  await db
    .updateTable('app_session')
    .set({ revoked_at: now.toISOString() })
    .where('token_hash', '=', tokenHash(token))
    .where('revoked_at', 'is', null)
    .execute();
}

/** After a restore the accounts may be different ones: everybody logs in again. */
export async function closeAllSessions(db: Db, now: Date): Promise<void> {
  await db.updateTable('app_session').set({ revoked_at: now.toISOString() }).where('revoked_at', 'is', null).execute();
}

/**
 * Ends every session of the user, except `keep` (the session that asked, after a password change). Given the
 * transaction of the change that calls for it, the sessions end exactly when the change is committed.
 */
export async function closeSessionsOf(db: Db | Trx, userId: number, now: Date, keep: string | null = null): Promise<void> {
  await db
    .updateTable('app_session')
    .set({ revoked_at: now.toISOString() })
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .$if(keep !== null, (q) => q.where('token_hash', '!=', tokenHash(keep!)))
    .execute();
}

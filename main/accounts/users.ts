import { AppError, type Db } from '../../db/index';
import { appendAudit } from '../kernel/audit-chain';
import type { Actor, Ctx } from '../kernel/context';
import { mutate, type Trx } from '../kernel/mutate';
import { ROLES, type Role } from '../contract/rules/roles';
import type { ParsedInput } from '../contract/index';
import type { ActivationCode, LoginResult, PublicUser, UserRow } from '../contract/accounts-outputs';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { activationCode, hashSecret, verifyAgainstDummy, verifySecret } from './passwords';
import { createHash } from 'node:crypto';
import { engineOf } from '../../db/dialect';
import { closeSessionsOf, openSession, type SessionUser } from '../kernel/sessions';

export async function hasUsers(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst());
}

export async function actorOf(db: Db, userId: number): Promise<Actor> {
  const u = await db
    .selectFrom('app_user')
    .select(['id', 'login', 'display_name', 'staff_id', 'disabled'])
    .where('id', '=', userId)
    .executeTakeFirst();
  return actorOfUser(db, u);
}

/**
 * The actor of a call, built from the user row its session read brought (kernel/sessions.ts): the roles are read at
 * every call, so a change the administrator makes on any instance applies at the user's next call.
 */
export async function actorOfUser(db: Db, u: SessionUser | undefined): Promise<Actor> {
  if (!u || u.disabled) throw new AppError('SESSION_EXPIRED', 'Учётная запись отключена. Обратитесь к администратору.');
  const userId = u.id;
  const roles = await db.selectFrom('user_role').select('role').where('user_id', '=', userId).execute();
  return {
    userId: u.id,
    name: `${u.display_name} (${u.login})`,
    person: u.display_name,
    roles: roles.map((r) => r.role as Role).filter((r) => (ROLES as readonly string[]).includes(r)),
    staffId: u.staff_id,
    system: false,
  };
}

export async function setupAdmin(ctx: Ctx, input: ParsedInput<'auth.setupAdmin'>) {
  if (await hasUsers(ctx.db)) throw new AppError('FORBIDDEN', 'Администратор уже создан. Войдите под своей учётной записью.');
  const password_hash = await hashSecret(input.password);
  return mutate(ctx, async (w) => {
    const r = await w.trx
      .insertInto('app_user')
      .values({
        login: input.login,
        display_name: input.displayName,
        staff_id: null,
        password_hash,
        activation_hash: null,
        locked_until: null,
        compromised_at: null,
        created_at: w.at.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await w.trx.insertInto('user_role').values({ user_id: r.id, role: 'admin' }).execute();
    await w.audit({ action: 'create', entity: 'app_user', entityId: r.id, after: { login: input.login, roles: ['admin'], first: true } });
    return r.id;
  });
}

function lockDelayMs(failed: number, free: number, maxMinutes: number): number {
  if (failed < free) return 0;
  return Math.min(30_000 * 2 ** (failed - free), maxMinutes * 60_000);
}

/** A login's failed attempts since its last success and the lock they earned. */
interface Attempts {
  failed: number;
  lockedUntil: string | null;
}

interface Reservation {
  /** This attempt's number since the last success. */
  attempt: number;
  /** A lock already in force when the attempt came: it is refused without looking at the password. */
  lockedUntil: string | null;
  /** The lock this attempt earns if the password is wrong (already recorded, before the password is checked). */
  delayMs: number;
}

/**
 * Counts an attempt before its password is checked, so that attempts made at the same moment each see the ones
 * before them: the lock the attempt would earn by failing is recorded at once and lifted only by a success.
 */
function reserve(a: Attempts, now: Date, free: number, maxMinutes: number): { next: Attempts; reservation: Reservation } {
  const attempt = a.failed + 1;
  const inForce = a.lockedUntil !== null && a.lockedUntil > now.toISOString() ? a.lockedUntil : null;
  const delayMs = inForce ? 0 : lockDelayMs(attempt, free, maxMinutes);
  const lockedUntil = inForce ?? (delayMs ? new Date(now.getTime() + delayMs).toISOString() : null);
  return { next: { failed: attempt, lockedUntil }, reservation: { attempt, lockedUntil: inForce, delayMs } };
}

/** The key of an invented login's attempts (`login_attempt`). */
export const loginHash = (login: string) => createHash('sha256').update(login).digest('hex');

/** Failed attempts against invented logins kept at most: the oldest are forgotten first. */
const PHANTOM_LIMIT = 5_000;

/**
 * Reads the counter for an update inside the transaction. On PostgreSQL `for update` holds the row until the
 * transaction ends, so two instances' attempts at the same moment are counted one after the other; SQLite's one
 * writer needs nothing (and has no `for update`).
 */
function forUpdate<Q extends { forUpdate(): Q }>(db: Db | Trx, q: Q): Q {
  return engineOf(db) === 'postgres' ? q.forUpdate() : q;
}

/**
 * Attempts against logins nobody has, kept in the database (`login_attempt`) and locked exactly like real accounts on
 * every instance: the answers must not tell an invented login from a real one.
 */
async function reservePhantom(db: Db, loginName: string, now: Date, free: number, maxMinutes: number): Promise<Reservation> {
  const at = now.toISOString();
  // What was typed is not kept (it may be a password typed into the wrong field): only its hash.
  const key = loginHash(loginName);
  const reservation = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('login_attempt')
      .values({ login_hash: key, last_at: at })
      .onConflict((oc) => oc.column('login_hash').doNothing())
      .execute();
    const row = await forUpdate(
      trx,
      trx.selectFrom('login_attempt').select(['failed_attempts', 'locked_until']).where('login_hash', '=', key),
    ).executeTakeFirstOrThrow();
    const { next, reservation } = reserve({ failed: row.failed_attempts, lockedUntil: row.locked_until }, now, free, maxMinutes);
    await trx
      .updateTable('login_attempt')
      .set({ failed_attempts: next.failed, locked_until: next.lockedUntil, last_at: at })
      .where('login_hash', '=', key)
      .execute();
    return reservation;
  });
  // Past the limit the oldest go: a flood of invented logins cannot grow the table without end.
  const edge = await db
    .selectFrom('login_attempt')
    .select('last_at')
    .orderBy('last_at', 'desc')
    .offset(PHANTOM_LIMIT)
    .limit(1)
    .executeTakeFirst();
  if (edge) await db.deleteFrom('login_attempt').where('last_at', '<=', edge.last_at).execute();
  return reservation;
}

async function reserveAttempt(db: Db, userId: number, now: Date, free: number, maxMinutes: number): Promise<Reservation> {
  // One transaction holding the row: no other attempt, on this instance or another, reads the counter between this
  // read and this write.
  return db.transaction().execute(async (trx) => {
    const row = await forUpdate(
      trx,
      trx.selectFrom('app_user').select(['failed_attempts', 'locked_until']).where('id', '=', userId),
    ).executeTakeFirstOrThrow();
    const { next, reservation } = reserve({ failed: row.failed_attempts, lockedUntil: row.locked_until }, now, free, maxMinutes);
    await trx
      .updateTable('app_user')
      .set({ failed_attempts: next.failed, locked_until: next.lockedUntil })
      .where('id', '=', userId)
      .execute();
    return reservation;
  });
}

/** A success settles its own attempt and the ones before it; attempts counted after it keep their count and lock. */
async function settleSuccess(db: Db, userId: number, attempt: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await forUpdate(
      trx,
      trx.selectFrom('app_user').select(['failed_attempts', 'locked_until']).where('id', '=', userId),
    ).executeTakeFirstOrThrow();
    const later = Math.max(0, row.failed_attempts - attempt);
    await trx
      .updateTable('app_user')
      .set({ failed_attempts: later, locked_until: later ? row.locked_until : null })
      .where('id', '=', userId)
      .execute();
  });
}

const WRONG = 'Неверный логин или пароль.';

/**
 * Logs in. Every answer but success is the same for a real login and an invented one, and takes about as long (an
 * invented login's password is checked against a dummy hash). Each attempt is counted before its password is checked;
 * once the free attempts are spent each failure locks the login, doubling up to the maximum, and while a lock is in
 * force attempts are refused without checking the password, so that guessing gains nothing during it. A disabled
 * account says so only to the right password.
 */
export async function login(ctx: Ctx, input: { login: string; password: string }): Promise<LoginResult> {
  const now = ctx.now();
  const u = await ctx.db.selectFrom('app_user').selectAll().where('login', '=', input.login).executeTakeFirst();
  const refuse = async (message: string, userId: number | null, reason: string, attempt: number) => {
    await appendAudit(
      ctx.db,
      { ...ctx.actor, userId, name: input.login },
      { action: 'login', entity: 'app_user', entityId: userId, outcome: 'denied', after: { reason, attempt } },
      now,
    );
    throw new AppError('LOGIN_FAILED', message);
  };
  const free = await getSetting(ctx.db, 'auth.freeAttempts');
  const maxMinutes = await getSetting(ctx.db, 'auth.maxLockMinutes');
  const r = u
    ? await reserveAttempt(ctx.db, u.id, now, free, maxMinutes)
    : await reservePhantom(ctx.db, input.login, now, free, maxMinutes);
  if (r.lockedUntil) {
    const until = new Date(r.lockedUntil).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return refuse(`Слишком много неудачных попыток. Вход заблокирован до ${until}.`, u?.id ?? null, 'locked', r.attempt);
  }
  const ok = u?.password_hash ? await verifySecret(u.password_hash, input.password) : await verifyAgainstDummy(input.password);
  if (!u || !ok) {
    const message = r.delayMs ? `${WRONG} Вход заблокирован на ${Math.round(r.delayMs / 1000)} с.` : WRONG;
    return refuse(message, u?.id ?? null, !u ? 'unknown login' : u.password_hash ? 'wrong password' : 'not activated', r.attempt);
  }
  if (u.disabled) return refuse('Учётная запись отключена. Обратитесь к администратору.', u.id, 'disabled', r.attempt);
  await settleSuccess(ctx.db, u.id, r.attempt);
  const actor = await actorOf(ctx.db, u.id);
  await appendAudit(ctx.db, actor, { action: 'login', entity: 'app_user', entityId: u.id }, now);
  const token = await openSession(ctx.db, u.id, now);
  return { token, user: publicUser(actor) };
}

export function publicUser(a: Actor): PublicUser {
  return { userId: a.userId, name: a.name, roles: a.roles, staffId: a.staffId };
}

export async function activate(ctx: Ctx, input: ParsedInput<'auth.activate'>): Promise<LoginResult> {
  const u = await ctx.db.selectFrom('app_user').selectAll().where('login', '=', input.login).executeTakeFirst();
  const code = input.code.toUpperCase();
  // An unknown login or one without a pending code costs a hash check too: the timing does not tell them apart.
  const ok = u?.activation_hash ? (await verifySecret(u.activation_hash, code)) && !u.disabled : await verifyAgainstDummy(code);
  if (!u || !ok) {
    await appendAudit(
      ctx.db,
      { ...ctx.actor, userId: u?.id ?? null, name: input.login },
      { action: 'activate', entity: 'app_user', entityId: u?.id ?? null, outcome: 'denied' },
      ctx.now(),
    );
    throw new AppError('LOGIN_FAILED', 'Неверный логин или код активации.');
  }
  const password_hash = await hashSecret(input.password);
  await mutate({ ...ctx, actor: await actorOf(ctx.db, u.id) }, async (w) => {
    // The code is used once: of two activations with it at the same moment only the first sets the password.
    const r = await w.trx
      .updateTable('app_user')
      .set({ password_hash, activation_hash: null, failed_attempts: 0, locked_until: null })
      .where('id', '=', u.id)
      .where('activation_hash', '=', u.activation_hash)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) throw new AppError('LOGIN_FAILED', 'Неверный логин или код активации.');
    await w.audit({ action: 'activate', entity: 'app_user', entityId: u.id });
  });
  return login(ctx, { login: input.login, password: input.password });
}

/** Changes the caller's password and ends their other sessions: whoever else was logged in as them is out. */
export async function changePassword(ctx: Ctx, token: string | null, input: ParsedInput<'auth.changePassword'>) {
  const u = await ctx.db
    .selectFrom('app_user')
    .selectAll()
    .where('id', '=', ctx.actor.userId ?? 0)
    .executeTakeFirstOrThrow();
  if (!u.password_hash || !(await verifySecret(u.password_hash, input.oldPassword))) invalid('Текущий пароль введён неверно');
  const password_hash = await hashSecret(input.newPassword);
  const id = await mutate(ctx, async (w) => {
    await w.trx.updateTable('app_user').set({ password_hash }).where('id', '=', u.id).execute();
    await w.audit({ action: 'change_password', entity: 'app_user', entityId: u.id });
    await closeSessionsOf(w.trx, u.id, w.at, token);
    return u.id;
  });
  return id;
}

export async function listUsers(ctx: Ctx): Promise<UserRow[]> {
  const users = await ctx.db
    .selectFrom('app_user')
    .select([
      'id',
      'login',
      'display_name',
      'staff_id',
      'disabled',
      'compromised_at',
      'created_at',
      'locked_until',
      'failed_attempts',
      'password_hash',
    ])
    .orderBy('login')
    .execute();
  const roles = await ctx.db.selectFrom('user_role').selectAll().execute();
  return users.map((u) => ({
    id: u.id,
    login: u.login,
    displayName: u.display_name,
    staffId: u.staff_id,
    disabled: !!u.disabled,
    compromisedAt: u.compromised_at,
    createdAt: u.created_at,
    lockedUntil: u.locked_until,
    failedAttempts: u.failed_attempts,
    activated: u.password_hash !== null,
    roles: roles.filter((r) => r.user_id === u.id).map((r) => r.role as Role),
  }));
}

export async function createUser(ctx: Ctx, input: ParsedInput<'users.create'>): Promise<ActivationCode> {
  const code = activationCode();
  const activation_hash = await hashSecret(code);
  const roles = [...new Set(input.roles)];
  const id = await mutate(ctx, async (w) => {
    const r = await w.trx
      .insertInto('app_user')
      .values({
        login: input.login,
        display_name: input.displayName,
        staff_id: input.staffId ?? null,
        password_hash: null,
        activation_hash,
        locked_until: null,
        compromised_at: null,
        created_at: w.at.toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, `Логин «${input.login}» уже занят`));
    await w.trx
      .insertInto('user_role')
      .values(roles.map((role) => ({ user_id: r.id, role })))
      .execute();
    await w.audit({
      action: 'create',
      entity: 'app_user',
      entityId: r.id,
      after: { login: input.login, displayName: input.displayName, staffId: input.staffId ?? null, roles },
    });
    return r.id;
  });
  return { id, activationCode: code };
}

export async function setRoles(ctx: Ctx, input: ParsedInput<'users.setRoles'>) {
  const roles = [...new Set(input.roles)];
  if (input.userId === ctx.actor.userId && !roles.includes('admin')) invalid('Нельзя снять роль администратора с самого себя');
  return mutate(ctx, async (w) => {
    const before = await w.trx.selectFrom('user_role').select('role').where('user_id', '=', input.userId).execute();
    if (!before.length) notFound('Пользователь');
    await w.trx.deleteFrom('user_role').where('user_id', '=', input.userId).execute();
    await w.trx
      .insertInto('user_role')
      .values(roles.map((role) => ({ user_id: input.userId, role })))
      .execute();
    await w.audit({ action: 'set_roles', entity: 'app_user', entityId: input.userId, before: before.map((r) => r.role), after: roles });
    await closeSessionsOf(w.trx, input.userId, w.at);
    return input.userId;
  });
}

export async function resetPassword(ctx: Ctx, userId: number): Promise<ActivationCode> {
  const code = activationCode();
  const activation_hash = await hashSecret(code);
  await mutate(ctx, async (w) => {
    const r = await w.trx
      .updateTable('app_user')
      .set({ password_hash: null, activation_hash, failed_attempts: 0, locked_until: null })
      .where('id', '=', userId)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) notFound('Пользователь');
    await w.audit({ action: 'reset_password', entity: 'app_user', entityId: userId });
    await closeSessionsOf(w.trx, userId, w.at);
  });
  return { id: userId, activationCode: code };
}

export async function setDisabled(ctx: Ctx, input: ParsedInput<'users.setDisabled'>) {
  if (input.userId === ctx.actor.userId && input.disabled) invalid('Нельзя отключить собственную учётную запись');
  await mutate(ctx, async (w) => {
    const r = await w.trx
      .updateTable('app_user')
      .set({ disabled: input.disabled ? 1 : 0 })
      .where('id', '=', input.userId)
      .executeTakeFirst();
    if (!Number(r.numUpdatedRows)) notFound('Пользователь');
    await w.audit({ action: input.disabled ? 'disable' : 'enable', entity: 'app_user', entityId: input.userId });
    if (input.disabled) await closeSessionsOf(w.trx, input.userId, w.at);
  });
  return input.userId;
}

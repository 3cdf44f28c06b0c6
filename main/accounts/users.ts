import { AppError, type Db } from '../../db/index';
import { appendAudit } from '../kernel/audit-chain';
import type { Actor, Ctx } from '../kernel/context';
import { mutate } from '../kernel/mutate';
import { ROLES, type Role } from '../contract/rules/roles';
import type { ParsedInput } from '../contract/index';
import type { ActivationCode, LoginResult, PublicUser, UserRow } from '../contract/accounts-outputs';
import { invalid, notFound, uniqueMessage } from '../kernel/invalid';
import { getSetting } from '../kernel/settings';
import { activationCode, hashSecret, verifySecret } from './passwords';
import type { SessionStore } from '../kernel/sessions';

export async function hasUsers(db: Db): Promise<boolean> {
  return !!(await db.selectFrom('app_user').select('id').limit(1).executeTakeFirst());
}

export async function actorOf(db: Db, userId: number): Promise<Actor> {
  const u = await db.selectFrom('app_user').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!u || u.disabled) throw new AppError('SESSION_EXPIRED', 'Учётная запись отключена. Обратитесь к администратору.');
  const roles = await db.selectFrom('user_role').select('role').where('user_id', '=', userId).execute();
  return {
    userId: u.id,
    name: `${u.display_name} (${u.login})`,
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
      .values({ login: input.login, display_name: input.displayName, staff_id: null, password_hash, activation_hash: null, locked_until: null, compromised_at: null, created_at: w.at.toISOString() })
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

export async function login(ctx: Ctx, sessions: SessionStore, input: { login: string; password: string }): Promise<LoginResult> {
  const now = ctx.now();
  const u = await ctx.db.selectFrom('app_user').selectAll().where('login', '=', input.login).executeTakeFirst();
  const refuse = async (message: string, userId: number | null, reason: string) => {
    await appendAudit(ctx.db, { ...ctx.actor, userId, name: input.login }, { action: 'login', entity: 'app_user', entityId: userId, outcome: 'denied', after: { reason } }, now);
    throw new AppError('LOGIN_FAILED', message);
  };
  if (!u) return refuse('Неверный логин или пароль.', null, 'unknown login');
  if (u.disabled) return refuse('Учётная запись отключена. Обратитесь к администратору.', u.id, 'disabled');
  if (u.locked_until && u.locked_until > now.toISOString()) {
    const until = new Date(u.locked_until).toLocaleTimeString('ru-RU', { hour: '2-digit', minute: '2-digit', second: '2-digit' });
    return refuse(`Слишком много неудачных попыток. Вход заблокирован до ${until}.`, u.id, 'locked');
  }
  if (!u.password_hash) return refuse('Учётная запись не активирована: введите код активации и задайте пароль.', u.id, 'not activated');
  if (!(await verifySecret(u.password_hash, input.password))) {
    const failed = u.failed_attempts + 1;
    const delay = lockDelayMs(failed, await getSetting(ctx.db, 'auth.freeAttempts'), await getSetting(ctx.db, 'auth.maxLockMinutes'));
    await ctx.db
      .updateTable('app_user')
      .set({ failed_attempts: failed, locked_until: delay ? new Date(now.getTime() + delay).toISOString() : null })
      .where('id', '=', u.id)
      .execute();
    return refuse(
      delay ? `Неверный пароль. Вход заблокирован на ${Math.round(delay / 1000)} с.` : 'Неверный логин или пароль.',
      u.id,
      'wrong password',
    );
  }
  await ctx.db.updateTable('app_user').set({ failed_attempts: 0, locked_until: null }).where('id', '=', u.id).execute();
  const actor = await actorOf(ctx.db, u.id);
  await appendAudit(ctx.db, actor, { action: 'login', entity: 'app_user', entityId: u.id }, now);
  const s = sessions.open(u.id, now.getTime());
  return { token: s.token, user: publicUser(actor) };
}

export function publicUser(a: Actor): PublicUser {
  return { userId: a.userId, name: a.name, roles: a.roles, staffId: a.staffId };
}

export async function activate(ctx: Ctx, sessions: SessionStore, input: ParsedInput<'auth.activate'>): Promise<LoginResult> {
  const u = await ctx.db.selectFrom('app_user').selectAll().where('login', '=', input.login).executeTakeFirst();
  const ok = !!u && !u.disabled && !!u.activation_hash && (await verifySecret(u.activation_hash, input.code.toUpperCase()));
  if (!u || !ok) {
    await appendAudit(ctx.db, { ...ctx.actor, userId: u?.id ?? null, name: input.login }, { action: 'activate', entity: 'app_user', entityId: u?.id ?? null, outcome: 'denied' }, ctx.now());
    throw new AppError('LOGIN_FAILED', 'Неверный логин или код активации.');
  }
  const password_hash = await hashSecret(input.password);
  await mutate({ ...ctx, actor: await actorOf(ctx.db, u.id) }, async (w) => {
    await w.trx.updateTable('app_user').set({ password_hash, activation_hash: null, failed_attempts: 0, locked_until: null }).where('id', '=', u.id).execute();
    await w.audit({ action: 'activate', entity: 'app_user', entityId: u.id });
  });
  return login(ctx, sessions, { login: input.login, password: input.password });
}

export async function changePassword(ctx: Ctx, input: ParsedInput<'auth.changePassword'>) {
  const u = await ctx.db.selectFrom('app_user').selectAll().where('id', '=', ctx.actor.userId ?? 0).executeTakeFirstOrThrow();
  if (!u.password_hash || !(await verifySecret(u.password_hash, input.oldPassword))) invalid('Текущий пароль введён неверно');
  const password_hash = await hashSecret(input.newPassword);
  return mutate(ctx, async (w) => {
    await w.trx.updateTable('app_user').set({ password_hash }).where('id', '=', u.id).execute();
    await w.audit({ action: 'change_password', entity: 'app_user', entityId: u.id });
    return u.id;
  });
}

export async function listUsers(ctx: Ctx): Promise<UserRow[]> {
  const users = await ctx.db
    .selectFrom('app_user')
    .select(['id', 'login', 'display_name', 'staff_id', 'disabled', 'compromised_at', 'created_at', 'locked_until', 'failed_attempts', 'password_hash'])
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
      .values({ login: input.login, display_name: input.displayName, staff_id: input.staffId ?? null, password_hash: null, activation_hash, locked_until: null, compromised_at: null, created_at: w.at.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow()
      .catch((e) => uniqueMessage(e, `Логин «${input.login}» уже занят`));
    await w.trx.insertInto('user_role').values(roles.map((role) => ({ user_id: r.id, role }))).execute();
    await w.audit({ action: 'create', entity: 'app_user', entityId: r.id, after: { login: input.login, displayName: input.displayName, staffId: input.staffId ?? null, roles } });
    return r.id;
  });
  return { id, activationCode: code };
}

export async function setRoles(ctx: Ctx, sessions: SessionStore, input: ParsedInput<'users.setRoles'>) {
  const roles = [...new Set(input.roles)];
  if (input.userId === ctx.actor.userId && !roles.includes('admin')) invalid('Нельзя снять роль администратора с самого себя');
  return mutate(ctx, async (w) => {
    const before = await w.trx.selectFrom('user_role').select('role').where('user_id', '=', input.userId).execute();
    if (!before.length) notFound('Пользователь');
    await w.trx.deleteFrom('user_role').where('user_id', '=', input.userId).execute();
    await w.trx.insertInto('user_role').values(roles.map((role) => ({ user_id: input.userId, role }))).execute();
    await w.audit({ action: 'set_roles', entity: 'app_user', entityId: input.userId, before: before.map((r) => r.role), after: roles });
    sessions.closeAllOf(input.userId);
    return input.userId;
  });
}

export async function resetPassword(ctx: Ctx, sessions: SessionStore, userId: number): Promise<ActivationCode> {
  const code = activationCode();
  const activation_hash = await hashSecret(code);
  await mutate(ctx, async (w) => {
    const r = await w.trx.updateTable('app_user').set({ password_hash: null, activation_hash, failed_attempts: 0, locked_until: null }).where('id', '=', userId).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) notFound('Пользователь');
    await w.audit({ action: 'reset_password', entity: 'app_user', entityId: userId });
  });
  sessions.closeAllOf(userId);
  return { id: userId, activationCode: code };
}

export async function setDisabled(ctx: Ctx, sessions: SessionStore, input: ParsedInput<'users.setDisabled'>) {
  if (input.userId === ctx.actor.userId && input.disabled) invalid('Нельзя отключить собственную учётную запись');
  await mutate(ctx, async (w) => {
    const r = await w.trx.updateTable('app_user').set({ disabled: input.disabled ? 1 : 0 }).where('id', '=', input.userId).executeTakeFirst();
    if (!Number(r.numUpdatedRows)) notFound('Пользователь');
    await w.audit({ action: input.disabled ? 'disable' : 'enable', entity: 'app_user', entityId: input.userId });
  });
  if (input.disabled) sessions.closeAllOf(input.userId);
  return input.userId;
}

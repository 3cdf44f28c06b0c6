import type { Db } from '../../db/index';
import { AppError } from '../../db/index';
import { permissionsOf, type Permission, type Role } from '../contract/rules/roles';

export interface Actor {
  /** null for the CLI and other system actors. */
  userId: number | null;
  /**
   * The audit log's record of who acts: «Петрова А. С. (zavuch)», the display name with the login that identifies the
   * account (the audit row also keeps the user id), or a system actor's description. Never written to a document.
   */
  name: string;
  /**
   * Who acts as documents and screens name them: the account's display name as it is at this moment, without the login
   * (a Latin login is no name on a Russian school document). What the «…_by» columns store (`personOf`). Absent: `name`.
   */
  person?: string;
  roles: Role[];
  staffId: number | null;
  /** The CLI acts with the rights of whoever can open the file. */
  system: boolean;
}

export interface Ctx {
  db: Db;
  actor: Actor;
  now: () => Date;
}

/** `person`: how documents name what this system actor writes, when its audit name says more (the OS user). */
export function systemActor(name: string, person = name): Actor {
  return { userId: null, name, person, roles: ['admin', 'deputy', 'director', 'office'], staffId: null, system: true };
}

/**
 * The name a business row stores for who did something (journal_lock.locked_by, final_mark.entered_by, …) and so the
 * one printed on paper: the display name at the time of the act, not the account's id resolved at print time. A signed
 * journal or register must read the same when reprinted after a surname changes or the account is removed; the audit
 * row of the same transaction ties the act to the account.
 */
export function personOf(actor: Pick<Actor, 'name' | 'person'>): string {
  return actor.person ?? actor.name;
}

export function can(actor: Actor, perm: Permission): boolean {
  return actor.system || permissionsOf(actor.roles).has(perm);
}

export function requirePermission(actor: Actor, perm: Permission): void {
  if (!can(actor, perm)) throw new AppError('FORBIDDEN', 'Недостаточно прав для этого действия.');
}

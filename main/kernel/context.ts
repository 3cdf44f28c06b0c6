import type { Db } from '../../db/index';
import { AppError } from '../../db/index';
import { permissionsOf, type Permission, type Role } from '../contract/rules/roles';

export interface Actor {
  /** null for the CLI and other system actors. */
  userId: number | null;
  name: string;
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

export function systemActor(name: string): Actor {
  return { userId: null, name, roles: ['admin', 'deputy', 'director', 'office'], staffId: null, system: true };
}

export function can(actor: Actor, perm: Permission): boolean {
  return actor.system || permissionsOf(actor.roles).has(perm);
}

export function requirePermission(actor: Actor, perm: Permission): void {
  if (!can(actor, perm)) throw new AppError('FORBIDDEN', 'Недостаточно прав для этого действия.');
}

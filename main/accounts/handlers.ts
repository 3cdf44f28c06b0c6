import { redactUrl } from '../../db/postgres';
import { schemaVersionOf } from '../../db/schema-version';
import { PERMISSIONS, ROLE_NAMES, permissionsOf } from '../contract/rules/roles';
import type { accountsSchemas } from '../contract/accounts';
import type { AppInfo, Me } from '../contract/accounts-outputs';
import { readAnchor } from '../kernel/audit-anchor';
import { verifyAuditChain, verifyAuditChainDb } from '../kernel/audit-verify';
import type { AreaHandlers } from '../kernel/env';
import { closeSession } from '../kernel/sessions';
import { getSetting } from '../kernel/settings';
import { listAudit } from './audit-list';
import { compromisedOperations, markCompromised, voidCompromised } from './compromise';
import * as users from './users';

// One handler per channel (the mapped type refuses to compile if one is missing), each with the access it needs.
export const accountsHandlers: AreaHandlers<keyof typeof accountsSchemas> = {
  'app.info': {
    access: 'public',
    run: async (c): Promise<AppInfo> => ({
      version: c.env.version,
      schemaVersion: await schemaVersionOf(c.db),
      dbFile: redactUrl(c.env.dbFile), // a connection string is shown without its password
      runtime: c.env.runtime,
      hasUsers: await users.hasUsers(c.db),
      hasSchool: !!(await c.db.selectFrom('school').select('id').executeTakeFirst()),
    }),
  },
  'auth.status': { access: 'public', run: async (c) => ({ hasUsers: await users.hasUsers(c.db) }) },
  'auth.setupAdmin': {
    access: 'public',
    run: async (c, i) => {
      await users.setupAdmin({ ...c, actor: { ...c.actor, name: i.login } }, i);
      return users.login(c, i);
    },
  },
  'auth.login': { access: 'public', run: (c, i) => users.login(c, i) },
  'auth.activate': { access: 'public', run: (c, i) => users.activate(c, i) },
  'auth.logout': {
    access: 'session',
    run: async (c) => {
      await closeSession(c.db, c.token, c.now());
      return true as const;
    },
  },
  'auth.me': {
    access: 'session',
    run: async (c): Promise<Me> => ({
      ...users.publicUser(c.actor),
      permissions: c.actor.system ? [...PERMISSIONS] : [...permissionsOf(c.actor.roles)],
      idleMinutes: await getSetting(c.db, 'auth.idleMinutes'),
      roleNames: ROLE_NAMES,
    }),
  },
  'auth.changePassword': { access: 'session', run: (c, i) => users.changePassword(c, c.token, i) },
  'users.list': { access: 'users.manage', run: (c) => users.listUsers(c) },
  'users.create': { access: 'users.manage', run: (c, i) => users.createUser(c, i) },
  'users.setRoles': { access: 'users.manage', run: (c, i) => users.setRoles(c, i) },
  'users.resetPassword': { access: 'users.manage', run: (c, i) => users.resetPassword(c, i.userId) },
  'users.setDisabled': { access: 'users.manage', run: (c, i) => users.setDisabled(c, i) },
  'users.markCompromised': { access: 'users.manage', run: (c, i) => markCompromised(c, i.userId, i.since) },
  'users.compromisedOperations': { access: 'users.manage', run: (c, i) => compromisedOperations(c, i.userId) },
  'users.voidCompromised': { access: 'users.manage', run: (c, i) => voidCompromised(c, i.userId) },
  'audit.list': { access: 'audit.read', run: (c, i) => listAudit(c, i) },
  'audit.export': { access: 'audit.read', run: async (c, i) => (await import('./audit-export')).exportAudit(c, i) },
  'audit.verify': {
    access: 'audit.read',
    run: async (c) => {
      const remembered = readAnchor(c.env.dbFile);
      const anchors = remembered ? [remembered] : [];
      return c.env.raw ? verifyAuditChain(c.env.raw, anchors) : verifyAuditChainDb(c.db, anchors);
    },
  },
  'audit.warning': { access: 'audit.read', run: async (c) => ({ warning: c.env.auditWarning ?? null }) },
};

import { z } from 'zod';
import { empty, id, optId, required, roles, text } from './fields';

// Channels of the application, accounts and the audit log.

const auditFilter = {
  userId: optId,
  /** Part of the person's name or login, case aside. */
  person: text(100).optional(),
  from: z.string().max(40).optional(),
  to: z.string().max(40).optional(),
  entity: text(60).optional(),
  classId: optId,
  beforeId: optId,
};

export const accountsSchemas = {
  // --- application and accounts ---
  'app.info': empty,
  'auth.status': empty,
  'auth.setupAdmin': z.object({
    login: required('Логин', 64),
    displayName: required('Имя', 200),
    password: z.string().min(10, 'Пароль не короче 10 символов').max(256),
  }),
  'auth.login': z.object({ login: required('Логин', 64), password: z.string().min(1, 'Введите пароль').max(256) }),
  'auth.activate': z.object({
    login: required('Логин', 64),
    code: required('Код активации', 64),
    password: z.string().min(10, 'Пароль не короче 10 символов').max(256),
  }),
  'auth.logout': empty,
  'auth.me': empty,
  'auth.changePassword': z.object({
    oldPassword: z.string().min(1).max(256),
    newPassword: z.string().min(10, 'Пароль не короче 10 символов').max(256),
  }),
  'users.list': empty,
  'users.create': z.object({
    login: required('Логин', 64).regex(/^[a-zA-Z0-9._-]+$/, 'Логин: латинские буквы, цифры, точка, дефис'),
    displayName: required('Имя', 200),
    staffId: optId,
    roles: roles.min(1, 'Выберите хотя бы одну роль'),
  }),
  'users.setRoles': z.object({ userId: id, roles: roles.min(1, 'Выберите хотя бы одну роль') }),
  'users.resetPassword': z.object({ userId: id }),
  'users.setDisabled': z.object({ userId: id, disabled: z.boolean() }),
  'users.markCompromised': z.object({ userId: id, since: z.string().datetime({ offset: true }) }),
  'users.compromisedOperations': z.object({ userId: id }),
  'users.voidCompromised': z.object({ userId: id }),
  /** One page of the filtered log, newest first, with the filtered total. */
  'audit.list': z.object({
    ...auditFilter,
    limit: z.number().int().min(1).max(1000).default(200),
    offset: z.number().int().min(0).default(0),
  }),
  /** The same rows as a CSV file (the program's one CSV writer), newest first. */
  'audit.export': z.object({
    ...auditFilter,
    limit: z.number().int().min(1).max(100_000).default(10_000),
    format: z.enum(['csv', 'xlsx'], { message: 'Формат: CSV или XLSX' }).default('csv'),
  }),
  'audit.verify': empty,
  /** The start-up warning when the audit chain went backwards since the program last saw it. */
  'audit.warning': empty,
} as const;

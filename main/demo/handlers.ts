import { AppError } from '../../db/index';
import { hasUsers } from '../accounts/users';
import type { DemoCreated, demoSchemas } from '../contract/demo';
import { sqliteHandle, type AreaHandlers } from '../kernel/env';
import { systemActor } from '../kernel/context';

export const demoHandlers: AreaHandlers<keyof typeof demoSchemas> = {
  'app.createDemo': {
    access: 'public',
    run: async (c): Promise<DemoCreated> => {
      // Only a brand-new database: once anyone has an account this door is shut.
      if (await hasUsers(c.db)) throw new AppError('FORBIDDEN', 'В базе уже есть пользователи.');
      const { runDemo } = await import('./index');
      // Nobody is logged in yet: the demo is written as the system, as the CLI does.
      const r = await runDemo(c.db, sqliteHandle(c.env, 'Демонстрационная школа'), systemActor('первый запуск: демонстрационная школа'));
      return { logins: r.logins, password: r.password };
    },
  },
};

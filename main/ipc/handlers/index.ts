import type { Handlers } from '../router';
import { backupHandlers } from './backup';
import { foundationHandlers } from './foundation';

// Every area's handlers joined; the Handlers type refuses to compile while a channel has none.
export const handlers: Handlers = {
  ...foundationHandlers,
  ...backupHandlers,
};

import type { Handlers } from '../router';
import { backupHandlers } from './backup';
import { foundationHandlers } from './foundation';
import { noticesHandlers } from './notices';
import { timetableHandlers } from './timetable';
import { printHandlers } from './print';
import { journalHandlers } from './journal';

// Every area's handlers joined; the Handlers type refuses to compile while a channel has none.
export const handlers: Handlers = {
  ...foundationHandlers,
  ...timetableHandlers,
  ...noticesHandlers,
  ...printHandlers,
  ...backupHandlers,
  ...journalHandlers,
};

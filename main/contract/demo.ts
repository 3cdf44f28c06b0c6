import { empty } from './fields';

// The demo school: offered on a brand-new database's first screen.
export const demoSchemas = {
  'app.createDemo': empty,
} as const;

import { empty } from './fields';

// The demo school: offered on a brand-new database's first screen.
export const demoSchemas = {
  'app.createDemo': empty,
} as const;

/** The demo school's accounts: every one shares the printed password. */
export interface DemoCreated {
  logins: string[];
  password: string;
}

export interface DemoOutputs {
  'app.createDemo': DemoCreated;
}

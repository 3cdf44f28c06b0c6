import { runCli } from './index';

export function main(argv: string[]): Promise<number> {
  return runCli(argv);
}

import { parseArgs } from 'node:util';
import { EXIT, withDatabase, type Command } from '../kernel/cli-command';
import { databaseStats } from './stats';

export const stats: Command = {
  usage: 'stats --db FILE [--json]\n      что хранится в базе',
  async run(args, out) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, json: { type: 'boolean' } } });
    return withDatabase(
      values.db,
      async (h) => {
        const s = await databaseStats(h.db);
        out.log(
          values.json
            ? JSON.stringify(s)
            : Object.entries(s)
                .map(([k, v]) => `${k}: ${v}`)
                .join('\n'),
        );
        return EXIT.ok;
      },
      { access: 'read' },
    );
  },
};

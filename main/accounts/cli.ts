import { parseArgs } from 'node:util';
import { verifyAuditChain } from '../kernel/audit-verify';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';

export const audit: Command = {
  usage: 'audit verify --db FILE\n      проверить цепочку журнала аудита (код 3, если нарушена)',
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw new UsageError('Команда audit: verify');
    const { values } = parseArgs({ args: rest, options: { db: { type: 'string' } } });
    return withDatabase(values.db, async (h) => {
      const r = verifyAuditChain(h.raw);
      if (r.ok) {
        out.log(`Журнал аудита цел: ${r.rows} записей, последняя ${r.head ?? '—'}`);
        return EXIT.ok;
      }
      out.err(`Журнал аудита нарушен: ${r.problem}`);
      out.log(JSON.stringify({ ok: false, brokenId: r.brokenId }));
      return EXIT.integrity;
    }, { access: 'read' });
  },
};

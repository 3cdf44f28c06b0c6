import path from 'node:path';
import { parseArgs } from 'node:util';
import { readAnchor, readManifestAnchor } from '../kernel/audit-anchor';
import { engineOf } from '../../db/dialect';
import { verifyAuditChain, verifyAuditChainDb, type Anchor } from '../kernel/audit-verify';
import { EXIT, UsageError, withDatabase, type Command } from '../kernel/cli-command';

export const audit: Command = {
  usage:
    'audit verify --db FILE [--manifest M.manifest.json]…\n' +
    '      проверить цепочку журнала аудита, защитные триггеры и совпадение с описями копий и последней\n' +
    '      записью, которую видела программа (код 3, если нарушена)',
  async run(args, out) {
    const [sub, ...rest] = args;
    if (sub !== 'verify') throw new UsageError('Команда audit: verify');
    const { values } = parseArgs({ args: rest, options: { db: { type: 'string' }, manifest: { type: 'string', multiple: true } } });
    if (!values.db) throw new UsageError('Укажите --db FILE');
    const anchors: Anchor[] = [];
    for (const m of values.manifest ?? []) {
      const a = readManifestAnchor(m);
      if (a) anchors.push(a);
      else out.log(`${path.basename(m)}: журнал аудита в той копии был пуст, сравнивать не с чем`);
    }
    const remembered = readAnchor(values.db);
    if (remembered) anchors.push(remembered);
    return withDatabase(
      values.db,
      async (h) => {
        // PostgreSQL has no better-sqlite3 handle: the chain is walked in pages through Kysely there.
        const r = engineOf(h.db) === 'postgres' ? await verifyAuditChainDb(h.db, anchors) : verifyAuditChain(h.raw, anchors);
        if (r.ok) {
          out.log(`Журнал аудита цел: ${r.rows} записей, последняя ${r.head ?? '—'}; сверено с ${anchors.length} внешними отметками`);
          return EXIT.ok;
        }
        out.err(`Журнал аудита нарушен:\n${r.problems.map((p) => `  ${p}`).join('\n')}`);
        out.log(JSON.stringify({ ok: false, brokenId: r.brokenId, missingTriggers: r.missingTriggers, problems: r.problems }));
        return EXIT.integrity;
      },
      { access: 'read' },
    );
  },
};

import path from 'node:path';
import { parseArgs } from 'node:util';
import { SCHEMA_VERSION } from '../../../db/index';
import { assertJournalOrMissing } from '../../../db/identify';
import { EXIT, UsageError, withDatabase, type Command } from '../../kernel/cli-command';

// The explicit way to make an empty journal database from the command line. Besides it only `demo` and the
// program's first start on a path that does not exist create a database; every other command refuses a file
// that is not one (exit 3).
export const init: Command = {
  usage: 'init --db FILE\n      создать новую пустую базу журнала (существующий файл не изменяется)',
  async run(args, out) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
    if (!values.db) throw new UsageError('Укажите --db FILE');
    if (assertJournalOrMissing(path.resolve(values.db)) === 'journal') {
      out.err(`База журнала ${values.db} уже есть: init создаёт только новую базу, эта не изменена.`);
      return EXIT.failed;
    }
    return withDatabase(
      values.db,
      async (h) => {
        out.log(`Создана база журнала ${h.file} (схема ${SCHEMA_VERSION}). При первом запуске программа предложит создать администратора.`);
        return EXIT.ok;
      },
      { access: 'create' },
    );
  },
};

import path from 'node:path';
import { parseArgs } from 'node:util';
import { AppError, SCHEMA_VERSION } from '../../../db/index';
import { isPostgresUrl } from '../../../db/dialect';
import { assertJournalOrMissing } from '../../../db/identify';
import { redactUrl } from '../../../db/postgres';
import { hasUsers, setupAdmin } from '../../accounts/users';
import { accountsSchemas } from '../../contract/accounts';
import { EXIT, osActor, UsageError, withDatabase, type Command } from '../../kernel/cli-command';
import { readPassword } from './secret';

// The explicit way to make a journal database from the command line: an SQLite file, or the schema inside an empty
// PostgreSQL database (issue 17, part 4), with the first administrator when --admin is given. Besides it only `demo`
// and the program's first start create a database; every other command refuses what is not one (exit 3).

/** The first administrator, checked before anything is created: bad input leaves nothing behind. */
async function adminFrom(values: { admin?: string; name?: string; 'password-file'?: string }) {
  if (!values.admin) return null;
  if (!values.name) throw new UsageError('Укажите --name "Фамилия Имя Отчество" администратора');
  const password = await readPassword({ file: values['password-file'], prompt: `Пароль администратора ${values.admin}` });
  const parsed = accountsSchemas['auth.setupAdmin'].safeParse({ login: values.admin, displayName: values.name, password });
  if (!parsed.success) throw new AppError('INVALID', parsed.error.issues.map((i) => i.message).join('; '));
  return parsed.data;
}

export const init: Command = {
  usage:
    'init --db FILE|postgres://… [--admin LOGIN --name "ФИО" [--password-file P]]\n' +
    '      создать новую базу журнала (файл SQLite или таблицы в пустой базе PostgreSQL) и, с --admin, первого\n' +
    '      администратора (пароль из --password-file, со стандартного ввода или с клавиатуры); базу, где\n' +
    '      администратор уже есть, или чужую базу не изменяет',
  async run(args, out) {
    const { values } = parseArgs({
      args,
      options: { db: { type: 'string' }, admin: { type: 'string' }, name: { type: 'string' }, 'password-file': { type: 'string' } },
    });
    if (!values.db) throw new UsageError('Укажите --db FILE или --db postgres://…');
    const pg = isPostgresUrl(values.db);
    const shown = pg ? redactUrl(values.db) : values.db;
    const admin = await adminFrom(values);
    if (!pg && !admin && assertJournalOrMissing(path.resolve(values.db)) === 'journal') {
      out.err(`База журнала ${shown} уже есть: init создаёт только новую базу, эта не изменена.`);
      return EXIT.failed;
    }
    return withDatabase(
      values.db,
      async (h) => {
        if (await hasUsers(h.db)) {
          out.err(`В базе журнала ${shown} уже есть учётные записи (администратор создан): init её не изменяет.`);
          return EXIT.failed;
        }
        const where = pg ? `Таблицы журнала в базе ${shown} готовы` : `База журнала ${path.resolve(values.db!)} готова`;
        if (!admin) {
          out.log(`${where} (схема ${SCHEMA_VERSION}). При первом запуске программа предложит создать администратора.`);
          return EXIT.ok;
        }
        await setupAdmin({ db: h.db, actor: osActor(), now: () => new Date() }, admin);
        out.log(`${where} (схема ${SCHEMA_VERSION}). Создан администратор ${admin.login} (${admin.displayName}).`);
        return EXIT.ok;
      },
      { access: 'create' },
    );
  },
};

export const migrate: Command = {
  usage:
    'migrate --db FILE|postgres://…\n' +
    '      обновить структуру базы журнала до этой версии программы (на PostgreSQL — от имени владельца базы)',
  async run(args, out) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' } } });
    if (!values.db) throw new UsageError('Укажите --db FILE или --db postgres://…');
    const shown = isPostgresUrl(values.db) ? redactUrl(values.db) : values.db;
    // withDatabase migrates on opening; what it applied is not reported to the callback, so compare versions.
    return withDatabase(values.db, async () => {
      out.log(`Структура базы журнала ${shown}: схема ${SCHEMA_VERSION}, последняя для этой версии программы.`);
      return EXIT.ok;
    });
  },
};

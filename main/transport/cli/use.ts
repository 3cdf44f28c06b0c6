import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isPostgresUrl } from '../../../db/dialect';
import { redactUrl } from '../../../db/postgres';
import { EXIT, UsageError, withDatabase, type Command } from '../../kernel/cli-command';
import { databaseSettingFile, rememberedDatabase, resolveDbTarget } from '../../kernel/paths';

// The database the program opens on this computer without `--db` (issue 17, part 1): on each workstation of a
// district server, `school-journal use --db postgresql://sj_app@server/school?sslmode=verify-full` once. The
// setting is checked before it is written: the database must open and be a journal's.

/** A password in the string would sit in a plain file: PostgreSQL's own password file is the place for it. */
function hasPassword(url: string): boolean {
  return redactUrl(url) !== url;
}

export const use: Command = {
  usage:
    'use --db FILE|postgres://… | use --show | use --reset\n' +
    '      запомнить базу данных, которую программа открывает на этом компьютере без --db (проверив её), показать или забыть',
  async run(args, out) {
    const { values } = parseArgs({ args, options: { db: { type: 'string' }, show: { type: 'boolean' }, reset: { type: 'boolean' } } });
    const file = databaseSettingFile();
    if (values.show) {
      const db = rememberedDatabase();
      out.log(
        db ? `База данных по умолчанию: ${redactUrl(db)} (${file})` : `База данных по умолчанию не задана: ${resolveDbTarget(undefined)}`,
      );
      return EXIT.ok;
    }
    if (values.reset) {
      fs.rmSync(file, { force: true });
      out.log(`Настройка удалена: программа откроет ${resolveDbTarget(undefined)}`);
      return EXIT.ok;
    }
    if (!values.db) throw new UsageError('Укажите --db FILE или --db postgres://…, либо --show, либо --reset');
    if (isPostgresUrl(values.db) && hasPassword(values.db))
      throw new UsageError(
        'Не записывайте пароль в строку подключения: он окажется в открытом файле настройки. ' +
          'Храните его в файле паролей PostgreSQL (~/.pgpass, в Windows %APPDATA%\\postgresql\\pgpass.conf) или в переменной PGPASSWORD.',
      );
    const target = resolveDbTarget(values.db);
    await withDatabase(target, async () => undefined, { access: 'read' });
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, JSON.stringify({ db: target }, null, 2) + '\n');
    out.log(`Программа будет открывать ${redactUrl(target)} (настройка ${file})`);
    return EXIT.ok;
  },
};

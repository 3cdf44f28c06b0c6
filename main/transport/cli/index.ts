import { isAppError } from '../../../db/index';
import { commands as capabilityCommands } from '../../capabilities';
import { EXIT, exitForError, running, UsageError, type Command, type Out } from '../../kernel/cli-command';
import { host } from './host';
import { init, migrate } from './init';
import { migrateTo } from './migrate-to';
import { use } from './use';
import { asYearLocked } from '../../kernel/year-lock';

// `npx school-journal <command>`: the same services as the application, for automation.

const commands: Record<string, Command> = { init, migrate, 'migrate-to': migrateTo, use, ...capabilityCommands, host };

function usageText(): string {
  const lines = Object.values(commands).map((c) => `  ${c.usage}`);
  return `Использование: school-journal <команда> [параметры]\n\nКоманды:\n${lines.join('\n')}\n\n--db FILE — файл базы SQLite или строка подключения к серверу PostgreSQL (postgres://пользователь@сервер/база).\n\nКоды выхода: 0 — успешно, 1 — ошибка, 2 — неверные параметры, 3 — нарушена целостность (файл повреждён, обрезан, чужой), 4 — ключ или парольная фраза не подходят, 5 — копия от более новой версии, 6 — место назначения недоступно или переполнено, 7 — база открыта для записи другой программой или командой (кем — сказано в сообщении).`;
}

const console_: Out = { log: (s) => console.log(s), err: (s) => console.error(s) };

export async function runCli(argv: string[], out: Out = console_): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    out.log(usageText());
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!command) {
    out.err(`Неизвестная команда «${name}»\n\n${usageText()}`);
    return EXIT.usage;
  }
  running.command = [name, ...rest.slice(0, 1).filter((a) => !a.startsWith('-'))].join(' ');
  try {
    return await command.run(rest, out);
  } catch (caught) {
    const e = asYearLocked(caught); // a closed year's row: the same LOCKED refusal as in the program
    if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.err(`${(e as Error).message}\n\n${usageText()}`);
      return EXIT.usage;
    }
    out.err(isAppError(e) ? e.message : `Ошибка: ${(e as Error).message}`);
    return isAppError(e) ? exitForError(e.code) : EXIT.failed;
  }
}

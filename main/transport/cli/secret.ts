import fs from 'node:fs';
import { UsageError } from '../../kernel/cli-command';

// A secret for a command (the first administrator's password): from a file, from standard input when it is not a
// terminal (`… < pass.txt`, a pipe), or typed at a prompt without echo, twice. Never from an option: the command
// line is visible to every user of the machine (ps) and kept in shell histories.

/** The first line of a file or of piped input, without its line ending. */
function firstLine(text: string): string {
  return text.replace(/^\uFEFF/, '').split(/\r?\n/)[0];
}

export function readSecretFile(file: string, what: string): string {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`Не удаётся прочитать ${what} ${file}: ${(e as Error).message}`);
  }
  return firstLine(text);
}

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(String(c)));
  return Buffer.concat(chunks).toString('utf8');
}

/** One line typed at the terminal with nothing echoed. */
function promptHidden(question: string): Promise<string> {
  const input = process.stdin;
  process.stderr.write(question);
  return new Promise((resolve, reject) => {
    let value = '';
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    const done = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.removeListener('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(value);
    };
    const onData = (s: string) => {
      for (const ch of s) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new UsageError('Прервано'));
        if (ch === '\u007f' || ch === '\b') value = value.slice(0, -1);
        else value += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The password: `--password-file`, else piped standard input, else a prompt (typed twice). */
export async function readPassword(opts: { file?: string; prompt: string }): Promise<string> {
  if (opts.file) return readSecretFile(opts.file, 'файл пароля');
  if (!process.stdin.isTTY) return firstLine(await readAll(process.stdin));
  const first = await promptHidden(`${opts.prompt}: `);
  const again = await promptHidden('Повторите пароль: ');
  if (first !== again) throw new UsageError('Пароли не совпадают');
  return first;
}

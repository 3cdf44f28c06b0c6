import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { isAppError } from '../../db/index';
import { openRaw } from '../../db/connection';
import { recordCheck } from './config';
import { INTEGRITY_CODES, KEY_CODES } from './errors';
import { readIdentities } from './keys';
import { readManifest } from './manifest';
import { sha256File } from './safe-write';
import { beforeRestoreName, drill, prepareRestore, removeDbFiles, swapIn } from './restore';
import type { Unseal } from './age-stream';
import { backupNow, createKey, type NewKey } from './service';
import { writeSheetFile } from './sheet';
import {
  assertWritable,
  cliProgramName,
  EXIT,
  exitForError,
  UsageError,
  withDatabase,
  type Command,
  type Out,
} from '../kernel/cli-command';
import { cliCtx } from '../kernel/cli-options';
import { openDatabase } from '../../db/index';
import { acquireLock } from '../../db/lock';
import { saveAnchor } from '../kernel/audit-anchor';
import { isPostgresUrl } from '../../db/dialect';
import { openPostgres } from '../../db/postgres';
import { drillPostgres, restorePostgres, restoredSound, verifyArchive } from './pg-restore';
import { urlForPeople } from './pg-tools';
import { isPostgresBackup } from './restore';

// `school-journal backup …`: the same backups as the application (keygen and create call the services the
// application calls), for the OS scheduler and for restoring on a machine where the program's window cannot be opened.

const DESTINATION_CODES = new Set(['BACKUP_NO_SPACE', 'BACKUP_NO_DESTINATION', 'BACKUP_TOO_LARGE', 'BACKUP_WRITE_FAILED']);

/** The exit code for a refusal, so scripts can tell a bad file from a bad key from a full drive. */
function exitFor(code: string): number {
  if (code === 'BACKUP_TARGET_NOT_EMPTY' || code === 'BACKUP_OTHER_ENGINE' || code === 'BACKUP_BAD_TARGET') return EXIT.usage;
  if (INTEGRITY_CODES.has(code)) return EXIT.integrity;
  if (KEY_CODES.has(code)) return EXIT.key;
  if (code === 'BACKUP_NEWER' || code === 'DB_NEWER') return EXIT.newer;
  if (DESTINATION_CODES.has(code)) return EXIT.destination;
  return exitForError(code);
}

function refuse(e: unknown, out: Out): number {
  if (!isAppError(e)) throw e;
  out.err(e.message);
  return exitFor(e.code);
}

function readSecretFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8').split(/\r?\n/)[0];
  } catch {
    throw new UsageError(`Не удаётся прочитать ${what}: ${file}`);
  }
}

async function unsealFromArgs(v: { identity?: string; 'passphrase-file'?: string; 'key-passphrase-file'?: string }): Promise<Unseal> {
  if (v.identity && v['passphrase-file']) throw new UsageError('Укажите либо --identity, либо --passphrase-file');
  if (v['passphrase-file']) return { passphrase: readSecretFile(v['passphrase-file'], 'файл парольной фразы') };
  if (v.identity) {
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(v.identity);
    } catch {
      throw new UsageError(`Не удаётся прочитать файл ключа: ${v.identity}`);
    }
    const kp = v['key-passphrase-file'] ? readSecretFile(v['key-passphrase-file'], 'файл парольной фразы ключа') : undefined;
    return { identities: await readIdentities(bytes, kp) };
  }
  throw new UsageError('Укажите --identity KEYFILE или --passphrase-file P');
}

const SUBCOMMANDS = ['keygen', 'create', 'verify', 'restore'];

export const backup: Command = {
  usage: [
    'backup keygen --out KEYFILE [--passphrase-file P] [--sheet SHEET.pdf] [--db FILE]',
    '      создать ключ резервных копий; печатает открытый ключ (age1…); с --db запоминает его в базе',
    'backup create --db FILE|postgres://… [--to DIR]… [--recipient age1… | --passphrase-file P] [--archive]',
    '      резервная копия (без --to — в места, заданные в программе; без ключа — ключом из базы); базы на сервере — pg_dump',
    'backup verify FILE [--identity KEYFILE [--key-passphrase-file P] | --passphrase-file P] [--server postgres://…]',
    '      проверить копию: без ключа — только SHA-256 по описи; с ключом — полная пробная расшифровка;',
    '      копию сервера с --server — пробное восстановление во временную базу на этом сервере',
    'backup restore FILE (--db FILE | --to postgres://…/пустая_база) (--identity KEYFILE [--key-passphrase-file P] | --passphrase-file P)',
    '      восстановить базу из копии (программа должна быть закрыта); прежняя база сохраняется рядом;',
    '      копия сервера восстанавливается только в пустую базу PostgreSQL',
  ].join('\n  '),
  async run(args, out) {
    const [sub, ...rest] = args;
    if (!sub || !SUBCOMMANDS.includes(sub)) throw new UsageError(`Команда backup: ${SUBCOMMANDS.join(', ')}`);
    try {
      if (sub === 'keygen') return await keygen(rest, out);
      if (sub === 'create') return await create(rest, out);
      if (sub === 'verify') return await verify(rest, out);
      return await restore(rest, out);
    } catch (e) {
      return refuse(e, out);
    }
  },
};

async function keygen(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { out: { type: 'string' }, 'passphrase-file': { type: 'string' }, sheet: { type: 'string' }, db: { type: 'string' } },
  });
  const keyOut = values.out;
  if (!keyOut) throw new UsageError('Укажите --out KEYFILE');
  if (fs.existsSync(keyOut)) throw new UsageError(`Файл ${keyOut} уже есть: ключи не перезаписываются`);
  if (values.sheet && fs.existsSync(values.sheet))
    throw new UsageError(`Файл ${values.sheet} уже есть: лист восстановления не перезаписывается`);
  if (values.db) assertWritable(values.db); // before the key file is written
  const passphrase = values['passphrase-file'] ? readSecretFile(values['passphrase-file'], 'файл парольной фразы') : undefined;
  const save = (k: NewKey) => {
    fs.writeFileSync(keyOut, k.keyFile, { flag: 'wx', mode: 0o600 });
    if (values.sheet) writeSheetFile(values.sheet, k.sheet);
  };
  // with --db the new key replaces the school's key, as the command always did
  const k = values.db
    ? await withDatabase(values.db, (h) => createKey(cliCtx(h.db), { passphrase, replace: true, confirmed: true }, save))
    : await createKey(null, { passphrase }, save);
  out.log(k.recipient);
  return EXIT.ok;
}

async function create(args: string[], out: Out): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      db: { type: 'string' },
      to: { type: 'string', multiple: true },
      recipient: { type: 'string' },
      'passphrase-file': { type: 'string' },
      archive: { type: 'boolean' },
    },
  });
  if (values.recipient && values['passphrase-file']) throw new UsageError('Укажите либо --recipient, либо --passphrase-file');
  const passphrase = values['passphrase-file'] ? readSecretFile(values['passphrase-file'], 'файл парольной фразы') : undefined;
  return withJournal(values.db, async (h) => {
    const ctx = cliCtx(h.db);
    const req = {
      trigger: 'cli' as const,
      kind: values.archive ? ('archive' as const) : ('regular' as const),
      passphrase,
      recipient: values.recipient,
      folders: values.to,
    };
    const result = await backupNow(ctx, { raw: h.raw, dbFile: h.dbFile }, req).catch((e: unknown) => {
      if (isAppError(e) && e.code === 'BACKUP_NO_KEY')
        throw new UsageError('Ключ не задан: укажите --recipient age1… или --passphrase-file P, или создайте ключ в программе');
      throw e;
    });
    for (const c of result.copies) {
      if (c.ok) out.log(`${c.file}\n  ${c.message}`);
      else out.err(`${c.destination.label}: ${c.message}`);
    }
    return result.copies.every((c) => c.ok) ? EXIT.ok : EXIT.destination;
  });
}

/**
 * The database for `backup create`: an SQLite file under its lock (withDatabase), or a PostgreSQL server's database
 * (`--db postgres://…`: no lock, several instances write at once and pg_dump takes its own snapshot).
 */
async function withJournal<T>(
  db: string | undefined,
  fn: (h: { db: Parameters<typeof cliCtx>[0]; raw: Parameters<typeof backupNow>[1]['raw']; dbFile: string }) => Promise<T>,
): Promise<T> {
  if (db && isPostgresUrl(db)) {
    const h = await openPostgres(db);
    try {
      return await fn({ db: h.db, raw: null, dbFile: db });
    } finally {
      await h.close();
    }
  }
  return withDatabase(db, (h) => fn({ db: h.db, raw: h.raw, dbFile: path.resolve(db!) }));
}

async function verify(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      identity: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'key-passphrase-file': { type: 'string' },
      db: { type: 'string' },
      server: { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('Укажите файл резервной копии');
  if (values.server && !isPostgresUrl(values.server)) throw new UsageError('--server: укажите сервер PostgreSQL (postgres://…)');
  if (!values.identity && !values['passphrase-file']) {
    const m = readManifest(file);
    if (!fs.existsSync(file)) throw new UsageError(`Файл не найден: ${file}`);
    if (!m) {
      out.err('Рядом с копией нет описи (*.manifest.json): без ключа проверить нечего. Укажите --identity или --passphrase-file.');
      return EXIT.failed;
    }
    const size = fs.statSync(file).size;
    if (size !== m.sizes.file) {
      out.err(size < m.sizes.file ? `Файл обрезан: ${size} байт из ${m.sizes.file}.` : 'Размер файла не совпадает с описью.');
      return EXIT.integrity;
    }
    if ((await sha256File(file)) !== m.sha256.file) {
      out.err('Файл повреждён: SHA-256 не совпадает с описью.');
      return EXIT.integrity;
    }
    out.log(
      `Файл цел: SHA-256 совпадает с описью (${m.createdAt}, схема ${m.schemaVersion}). Расшифровка не проверялась: для пробного восстановления укажите --identity.`,
    );
    return EXIT.ok;
  }
  const unseal = await unsealFromArgs(values);
  if (isPostgresBackup(path.resolve(file), readManifest(path.resolve(file)))) {
    if (!values.server) {
      const a = await verifyArchive(path.resolve(file), unseal);
      out.log(a.message);
      out.log(JSON.stringify({ ok: a.ok, schemaVersion: a.schemaVersion, countsMatch: a.countsMatch, counts: a.counts }));
      return a.ok ? EXIT.ok : EXIT.integrity;
    }
    const d = await drillPostgres(path.resolve(file), unseal, values.server);
    out.log(d.message);
    out.log(
      JSON.stringify({
        ok: restoredSound(d),
        schemaVersion: d.schemaVersion,
        auditRows: d.auditRows,
        auditHeadMatches: d.auditHeadMatches,
        countsMatch: d.countsMatch,
        counts: d.counts,
      }),
    );
    return restoredSound(d) ? EXIT.ok : EXIT.integrity;
  }
  const report = await drill(path.resolve(file), unseal, path.dirname(path.resolve(file)));
  out.log(report.message);
  out.log(
    JSON.stringify({
      ok: report.auditChainOk,
      schemaVersion: report.schemaVersion,
      auditRows: report.auditRows,
      auditHeadMatches: report.auditHeadMatches,
      counts: report.counts,
    }),
  );
  return report.auditChainOk && report.auditHeadMatches !== false ? EXIT.ok : EXIT.integrity;
}

async function restore(args: string[], out: Out): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      db: { type: 'string' },
      to: { type: 'string' },
      identity: { type: 'string' },
      'passphrase-file': { type: 'string' },
      'key-passphrase-file': { type: 'string' },
    },
  });
  const file = positionals[0];
  if (!file) throw new UsageError('Укажите файл резервной копии');
  const server = values.to ?? (values.db && isPostgresUrl(values.db) ? values.db : undefined);
  if (values.to && values.db) throw new UsageError('Укажите либо --db FILE, либо --to postgres://…');
  if (values.to && !isPostgresUrl(values.to)) throw new UsageError('--to: укажите пустую базу PostgreSQL (postgres://…)');
  if (server) return restoreToServer(path.resolve(file), server, await unsealFromArgs(values), out);
  if (!values.db) throw new UsageError('Укажите --db FILE — какую базу заменить (или --to postgres://… — пустую базу на сервере)');
  const dbFile = path.resolve(values.db);
  const unseal = await unsealFromArgs(values);
  fs.mkdirSync(path.dirname(dbFile), { recursive: true });
  // Only whoever holds the lock replaces the database. The file being replaced may be anything (a damaged journal
  // is the usual reason to restore): its bytes are kept beside it as `.before-restore-<time>` either way.
  const lock = acquireLock(dbFile, cliProgramName());
  let previous: string | null = null;
  try {
    const prepared = await prepareRestore(path.resolve(file), unseal, path.dirname(dbFile));
    try {
      if (fs.existsSync(dbFile)) {
        previous = beforeRestoreName(dbFile, new Date());
        // Through SQLite, so that a database with an un-checkpointed -wal is copied whole.
        let raw: ReturnType<typeof openRaw> | null = null;
        try {
          raw = openRaw(dbFile, { readonly: true });
          await raw.backup(previous);
        } catch {
          fs.copyFileSync(dbFile, previous); // not a readable database: keep its bytes as they are
        } finally {
          raw?.close();
        }
      }
      swapIn(prepared, dbFile);
    } catch (e) {
      removeDbFiles(prepared.temp);
      throw e;
    }
    // Reopen (still under the lock): brings an older backup's schema up to date and records the restore in it.
    const h = await openDatabase(dbFile);
    try {
      await recordCheck(cliCtx(h.db), {
        kind: 'restore',
        file: path.resolve(file),
        ok: true,
        message: 'восстановлено командой backup restore',
        details: { previousCopy: previous },
      });
      saveAnchor(dbFile, h.raw); // a deliberate restore moves the remembered head of the audit chain with it
    } finally {
      await h.close();
    }
    out.log(`База восстановлена: ${dbFile} (схема копии ${prepared.schemaVersion}).`);
  } finally {
    lock.release();
  }
  if (previous) out.log(`Прежняя база сохранена: ${previous}`);
  return EXIT.ok;
}

/**
 * A backup into an empty PostgreSQL database: pg_restore in one transaction, the audit chain and the row counts checked
 * against the manifest, then the database opened by the program once (an older schema migrated up) and the restore
 * recorded in it.
 */
async function restoreToServer(file: string, url: string, unseal: Unseal, out: Out): Promise<number> {
  const r = await restorePostgres(file, unseal, url);
  out.log(r.message);
  if (!restoredSound(r)) {
    out.err(
      `Восстановленная база ${urlForPeople(url)} не совпадает с описью копии: ${r.auditChainOk ? '' : `журнал аудита нарушен (${r.auditProblem}); `}` +
        `${r.auditHeadMatches === false ? 'конец журнала аудита другой; ' : ''}${r.countMismatches?.join('; ') ?? ''}. Не используйте её, пока не разберётесь.`,
    );
    return EXIT.integrity;
  }
  const h = await openPostgres(url);
  try {
    await recordCheck(cliCtx(h.db), {
      kind: 'restore',
      file,
      ok: true,
      message: 'восстановлено командой backup restore --to',
      details: { counts: r.counts, auditRows: r.auditRows },
    });
  } finally {
    await h.close();
  }
  out.log(`База восстановлена: ${urlForPeople(url)} (схема копии ${r.schemaVersion}).`);
  return EXIT.ok;
}

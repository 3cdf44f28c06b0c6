import { accountsHandlers } from './accounts/handlers';
import { archiveHandlers } from './archive/handlers';
import { archive } from './archive/cli';
import { startArchiveChecks } from './archive/checks';
import { recordPrintedDocument, REGISTERED_KINDS } from './archive/register';
import * as accountsCli from './accounts/cli';
import { backupHandlers } from './backup/handlers';
import { controlHandlers, controlWeeklyHandlers } from './control/handlers';
import { monitoringHandlers } from './control/monitoring-handlers';
import { report } from './control/cli';
import * as backupCli from './backup/cli';
import { startBackups } from './backup/service';
import { demoHandlers } from './demo/handlers';
import { exchangeHandlers, exportsHandlers } from './exchange/handlers';
import { importCommand } from './exchange/cli';
import { exportCommand } from './exchange/export-cli';
import * as demoCli from './demo/cli';
import { journalHandlers } from './journal/handlers';
import { yearCloseHandlers } from './journal/year-handlers';
import { journalRemarkHandlers } from './journal/remark-handlers';
import * as journalCli from './journal/cli';
import { registerJournalVoiders } from './journal/voiders';
import type { Command } from './kernel/cli-command';
import type { Starter } from './kernel/core';
import type { Handlers } from './kernel/env';
import { lookupHandlers, printHandlers } from './printing/handlers';
import { lookup } from './printing/lookup/cli';
import { print, registerPrintSubcommands } from './printing/cli';
import { registerPrintRecorder } from './printing/recorder';
import { parentsHandlers } from './parents/handlers';
import { printSubcommands as parentsPrintCommands } from './parents/cli';
import { schoolHandlers } from './school/handlers';
import * as schoolCli from './school/cli';
import { timetableHandlers } from './timetable/handlers';
import * as timetableCli from './timetable/cli';

// The one place that joins the capabilities: their IPC handlers, their CLI commands, their start hooks and the
// hooks they lend each other. Transport (router, host, CLI) and Electron import this; no capability does.

/** Every channel's handler; the Handlers type refuses to compile while a channel has none. */
export const handlers: Handlers = {
  ...accountsHandlers,
  ...demoHandlers,
  ...schoolHandlers,
  ...timetableHandlers,
  ...journalHandlers,
  ...yearCloseHandlers,
  ...journalRemarkHandlers,
  ...printHandlers,
  ...lookupHandlers,
  ...parentsHandlers,
  ...backupHandlers,
  ...controlHandlers,
  ...monitoringHandlers,
  ...controlWeeklyHandlers,
  ...archiveHandlers,
  ...exchangeHandlers,
  ...exportsHandlers,
};

/** Every CLI command by its first word. */
export const commands: Record<string, Command> = {
  ...demoCli,
  ...schoolCli,
  ...accountsCli,
  print,
  lookup,
  ...timetableCli,
  ...backupCli,
  report,
  ...journalCli,
  archive,
  export: exportCommand,
  import: importCommand,
};

/** What runs while a database is open. */
export const starters: readonly Starter[] = [startBackups, startArchiveChecks];

// Cross-capability hooks, registered once when the program loads the capabilities.
registerJournalVoiders();
// `print extract`, `print extracts`, … : parents' documents under the printing capability's command.
registerPrintSubcommands(parentsPrintCommands);
// Every printed journal, ledger and book of ledgers goes on the archive's register (printing may not import archive).
registerPrintRecorder(REGISTERED_KINDS, async (ctx, d) => {
  await recordPrintedDocument(ctx, d);
});

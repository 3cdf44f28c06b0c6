import type { JournalProviders } from './journal/model';
import { DB_JOURNAL_PROVIDERS } from './journal/providers';
import type { LedgerProviders } from './ledger/model';
import { DB_LEDGER_PROVIDERS } from './ledger/providers';

// Where documents get the data other modules own: subject pages, marks, decisions, absences. The modules that own
// those tables register here at load time (an import in this file, or `setDocumentProviders` from their own entry);
// every way in — the CLI, the browser host, Electron and the whole-school print worker — reads this one registry.
// The worker is a separate thread with its own module instances: what it needs must be set where it loads
// (this file's defaults, or a `setup` module named in the job's options).

export interface DocumentProviders {
  journal: JournalProviders;
  ledger: LedgerProviders;
}

// The defaults read the journal tables (marks, absences, final marks, lessons): being imported here, they are in
// force in every process and in the worker thread without any setup. Tests and benchmarks may replace them.
let current: DocumentProviders = { journal: DB_JOURNAL_PROVIDERS, ledger: DB_LEDGER_PROVIDERS };

export function documentProviders(): DocumentProviders {
  return current;
}

export function setDocumentProviders(p: Partial<DocumentProviders>): void {
  current = { ...current, ...p };
}

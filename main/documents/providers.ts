import { NO_PROVIDERS, type JournalProviders } from './journal/model';
import { NO_LEDGER_PROVIDERS, type LedgerProviders } from './ledger/model';

// Where documents get the data other modules own: subject pages, marks, decisions, absences. The modules that own
// those tables register here at load time (an import in this file, or `setDocumentProviders` from their own entry);
// every way in — the CLI, the browser host, Electron and the whole-school print worker — reads this one registry.
// The worker is a separate thread with its own module instances: what it needs must be set where it loads
// (this file's defaults, or a `setup` module named in the job's options).

export interface DocumentProviders {
  journal: JournalProviders;
  ledger: LedgerProviders;
}

let current: DocumentProviders = { journal: NO_PROVIDERS, ledger: NO_LEDGER_PROVIDERS };

export function documentProviders(): DocumentProviders {
  return current;
}

export function setDocumentProviders(p: Partial<DocumentProviders>): void {
  current = { ...current, ...p };
}

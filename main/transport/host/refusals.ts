import { appendAudit } from '../../kernel/audit-chain';
import type { Actor } from '../../kernel/context';
import type { AppEnv } from '../../kernel/env';

/** Who the audit log names for a request the host refused before any session existed. */
const HOST_ACTOR: Actor = { userId: null, name: 'браузерный доступ', roles: [], staffId: null, system: false };

export type RefusalKind = 'bad-host' | 'wrong-key' | 'no-secret' | 'bad-origin';

interface Window {
  timer: NodeJS.Timeout;
  count: number;
  last: Record<string, string>;
}

/**
 * Host-level refusals (a missing or wrong launch secret, a foreign origin or Host header) are evidence of probing, so
 * they go into the audit log; a flood must not flood the log, so each kind writes at most one row per window: the first
 * refusal at once, the rest of the window as one row with their count when the window ends (or the host closes).
 */
export class RefusalLog {
  private readonly windows = new Map<RefusalKind, Window>();
  private readonly writes = new Set<Promise<void>>();

  constructor(
    private readonly env: AppEnv,
    private readonly windowMs = 60_000,
  ) {}

  note(kind: RefusalKind, detail: Record<string, string>): void {
    const w = this.windows.get(kind);
    if (w) {
      w.count++;
      w.last = detail;
      return;
    }
    this.write(kind, 1, detail);
    this.open(kind);
  }

  private open(kind: RefusalKind): void {
    const timer = setTimeout(() => this.flush(kind), this.windowMs);
    timer.unref();
    this.windows.set(kind, { timer, count: 0, last: {} });
  }

  /** Ends the kind's window: its refusals go in one row, and a window that had any starts the next one. */
  private flush(kind: RefusalKind, reopen = true): void {
    const w = this.windows.get(kind);
    if (!w) return;
    clearTimeout(w.timer);
    this.windows.delete(kind);
    if (!w.count) return;
    this.write(kind, w.count, w.last);
    if (reopen) this.open(kind);
  }

  private write(kind: RefusalKind, count: number, detail: Record<string, string>): void {
    const p = appendAudit(
      this.env.db,
      HOST_ACTOR,
      { action: 'refused', entity: 'host', outcome: 'denied', after: { kind, count, ...detail } },
      this.env.now(),
    )
      .catch((e) => console.error('[host] could not log a refusal', e))
      .finally(() => this.writes.delete(p));
    this.writes.add(p);
  }

  /** Writes what the open windows hold; call before the database closes. */
  async close(): Promise<void> {
    for (const kind of [...this.windows.keys()]) this.flush(kind, false);
    await Promise.all([...this.writes]);
  }
}

import type Database from 'better-sqlite3';

// WAL checkpoints while nobody is typing. SQLite's automatic checkpoint runs inside whichever commit crosses the
// threshold, so one save in a hundred would wait for it; the application instead checkpoints shortly after the last
// call, and keeps a larger automatic threshold only as a safety net for long busy stretches.

export const IDLE_MS = 400;
const SAFETY_PAGES = 8000;

/** `onIdle` runs after each idle checkpoint: work that must not delay a call (it is off the call path). */
export function idleCheckpointer(raw: () => Database.Database, onIdle?: () => void) {
  let timer: NodeJS.Timeout | null = null;
  let primed: Database.Database | null = null;
  return {
    /** Call after every request: (re)starts the idle timer. */
    poke(): void {
      const db = raw();
      if (primed !== db && db.open && !db.readonly) {
        db.pragma(`wal_autocheckpoint = ${SAFETY_PAGES}`);
        primed = db;
      }
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        const d = raw();
        // PASSIVE: never waits for readers or writers; whatever it cannot copy now is copied next time.
        if (d.open && !d.readonly) d.pragma('wal_checkpoint(PASSIVE)');
        onIdle?.();
      }, IDLE_MS);
      timer.unref();
    },
    stop(): void {
      if (timer) clearTimeout(timer);
      timer = null;
    },
  };
}

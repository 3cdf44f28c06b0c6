import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { isPostgresUrl } from '../../../db/dialect';
import { removePartFiles } from '../files';
import type { SchoolJobEvent, SchoolJobOptions, SchoolJobSummary } from './job';
import type { FromWorker, ToWorker } from './worker';

// Starts whole-school printing in a worker thread, so the thread that answers the window (Electron's main, the
// browser host) stays free: laying out and drawing a school's documents is minutes of CPU. Events arrive as the
// worker sends them; cancel() asks it to stop before the next file and, if it has not stopped within `graceMs`,
// terminates it and removes its unfinished temporary files.

export interface SchoolPrintHandle {
  cancel(): void;
  readonly done: Promise<SchoolJobSummary>;
}

/** The worker's script: dist/print-worker.cjs beside the bundle, or the TypeScript source through tsx. */
function workerScript(): { script: string; eval: boolean } {
  if (!__filename.endsWith('.ts')) {
    const bundled = path.join(__dirname, 'print-worker.cjs');
    if (!fs.existsSync(bundled)) throw new Error(`Нет файла ${bundled}: выполните npm run build`);
    return { script: bundled, eval: false };
  }
  const source = path.join(__dirname, 'worker.ts');
  return { script: `require('tsx/cjs/api').register(); require(${JSON.stringify(source)});`, eval: true };
}

/** What the worker opens: an SQLite file by its absolute path, a PostgreSQL connection string as it is. */
export function databaseForWorker(dbFile: string): string {
  return isPostgresUrl(dbFile) ? dbFile : path.resolve(dbFile);
}

export function startSchoolPrint(o: SchoolJobOptions, onEvent: (e: SchoolJobEvent) => void, graceMs = 15_000): SchoolPrintHandle {
  const { script, eval: isEval } = workerScript();
  const worker = new Worker(script, { eval: isEval, workerData: o, stdout: false, stderr: false });
  let summary: SchoolJobSummary | null = null;
  let fatal: string | null = null;
  let killTimer: NodeJS.Timeout | null = null;
  let cancelled = false;
  // what the worker reported, for the summary if it has to be terminated before it sends its own
  const written: SchoolJobSummary['written'] = [];
  const failed: SchoolJobSummary['failed'] = [];
  const started = Date.now();
  const done = new Promise<SchoolJobSummary>((resolve, reject) => {
    worker.on('message', (m: FromWorker) => {
      if (m.type === 'fatal') fatal = m.message;
      else {
        if (m.type === 'done') summary = m.summary;
        if (m.type === 'file') written.push(m.file);
        if (m.type === 'failed') failed.push(m.item);
        onEvent(m);
      }
    });
    worker.on('error', (e) => (fatal = e.message));
    worker.on('exit', () => {
      if (killTimer) clearTimeout(killTimer);
      if (summary) return resolve(summary);
      const folder = o.outDir;
      removePartFiles(folder, o.tag);
      if (cancelled && !fatal) {
        const s: SchoolJobSummary = { outDir: folder, written, failed, cancelled: true, classes: 0, ms: Date.now() - started };
        onEvent({ type: 'done', summary: s });
        return resolve(s);
      }
      reject(new Error(fatal ?? 'Печать остановилась без отчёта'));
    });
  });
  return {
    done,
    cancel() {
      if (cancelled) return;
      cancelled = true;
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      killTimer = setTimeout(() => void worker.terminate(), graceMs);
    },
  };
}

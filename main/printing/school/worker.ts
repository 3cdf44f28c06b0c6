import { parentPort, workerData } from 'node:worker_threads';
import { openRaw, wrap } from '../../../db/connection';
import { isPostgresUrl } from '../../../db/dialect';
import { openPool, wrapPostgres } from '../../../db/postgres';
import { runSchoolJob, type SchoolJobEvent, type SchoolJobOptions } from './job';

// The print worker's thread: its own read-only connection to the school's file (WAL lets it read while the main
// thread writes) or its own small pool on the school's PostgreSQL database (the same connection string), the job, and events back to the main thread. A message {type:'cancel'} stops it before the next
// file. Bundled as dist/print-worker.cjs; under tsx it is loaded through tsx's require hook (runner.ts).

export type ToWorker = { type: 'cancel' };
export type FromWorker = SchoolJobEvent | { type: 'fatal'; message: string };

async function main(): Promise<void> {
  const o = workerData as SchoolJobOptions;
  const port = parentPort!;
  let stop = false;
  port.on('message', (m: ToWorker) => {
    if (m?.type === 'cancel') stop = true;
  });
  const post = (e: FromWorker) => port.postMessage(e);
  try {
    const h = isPostgresUrl(o.dbFile)
      ? wrapPostgres(o.dbFile, openPool(o.dbFile, 2))
      : wrap(openRaw(o.dbFile, { readonly: true, nativeBinding: o.nativeBinding }), o.dbFile);
    try {
      await runSchoolJob(h.db, o, post, () => stop);
    } finally {
      await h.close();
    }
  } catch (e) {
    post({ type: 'fatal', message: e instanceof Error ? e.message : String(e) });
  }
  port.close();
}

void main();

// A backup in a child process that the parent kills at a chosen phase (see backup-faults.test.ts).
// argv: dbFile destDir recipient phaseToAnnounce
import path from 'node:path';
import { openDatabase } from '../../db';
import { createBackup } from '../../main/backup/create';
import { DEFAULT_RETENTION } from '../../main/backup/rotation';

const [dbFile, dest, recipient, phase] = process.argv.slice(2);
void (async () => {
  const h = await openDatabase(dbFile);
  let announced = false;
  await createBackup({
    raw: h.raw,
    dbFile: path.resolve(dbFile),
    seal: { recipient },
    destinations: [{ label: 'dest', dir: dest }],
    kind: 'regular',
    trigger: 'cli',
    retention: DEFAULT_RETENTION,
    school: '',
    now: new Date(),
    onProgress: (p) => {
      if (p.phase !== phase) return;
      if (!announced) process.stdout.write(`IN ${phase}\n`);
      announced = true;
      // Slow this phase down so that the parent's SIGKILL lands in the middle of it.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    },
  });
  process.stdout.write('FINISHED\n');
  await h.close();
})();

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openRaw } from '../../db/connection';
import { idleCheckpointer } from '../../db/checkpoint';

test('idle checkpoint: writes stay in the WAL while calls keep coming, reach the database file once idle, and then the idle work runs', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sj-ckpt-'));
  const file = path.join(dir, 'x.sqlite');
  const raw = openRaw(file);
  let idleRuns = 0;
  let wake: () => void = () => {};
  const c = idleCheckpointer(
    () => raw,
    () => {
      idleRuns++;
      wake();
    },
  );
  c.poke();
  raw.exec('create table t(x text)');
  const ins = raw.prepare('insert into t values (?)');
  for (let i = 0; i < 200; i++) {
    ins.run('ж'.repeat(4000));
    c.poke();
  }
  const before = fs.statSync(file).size;
  assert.ok(fs.statSync(`${file}-wal`).size > 1_000_000, 'the writes are in the WAL');
  assert.ok(before < 100_000, `the database file is still small (${before} bytes)`);
  assert.equal(idleRuns, 0, 'no idle work while calls keep coming');
  // The checkpointer's timer is unref'd (it must not keep the app alive): hold the loop open while waiting for it.
  const keepAlive = setInterval(() => {}, 1000);
  await new Promise<void>((resolve) => (wake = resolve));
  clearInterval(keepAlive);
  assert.equal(idleRuns, 1);
  assert.ok(fs.statSync(file).size > 1_000_000, 'after the idle pause the pages are in the database file');
  c.stop();
  raw.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

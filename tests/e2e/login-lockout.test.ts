import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { performance } from 'node:perf_hooks';
import { verifyAuditChain } from '../../main/kernel/audit-verify';
import { HostClient } from '../helpers/api';
import { inProcessHost } from '../helpers/inproc-host';

// Issue 11 part 1 through the browser host's HTTP API (server.ts and the router in this process, a clock the test
// moves): lockout under concurrent attempts, unknown logins indistinguishable from known ones, sessions ended by a
// password change and by their absolute lifetime.

type H = Awaited<ReturnType<typeof inProcessHost>>;
let h: H;
let admin: HostClient;
const PASSWORD = 'верный-пароль-1';

async function teacher(login: string): Promise<void> {
  const { activationCode } = await admin.call('users.create', { login, displayName: login, roles: ['teacher'] });
  const c = await h.client();
  const r = await c.raw('auth.activate', { login, code: activationCode, password: PASSWORD }, null);
  assert.ok(r.ok, JSON.stringify(r));
}

const counter = (login: string) =>
  h.core.env.raw.prepare('select failed_attempts as n, locked_until as until from app_user where login = ?').get(login) as {
    n: number;
    until: string | null;
  };

async function attempt(c: HostClient, login: string, password: string): Promise<{ ok: boolean; message: string; ms: number }> {
  const t0 = performance.now();
  const r = await c.raw('auth.login', { login, password }, null);
  return { ok: r.ok, message: r.ok ? 'ok' : r.error.message, ms: performance.now() - t0 };
}

before(async () => {
  h = await inProcessHost();
  admin = await h.client();
  await admin.call('auth.setupAdmin', { login: 'admin', displayName: 'Администратор', password: 'админ-пароль-1' });
  admin = await (await h.client()).login('admin', 'админ-пароль-1');
});

after(async () => {
  await h?.stop();
});

test('thirty wrong passwords at once lock the account; the right one afterwards is refused as locked', async () => {
  await teacher('ivanova');
  const c = await h.client();
  const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => attempt(c, 'ivanova', `неверный-${i}`)));
  assert.ok(burst.every((r) => !r.ok));
  assert.equal(counter('ivanova').n, 30, 'every attempt is counted');
  assert.ok(counter('ivanova').until! > new Date().toISOString(), 'the account is locked');
  const right = await attempt(c, 'ivanova', PASSWORD);
  assert.equal(right.ok, false);
  assert.match(right.message, /заблокирован/);
  assert.equal(counter('ivanova').n, 31);
  assert.equal(verifyAuditChain(h.core.env.raw).ok, true, 'concurrent refusals keep the audit chain whole');
});

test('the right password sent inside a burst of wrong ones is refused and resets nothing', async () => {
  await teacher('petrova');
  const c = await h.client();
  const wrong = Array.from({ length: 30 }, (_, i) => attempt(c, 'petrova', `неверный-${i}`));
  let settled = false;
  void Promise.all(wrong).then(() => (settled = true));
  // The right password goes in while the burst is still being checked: once three attempts are on record.
  while (counter('petrova').n < 3 && !settled) await new Promise((r) => setImmediate(r));
  const right = await attempt(c, 'petrova', PASSWORD);
  await Promise.all(wrong);
  assert.equal(right.ok, false, 'the right password inside the burst must not log in');
  assert.match(right.message, /заблокирован/);
  assert.equal(counter('petrova').n, 31);
});

test('an unknown login answers like a known one: the same messages, about the same time', async (t) => {
  await teacher('sidorova');
  const c = await h.client();
  // The same four steps for a real account (three wrong passwords, then the right one) and for a login nobody has.
  const known: string[] = [];
  const unknown: string[] = [];
  for (let i = 0; i < 4; i++) {
    known.push((await attempt(c, 'sidorova', i < 3 ? `неверный-${i}` : PASSWORD)).message);
    unknown.push((await attempt(c, 'nobody.here', i < 3 ? `неверный-${i}` : PASSWORD)).message);
  }
  const shape = (m: string) => m.replace(/\d/g, '0');
  assert.deepEqual(unknown.map(shape), known.map(shape));
  assert.match(known[0], /Неверный логин или пароль/);
  assert.match(known[3], /заблокирован/);

  // Timing: medians of a first wrong attempt against fresh unknown logins and against the admin's real one.
  const times = { known: [] as number[], unknown: [] as number[] };
  for (let i = 0; i < 5; i++) {
    times.unknown.push((await attempt(c, `ghost${i}`, 'неверный')).ms);
    times.known.push((await attempt(c, 'admin', 'админ-пароль-1')).ms);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [k, u] = [median(times.known), median(times.unknown)];
  t.diagnostic(`median: unknown ${u.toFixed(0)} ms, known ${k.toFixed(0)} ms`);
  assert.ok(u > k / 3 && u < k * 3, `unknown ${u.toFixed(0)} ms vs known ${k.toFixed(0)} ms`);
});

test('changing the password ends the other sessions of the user and keeps this one', async () => {
  await teacher('kuznetsova');
  const here = await (await h.client()).login('kuznetsova', PASSWORD);
  const there = await (await h.client()).login('kuznetsova', PASSWORD);
  await here.call('auth.changePassword', { oldPassword: PASSWORD, newPassword: 'новый-пароль-22' });
  assert.equal((await here.raw('auth.me', {})).ok, true);
  const r = await there.raw('auth.me', {});
  assert.equal(r.ok ? 'ok' : r.error.code, 'SESSION_EXPIRED');
});

test('a session kept busy still ends after its absolute lifetime', async () => {
  const c = await (await h.client()).login('admin', 'админ-пароль-1');
  const codes: [number, string][] = [];
  for (let minutes = 10; minutes <= 13 * 60; minutes += 10) {
    h.clock.offsetMs = minutes * 60_000;
    const r = await c.raw('auth.me', {});
    codes.push([minutes, r.ok ? 'ok' : r.error.code]);
    if (!r.ok) break;
  }
  h.clock.offsetMs = 0;
  const last = codes.at(-1)!;
  assert.equal(last[1], 'SESSION_EXPIRED', `busy session still open after ${last[0]} min`);
  assert.ok(last[0] > 11 * 60 && last[0] <= 12 * 60 + 10, `ended after ${last[0]} min`);
  assert.ok(codes.slice(0, -1).every(([, code]) => code === 'ok'));
});

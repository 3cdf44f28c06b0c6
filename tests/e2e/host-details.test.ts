import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import { launchBrowser } from '../helpers/browser';
import { inProcessHost } from '../helpers/inproc-host';

// Issue 11 part 8 through the browser host (server.ts and the router in this process): malformed requests, a
// keep-alive connection after a 413, the launch cookie of two hosts in one browser, host-level refusals in the audit log.

type H = Awaited<ReturnType<typeof inProcessHost>>;
let h: H;
let cookie: string;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  socket: object | null;
}

/** One request by node:http, so that the test sees which socket carried it and what the server said about it. */
function request(
  agent: http.Agent | false,
  opts: {
    path?: string;
    method?: string;
    body?: Buffer | string;
    headers?: Record<string, string | number>;
    port?: number;
    stopAfter?: number;
  },
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = typeof opts.body === 'string' ? Buffer.from(opts.body) : opts.body;
    const port = opts.port ?? h.host.port;
    let answered = false;
    const r = http.request(
      {
        host: '127.0.0.1',
        port,
        path: opts.path ?? '/api/rpc',
        method: opts.method ?? (body ? 'POST' : 'GET'),
        agent,
        headers: {
          cookie,
          origin: `http://127.0.0.1:${port}`,
          'content-type': 'application/json',
          ...(body ? { 'content-length': body.length } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        answered = true;
        const socket = r.socket;
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text, socket }));
      },
    );
    // A request refused before its body was sent may see its write cut off afterwards: only the answer matters.
    r.on('error', (e) => {
      if (!answered) reject(e);
    });
    if (opts.stopAfter !== undefined) r.write(body!.subarray(0, opts.stopAfter));
    else r.end(body);
  });
}

const auditRows = () =>
  h.core.env.raw
    .prepare("select after from audit_log where entity = 'host' order by id")
    .all()
    .map((r) => JSON.parse((r as { after: string }).after) as { kind: string; count: number });

before(async () => {
  h = await inProcessHost();
  const r = await fetch(h.host.url, { redirect: 'manual' });
  cookie = r.headers.get('set-cookie')!.split(';')[0];
});

after(async () => {
  await h?.stop();
});

test('malformed requests answer 400 with a Russian message, not 500', async () => {
  for (const body of ['null', '[]', '"auth.status"', '{"channel":', '{"channel": "auth.status", "input": {}']) {
    const r = await request(false, { body });
    assert.equal(r.status, 400, `${body} → ${r.status} ${r.text}`);
    assert.match(r.text, /[а-яё]/i, r.text);
  }
  for (const path of ['/%E0%A4%A', '/%', '/assets/%ZZ.js']) {
    const r = await request(false, { path });
    assert.equal(r.status, 400, `${path} → ${r.status} ${r.text}`);
    assert.match(r.text, /[а-яё]/i, r.text);
  }
  // And a well-formed call still works.
  const ok = await request(false, { body: JSON.stringify({ channel: 'auth.status', input: {} }) });
  assert.equal(ok.status, 200);
});

test('a keep-alive connection survives a 413; a body too large to read ends its connection cleanly', { timeout: 60_000 }, async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const call = JSON.stringify({ channel: 'auth.status', input: {} });
  const first = await request(agent, { body: call });
  assert.equal(first.status, 200);

  // Just over the limit: read to its end and refused; the same socket carries the next request.
  const big = await request(agent, { body: Buffer.alloc(9 * 1024 * 1024, 0x20) });
  assert.equal(big.status, 413);
  assert.match(big.text, /Слишком большой запрос/);
  assert.notEqual(big.headers.connection, 'close');
  const next = await request(agent, { body: call });
  assert.equal(next.status, 200, next.text);
  assert.equal(next.socket, big.socket, 'the keep-alive connection is reused after the 413');

  // A body declared far larger than the host will read: refused at once, the connection marked closed, not reused.
  const huge = await request(agent, {
    body: Buffer.alloc(2 * 1024 * 1024, 0x20),
    headers: { 'content-length': 1024 ** 3 },
    stopAfter: 1024 * 1024,
  });
  assert.equal(huge.status, 413);
  assert.equal(huge.headers.connection, 'close');
  (huge.socket as import('node:net').Socket).destroy(); // the client gives up the rest of its body
  const again = await request(agent, { body: call });
  assert.equal(again.status, 200, again.text);
  assert.notEqual(again.socket, huge.socket);
  agent.destroy();
});

test("two hosts in one browser keep their own launch cookies; the cookie's name carries the port", async () => {
  const other = await inProcessHost();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    assert.equal((await page.goto(h.host.url))!.status(), 200);
    assert.equal((await page.goto(other.host.url))!.status(), 200);
    // Back to the first host without its launch address: its own cookie must still be there.
    const back = await page.goto(`http://127.0.0.1:${h.host.port}/`);
    assert.equal(back!.status(), 200, await back!.text());
    const names = (await context.cookies()).map((c) => c.name).sort();
    assert.deepEqual(names, [`sj_${h.host.port}`, `sj_${other.host.port}`].sort());
  } finally {
    await browser.close();
    await other.stop();
  }
});

test('host-level refusals go into the audit log, one row per kind and window with a count', { timeout: 60_000 }, async () => {
  const before = auditRows().length;
  const send = { wrongCookie: 7, badOrigin: 5, badHost: 3, wrongKey: 2 };
  for (let i = 0; i < send.wrongCookie; i++)
    assert.equal((await request(false, { path: '/', headers: { cookie: `sj_${h.host.port}=nope` } })).status, 403);
  for (let i = 0; i < send.badOrigin; i++)
    assert.equal((await request(false, { body: '{"channel":"auth.status"}', headers: { origin: 'http://evil.example' } })).status, 403);
  for (let i = 0; i < send.badHost; i++) assert.equal((await request(false, { path: '/', headers: { host: 'evil.example' } })).status, 421);
  for (let i = 0; i < send.wrongKey; i++) assert.equal((await request(false, { path: '/?k=wrong' })).status, 403);
  // The first refusal of each kind is written at once.
  while (auditRows().length < before + 4) await new Promise((r) => setImmediate(r));
  const first = auditRows().slice(before);
  assert.deepEqual(first.map((r) => [r.kind, r.count]).sort(), [
    ['bad-host', 1],
    ['bad-origin', 1],
    ['no-secret', 1],
    ['wrong-key', 1],
  ]);
  // The rest of the window is summed up in one row per kind when the window ends (here: when the host closes).
  await h.host.close();
  const rows = auditRows().slice(before);
  const total = (kind: string) => rows.filter((r) => r.kind === kind).reduce((n, r) => n + r.count, 0);
  assert.equal(rows.length, 8, JSON.stringify(rows));
  assert.deepEqual([total('no-secret'), total('bad-origin'), total('bad-host'), total('wrong-key')], [7, 5, 3, 2]);
});

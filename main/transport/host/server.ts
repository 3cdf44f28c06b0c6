import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { App } from '../app';
import { RefusalLog } from './refusals';

// The browser host: the same renderer and the same router on 127.0.0.1, for end-to-end tests in
// Chromium and for machines without an Electron runtime. Every request must carry the per-launch
// secret (in the first URL, then an HttpOnly cookie); API calls must also come from our own origin.

export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

const MAX_BODY = 8 * 1024 * 1024;
/**
 * A body over the limit but under this is read to its end and discarded, so that its keep-alive connection stays
 * usable; a larger one (declared or sent) is refused at once with `Connection: close`.
 */
const MAX_DRAIN = 4 * MAX_BODY;

export interface Host {
  url: string;
  port: number;
  secret: string;
  server: http.Server;
  close(): Promise<void>;
}

export interface HostOptions {
  core: App;
  staticDir: string;
  port?: number;
  /** How long host-level refusals of one kind are summed up into one audit row (tests shorten it). */
  refusalWindowMs?: number;
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookie(req: http.IncomingMessage, name: string): string | null {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return null;
}

export async function startHost(opts: HostOptions): Promise<Host> {
  const secret = randomBytes(24).toString('base64url');
  // Cookies are not kept apart by port: two hosts (or another local service) on 127.0.0.1 share one cookie jar, so
  // each host's cookie is named after its port and no host overwrites another's secret.
  let cookieName = '';
  let origin = '';
  const refusals = new RefusalLog(opts.core.env, opts.refusalWindowMs);
  const INVALID_JSON = (message: string) => JSON.stringify({ ok: false, error: { code: 'INVALID', message } });

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body: string | Buffer, type = 'text/plain; charset=utf-8', extra: Record<string, string> = {}) => {
      res.writeHead(status, {
        'content-type': type,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-store',
        'content-security-policy': CSP,
        ...extra,
      });
      res.end(body);
    };
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', origin);
      } catch {
        return send(400, 'Неверный адрес запроса');
      }
      const where = { path: url.pathname.slice(0, 100) };
      if (req.headers.host !== new URL(origin).host) {
        refusals.note('bad-host', { ...where, host: String(req.headers.host ?? '').slice(0, 100) });
        return send(421, 'Неверный адрес');
      }
      const key = url.searchParams.get('k');
      if (req.method === 'GET' && key !== null) {
        if (!same(key, secret)) {
          refusals.note('wrong-key', where);
          return send(403, 'Неверный ключ запуска');
        }
        return send(302, '', 'text/plain', {
          location: url.pathname,
          'set-cookie': `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      const c = cookie(req, cookieName);
      if (!c || !same(c, secret)) {
        refusals.note('no-secret', { ...where, cookie: c ? 'wrong' : 'missing' });
        return send(403, 'Откройте программу по адресу, который напечатала команда запуска.');
      }

      if (url.pathname === '/api/rpc') {
        if (req.method !== 'POST') return send(405, 'Только POST');
        if (req.headers.origin && req.headers.origin !== origin) {
          refusals.note('bad-origin', { ...where, origin: req.headers.origin.slice(0, 100) });
          return send(403, 'Чужой источник запроса');
        }
        const tooLarge = (close: boolean) =>
          send(413, 'Слишком большой запрос: не больше 8 МБ', 'text/plain; charset=utf-8', close ? { connection: 'close' } : {});
        if (Number(req.headers['content-length'] ?? 0) > MAX_DRAIN) return tooLarge(true);
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of req) {
          size += (chunk as Buffer).length;
          if (size > MAX_DRAIN) return tooLarge(true);
          if (size <= MAX_BODY) chunks.push(chunk as Buffer);
        }
        // Read to its end: the connection is clean for the next request.
        if (size > MAX_BODY) return tooLarge(false);
        let body: unknown;
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(400, INVALID_JSON('Запрос повреждён: это не JSON'), 'application/json; charset=utf-8');
        }
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          return send(400, INVALID_JSON('Запрос повреждён: ожидается объект с полями channel и input'), 'application/json; charset=utf-8');
        const { channel, input } = body as { channel?: unknown; input?: unknown };
        const token = typeof req.headers['x-session'] === 'string' ? req.headers['x-session'] : null;
        const result = await opts.core.router.call(String(channel ?? ''), input, token);
        return send(200, JSON.stringify(result), 'application/json; charset=utf-8');
      }

      if (req.method !== 'GET') return send(405, 'Только GET');
      let rel: string;
      try {
        rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      } catch {
        return send(400, 'Неверный адрес запроса: испорченное %-кодирование');
      }
      const file = path.resolve(opts.staticDir, rel);
      if (!file.startsWith(path.resolve(opts.staticDir) + path.sep)) return send(404, 'Нет такого файла');
      const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(opts.staticDir, 'index.html');
      return send(200, fs.readFileSync(target), TYPES[path.extname(target)] ?? 'application/octet-stream');
    } catch (e) {
      console.error('[host]', e);
      if (!res.headersSent) send(500, 'Внутренняя ошибка');
    }
  });

  // A client keeps an idle connection for a second less than the server says it will (Node's default: 5 s). A client
  // whose process was busy longer than that (a long synchronous step) sends its next call on a connection the host
  // has just closed, and the call fails with «fetch failed». A local host can afford to keep idle connections longer;
  // it stays below headersTimeout (60 s), which must be the larger of the two.
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  cookieName = `sj_${port}`;
  return {
    url: `${origin}/?k=${secret}`,
    port,
    secret,
    server,
    async close() {
      await refusals.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

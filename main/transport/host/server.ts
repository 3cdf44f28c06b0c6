import { randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { App } from '../app';

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
  const cookieName = 'sj_host';
  let origin = '';

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
      const url = new URL(req.url ?? '/', origin);
      if (req.headers.host !== new URL(origin).host) return send(421, 'Неверный адрес');
      const key = url.searchParams.get('k');
      if (req.method === 'GET' && key !== null) {
        if (!same(key, secret)) return send(403, 'Неверный ключ запуска');
        return send(302, '', 'text/plain', {
          location: url.pathname,
          'set-cookie': `${cookieName}=${secret}; HttpOnly; SameSite=Strict; Path=/`,
        });
      }
      const c = cookie(req, cookieName);
      if (!c || !same(c, secret)) return send(403, 'Откройте программу по адресу, который напечатала команда запуска.');

      if (url.pathname === '/api/rpc') {
        if (req.method !== 'POST') return send(405, 'Только POST');
        if (req.headers.origin && req.headers.origin !== origin) return send(403, 'Чужой источник запроса');
        const chunks: Buffer[] = [];
        let size = 0;
        for await (const chunk of req) {
          size += (chunk as Buffer).length;
          if (size > MAX_BODY) return send(413, 'Слишком большой запрос');
          chunks.push(chunk as Buffer);
        }
        let body: { channel?: unknown; input?: unknown };
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        } catch {
          return send(400, JSON.stringify({ ok: false, error: { code: 'INVALID', message: 'Запрос повреждён' } }), 'application/json');
        }
        const token = typeof req.headers['x-session'] === 'string' ? req.headers['x-session'] : null;
        const result = await opts.core.router.call(String(body.channel ?? ''), body.input, token);
        return send(200, JSON.stringify(result), 'application/json; charset=utf-8');
      }

      if (req.method !== 'GET') return send(405, 'Только GET');
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(opts.staticDir, rel);
      if (!file.startsWith(path.resolve(opts.staticDir) + path.sep)) return send(404, 'Нет такого файла');
      const target = fs.existsSync(file) && fs.statSync(file).isFile() ? file : path.join(opts.staticDir, 'index.html');
      return send(200, fs.readFileSync(target), TYPES[path.extname(target)] ?? 'application/octet-stream');
    } catch (e) {
      console.error('[host]', e);
      if (!res.headersSent) send(500, 'Внутренняя ошибка');
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?k=${secret}`,
    port,
    secret,
    server,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

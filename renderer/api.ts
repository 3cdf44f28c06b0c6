import type { Api, ApiError, Channel, Input, Output, Result } from '../main/contract/index';

// The renderer's only way to the data: Electron's preload bridge, or the browser host's HTTP
// endpoint that serves the same router. The session token travels with every call.

declare global {
  interface Window {
    schoolJournal?: Api;
  }
}

const TOKEN_KEY = 'sj-session';

const httpApi: Api = {
  async call(channel, input, session) {
    const res = await fetch('/api/rpc', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(session ? { 'x-session': session } : {}) },
      body: JSON.stringify({ channel, input }),
    });
    if (!res.ok) return { ok: false, error: { code: 'TRANSPORT', message: `Сервер ответил ${res.status}: ${await res.text()}` } };
    return (await res.json()) as Result<never>;
  },
};

const transport: Api = window.schoolJournal ?? httpApi;

export class CallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
  }
  get code() {
    return this.error.code;
  }
}

let token: string | null = sessionStorage.getItem(TOKEN_KEY);
const expiredListeners = new Set<() => void>();

export function setToken(t: string | null) {
  token = t;
  if (t) sessionStorage.setItem(TOKEN_KEY, t);
  else sessionStorage.removeItem(TOKEN_KEY);
}

export function hasToken() {
  return token !== null;
}

export function onSessionExpired(fn: () => void) {
  expiredListeners.add(fn);
  return () => {
    expiredListeners.delete(fn);
  };
}

export async function call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
  let r: Result<Output<C>>;
  try {
    r = await transport.call(channel, input, token);
  } catch {
    throw new CallError({ code: 'TRANSPORT', message: 'Нет связи с программой. Изменения не сохранены.' });
  }
  if (r.ok) return r.value;
  if (r.error.code === 'SESSION_EXPIRED') {
    setToken(null);
    expiredListeners.forEach((f) => f());
  }
  throw new CallError(r.error);
}

import type { Channel, Input, Output, Result } from '../../main/contract/index';
import type { App } from '../../main/transport/app';

/** Calls an in-process app's router as a session would; a refusal throws with its code and message. */
export const caller =
  (app: App) =>
  async <C extends Channel>(channel: C, input: Input<C>, session: string | null): Promise<Output<C>> => {
    const r = await app.router.call(channel, input, session);
    if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
    return r.value as Output<C>;
  };

/** Talks to a running browser host the way its page does: the launch secret as a cookie, then /api/rpc. */
export class HostClient {
  private cookie = '';
  token: string | null = null;
  private readonly origin: string;

  constructor(private readonly url: string) {
    this.origin = new URL(url).origin;
  }

  async open(): Promise<this> {
    const r = await fetch(this.url, { redirect: 'manual' });
    const c = r.headers.get('set-cookie');
    if (!c) throw new Error(`no cookie from the host: ${r.status}`);
    this.cookie = c.split(';')[0];
    return this;
  }

  /** Any channel name and any input, as a forged request would send them: for tests of refusals. */
  async unchecked(channel: string, input: unknown, token = this.token): Promise<Result<unknown>> {
    const r = await fetch(`${this.origin}/api/rpc`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: this.cookie, origin: this.origin, ...(token ? { 'x-session': token } : {}) },
      body: JSON.stringify({ channel, input }),
    });
    if (!r.ok) throw new Error(`HTTP ${r.status}: ${await r.text()}`);
    return r.json() as Promise<Result<unknown>>;
  }

  /** One channel's whole answer, success or refusal, typed by the contract. */
  async raw<C extends Channel>(channel: C, input: Input<C>, token = this.token): Promise<Result<Output<C>>> {
    return (await this.unchecked(channel, input, token)) as Result<Output<C>>;
  }

  /** One channel's value; a refusal throws an error carrying its code. */
  async call<C extends Channel>(channel: C, input: Input<C>): Promise<Output<C>> {
    const r = await this.raw(channel, input);
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  }

  async login(login: string, password: string): Promise<this> {
    this.token = (await this.call('auth.login', { login, password })).token;
    return this;
  }
}

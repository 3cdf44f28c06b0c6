import { AppError, isAppError } from '../../db/index';
import { asYearLocked } from '../kernel/year-lock';
import { actorOfUser } from '../accounts/users';
import { schemas, type Channel, type Result } from '../contract/index';
import { appendAudit } from '../kernel/audit-chain';
import { can, type Actor } from '../kernel/context';
import { touchSession } from '../kernel/sessions';
import type { AppEnv, CallContext, HandlerDef, Handlers } from '../kernel/env';

const ANONYMOUS: Actor = { userId: null, name: 'аноним', roles: [], staffId: null, system: false };

function zodMessage(issues: { path: PropertyKey[]; message: string; code?: string; input?: unknown }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => {
      const where = i.path.map(String).join('.');
      // The schemas' own messages name the field in Russian; zod's generic ones get the path.
      if (i.code === 'invalid_type' && i.input === undefined) return `Не заполнено обязательное поле (${where})`;
      return /«/.test(i.message) || !where ? i.message : `${i.message} (${where})`;
    })
    .join('. ');
}

export class Router {
  /** Called after every call, answered or refused (the idle checkpoint hooks in here). */
  onSettled: (() => void) | null = null;

  constructor(
    readonly env: AppEnv,
    private readonly handlers: Handlers,
  ) {}

  /** The one entrance for Electron IPC and the browser host alike. Never throws. */
  async call(channel: string, input: unknown, token: string | null): Promise<Result<unknown>> {
    let actor = ANONYMOUS;
    try {
      if (!Object.hasOwn(schemas, channel)) throw new AppError('UNKNOWN_CHANNEL', 'Неизвестная операция.');
      const ch = channel as Channel;
      const def = this.handlers[ch] as HandlerDef<Channel>;
      if (def.access !== 'public') {
        // One read for the session and its user (shared by every instance on the database), one for the roles.
        const session = await touchSession(this.env.db, token, this.env.now());
        actor = await actorOfUser(this.env.db, session.user);
        if (def.access !== 'session' && !can(actor, def.access)) throw new AppError('FORBIDDEN', 'Недостаточно прав для этого действия.');
      }
      const parsed = schemas[ch].safeParse(input ?? {});
      if (!parsed.success) throw new AppError('INVALID', zodMessage(parsed.error.issues), { issues: parsed.error.issues });
      const ctx: CallContext = { db: this.env.db, actor, now: this.env.now, env: this.env, token };
      const value = await def.run(ctx, parsed.data as never);
      return { ok: true, value };
    } catch (caught) {
      // a closed year's row written outside `mutate` (bulk paths): the same LOCKED refusal
      const e = asYearLocked(caught);
      if (isAppError(e)) {
        if (e.code === 'FORBIDDEN' || e.code === 'LOCKED' || e.code === 'SESSION_EXPIRED' || e.code === 'UNKNOWN_CHANNEL')
          await this.logRefusal(actor, channel, e);
        return { ok: false, error: { code: e.code, message: e.message, details: e.details } };
      }
      console.error(`[router] ${channel}:`, e);
      return {
        ok: false,
        error: { code: 'INTERNAL', message: 'Внутренняя ошибка программы. Данные не изменены; сообщите администратору.' },
      };
    } finally {
      this.onSettled?.();
    }
  }

  /** Refusals are evidence (forged calls, stale sessions): they go into the audit log too. */
  private async logRefusal(actor: Actor, channel: string, e: AppError) {
    try {
      await appendAudit(
        this.env.db,
        actor,
        {
          action: 'refused',
          entity: 'ipc',
          outcome: 'denied',
          after: { channel: channel.slice(0, 100), code: e.code, message: e.message },
        },
        this.env.now(),
      );
    } catch (err) {
      console.error('[router] could not log a refusal', err);
    }
  }
}

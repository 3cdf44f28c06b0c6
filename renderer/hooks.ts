import { App } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, Input, Output } from '../main/contract/index';
import { call, CallError } from './api';

/** Loads a channel's answer and reloads it on demand; errors are shown, never swallowed. */
export function useQuery<C extends Channel>(channel: C, input: Input<C> | null, deps: unknown[] = []) {
  const [data, setData] = useState<Output<C> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const key = JSON.stringify(input);
  // Answers can arrive out of order (a date typed, then a class picked): only the latest request's answer is shown.
  const latest = useRef(0);
  const reload = useCallback(async () => {
    if (input === null) return;
    const mine = ++latest.current;
    setLoading(true);
    try {
      const value = await call(channel, input);
      if (mine !== latest.current) return;
      setData(value);
      setError(null);
    } catch (e) {
      if (mine !== latest.current) return;
      setError((e as Error).message);
    } finally {
      if (mine === latest.current) setLoading(false);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [channel, key, ...deps]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { data, error, loading, reload };
}

/** Runs a change and reports the outcome in Russian; resolves to the value or undefined on refusal. */
export function useMutation() {
  const { message } = App.useApp();
  return useCallback(
    async <C extends Channel>(
      channel: C,
      input: Input<C>,
      done?: string,
      onError?: (message: string) => void,
    ): Promise<Output<C> | undefined> => {
      try {
        const v = await call(channel, input);
        if (done) message.success(done);
        return v;
      } catch (e) {
        message.error({ content: (e as Error).message, key: 'mutation-error', duration: 6 });
        onError?.((e as Error).message);
        if (e instanceof CallError) return undefined;
        throw e;
      }
    },
    [message],
  );
}

/** Calls onIdle after `minutes` without keyboard or mouse activity (auto-lock). */
export function useIdle(minutes: number, onIdle: () => void) {
  const timer = useRef<number | null>(null);
  useEffect(() => {
    const reset = () => {
      if (timer.current) window.clearTimeout(timer.current);
      timer.current = window.setTimeout(onIdle, minutes * 60_000);
    };
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'];
    events.forEach((e) => window.addEventListener(e, reset, { passive: true }));
    reset();
    return () => {
      events.forEach((e) => window.removeEventListener(e, reset));
      if (timer.current) window.clearTimeout(timer.current);
    };
  }, [minutes, onIdle]);
}

/** The current screen lives in the URL hash so that a reload keeps it. */
export function useHashRoute(fallback: string): [string, (r: string) => void] {
  const read = () => decodeURIComponent(window.location.hash.replace(/^#\/?/, '')) || fallback;
  const [route, setRoute] = useState(read);
  useEffect(() => {
    const on = () => setRoute(read());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return [route, (r) => (window.location.hash = `/${r}`)];
}

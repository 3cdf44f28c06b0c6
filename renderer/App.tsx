import { Alert, Spin } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import type { AppInfo, Me } from '../main/contract/accounts-outputs';
import { call, hasToken, onSessionExpired, setToken } from './api';
import { FirstRun } from './screens/auth/FirstRun';
import { Login } from './screens/auth/Login';
import { Shell } from './Shell';

type State =
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'first-run'; info: AppInfo }
  | { kind: 'login'; info: AppInfo; notice?: string }
  | { kind: 'in'; info: AppInfo; me: Me };

export function App() {
  const [state, setState] = useState<State>({ kind: 'loading' });

  const boot = useCallback(async (notice?: string) => {
    try {
      const info = await call('app.info', {});
      if (!info.hasUsers) return setState({ kind: 'first-run', info });
      if (hasToken()) {
        try {
          return setState({ kind: 'in', info, me: await call('auth.me', {}) });
        } catch {
          /* the session ended while we were away */
        }
      }
      setState({ kind: 'login', info, notice });
    } catch (e) {
      setState({ kind: 'error', message: (e as Error).message });
    }
  }, []);

  useEffect(() => {
    void boot();
    return onSessionExpired(() => void boot('Сеанс завершён или заблокирован после простоя. Войдите снова.'));
  }, [boot]);

  const logout = useCallback(
    async (notice?: string) => {
      try {
        await call('auth.logout', {});
      } catch {
        /* already gone */
      }
      setToken(null);
      await boot(notice);
    },
    [boot],
  );

  switch (state.kind) {
    case 'loading':
      return <Spin fullscreen tip="Загрузка…" />;
    case 'error':
      return <Alert type="error" showIcon title="Программа не отвечает" description={state.message} style={{ margin: 48 }} />;
    case 'first-run':
      return <FirstRun onDone={() => boot()} />;
    case 'login':
      return (
        <Login
          notice={state.notice}
          info={state.info}
          onLoggedIn={(token) => {
            setToken(token);
            void boot();
          }}
        />
      );
    case 'in':
      return <Shell info={state.info} me={state.me} onLogout={logout} />;
  }
}

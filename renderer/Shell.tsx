import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { AppInfo, Me } from '../main/contract/accounts-outputs';
import { call } from './api';
import { useHashRoute, useIdle } from './hooks';
import { HelpDrawer } from './help/HelpDrawer';
import { SCREENS } from './screens';
import { SessionContext, type SessionValue } from './session';

const YEAR_KEY = 'sj-year';

export function Shell({ info, me, onLogout }: { info: AppInfo; me: Me; onLogout(notice?: string): void }) {
  const [route, go] = useHashRoute('home');
  const [years, setYears] = useState<{ id: number; name: string }[]>([]);
  const [yearId, setYearIdState] = useState<number | null>(Number(localStorage.getItem(YEAR_KEY)) || null);
  const setYearId = useCallback((id: number) => {
    localStorage.setItem(YEAR_KEY, String(id));
    setYearIdState(id);
  }, []);
  const loadYears = useCallback(async () => {
    if (!me.permissions.includes('setup.read')) return;
    const ys = await call('years.list', {});
    setYears(ys);
    if (ys.length && !ys.some((y) => y.id === yearId)) setYearId(ys[0].id);
  }, [me.permissions, yearId, setYearId]);
  useEffect(() => {
    void loadYears();
    window.addEventListener('sj-years-changed', loadYears);
    return () => window.removeEventListener('sj-years-changed', loadYears);
  }, [loadYears]);
  useIdle(me.idleMinutes, () => onLogout('Сеанс заблокирован после простоя. Войдите снова.'));
  // F1 (and Electron's menu «Справка», which dispatches sj-help) opens the guide at the current screen's section
  const [help, setHelp] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'F1') return;
      e.preventDefault();
      setHelp(true);
    };
    const onHelp = () => setHelp(true);
    window.addEventListener('keydown', onKey);
    window.addEventListener('sj-help', onHelp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('sj-help', onHelp);
    };
  }, []);

  const can = useCallback((p: string) => me.permissions.includes(p), [me.permissions]);
  const visible = SCREENS.filter((s) => !s.permission || can(s.permission));
  const current = visible.find((s) => s.key === route) ?? visible[0];
  const groups = useMemo(() => [...new Set(visible.map((s) => s.group))], [visible]);
  const session: SessionValue = { me, can, yearId, setYearId, logout: () => onLogout() };
  const Screen = current.component;

  return (
    <SessionContext.Provider value={session}>
      <Layout style={{ minHeight: '100%' }}>
        <Layout.Header style={{ display: 'flex', alignItems: 'center', gap: 16, background: '#1d4f91', paddingInline: 16 }}>
          <Typography.Text strong style={{ color: '#fff', fontSize: 18 }}>
            Школьный журнал
          </Typography.Text>
          {years.length > 0 && (
            <Select
              aria-label="Учебный год"
              value={yearId ?? undefined}
              onChange={setYearId}
              style={{ width: 130 }}
              options={years.map((y) => ({ value: y.id, label: y.name }))}
            />
          )}
          <div style={{ flex: 1 }} />
          <Space>
            <Typography.Text style={{ color: '#fff' }} data-testid="current-user">
              {me.name}
            </Typography.Text>
            <Button onClick={() => setHelp(true)}>Справка (F1)</Button>
            <Button onClick={() => onLogout()}>Сменить пользователя</Button>
          </Space>
        </Layout.Header>
        <Layout>
          <Layout.Sider width={260} theme="light" style={{ borderRight: '1px solid #e5e8ee' }}>
            <Menu
              mode="inline"
              selectedKeys={[current.key]}
              onClick={(e) => go(e.key)}
              items={groups.map((g) =>
                g
                  ? {
                      type: 'group' as const,
                      label: g,
                      key: `g-${g}`,
                      children: visible.filter((s) => s.group === g).map((s) => ({ key: s.key, label: s.title })),
                    }
                  : { key: visible.find((s) => !s.group)!.key, label: visible.find((s) => !s.group)!.title },
              )}
            />
          </Layout.Sider>
          <Layout.Content style={{ padding: 24, overflow: 'auto' }}>
            <Typography.Title level={3} style={{ marginTop: 0 }}>
              {current.title}
            </Typography.Title>
            <Screen />
          </Layout.Content>
        </Layout>
        <HelpDrawer open={help} screen={current.key} roles={me.roles} onClose={() => setHelp(false)} />
        <Layout.Footer style={{ padding: '6px 16px', fontSize: 12, color: '#667' }}>
          Версия {info.version} · {info.runtime === 'browser-host' ? 'браузерная версия' : 'настольная версия'} · {info.dbFile}
        </Layout.Footer>
      </Layout>
    </SessionContext.Provider>
  );
}

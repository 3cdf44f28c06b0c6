import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { AppInfo, Me } from '../main/contract/accounts-outputs';
import type { SchoolClock, YearRow } from '../main/contract/school-outputs';
import { call } from './api';
import { schoolDay } from './school-clock';
import { useHashRoute, useIdle } from './hooks';
import { usePref } from './prefs';
import { HelpDrawer } from './help/HelpDrawer';
import { SCREENS } from './screens';
import { SessionContext, type SessionValue } from './session';

const YEAR_KEY = 'year';

/** The year to open with: the one remembered, else the one containing today (the school's), else the latest. */
function defaultYear(years: YearRow[], remembered: number | null, today: string): YearRow | null {
  return (
    years.find((y) => y.id === remembered) ??
    years.find((y) => y.startDate <= today && today <= y.endDate) ??
    [...years].sort((a, b) => b.startDate.localeCompare(a.startDate))[0] ??
    null
  );
}

export function Shell({ info, me, onLogout }: { info: AppInfo; me: Me; onLogout(notice?: string): void }) {
  const [route, go] = useHashRoute('home');
  const [years, setYears] = useState<YearRow[]>([]);
  const [storedYear, storeYear] = usePref(me.userId, YEAR_KEY);
  const yearId = Number(storedYear) || null;
  const setYearId = useCallback((id: number) => storeYear(String(id)), [storeYear]);
  // The school's clock: read once, again when the settings change (the time zone is one of them).
  const [clock, setClock] = useState<SchoolClock | null>(null);
  const loadClock = useCallback(async () => setClock(await call('school.clock', {})), []);
  useEffect(() => {
    void loadClock();
    window.addEventListener('sj-settings-changed', loadClock);
    return () => window.removeEventListener('sj-settings-changed', loadClock);
  }, [loadClock]);
  const timeZone = clock?.timeZone ?? null;
  // until the clock has answered, the computer's own day (the school's computers keep the school's time)
  const schoolToday = useCallback(() => schoolDay(timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone), [timeZone]);
  const loadYears = useCallback(async () => {
    if (!me.permissions.includes('setup.read') || !timeZone) return;
    const ys = await call('years.list', {});
    setYears(ys);
    const y = defaultYear(ys, yearId, schoolDay(timeZone));
    if (y && y.id !== yearId) setYearId(y.id);
  }, [me.permissions, yearId, setYearId, timeZone]);
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
  const year = years.find((y) => y.id === yearId) ?? null;
  const session: SessionValue = { me, can, yearId, year, setYearId, schoolToday, logout: () => onLogout() };
  // Every screen opens at its top, whatever the previous one was scrolled to.
  const content = useRef<HTMLElement>(null);
  useEffect(() => {
    content.current?.scrollTo({ top: 0, left: 0 });
  }, [current.key]);
  const Screen = current.component;

  return (
    <SessionContext.Provider value={session}>
      {/* The frame fills the window: the header and the side menu stay put, only the screen's own area scrolls. */}
      <Layout style={{ height: '100vh', overflow: 'hidden' }}>
        <Layout.Header
          data-testid="app-header"
          style={{
            display: 'flex',
            alignItems: 'center',
            gap: 16,
            background: '#1d4f91',
            paddingInline: 16,
            height: 48,
            lineHeight: '48px',
            flex: 'none',
          }}
        >
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
        <Layout style={{ minHeight: 0, flex: 1 }}>
          <Layout.Sider
            width={236}
            theme="light"
            data-testid="side-menu"
            style={{ borderRight: '1px solid #e5e8ee', height: '100%', overflowY: 'auto', overflowX: 'hidden' }}
          >
            <Menu
              mode="inline"
              selectedKeys={[current.key]}
              onClick={(e) => go(e.key)}
              style={{ borderInlineEnd: 0 }}
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
          <Layout style={{ minWidth: 0 }}>
            <Layout.Content ref={content} data-testid="screen" style={{ padding: '12px 16px', overflow: 'auto', height: '100%' }}>
              <Typography.Title level={4} style={{ marginTop: 0, marginBottom: 8 }}>
                {current.title}
              </Typography.Title>
              <Screen key={current.key} />
            </Layout.Content>
            <Layout.Footer style={{ padding: '2px 16px', fontSize: 11, color: '#667', flex: 'none' }}>
              Версия {info.version} · {info.runtime === 'browser-host' ? 'браузерная версия' : 'настольная версия'} · {info.dbFile}
            </Layout.Footer>
          </Layout>
        </Layout>
        <HelpDrawer open={help} screen={current.key} roles={me.roles} onClose={() => setHelp(false)} />
      </Layout>
    </SessionContext.Provider>
  );
}

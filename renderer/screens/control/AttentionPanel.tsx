import { Button, Card, Space, Typography } from 'antd';
import { WEEKLY_KIND_NAMES, WEEKLY_KINDS } from '../../../main/contract/control-weekly';
import { ruNumber } from '../../../main/contract/rules/numbers';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';

// «Требует внимания» on the home screen (issue 12 part 3): this week's figures of the weekly control in the caller's
// scope — the school for the deputy and the director, a teacher's own debts, a homeroom teacher's class (main decides).

export function AttentionPanel() {
  const { can } = useSession();
  const q = useQuery('controlWeekly.status', can('journal.read') ? {} : null);
  const s = q.data;
  if (!s?.totals) return null;
  const totals = s.totals;
  const shown = WEEKLY_KINDS.filter((k) => totals[k] > 0);
  return (
    <Card
      size="small"
      title="Требует внимания"
      data-testid="attention-panel"
      extra={
        <Button size="small" type="link" onClick={() => (window.location.hash = '/weekly-control')}>
          Еженедельный контроль
        </Button>
      }
    >
      <Typography.Text type="secondary">
        Неделя {s.from.split('-').reverse().join('.')} — {s.to.split('-').reverse().join('.')}; {s.scope}
      </Typography.Text>
      {shown.length === 0 ? (
        <div data-testid="attention-clear">Долгов по журналу за неделю нет.</div>
      ) : (
        <Space wrap size="large" style={{ display: 'flex', marginTop: 8 }}>
          {shown.map((k) => (
            <span key={k} data-testid={`attention-${k}`}>
              {WEEKLY_KIND_NAMES[k]}: <b>{ruNumber(totals[k])}</b>
            </span>
          ))}
        </Space>
      )}
    </Card>
  );
}

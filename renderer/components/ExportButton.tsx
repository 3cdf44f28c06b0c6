import { Button, Dropdown } from 'antd';
import type { ExportListName } from '../../main/contract/exports';
import { useMutation } from '../hooks';
import { downloadBase64 } from '../screens/timetable/common';
import { useSession } from '../session';

// «Экспорт» on a list screen (issue 16, part 2): the screen's rows as XLSX or CSV, made in main from the same tables as
// the year's export; main decides whether personal columns go with them.

const TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv',
} as const;

export function ExportButton({ list, classId = null }: { list: ExportListName; classId?: number | null }) {
  const { yearId } = useSession();
  const mutate = useMutation();
  const run = async (format: 'xlsx' | 'csv') => {
    if (!yearId) return;
    const r = await mutate('export.list', { yearId, list, format, classId });
    if (r) downloadBase64(r.name, r.base64, TYPES[format]);
  };
  return (
    <Dropdown
      disabled={!yearId}
      menu={{
        items: [
          { key: 'xlsx', label: 'Книга Excel (XLSX)' },
          { key: 'csv', label: 'Таблица CSV' },
        ],
        onClick: ({ key }) => void run(key as 'xlsx' | 'csv'),
      }}
    >
      <Button>Экспорт</Button>
    </Dropdown>
  );
}

/** The whole school year (every class's journal): XLSX, a CSV file per table, or JSON; main lets only whole-school readers. */
export function YearExportButton() {
  const { yearId } = useSession();
  const mutate = useMutation();
  const run = async (format: 'xlsx' | 'csv' | 'json') => {
    if (!yearId) return;
    const r = await mutate('export.year', { yearId, format }, 'Выгрузка учебного года готова');
    for (const f of r?.files ?? []) downloadBase64(f.name, f.base64, format === 'json' ? 'application/json' : TYPES[format]);
  };
  return (
    <Dropdown
      disabled={!yearId}
      menu={{
        items: [
          { key: 'xlsx', label: 'Книга Excel (XLSX), лист на таблицу' },
          { key: 'csv', label: 'Файлы CSV, по файлу на таблицу' },
          { key: 'json', label: 'JSON (по схеме выгрузки, версия 1)' },
        ],
        onClick: ({ key }) => void run(key as 'xlsx' | 'csv' | 'json'),
      }}
    >
      <Button>Выгрузить учебный год целиком</Button>
    </Dropdown>
  );
}

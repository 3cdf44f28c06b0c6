import { Alert, Button, Modal, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import type { OtherJournalPreview, OtherJournalProblem } from '../../../main/contract/exports';
import { useMutation } from '../../hooks';
import { fileToBase64 } from '../timetable/common';

// Import of marks, absences and topics from another journal's XLSX (issue 16, part 3): the file is checked in main
// (a trial through the journal's own checks, rolled back), the preview shown, and saved only when accepted.

const PROBLEMS: [keyof OtherJournalPreview, string][] = [
  ['invalidCells', 'Неверные клетки (исправьте файл)'],
  ['unmatchedStudents', 'Нет в классе (будут пропущены)'],
  ['unmatchedDates', 'Даты без урока (будут пропущены)'],
  ['unmatchedSheets', 'Листы без предмета (будут пропущены)'],
];

export function OtherJournalImport({ classId, className, onDone }: { classId: number; className: string; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [file, setFile] = useState<{ name: string; base64: string } | null>(null);
  const [preview, setPreview] = useState<OtherJournalPreview | null>(null);
  const [busy, setBusy] = useState(false);
  const mutate = useMutation();
  const choose = async (f: File) => {
    const data = await fileToBase64(f);
    setFile(data);
    setBusy(true);
    setPreview((await mutate('import.journal.preview', { classId, file: data })) ?? null);
    setBusy(false);
    return false;
  };
  const accept = async () => {
    if (!file) return;
    setBusy(true);
    const r = await mutate('import.journal.apply', { classId, file }, 'Записи из другого журнала сохранены');
    setBusy(false);
    if (r) {
      setOpen(false);
      setPreview(null);
      onDone();
    }
  };
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)}>
        Импорт из другого журнала…
      </Button>
      <Modal
        open={open}
        width={820}
        title={`Импорт отметок, пропусков и тем: ${className}`}
        onCancel={() => setOpen(false)}
        okText="Сохранить в журнал"
        cancelText="Закрыть"
        okButtonProps={{ disabled: !preview?.ready, loading: busy }}
        onOk={() => void accept()}
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Paragraph type="secondary">
            Книга XLSX: лист на предмет (название листа — предмет), в первом столбце «Фамилия Имя», в строке заголовка — даты уроков; в
            клетках отметки («5», «4/5») и пропуски («н», «нб»); строка «Темы» — темы уроков. Ничего не сохраняется, пока вы не примете
            проверку.
          </Typography.Paragraph>
          <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={choose}>
            <Button loading={busy && !preview}>Выбрать файл…</Button>
          </Upload>
          {preview && (
            <>
              <Alert
                type={preview.ready ? 'success' : 'warning'}
                showIcon
                title={`Клеток к записи: ${preview.cells} (отметок ${preview.marks}, пропусков ${preview.absences}), тем: ${preview.topics}`}
              />
              <Table
                size="small"
                rowKey="sheet"
                pagination={false}
                dataSource={preview.sheets}
                columns={[
                  { title: 'Лист', dataIndex: 'sheet' },
                  { title: 'Учеников', dataIndex: 'students' },
                  { title: 'Дат', dataIndex: 'dates' },
                  { title: 'Отметок', dataIndex: 'marks' },
                  { title: 'Пропусков', dataIndex: 'absences' },
                  { title: 'Тем', dataIndex: 'topics' },
                ]}
              />
              {preview.refusals.map((r) => (
                <Alert key={r} type="error" showIcon title={r} />
              ))}
              {PROBLEMS.map(([key, title]) => {
                const rows = preview[key] as OtherJournalProblem[];
                return rows.length ? (
                  <div key={key}>
                    <Typography.Text strong>
                      {title}: {rows.length}
                    </Typography.Text>
                    <Table
                      size="small"
                      rowKey={(r) => `${r.sheet}-${r.place}`}
                      pagination={rows.length > 10 ? { pageSize: 10 } : false}
                      dataSource={rows}
                      columns={[
                        { title: 'Лист', dataIndex: 'sheet' },
                        { title: 'Где', dataIndex: 'place' },
                        { title: 'В файле', dataIndex: 'text' },
                        { title: 'Причина', dataIndex: 'reason' },
                      ]}
                    />
                  </div>
                ) : null;
              })}
            </>
          )}
        </Space>
      </Modal>
    </>
  );
}

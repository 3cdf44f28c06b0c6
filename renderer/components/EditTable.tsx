import { Button, Form, Modal, Space, Table, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';

/**
 * A list with «Добавить» and «Изменить» in a modal form: the one way set-up screens edit rows.
 * The form's values go to onSave; a refusal from main keeps the modal open with the data intact.
 */
export function EditTable<T extends { id: number }>(props: {
  rows: T[] | null;
  loading?: boolean;
  columns: TableColumnsType<T>;
  canEdit: boolean;
  title: string;
  form: ReactNode;
  toForm?(row: T): Record<string, unknown>;
  defaults?: Record<string, unknown>;
  onSave(values: Record<string, unknown>, id: number | null): Promise<boolean>;
  extra?: ReactNode;
  rowActions?(row: T): ReactNode;
  pageSize?: number;
  width?: number;
}) {
  const [editing, setEditing] = useState<{ id: number | null } | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const open = (row: T | null) => {
    form.resetFields();
    form.setFieldsValue(row ? (props.toForm ? props.toForm(row) : row) : (props.defaults ?? {}));
    setEditing({ id: row?.id ?? null });
  };
  const columns: TableColumnsType<T> = [
    ...props.columns,
    ...(props.canEdit || props.rowActions
      ? [
          {
            title: '',
            key: 'actions',
            width: 1,
            render: (_: unknown, row: T) => (
              <Space>
                {props.canEdit && (
                  <Button size="small" onClick={() => open(row)}>
                    Изменить
                  </Button>
                )}
                {props.rowActions?.(row)}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <Space style={{ marginBottom: 12 }}>
        {props.canEdit && (
          <Button type="primary" onClick={() => open(null)}>
            Добавить
          </Button>
        )}
        {props.extra}
      </Space>
      <Table<T>
        rowKey="id"
        size="small"
        loading={props.loading}
        dataSource={props.rows ?? []}
        columns={columns}
        pagination={{ pageSize: props.pageSize ?? 50, showSizeChanger: false }}
      />
      <Modal
        open={editing !== null}
        title={editing?.id ? `${props.title}: изменение` : `${props.title}: добавление`}
        okText="Сохранить"
        cancelText="Отмена"
        confirmLoading={saving}
        width={props.width ?? 560}
        destroyOnHidden
        onCancel={() => setEditing(null)}
        onOk={async () => {
          const values = await form.validateFields();
          setSaving(true);
          try {
            if (await props.onSave(values, editing?.id ?? null)) setEditing(null);
          } finally {
            setSaving(false);
          }
        }}
      >
        <Form form={form} layout="vertical" preserve={false}>
          {props.form}
        </Form>
      </Modal>
    </>
  );
}

import { Form, Input, Select } from 'antd';
import { EditTable } from '../../components/EditTable';
import { useMutation, useQuery } from '../../hooks';
import { useSession } from '../../session';

export const COMPONENTS = { federal: 'Федеральный учебный план', school: 'Часть, формируемая школой' } as const;

export function SubjectsScreen() {
  const { can } = useSession();
  const q = useQuery('subjects.list', {});
  const mutate = useMutation();
  return (
    <EditTable
      rows={q.data}
      loading={q.loading}
      canEdit={can('setup.write')}
      title="Предмет"
      columns={[
        { title: 'Предмет', dataIndex: 'name' },
        { title: 'Кратко', dataIndex: 'shortName' },
        { title: 'Компонент', dataIndex: 'component', render: (c: keyof typeof COMPONENTS) => COMPONENTS[c] },
        { title: 'Оценивание', dataIndex: 'grading', render: (g: string) => (g === 'pass' ? 'зачёт/незачёт' : 'пятибалльное') },
      ]}
      toForm={(s) => ({ name: s.name, short_name: s.shortName, component: s.component, grading: s.grading })}
      defaults={{ component: 'federal', grading: 'five' }}
      form={
        <>
          <Form.Item label="Предмет" name="name" rules={[{ required: true, message: 'Введите название' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Краткое название" name="short_name" rules={[{ required: true, message: 'Введите краткое название' }]}>
            <Input />
          </Form.Item>
          <Form.Item label="Компонент" name="component">
            <Select options={Object.entries(COMPONENTS).map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item label="Система оценивания" name="grading">
            <Select
              options={[
                { value: 'five', label: 'пятибалльная' },
                { value: 'pass', label: 'зачёт/незачёт' },
              ]}
            />
          </Form.Item>
        </>
      }
      onSave={async (v, id) => {
        if ((await mutate('subjects.save', { id, ...v } as never, 'Предмет сохранён')) === undefined) return false;
        await q.reload();
        return true;
      }}
    />
  );
}

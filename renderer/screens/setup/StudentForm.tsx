import { Button, Col, Divider, Form, Input, Row, Select, Space } from 'antd';
import { DateField } from '../../components/DateField';
import type { StudentFields as StudentInput } from '../../../main/contract/index';
import type { StudentDetails } from '../../../main/contract/school-outputs';
import { isStudentPersonalField, STUDENT_BASIC_FIELDS } from '../../../main/contract/rules/personal';

// The personal-data fields of seed 000 §6 and the guardians, shared by "new student" and "edit".

export const EMPTY_STUDENT = {
  middle_name: '',
  citizenship: 'Российская Федерация',
  snils: '',
  birth_cert_series: '',
  birth_cert_number: '',
  passport_series: '',
  passport_number: '',
  passport_issued: '',
  address_registered: '',
  address_temporary: '',
  address_actual: '',
  phone: '',
  health_group: '',
  pe_group: '',
  health_notes: '',
  life_situation: '',
  personal_file_no: '',
};

export const EMPTY_GUARDIAN = { middle_name: '', phone: '', email: '', address: '', workplace: '' };

/** A card as the form's values for a role without personal data: the name and gender, all it may change. */
export function basicToForm(s: StudentDetails): { student: Pick<StudentInput, (typeof STUDENT_BASIC_FIELDS)[number]> } {
  return { student: { last_name: s.lastName, first_name: s.firstName, middle_name: s.middleName, gender: s.gender } };
}

/** The form's fields; without `personal` only the name and gender (the administrator's edit), and no guardians. */
export function StudentFields({ personal = true }: { personal?: boolean }) {
  const f = (name: string, label: string, required = false, node = <Input />) =>
    !personal && isStudentPersonalField(name) ? null : (
      <Col span={8}>
        <Form.Item
          label={label}
          name={['student', name]}
          rules={required ? [{ required: true, message: `Заполните поле «${label}»` }] : []}
        >
          {node}
        </Form.Item>
      </Col>
    );
  return (
    <>
      <Row gutter={12}>
        {f('last_name', 'Фамилия', true)}
        {f('first_name', 'Имя', true)}
        {f('middle_name', 'Отчество')}
        {f('birth_date', 'Дата рождения', true, <DateField aria-label="Дата рождения" />)}
        {f(
          'gender',
          'Пол',
          true,
          <Select
            options={[
              { value: 'м', label: 'мужской' },
              { value: 'ж', label: 'женский' },
            ]}
          />,
        )}
        {f('citizenship', 'Гражданство')}
        {f('snils', 'СНИЛС', false, <Input placeholder="123-456-789 64" />)}
        {f('birth_cert_series', 'Свидетельство о рождении: серия')}
        {f('birth_cert_number', 'номер')}
        {f('passport_series', 'Паспорт: серия')}
        {f('passport_number', 'номер')}
        {f('passport_issued', 'кем и когда выдан')}
        {f('address_registered', 'Адрес регистрации')}
        {f('address_temporary', 'Временная регистрация')}
        {f('address_actual', 'Фактический адрес')}
        {f('phone', 'Телефон')}
        {f('health_group', 'Группа здоровья')}
        {f('pe_group', 'Физкультурная группа')}
        {f('health_notes', 'Здоровье: особенности')}
        {f('life_situation', 'Жизненная ситуация')}
        {f('personal_file_no', 'Номер личного дела')}
      </Row>
      {personal && (
        <>
          <Divider titlePlacement="start">Родители (законные представители)</Divider>
          <Form.List name="guardians">
            {(fields, { add, remove }) => (
              <>
                {fields.map((g) => (
                  <Row gutter={8} key={g.key}>
                    <Col span={4}>
                      <Form.Item name={[g.name, 'relation']} rules={[{ required: true, message: 'Кем приходится' }]}>
                        <Select
                          placeholder="Кем приходится"
                          options={['мать', 'отец', 'опекун', 'попечитель', 'бабушка', 'дедушка'].map((v) => ({ value: v, label: v }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col span={5}>
                      <Form.Item name={[g.name, 'last_name']} rules={[{ required: true, message: 'Фамилия' }]}>
                        <Input placeholder="Фамилия" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[g.name, 'first_name']} rules={[{ required: true, message: 'Имя' }]}>
                        <Input placeholder="Имя" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[g.name, 'middle_name']}>
                        <Input placeholder="Отчество" />
                      </Form.Item>
                    </Col>
                    <Col span={4}>
                      <Form.Item name={[g.name, 'phone']}>
                        <Input placeholder="Телефон" />
                      </Form.Item>
                    </Col>
                    <Col span={3}>
                      <Button onClick={() => remove(g.name)}>Убрать</Button>
                    </Col>
                  </Row>
                ))}
                <Space>
                  <Button onClick={() => add({ ...EMPTY_GUARDIAN })}>Добавить родителя</Button>
                </Space>
              </>
            )}
          </Form.List>
        </>
      )}
    </>
  );
}

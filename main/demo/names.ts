import type { Faker } from '@faker-js/faker';
import { pick } from './random';

// Fathers' names with the patronymics they give (son, daughter): patronymics follow the father.
export const FATHER_NAMES: readonly [string, string, string][] = [
  ['Александр', 'Александрович', 'Александровна'],
  ['Алексей', 'Алексеевич', 'Алексеевна'],
  ['Андрей', 'Андреевич', 'Андреевна'],
  ['Антон', 'Антонович', 'Антоновна'],
  ['Артём', 'Артёмович', 'Артёмовна'],
  ['Борис', 'Борисович', 'Борисовна'],
  ['Вадим', 'Вадимович', 'Вадимовна'],
  ['Василий', 'Васильевич', 'Васильевна'],
  ['Виктор', 'Викторович', 'Викторовна'],
  ['Владимир', 'Владимирович', 'Владимировна'],
  ['Дмитрий', 'Дмитриевич', 'Дмитриевна'],
  ['Евгений', 'Евгеньевич', 'Евгеньевна'],
  ['Иван', 'Иванович', 'Ивановна'],
  ['Игорь', 'Игоревич', 'Игоревна'],
  ['Илья', 'Ильич', 'Ильинична'],
  ['Кирилл', 'Кириллович', 'Кирилловна'],
  ['Максим', 'Максимович', 'Максимовна'],
  ['Михаил', 'Михайлович', 'Михайловна'],
  ['Никита', 'Никитич', 'Никитична'],
  ['Николай', 'Николаевич', 'Николаевна'],
  ['Олег', 'Олегович', 'Олеговна'],
  ['Павел', 'Павлович', 'Павловна'],
  ['Роман', 'Романович', 'Романовна'],
  ['Сергей', 'Сергеевич', 'Сергеевна'],
  ['Юрий', 'Юрьевич', 'Юрьевна'],
];

/** Feminine form of a surname: Иванов → Иванова, Лесовский → Лесовская, Шевченко stays. */
export function feminineSurname(m: string): string {
  if (/(ов|ев|ёв|ин|ын)$/.test(m)) return `${m}а`;
  if (/(ский|цкий)$/.test(m)) return `${m.slice(0, -2)}ая`;
  if (/ой$/.test(m)) return `${m.slice(0, -2)}ая`;
  if (/ый$/.test(m)) return `${m.slice(0, -2)}ая`;
  return m;
}

export interface Family {
  surnameM: string;
  father: (typeof FATHER_NAMES)[number];
}

export function family(f: Faker): Family {
  let surname = f.person.lastName('male');
  // faker sometimes yields a feminine or unusual form; keep the common masculine endings.
  if (!/(ов|ев|ёв|ин|ын|ский|цкий|ой|ый|ко|ук|юк|ич)$/.test(surname)) surname = `${surname.replace(/[аяь]$/, '')}ов`;
  return { surnameM: surname, father: pick(f, FATHER_NAMES) };
}

import adminManual from '../../docs/guide/admin-manual.md';
import admin from '../../docs/guide/admin.md';
import deputy from '../../docs/guide/deputy.md';
import homeroom from '../../docs/guide/homeroom.md';
import office from '../../docs/guide/office.md';
import teacher from '../../docs/guide/teacher.md';

// The user guides per role (docs/guide/, Russian, bundled at build) and the administrator's manual (001 director §23).

export interface Guide {
  key: string;
  title: string;
  text: string;
}

export const GUIDES: Guide[] = [
  { key: 'deputy', title: 'Заместителю директора и директору', text: deputy },
  { key: 'teacher', title: 'Учителю-предметнику', text: teacher },
  { key: 'homeroom', title: 'Классному руководителю', text: homeroom },
  { key: 'office', title: 'Делопроизводителю', text: office },
  { key: 'admin', title: 'Администратору журнала', text: admin },
  { key: 'admin-manual', title: 'Руководство администратора (установка, копии, восстановление)', text: adminManual },
];

/** The guide of the user's main role: the deputy's (and the director's) first, then the homeroom teacher's, … */
export function guideFor(roles: readonly string[]): Guide {
  const order: [string, string][] = [
    ['deputy', 'deputy'],
    ['director', 'deputy'],
    ['homeroom', 'homeroom'],
    ['teacher', 'teacher'],
    ['office', 'office'],
    ['admin', 'admin'],
  ];
  const key = order.find(([role]) => roles.includes(role))?.[1] ?? 'teacher';
  return GUIDES.find((g) => g.key === key)!;
}

import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { useQuery } from '../../hooks';
import { useSession } from '../../session';

// Shared pieces of the curriculum and timetable screens.

export const WEEKDAYS = ['', 'Понедельник', 'Вторник', 'Среда', 'Четверг', 'Пятница', 'Суббота'];
export const TOPIC_KIND_NAMES: Record<string, string> = {
  ordinary: 'урок',
  practical: 'практическая',
  laboratory: 'лабораторная',
  control: 'контрольная',
  excursion: 'экскурсия',
};

export function shortName(p: { lastName: string; firstName: string; middleName: string }) {
  return `${p.lastName} ${p.firstName ? `${p.firstName[0]}.` : ''}${p.middleName ? ` ${p.middleName[0]}.` : ''}`.trim();
}

export function ruDate(iso: string) {
  return `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`;
}

/** Reference lists most screens need: subjects, staff, classes and rooms of the chosen year. */
export function useRefs() {
  const { yearId } = useSession();
  const subjects = useQuery('subjects.list', {});
  const staff = useQuery('staff.list', {});
  const classes = useQuery('classes.list', yearId ? { yearId } : null);
  const rooms = useQuery('rooms.list', {});
  return {
    yearId,
    subjects: subjects.data ?? [],
    staff: (staff.data ?? []).filter((s) => s.active),
    classes: classes.data ?? [],
    rooms: rooms.data ?? [],
    error: subjects.error ?? staff.error ?? classes.error ?? rooms.error,
  };
}

export function NeedYear({ children }: { children: ReactNode }) {
  const { yearId } = useSession();
  if (!yearId) return <Alert type="info" showIcon title="Сначала создайте учебный год" />;
  return <>{children}</>;
}

export function fileToBase64(file: File): Promise<{ name: string; base64: string }> {
  return new Promise((resolve, reject) => {
    const r = new FileReader();
    r.onload = () => resolve({ name: file.name, base64: String(r.result).replace(/^data:[^,]*,/, '') });
    r.onerror = () => reject(new Error('Не удалось прочитать файл'));
    r.readAsDataURL(file);
  });
}

export function downloadBase64(name: string, base64: string, type: string) {
  const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

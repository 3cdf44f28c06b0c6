import { Cron } from 'croner';
import type { Db } from '../../db';
import type { Schedule } from '../contract/backup';
import { getKey, getSchedule, keyRefusal, lastVerified, listDestinations } from './config';

// The in-app schedule (croner) and the start-up check that the last verified backup is recent enough.
// For a PC where the program is not always open, the OS scheduler runs `school-journal backup create`.

export function cronPattern(s: Schedule): string {
  const [hh, mm] = s.time.split(':').map(Number);
  return `${mm} ${hh} * * ${s.weekdaysOnly ? '1-5' : '*'}`;
}

/** The longest gap the schedule allows between two backups, plus two hours of grace. */
export function allowedAgeMs(s: Schedule): number {
  return ((s.weekdaysOnly ? 72 : 24) + 2) * 3600_000;
}

export function nextRun(s: Schedule, from: Date): Date | null {
  if (!s.enabled) return null;
  return new Cron(cronPattern(s), { paused: true }).nextRun(from);
}

/** Warnings for the administrator at start-up and on the backup screen. Empty when all is well. */
export async function backupWarnings(db: Db, now: Date, roots?: string[]): Promise<string[]> {
  const out: string[] = [];
  const key = await getKey(db);
  const schedule = await getSchedule(db);
  const dests = (await listDestinations(db, roots)).filter((d) => d.enabled);
  if (!key) out.push('Резервное копирование не настроено: не создан ключ резервных копий.');
  else if (!key.confirmedAt)
    out.push(
      'Резервные копии не делаются: не подтверждено, что секретный ключ сохранён. Сохраните файл ключа или лист восстановления и подтвердите это (или создайте новый ключ).',
    );
  if (dests.length === 0) out.push('Не указано, куда записывать резервные копии (носитель или папка).');
  const last = await lastVerified(db);
  if (!last) {
    if (key?.confirmedAt && dests.length) out.push('Ещё нет ни одной проверенной резервной копии.');
  } else if (schedule.enabled) {
    const age = now.getTime() - Date.parse(last.finished_at);
    if (age > allowedAgeMs(schedule)) {
      const days = Math.floor(age / 86_400_000);
      out.push(
        `Последняя проверенная резервная копия сделана ${days >= 1 ? `${days} дн. назад` : `${Math.round(age / 3600_000)} ч назад`} (${new Date(last.finished_at).toLocaleString('ru-RU')}) — это дольше, чем допускает расписание.`,
      );
    }
  }
  const lastScheduled = await db
    .selectFrom('backup_run')
    .selectAll()
    .where('trigger', 'in', ['scheduled', 'cli'])
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (lastScheduled && lastScheduled.status === 'failed')
    out.push(`Последнее плановое копирование не удалось: ${lastScheduled.message || 'причина не записана'}`);
  const missing = dests.filter((d) => !d.connected);
  if (missing.length && dests.length && missing.length === dests.length)
    out.push(`Ни один носитель для резервных копий не подключён (${missing.map((d) => d.label).join(', ')}).`);
  return out;
}

/** Runs `job` by the schedule stored in the database; call reload() after the schedule changes. */
export class BackupScheduler {
  private cron: Cron | null = null;
  constructor(
    private readonly db: () => Db,
    private readonly job: () => Promise<void>,
  ) {}

  async reload(): Promise<void> {
    this.stop();
    const s = await getSchedule(this.db());
    if (!s.enabled) return;
    // The schedule starts only once the key's secret half is known to be saved: until then every copy would be unreadable.
    if (keyRefusal(await getKey(this.db()), 'schedule')) return;
    // protect: a run still going when the next one is due is not started twice.
    this.cron = new Cron(cronPattern(s), { protect: true, catch: (e) => console.error('[backup] scheduled run failed:', e) }, () =>
      this.job(),
    );
  }

  next(): Date | null {
    return this.cron?.nextRun() ?? null;
  }

  stop(): void {
    this.cron?.stop();
    this.cron = null;
  }
}

import { AppError } from '../../db/index';
import {
  confirmKey,
  getKey,
  getRetention,
  getSchedule,
  keyRefusal,
  lastVerified,
  listChecks,
  listDestinations,
  listRuns,
  setRetention,
  setSchedule,
} from './config';
import * as dests from './config';
import { scanVolumes } from './destinations';
import { readIdentities } from './keys';
import { backupError } from './errors';
import * as age from 'age-encryption';
import { listBackups } from './manifest';
import { backupWarnings } from './schedule';
import { createKey, currentJob, mediaRoots, restoreInApp, runDrill, scheduler, startBackup, useRecipient } from './service';
import { getSchool } from '../school/school';
import type { backupSchemas, BackupFileView } from '../contract/backup';
import type { AreaHandlers } from '../kernel/env';

export const backupHandlers: AreaHandlers<keyof typeof backupSchemas> = {
  'backup.status': {
    access: 'backup.manage',
    run: async (c) => {
      const roots = mediaRoots();
      const last = await lastVerified(c.db);
      return {
        key: await getKey(c.db),
        schedule: await getSchedule(c.db),
        retention: await getRetention(c.db),
        nextRun: scheduler(c.env)?.next()?.toISOString() ?? null,
        destinations: await listDestinations(c.db, roots),
        volumes: scanVolumes(roots).map((v) => ({
          root: v.root,
          marked: !!v.marker,
          label: v.marker?.label ?? null,
          free: v.free,
          fat: v.fat,
        })),
        warnings: await backupWarnings(c.db, c.now(), roots),
        job: currentJob(c.env),
        lastVerified: last ? { at: last.finished_at, destination: last.destination, file: last.file } : null,
      };
    },
  },
  'backup.history': { access: 'backup.manage', run: async (c) => ({ runs: await listRuns(c.db), checks: await listChecks(c.db) }) },
  'backup.keygen': {
    access: 'backup.manage',
    run: async (c, i) => {
      const k = await createKey(c, { passphrase: i.passphrase, replace: i.replace });
      await scheduler(c.env)?.reload();
      return {
        recipient: k.recipient,
        identity: k.identity,
        keyFile: k.keyFile,
        keyFileName: k.keyFileName,
        sheetPdfBase64: k.sheet.toString('base64'),
        protectedFile: k.protectedFile,
      };
    },
  },
  'backup.setRecipient': {
    access: 'backup.manage',
    run: async (c, i) => {
      await useRecipient(c, i);
      await scheduler(c.env)?.reload();
      return true as const;
    },
  },
  'backup.confirmKey': {
    access: 'backup.manage',
    run: async (c, i) => {
      let proved = false;
      if (i.keyText) {
        const key = await getKey(c.db);
        const ids = await readIdentities(i.keyText, i.keyPassphrase);
        const recipients = await Promise.all(ids.map((id) => age.identityToRecipient(id)));
        if (!key || !recipients.includes(key.recipient))
          throw backupError('BACKUP_WRONG_KEY', 'Этот секретный ключ не подходит к ключу резервных копий школы: копии им не открыть.');
        proved = true;
      } else if (i.via.length === 0) {
        throw new AppError('INVALID', 'Сначала сохраните ключ: файлом ключа, листом восстановления (PDF) или скопировав его.');
      }
      const key = await confirmKey(c, i.recipient, { via: i.via, proved });
      await scheduler(c.env)?.reload();
      return key;
    },
  },
  'backup.setSchedule': {
    access: 'backup.manage',
    run: async (c, i) => {
      const refusal = i.enabled ? keyRefusal(await getKey(c.db), 'schedule') : null;
      if (refusal) throw backupError('BACKUP_KEY_UNCONFIRMED', refusal);
      await setSchedule(c, { enabled: i.enabled, time: i.time, weekdaysOnly: i.weekdaysOnly });
      await setRetention(c, i.retention);
      await scheduler(c.env)?.reload();
      return true as const;
    },
  },
  'backup.addFolder': { access: 'backup.manage', run: (c, i) => dests.addFolderDestination(c, i) },
  'backup.addDrive': {
    access: 'backup.manage',
    run: async (c, i) => dests.addDriveDestination(c, i, (await getSchool(c))?.shortName ?? '', mediaRoots()),
  },
  'backup.setDestinationEnabled': { access: 'backup.manage', run: (c, i) => dests.setDestinationEnabled(c, i.id, i.enabled) },
  'backup.removeDestination': { access: 'backup.manage', run: (c, i) => dests.removeDestination(c, i.id) },
  'backup.create': {
    access: 'backup.manage',
    run: async (c, i) => {
      // Refused here at once, not only inside the job, so the screen shows why.
      const key = await getKey(c.db);
      const refusal = i.passphrase ? null : keyRefusal(key, 'backup');
      if (refusal) throw backupError(key ? 'BACKUP_KEY_UNCONFIRMED' : 'BACKUP_NO_KEY', refusal);
      return startBackup(c.env, c.actor, { trigger: 'manual', kind: i.kind, passphrase: i.passphrase });
    },
  },
  'backup.progress': { access: 'backup.manage', run: async (c) => currentJob(c.env) },
  'backup.list': {
    access: 'backup.manage',
    run: async (c) => {
      const out: BackupFileView[] = [];
      for (const d of await listDestinations(c.db, mediaRoots())) {
        if (!d.dir) continue;
        for (const b of listBackups(d.dir))
          out.push({
            file: b.file,
            name: b.name,
            destination: d.label,
            bytes: b.bytes,
            createdAt: b.manifest?.createdAt ?? b.mtime,
            kind: b.manifest?.kind ?? null,
            mode: b.manifest?.encryption.mode ?? null,
            schemaVersion: b.manifest?.schemaVersion ?? null,
            hasManifest: !!b.manifest,
          });
      }
      return out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
    },
  },
  'backup.drill': { access: 'backup.manage', run: (c, i) => runDrill(c.env, c.actor, i.file, i) },
  'backup.restore': { access: 'backup.manage', run: (c, i) => restoreInApp(c.env, c.actor, i.file, i) },
};

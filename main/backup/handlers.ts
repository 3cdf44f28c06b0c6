import {
  getKey,
  getRetention,
  getSchedule,
  lastVerified,
  listChecks,
  listDestinations,
  listRuns,
  setRetention,
  setSchedule,
} from './config';
import * as dests from './config';
import { scanVolumes } from './destinations';
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
  'backup.setRecipient': { access: 'backup.manage', run: (c, i) => useRecipient(c, i) },
  'backup.setSchedule': {
    access: 'backup.manage',
    run: async (c, i) => {
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
    run: async (c, i) => startBackup(c.env, c.actor, { trigger: 'manual', kind: i.kind, passphrase: i.passphrase }),
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

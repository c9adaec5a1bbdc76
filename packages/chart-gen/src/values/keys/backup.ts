import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool, int, nonEmpty, resources, scheduling, str, volumeClaim } from '../schemas';

/** `backup`: the CronJob that writes timestamped dumps of the database to a volume. */
export function backup(config: ReleaseConfig): ValueNode {
  const b = config.backup;
  return group(
    'Scheduled backups: a CronJob runs db:backup (backend image) against the bundled or external database and keeps the newest dumps on a PersistentVolumeClaim. Restore with db:restore (docs/deploy.md).',
    {
      enabled: leaf('Create the backup CronJob, its volume and NetworkPolicy.', b.enabled, bool),
      schedule: leaf("Cron schedule (the cluster's time zone).", b.schedule, nonEmpty),
      keep: leaf(
        'Backups kept on the volume; older ones are deleted after each successful run.',
        b.keep,
        int(1, 1000),
      ),
      activeDeadlineSeconds: leaf('Seconds before one run is stopped.', b.activeDeadlineSeconds, int(60)),
      persistence: group('Volume the dumps are written to; kept when the release is uninstalled.', {
        existingClaim: leaf('Use this existing PersistentVolumeClaim instead of creating one.', '', str),
        ...volumeClaim(b.storage),
      }),
      resources: resources('CPU/memory requests and limits of the backup container.', b.resources),
      ...scheduling('the backup pods'),
    },
  );
}

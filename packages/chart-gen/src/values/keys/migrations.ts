import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool, int, resources } from '../schemas';

/** `migrations`: the hook Job that applies the SQL migrations. */
export const migrations = (config: ReleaseConfig): ValueNode =>
  group(
    'Database migrations as a Helm hook Job running the backend image (apps run with MIGRATE_ON_START=false).',
    {
      enabled: leaf('Run the migration Job on install and upgrade.', config.migrations.enabled, bool),
      backoffLimit: leaf(
        'Retries before the Job fails (it retries while the database starts).',
        config.migrations.backoffLimit,
        int(0, 100),
      ),
      activeDeadlineSeconds: leaf(
        'Seconds before the Job is stopped.',
        config.migrations.activeDeadlineSeconds,
        int(30),
      ),
      resources: resources('CPU/memory requests and limits of the Job.', config.migrations.resources),
    },
  );

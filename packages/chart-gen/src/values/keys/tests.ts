import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool } from '../schemas';

/** `tests`: the `helm test` pod. */
export const tests = (config: ReleaseConfig): ValueNode =>
  group(
    'The `helm test` pods: every component ready, sign-up, a task created and read back through the frontend Service, the migration history, then the test user removed.',
    {
      enabled: leaf('Render the test pods.', config.tests.enabled, bool),
    },
  );

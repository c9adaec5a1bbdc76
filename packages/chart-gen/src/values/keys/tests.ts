import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool } from '../schemas';

/** `tests`: the `helm test` pod. */
export const tests = (config: ReleaseConfig): ValueNode =>
  group('The `helm test` pod: checks both Services and the backend readiness.', {
    enabled: leaf('Render the test pod.', config.tests.enabled, bool),
  });

import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { bool, stringMap } from '../schemas';

/** `networkPolicy`: deny by default, then the allows the app needs. */
export const networkPolicy = (config: ReleaseConfig): ValueNode =>
  group('NetworkPolicies: deny by default, then allow only what the app needs.', {
    enabled: leaf('Create the NetworkPolicies.', config.networkPolicy.enabled, bool),
    ingressNamespaceSelector: leaf(
      'Extra namespaces (label selector) allowed to reach the backend, e.g. a Prometheus namespace; empty allows none.',
      {},
      stringMap,
    ),
  });

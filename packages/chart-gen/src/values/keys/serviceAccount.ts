import { group, leaf, type ValueNode } from '../tree';
import { bool, str, stringMap } from '../schemas';

/** `serviceAccount`: the pods' identity (they never call the Kubernetes API). */
export const serviceAccount = (): ValueNode =>
  group('ServiceAccount of the pods (no API token is mounted).', {
    create: leaf('Create a ServiceAccount for the release.', true, bool),
    name: leaf(
      'Name of the ServiceAccount; empty uses the release name (or "default" when create is false).',
      '',
      str,
    ),
    annotations: leaf('Annotations of the ServiceAccount.', {}, stringMap),
  });

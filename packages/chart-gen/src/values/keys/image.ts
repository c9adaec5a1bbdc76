import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type ValueNode } from '../tree';
import { pullPolicy, str } from '../schemas';

/** `image`: registry and pull policy shared by the app images. */
export const image = (config: ReleaseConfig): ValueNode =>
  group('Settings shared by the app images.', {
    registry: leaf(
      'Registry prefixed to the app images (e.g. ghcr.io/acme); empty uses the names as they are.',
      config.images.registry,
      str,
    ),
    pullPolicy: leaf(
      'Pull policy of the app images; Never for images built straight into Minikube.',
      config.images.pullPolicy,
      pullPolicy,
    ),
  });

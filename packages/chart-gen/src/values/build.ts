import type { ReleaseConfig } from '../config/types';
import { aiops } from './keys/aiops';
import { backup } from './keys/backup';
import { commonLabels } from './keys/commonLabels';
import { component } from './keys/component';
import { database } from './keys/database';
import { existingSecret } from './keys/existingSecret';
import { fullnameOverride } from './keys/fullnameOverride';
import { image } from './keys/image';
import { imagePullSecrets } from './keys/imagePullSecrets';
import { ingress } from './keys/ingress';
import { migrations } from './keys/migrations';
import { nameOverride } from './keys/nameOverride';
import { networkPolicy } from './keys/networkPolicy';
import { postgresql } from './keys/postgresql';
import { serviceAccount } from './keys/serviceAccount';
import { tests } from './keys/tests';
import { group, type Group, type ValueNode } from './tree';

/**
 * The full values tree, one file per top-level key under keys/: defaults from the release config, app
 * settings from the env contracts. The order here is the order of values.yaml.
 */
export function buildValues(config: ReleaseConfig): Group {
  const children: Record<string, ValueNode> = {
    nameOverride: nameOverride(),
    fullnameOverride: fullnameOverride(),
    commonLabels: commonLabels(),
    image: image(config),
    imagePullSecrets: imagePullSecrets(),
    serviceAccount: serviceAccount(),
    existingSecret: existingSecret(),
  };
  for (const c of config.components) children[c.key] = component(c);
  Object.assign(children, {
    database: database(config),
    postgresql: postgresql(config),
    migrations: migrations(config),
    backup: backup(config),
    ingress: ingress(config),
    networkPolicy: networkPolicy(config),
    aiops: aiops(config),
    tests: tests(config),
  });
  return group('todo-chatbot values', children);
}

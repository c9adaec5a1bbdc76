import { leaf, type ValueNode } from '../tree';
import { str } from '../schemas';

/** `imagePullSecrets`: Secrets (created by the user) for private registries. */
export const imagePullSecrets = (): ValueNode =>
  leaf('Secrets for pulling from private registries, e.g. [{name: regcred}].', [], {
    type: 'array',
    items: { type: 'object', required: ['name'], properties: { name: str }, additionalProperties: false },
  });

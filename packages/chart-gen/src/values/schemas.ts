import type { HttpProbe, ResourcesConfig } from '../config/types';
import { group, leaf, type Schema, type ValueNode } from './tree';

/** JSON-schema fragments the values files share. */
export const str: Schema = { type: 'string' };
export const nonEmpty: Schema = { type: 'string', minLength: 1 };
export const bool: Schema = { type: 'boolean' };
export const int = (minimum = 0, maximum?: number): Schema => ({
  type: 'integer',
  minimum,
  ...(maximum === undefined ? {} : { maximum }),
});
export const stringMap: Schema = { type: 'object', additionalProperties: { type: 'string' } };
export const object: Schema = { type: 'object' };
export const array: Schema = { type: 'array' };
export const pullPolicy: Schema = { type: 'string', enum: ['IfNotPresent', 'Always', 'Never'] };
export const digest: Schema = { type: 'string', pattern: '^(|sha256:[a-f0-9]{64})$' };

const quantity: Schema = { type: ['string', 'number'] };
const resourceList: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { cpu: quantity, memory: quantity, 'ephemeral-storage': quantity },
};
const resourcesSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  properties: { requests: resourceList, limits: resourceList },
};

/** A container's requests and limits as one leaf. */
export function resources(description: string, r: ResourcesConfig): ValueNode {
  return leaf(description, { requests: { ...r.requests }, limits: { ...r.limits } }, resourcesSchema);
}

/** The tunable timings of an HTTP probe (its path is fixed by the image). */
export function probe(name: string, p: HttpProbe): ValueNode {
  return group(`${name} on ${p.path}.`, {
    periodSeconds: leaf('Seconds between probes.', p.periodSeconds, int(1)),
    timeoutSeconds: leaf('Seconds before one probe times out.', p.timeoutSeconds, int(1)),
    failureThreshold: leaf('Consecutive failures before the probe fails.', p.failureThreshold, int(1)),
  });
}

/** Scheduling leaves every pod has: node selector, tolerations, affinity. */
export function scheduling(of: string): Record<string, ValueNode> {
  return {
    nodeSelector: leaf(`Node selector of ${of}.`, {}, stringMap),
    tolerations: leaf(`Tolerations of ${of}.`, [], array),
    affinity: leaf(`Affinity of ${of}.`, {}, object),
  };
}

/** Size, StorageClass and access modes of a PersistentVolumeClaim the chart creates. */
export function volumeClaim(size: string): Record<string, ValueNode> {
  return {
    size: leaf('Size of the volume.', size, { type: 'string', pattern: '^[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti)$' }),
    storageClass: leaf('StorageClass; empty uses the cluster default.', '', str),
    accessModes: leaf('Access modes of the claim.', ['ReadWriteOnce'], {
      type: 'array',
      items: str,
      minItems: 1,
    }),
  };
}

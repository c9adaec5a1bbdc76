import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type Schema, type ValueNode } from '../tree';
import { bool, str, stringMap } from '../schemas';

const pathSchema: Schema = {
  type: 'object',
  additionalProperties: false,
  required: ['path'],
  properties: {
    path: str,
    pathType: { type: 'string', enum: ['Prefix', 'Exact', 'ImplementationSpecific'] },
  },
};

/** `ingress`: the optional Ingress in front of the public component. */
export const ingress = (config: ReleaseConfig): ValueNode =>
  group('Optional Ingress to the frontend.', {
    enabled: leaf('Create the Ingress.', config.ingress.enabled, bool),
    className: leaf(
      'IngressClass (e.g. nginx for the Minikube addon); empty uses the cluster default.',
      config.ingress.className,
      str,
    ),
    annotations: leaf('Annotations of the Ingress.', {}, stringMap),
    hosts: leaf(
      'Hosts and paths routed to the frontend.',
      [{ host: config.ingress.host, paths: [{ path: '/', pathType: 'Prefix' }] }],
      {
        type: 'array',
        items: {
          type: 'object',
          additionalProperties: false,
          required: ['host'],
          properties: { host: str, paths: { type: 'array', items: pathSchema } },
        },
      },
    ),
    tls: leaf('TLS entries: [{secretName, hosts: [...]}].', [], {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        properties: { secretName: str, hosts: { type: 'array', items: str } },
      },
    }),
  });

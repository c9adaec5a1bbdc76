import type { ReleaseConfig } from '../../config/types';
import { group, leaf, type Schema, type ValueNode } from '../tree';
import { bool, stringMap } from '../schemas';

const cidr: Schema = {
  type: 'string',
  // IPv4 or IPv6 address with a prefix length; Kubernetes checks the address itself.
  pattern: '^([0-9]{1,3}(\\.[0-9]{1,3}){3}/[0-9]{1,2}|[0-9a-fA-F:]+/[0-9]{1,3})$',
};
const ipBlocks: Schema = {
  type: 'array',
  items: {
    type: 'object',
    additionalProperties: false,
    required: ['cidr'],
    properties: { cidr, except: { type: 'array', items: cidr } },
  },
};

/** `networkPolicy`: deny by default, then the allows the app needs. */
export const networkPolicy = (config: ReleaseConfig): ValueNode =>
  group('NetworkPolicies: deny by default, then allow only what the app needs.', {
    enabled: leaf('Create the NetworkPolicies.', config.networkPolicy.enabled, bool),
    ingressNamespaceSelector: leaf(
      'Extra namespaces (label selector) allowed to reach the backend, e.g. a Prometheus namespace; empty allows none.',
      {},
      stringMap,
    ),
    externalEgress: leaf(
      "Address blocks the backend's HTTPS egress (LLM API, Neon) may reach: the internet minus private, shared and link-local ranges (pods, Services, nodes, cloud metadata).",
      config.networkPolicy.externalEgress.map((b) => ({ cidr: b.cidr, except: [...b.except] })),
      ipBlocks,
    ),
    extraEgress: leaf(
      'Extra egress rules (NetworkPolicy egress rule objects) for the backend, e.g. an in-cluster LLM server: [{to: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: llm}}}], ports: [{port: 11434, protocol: TCP}]}].',
      [],
      { type: 'array', items: { type: 'object' } },
    ),
  });

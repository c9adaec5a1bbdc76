import { createRequire } from 'node:module';
import * as k8s from '@kubernetes/client-node';

const require = createRequire(import.meta.url);

export type K8sObject = Record<string, unknown> & {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
};

interface Attr {
  readonly baseName: string;
  readonly type: string;
}
type ModelClass = { getAttributeTypeMap(): Attr[] };

// Custom resources the chart emits, which no Kubernetes model library knows: their fields per kagent's Go
// types (kagent.dev/v1alpha2), enough to catch a misspelt key. Values are the nested type names.
const kagentTypes: Record<string, Record<string, string>> = {
  RemoteMCPServer: {
    apiVersion: 'string',
    kind: 'string',
    metadata: 'V1ObjectMeta',
    spec: 'RemoteMCPServerSpec',
  },
  RemoteMCPServerSpec: {
    description: 'string',
    protocol: 'string',
    url: 'string',
    headersFrom: 'Array<ValueRef>',
    timeout: 'string',
    sseReadTimeout: 'string',
    terminateOnClose: 'boolean',
    allowedNamespaces: 'any',
  },
  ValueRef: { name: 'string', value: 'string', valueFrom: 'ValueSource' },
  ValueSource: { type: 'string', name: 'string', key: 'string' },
  Agent: { apiVersion: 'string', kind: 'string', metadata: 'V1ObjectMeta', spec: 'AgentSpec' },
  AgentSpec: {
    type: 'string',
    description: 'string',
    declarative: 'DeclarativeAgentSpec',
    byo: 'any',
    skills: 'any',
  },
  DeclarativeAgentSpec: {
    systemMessage: 'string',
    systemMessageFrom: 'ValueSource',
    modelConfig: 'string',
    stream: 'boolean',
    tools: 'Array<Tool>',
    a2aConfig: 'any',
    deployment: 'any',
  },
  Tool: { type: 'string', mcpServer: 'McpServerTool', agent: 'any', headersFrom: 'Array<ValueRef>' },
  McpServerTool: {
    kind: 'string',
    apiGroup: 'string',
    name: 'string',
    namespace: 'string',
    toolNames: 'Array<string>',
    allowedHeaders: 'Array<string>',
  },
};

function attributes(type: string): Map<string, string> | undefined {
  const custom = kagentTypes[type];
  if (custom) return new Map(Object.entries(custom));
  const cls = (k8s as unknown as Record<string, ModelClass | undefined>)[type];
  if (!cls || typeof cls.getAttributeTypeMap !== 'function') return undefined;
  return new Map(cls.getAttributeTypeMap().map((a) => [a.baseName, a.type]));
}

const PRIMITIVES = new Set([
  'string',
  'number',
  'boolean',
  'Date',
  'any',
  'object',
  'IntOrString',
  'RuntimeRawExtension',
]);

/** Walks `value` against the client-node model `type`; returns the paths of fields the type does not have. */
export function unknownFields(value: unknown, type: string, path = ''): string[] {
  if (value === null || value === undefined || PRIMITIVES.has(type)) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array) {
    return Array.isArray(value)
      ? value.flatMap((v, i) => unknownFields(v, array[1] as string, `${path}[${i}]`))
      : [];
  }
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) {
    return typeof value === 'object'
      ? Object.entries(value as object).flatMap(([k, v]) =>
          unknownFields(v, map[1] as string, `${path}.${k}`),
        )
      : [];
  }
  const attrs = attributes(type);
  if (!attrs) return [`${path || '.'}: no model for type ${type}`];
  if (typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => {
    const t = attrs.get(k);
    const at = path ? `${path}.${k}` : k;
    return t === undefined ? [`${at}: unknown field`] : unknownFields(v, t, at);
  });
}

/** client-node model name of an object: apps/v1 Deployment → V1Deployment, autoscaling/v2 HPA → V2…. */
export function modelName(obj: K8sObject): string {
  if (kagentTypes[obj.kind] && obj.apiVersion.startsWith('kagent.dev/')) return obj.kind;
  const version = obj.apiVersion.split('/').pop() ?? '';
  return `${version.charAt(0).toUpperCase()}${version.slice(1)}${obj.kind}`;
}

/** Schema errors (kubernetes-models: types, required fields) plus unknown fields (client-node attribute maps). */
export function validateObject(obj: K8sObject): string[] {
  const where = `${obj.kind}/${obj.metadata?.name ?? '?'}`;
  const errors: string[] = [];
  if (!obj.apiVersion.startsWith('kagent.dev/')) {
    const [group, version] = obj.apiVersion.includes('/') ? obj.apiVersion.split('/') : ['', obj.apiVersion];
    const modulePath = `kubernetes-models/${group ? `${group}/` : ''}${version}/${obj.kind}`;
    let Model: (new (data: unknown) => { validate(): void }) | undefined;
    try {
      Model = (require(modulePath) as Record<string, new (data: unknown) => { validate(): void }>)[obj.kind];
    } catch {
      errors.push(`${where}: no Kubernetes schema for ${obj.apiVersion} ${obj.kind}`);
    }
    if (Model) {
      try {
        new Model(obj).validate();
      } catch (err) {
        errors.push(`${where}: ${(err as Error).message}`);
      }
    }
  }
  for (const e of unknownFields(obj, modelName(obj))) errors.push(`${where}: ${e}`);
  return errors;
}

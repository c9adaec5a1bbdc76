import { createRequire } from 'node:module';
import * as k8s from '@kubernetes/client-node';
import {
  KAGENT_AGENT_TYPES,
  KAGENT_MCP_PROTOCOLS,
  KAGENT_VALUE_SOURCE_TYPES,
  type KagentApiVersion,
} from '../config/types';
import { isRecord, type K8sObject } from '../k8s/manifest';

const require = createRequire(import.meta.url);

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

/** The kagent API the tables here describe; the chart's objects must use it (config: aiops.kagent.apiVersion). */
export const KAGENT_API_VERSION: KagentApiVersion = 'kagent.dev/v1alpha2';

/** A cross-field rule over one object of the type (its fields still unknown: the rule checks them). */
type KagentRule = (v: Readonly<Record<string, unknown>>) => string | undefined;

/**
 * What kagent's API server admission enforces on these kinds, from the kubebuilder markers of kagent's Go types
 * (github.com/kagent-dev/kagent go/api/v1alpha2: remotemcpserver_types.go, agent_types.go, common_types.go,
 * 0.10 line): a json field without `omitempty`/`+optional` is required, `+kubebuilder:validation:Enum` lists the
 * allowed values (the enums the release config is typed with), and the `XValidation` CEL rules become the checks
 * below.
 */
const kagentSchema: Record<
  string,
  {
    readonly required?: readonly string[];
    readonly enums?: Readonly<Record<string, readonly string[]>>;
    readonly rules?: readonly KagentRule[];
  }
> = {
  RemoteMCPServer: { required: ['spec'] },
  RemoteMCPServerSpec: {
    required: ['description', 'url'],
    enums: { protocol: KAGENT_MCP_PROTOCOLS },
    rules: [(v) => (typeof v.url === 'string' && v.url.length > 0 ? undefined : 'url must not be empty')],
  },
  ValueRef: {
    required: ['name'],
    rules: [
      (v) =>
        (v.value !== undefined) !== (v.valueFrom !== undefined)
          ? undefined
          : 'exactly one of value or valueFrom must be set',
    ],
  },
  ValueSource: { required: ['type', 'name', 'key'], enums: { type: KAGENT_VALUE_SOURCE_TYPES } },
  Agent: { required: ['spec'] },
  AgentSpec: {
    required: ['type'],
    enums: { type: KAGENT_AGENT_TYPES },
    rules: [
      (v) =>
        (v.type === 'Declarative' && v.declarative) || (v.type === 'BYO' && v.byo)
          ? undefined
          : 'declarative must be set for type Declarative, byo for type BYO',
    ],
  },
  DeclarativeAgentSpec: {
    rules: [
      (v) =>
        v.systemMessage !== undefined && v.systemMessageFrom !== undefined
          ? 'systemMessage and systemMessageFrom exclude each other'
          : undefined,
      (v) => (Array.isArray(v.tools) && v.tools.length > 20 ? 'at most 20 tools' : undefined),
    ],
  },
  Tool: {
    enums: { type: ['McpServer', 'Agent'] },
    rules: [
      (v) =>
        (v.type === 'McpServer') === !!v.mcpServer
          ? undefined
          : 'mcpServer is set exactly for type McpServer',
      (v) => ((v.type === 'Agent') === !!v.agent ? undefined : 'agent is set exactly for type Agent'),
    ],
  },
  McpServerTool: { required: ['name'] },
};

/** Required fields, enums and cross-field rules of a kagent object, walked like `unknownFields`. */
export function kagentSchemaErrors(value: unknown, type: string, path = ''): string[] {
  if (value === null || value === undefined) return [];
  const array = /^Array<(.+)>$/.exec(type);
  if (array)
    return Array.isArray(value)
      ? value.flatMap((v, i) => kagentSchemaErrors(v, array[1] as string, `${path}[${i}]`))
      : [];
  const fields = kagentTypes[type];
  if (!fields || typeof value !== 'object') return [];
  const v = value as Record<string, unknown>;
  const at = (k: string): string => (path ? `${path}.${k}` : k);
  const rules = kagentSchema[type] ?? {};
  const errors: string[] = [];
  for (const k of rules.required ?? []) if (v[k] === undefined) errors.push(`${at(k)}: required`);
  for (const [k, allowed] of Object.entries(rules.enums ?? {}))
    if (v[k] !== undefined && !allowed.includes(v[k] as string))
      errors.push(`${at(k)}: ${JSON.stringify(v[k])} is not one of ${allowed.join(', ')}`);
  for (const rule of rules.rules ?? []) {
    const problem = rule(v);
    if (problem) errors.push(`${path || '.'}: ${problem}`);
  }
  for (const [k, child] of Object.entries(v))
    if (fields[k]) errors.push(...kagentSchemaErrors(child, fields[k], at(k)));
  return errors;
}

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
      ? Object.entries(value).flatMap(([k, v]) => unknownFields(v, map[1] as string, `${path}.${k}`))
      : [];
  }
  const attrs = attributes(type);
  if (!attrs) return [`${path || '.'}: no model for type ${type}`];
  if (!isRecord(value)) return [];
  return Object.entries(value).flatMap(([k, v]) => {
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
  } else if (obj.apiVersion !== KAGENT_API_VERSION) {
    errors.push(`${where}: kagent rules are written for ${KAGENT_API_VERSION}, not ${obj.apiVersion}`);
  } else if (kagentTypes[obj.kind]) {
    for (const e of kagentSchemaErrors(obj, obj.kind)) errors.push(`${where}: ${e}`);
  } else errors.push(`${where}: no kagent schema for ${obj.kind}`);
  for (const e of unknownFields(obj, modelName(obj))) errors.push(`${where}: ${e}`);
  return errors;
}

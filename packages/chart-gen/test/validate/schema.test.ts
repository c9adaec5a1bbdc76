import { describe, expect, it } from 'vitest';
import type { K8sObject } from '../../src/k8s/manifest';
import { modelName, unknownFields, validateObject } from '../../src/validate/schema';

const deployment = (container: Record<string, unknown>): K8sObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'web', image: 'web:1', ...container }] },
    },
  },
});

describe('validateObject', () => {
  it('GIVEN a well-formed Deployment WHEN validated THEN there are no errors', () => {
    expect(validateObject(deployment({ ports: [{ containerPort: 80 }] }))).toEqual([]);
  });

  it('GIVEN a port given as a word WHEN validated THEN the schema error names the field', () => {
    const errors = validateObject(deployment({ ports: [{ containerPort: 'eighty' }] }));
    expect(errors.join('\n')).toMatch(/containerPort must be integer/);
  });

  it('GIVEN a misspelt field WHEN validated THEN it is reported as unknown with its path', () => {
    const errors = validateObject(deployment({ readinesProbe: { httpGet: { path: '/', port: 80 } } }));
    expect(errors).toEqual(['Deployment/web: spec.template.spec.containers[0].readinesProbe: unknown field']);
  });

  it('GIVEN a kind no schema knows WHEN validated THEN that is an error, not a pass', () => {
    const errors = validateObject({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    expect(errors.length).toBeGreaterThan(0);
  });

  it('GIVEN a kagent Agent with a misspelt key WHEN validated THEN the key is reported', () => {
    const agent: K8sObject = {
      apiVersion: 'kagent.dev/v1alpha2',
      kind: 'Agent',
      metadata: { name: 'a' },
      spec: { type: 'Declarative', declarative: { modelConfig: 'm', tool: [] } },
    };
    expect(validateObject(agent)).toEqual(['Agent/a: spec.declarative.tool: unknown field']);
  });
});

describe('unknownFields', () => {
  it('GIVEN free-form label maps WHEN walked THEN any key is accepted', () => {
    expect(unknownFields({ labels: { 'any/key': 'v' }, annotations: { x: 'y' } }, 'V1ObjectMeta')).toEqual(
      [],
    );
  });

  it('GIVEN an autoscaling/v2 HPA WHEN named THEN the V2 model is used', () => {
    expect(
      modelName({ apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' } }),
    ).toBe('V2HorizontalPodAutoscaler');
  });
});

// kagent's own admission rules (kubebuilder markers in kagent-dev/kagent go/api/v1alpha2, 0.10 line): each
// object below is one the API server would refuse, so the chart's objects must never look like it.
describe('kagent schema (v1alpha2)', () => {
  const server = (spec: Record<string, unknown>): K8sObject => ({
    apiVersion: 'kagent.dev/v1alpha2',
    kind: 'RemoteMCPServer',
    metadata: { name: 's' },
    spec: { description: 'd', protocol: 'STREAMABLE_HTTP', url: 'http://b:8080/mcp', ...spec },
  });
  const agent = (spec: Record<string, unknown>): K8sObject => ({
    apiVersion: 'kagent.dev/v1alpha2',
    kind: 'Agent',
    metadata: { name: 'a' },
    spec: { type: 'Declarative', declarative: { modelConfig: 'm' }, ...spec },
  });
  const mcpTool = {
    type: 'McpServer',
    mcpServer: { apiGroup: 'kagent.dev', kind: 'RemoteMCPServer', name: 's' },
  };

  it('GIVEN well-formed objects WHEN validated THEN there are no errors', () => {
    expect(validateObject(server({}))).toEqual([]);
    expect(validateObject(agent({ declarative: { modelConfig: 'm', tools: [mcpTool] } }))).toEqual([]);
  });

  it.each([
    ['no description (a required field)', server({ description: undefined }), 'spec.description: required'],
    ['an empty url', server({ url: '' }), 'url must not be empty'],
    [
      'protocol HTTP (enum SSE, STREAMABLE_HTTP)',
      server({ protocol: 'HTTP' }),
      'spec.protocol: "HTTP" is not one of',
    ],
    [
      'a header from a lower-case "secret" source (enum ConfigMap, Secret)',
      server({
        headersFrom: [{ name: 'Authorization', valueFrom: { type: 'secret', name: 't', key: 'k' } }],
      }),
      'spec.headersFrom[0].valueFrom.type: "secret" is not one of',
    ],
    [
      'a header with neither value nor valueFrom',
      server({ headersFrom: [{ name: 'Authorization' }] }),
      'exactly one of value or valueFrom',
    ],
    [
      'a header source without key',
      server({ headersFrom: [{ name: 'A', valueFrom: { type: 'Secret', name: 't' } }] }),
      'valueFrom.key: required',
    ],
    [
      'agent type Declaritive (enum Declarative, BYO)',
      agent({ type: 'Declaritive' }),
      'spec.type: "Declaritive" is not one of',
    ],
    ['a Declarative agent without declarative', agent({ declarative: undefined }), 'declarative must be set'],
    [
      'a tool of type McpServer without mcpServer',
      agent({ declarative: { tools: [{ type: 'McpServer' }] } }),
      'mcpServer is set exactly for type McpServer',
    ],
    [
      'an MCP tool reference without a name',
      agent({ declarative: { tools: [{ type: 'McpServer', mcpServer: { kind: 'RemoteMCPServer' } }] } }),
      'mcpServer.name: required',
    ],
    [
      'both systemMessage and systemMessageFrom',
      agent({
        declarative: { systemMessage: 'x', systemMessageFrom: { type: 'ConfigMap', name: 'c', key: 'k' } },
      }),
      'exclude each other',
    ],
    ['21 tools (at most 20)', agent({ declarative: { tools: Array(21).fill(mcpTool) } }), 'at most 20 tools'],
  ])('GIVEN a kagent object with %s WHEN validated THEN it is refused', (_, obj, message) => {
    expect(validateObject(obj).join('\n')).toContain(message);
  });

  it('GIVEN a kagent object of another API version WHEN validated THEN it is refused: the rules are for v1alpha2', () => {
    expect(validateObject({ ...agent({}), apiVersion: 'kagent.dev/v1alpha3' }).join('\n')).toMatch(
      /written for kagent\.dev\/v1alpha2/,
    );
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todoChatbot } from '../../src/config/todo-chatbot';
import { objectsOfKind, type K8sObject } from '../../src/k8s/manifest';
import { validateObject } from '../../src/validate/schema';
import { chartOnDisk, render } from '../helpers/render';

let chart: ReturnType<typeof chartOnDisk>;
beforeAll(() => (chart = chartOnDisk()));
afterAll(() => chart.dispose());

const { agent } = todoChatbot.aiops.kagent;
const kagentObjects = (values: Record<string, unknown>): K8sObject[] =>
  render(chart.dir, 'todo', { aiops: { kagent: { enabled: true, ...values } } }).filter((o) =>
    o.apiVersion.startsWith('kagent.dev/'),
  );
const agentOf = (objs: K8sObject[]) => objectsOfKind(objs, 'Agent')[0];
const toolsOf = (objs: K8sObject[], server: string): readonly string[] | undefined =>
  agentOf(objs)?.spec.declarative?.tools?.find((t) => t.mcpServer?.name === server)?.mcpServer?.toolNames;

describe('kagent Agent and RemoteMCPServer', () => {
  it('GIVEN kagent on with defaults WHEN rendered THEN the Agent may call only the read tools of the app', () => {
    const objs = kagentObjects({});

    expect(objs.map((o) => o.kind).sort()).toEqual(['Agent', 'RemoteMCPServer']);
    expect(toolsOf(objs, 'todo-mcp')).toEqual(['list_tasks', 'recent_activity']);
    const prompt = agentOf(objs)?.spec.declarative?.systemMessage;
    expect(prompt).toMatch(/cannot change tasks/);
  });

  it('GIVEN aiops.kagent.writeTools=true WHEN rendered THEN the write tools are listed after the read tools', () => {
    const objs = kagentObjects({ writeTools: true });

    expect(toolsOf(objs, 'todo-mcp')).toEqual([...agent.appTools.read, ...agent.appTools.write]);
  });

  it('GIVEN aiops.kagent.metricsTools=true WHEN rendered THEN the Prometheus tools join the Kubernetes ones', () => {
    expect(toolsOf(kagentObjects({}), 'kagent-tool-server')).toEqual(agent.k8sTools);
    expect(toolsOf(kagentObjects({ metricsTools: true }), 'kagent-tool-server')).toEqual([
      ...agent.k8sTools,
      ...agent.metricsTools,
    ]);
  });

  it.each([{}, { writeTools: true, metricsTools: true }, { k8sToolServer: '' }])(
    "GIVEN kagent values %j WHEN rendered THEN both objects satisfy kagent's v1alpha2 schema",
    (values) => {
      for (const o of kagentObjects(values)) expect(validateObject(o)).toEqual([]);
    },
  );

  it('GIVEN the RemoteMCPServer WHEN rendered THEN it reads the token from the Secret in the kagent namespace', () => {
    const server = objectsOfKind(kagentObjects({}), 'RemoteMCPServer')[0];

    expect(server?.metadata.namespace).toBe('kagent');
    expect(server?.spec.url).toBe('http://todo-backend.default.svc.cluster.local:8080/mcp');
    expect(server?.spec.headersFrom).toEqual([
      { name: 'Authorization', valueFrom: { type: 'Secret', name: 'todo-mcp-token', key: 'authorization' } },
    ]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todoChatbot } from '../../src/config/todo-chatbot';
import {
  getObject,
  objectsOfKind,
  type K8sObject,
  type NetworkPolicy,
  type NetworkPolicyRule,
} from '../../src/k8s/manifest';
import { chartOnDisk, render, templateWithSet } from '../helpers/render';

let chart: ReturnType<typeof chartOnDisk>;
beforeAll(() => (chart = chartOnDisk()));
afterAll(() => chart.dispose());

const policy = (objs: K8sObject[], name: string): NetworkPolicy => getObject(objs, 'NetworkPolicy', name);
const egressOf = (objs: K8sObject[], name: string): readonly NetworkPolicyRule[] =>
  policy(objs, name).spec.egress ?? [];
const opens = (rule: NetworkPolicyRule, port: number): boolean =>
  (rule.ports ?? []).some((p) => p.port === port);
const CLOSED = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', '169.254.0.0/16'];
const namespacePeers = (p: NetworkPolicy) =>
  (p.spec.ingress ?? []).flatMap((r) => (r.from ?? []).filter((f) => f.namespaceSelector));

describe('backend egress', () => {
  it.each([
    ['the bundled database', {}],
    [
      'an external database (Neon uses 443 too)',
      { database: { mode: 'external', url: 'postgres://u:p@x.neon.tech/db' } },
    ],
  ])(
    'GIVEN %s WHEN rendered THEN every rule opening 443 reaches only addresses outside the private and metadata ranges',
    (_, values) => {
      const egress = egressOf(render(chart.dir, 'todo', values), 'todo-backend');

      const https = egress.filter((r) => opens(r, 443));
      expect(https).toHaveLength(1);
      expect(https[0]?.to).toEqual([{ ipBlock: { cidr: '0.0.0.0/0', except: CLOSED } }]);
    },
  );

  it('GIVEN an external Neon database and backups WHEN rendered THEN the database Jobs reach 443 only outside the cluster too', () => {
    const objs = render(chart.dir, 'todo', {
      database: { mode: 'external', url: 'postgres://u:p@x.neon.tech/db' },
      backup: { enabled: true },
    });

    for (const name of ['todo-migrations', 'todo-backup']) {
      const https = egressOf(objs, name).filter((r) => opens(r, 443));
      expect(https, name).toEqual([
        { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: CLOSED } }], ports: [{ port: 443, protocol: 'TCP' }] },
      ]);
    }
  });

  it('GIVEN an external database WHEN rendered THEN 5432 stays open to any address (it may be in a private network)', () => {
    const objs = render(chart.dir, 'todo', {
      database: { mode: 'external', url: 'postgres://u:p@10.1.2.3/db' },
    });

    const pg = egressOf(objs, 'todo-backend').filter((r) => opens(r, 5432));
    expect(pg).toEqual([{ ports: [{ port: 5432, protocol: 'TCP' }] }]);
  });

  it('GIVEN an in-cluster LLM server in values WHEN rendered THEN its rule is added and the external-only rule kept', () => {
    const llm = {
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'llm' } } }],
      ports: [{ port: 11434, protocol: 'TCP' }],
    };
    const egress = egressOf(
      render(chart.dir, 'todo', { networkPolicy: { extraEgress: [llm] } }),
      'todo-backend',
    );

    expect(egress).toContainEqual(llm);
    expect(egress.filter((r) => opens(r, 443))[0]?.to?.[0]?.ipBlock?.except).toEqual(CLOSED);
  });

  it('GIVEN externalEgress that is not a CIDR WHEN rendered THEN the values schema refuses it', () => {
    const res = templateWithSet(chart.dir, ['networkPolicy.externalEgress[0].cidr=anywhere']);

    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/externalEgress/);
  });

  it('GIVEN the release config WHEN read THEN every except range lies inside its cidr (Kubernetes rejects others)', () => {
    const inside = (outer: string, inner: string): boolean => {
      const toInt = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0);
      const [oIp, oBits] = outer.split('/');
      const [iIp, iBits] = inner.split('/');
      const mask = Number(oBits) === 0 ? 0 : 2 ** 32 - 2 ** (32 - Number(oBits));
      const and = (a: number, b: number) => Number(BigInt(a) & BigInt(b));
      return Number(iBits) >= Number(oBits) && and(toInt(iIp!), mask) === and(toInt(oIp!), mask);
    };
    for (const block of todoChatbot.networkPolicy.externalEgress)
      for (const e of block.except) expect(inside(block.cidr, e), `${e} in ${block.cidr}`).toBe(true);
  });
});

describe('kagent access to the MCP endpoint', () => {
  it('GIVEN kagent objects rendered WHEN the policies are read THEN only the backend admits the kagent namespace, on its http port', () => {
    const objs = render(chart.dir, 'todo', { aiops: { kagent: { enabled: true, namespace: 'ai' } } });

    const rules = (policy(objs, 'todo-backend').spec.ingress ?? []).filter((r) =>
      (r.from ?? []).some((f) => f.namespaceSelector),
    );
    expect(rules).toEqual([
      {
        from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ai' } } }],
        ports: [{ port: 'http', protocol: 'TCP' }],
      },
    ]);
    // The named port is the one the RemoteMCPServer's URL reaches through the Service.
    const deployment = getObject(objs, 'Deployment', 'todo-backend');
    const port = getObject(objs, 'Service', 'todo-backend').spec.ports?.[0];
    const server = objectsOfKind(objs, 'RemoteMCPServer')[0];
    expect(port?.targetPort).toBe('http');
    expect(deployment.spec.template.spec.containers[0]?.ports?.[0]?.name).toBe('http');
    expect(server?.spec.url).toContain(`:${port?.port}/mcp`);
    for (const other of ['todo-frontend', 'todo-postgresql'])
      expect(JSON.stringify(policy(objs, other))).not.toContain('"ai"');
  });

  it('GIVEN kagent off and no CRDs WHEN rendered THEN no namespace may reach the backend', () => {
    expect(namespacePeers(policy(render(chart.dir, 'todo', {}), 'todo-backend'))).toEqual([]);
  });

  it('GIVEN the kagent CRDs installed WHEN rendered THEN the objects and the namespace rule appear together', () => {
    const objs = render(chart.dir, 'todo', {}, [
      '--api-versions',
      `${todoChatbot.aiops.kagent.apiVersion}/RemoteMCPServer`,
      '--api-versions',
      `${todoChatbot.aiops.kagent.apiVersion}/Agent`,
    ]);

    expect(objs.filter((o) => o.apiVersion.startsWith('kagent.dev/'))).toHaveLength(2);
    expect(namespacePeers(policy(objs, 'todo-backend'))).toHaveLength(1);
  });
});

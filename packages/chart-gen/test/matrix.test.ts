import { join } from 'node:path';
import { backendEnv, frontendEnv, parseEnv } from '@todo/shared/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { helm, helmTemplate } from '../src/helm/helm';
import { matrix } from '../src/matrix';
import * as policy from '../src/validate/policy';
import * as rules from '../src/validate/helm-rules';
import { GRACE_MARGIN_SECONDS } from '../src/chart/views';
import { getObject, isKind, isWorkload, parseObjects, type K8sObject } from '../src/k8s/manifest';
import { validateObject } from '../src/validate/schema';
import { chartOnDisk } from './helpers/render';

// The migration and backup Jobs are left out on purpose: they get only the database settings
// (test/chart/migrations.test.ts, test/chart/backup.test.ts).
const contracts = { backend: backendEnv, frontend: frontendEnv };

let chart: ReturnType<typeof chartOnDisk>;
const rendered = new Map<string, K8sObject[]>();
const renderedAgain = new Map<string, K8sObject[]>();

beforeAll(() => {
  chart = chartOnDisk();
  for (const c of matrix) {
    const once = () =>
      parseObjects(helmTemplate(chart.dir, c.release, ['-f', join(chart.dir, 'ci', c.file)]));
    rendered.set(c.file, once());
    renderedAgain.set(c.file, once());
  }
});
afterAll(() => chart.dispose());

const objectsOf = (file: string): K8sObject[] => rendered.get(file) ?? [];

describe.each(matrix.map((c) => [c.file, c] as const))('GIVEN the values file ci/%s', (file, c) => {
  it('WHEN helm lint --strict runs THEN it passes', () => {
    const res = helm(['lint', '--strict', chart.dir, '-f', join(chart.dir, 'ci', file)]);
    expect(res.stderr + res.stdout).toContain('0 chart(s) failed');
    expect(res.status).toBe(0);
  });

  it('WHEN rendered THEN every object is valid against the Kubernetes schemas with no unknown fields', () => {
    const objs = objectsOf(file);
    expect(objs.length).toBeGreaterThan(10);
    expect(objs.flatMap(validateObject)).toEqual([]);
  });

  it('WHEN rendered THEN every pod meets the restricted Pod Security Standard', () => {
    const sources = policy.podSources(objectsOf(file));
    expect(sources.length).toBeGreaterThanOrEqual(3);
    expect(policy.checkRestrictedPss(sources)).toEqual([]);
  });

  it('WHEN rendered THEN every container has probes (long-running) and resources', () => {
    expect(policy.checkProbesAndResources(policy.podSources(objectsOf(file)))).toEqual([]);
  });

  it('WHEN rendered THEN selectors only use name/instance and every Service/PDB/HPA targets what the release renders', () => {
    expect(policy.checkSelectors(objectsOf(file))).toEqual([]);
    expect(policy.checkReferences(objectsOf(file))).toEqual([]);
  });

  it('WHEN rendered THEN every env var resolves and no secret is in plain text', () => {
    const existing = (c.values as { existingSecret?: string }).existingSecret;
    expect(policy.checkEnvResolvable(objectsOf(file), existing ? [existing] : [])).toEqual([]);
    expect(policy.checkNoPlaintextSecrets(objectsOf(file), [backendEnv, frontendEnv])).toEqual([]);
  });

  it('WHEN rendered THEN each app gets exactly the variables its env contract declares', () => {
    expect(policy.checkEnvCoverage(objectsOf(file), contracts)).toEqual([]);
  });

  it('WHEN installed THEN no pre-install hook pod needs an object that only exists after pre-install', () => {
    const v = c.values as {
      existingSecret?: string;
      imagePullSecrets?: { name: string }[];
      serviceAccount?: { create?: boolean; name?: string };
    };
    const user = {
      secrets: [
        ...(v.existingSecret ? [v.existingSecret] : []),
        ...(v.imagePullSecrets ?? []).map((s) => s.name),
      ],
      serviceAccounts:
        v.serviceAccount?.create === false && v.serviceAccount.name ? [v.serviceAccount.name] : [],
    };
    expect(rules.checkPreInstallReferences(objectsOf(file), user)).toEqual([]);
  });

  it('WHEN sent to the API server THEN no field it requires to be positive is 0', () => {
    expect(rules.checkPositiveFields(objectsOf(file))).toEqual([]);
  });

  it('WHEN rendered twice THEN checksum annotations agree, and generated secrets survive uninstall', () => {
    expect(rules.checkStableChecksums(objectsOf(file), renderedAgain.get(file) ?? [])).toEqual([]);
    expect(rules.checkGeneratedSecretsKept(objectsOf(file), renderedAgain.get(file) ?? [])).toEqual([]);
  });

  it('WHEN tested THEN helm test --logs can read every test pod', () => {
    expect(rules.checkTestLogsReadable(objectsOf(file))).toEqual([]);
  });

  it('WHEN a pod stops THEN its grace period covers preStop plus the app shutdown with margin', () => {
    expect(rules.checkGracePeriods(objectsOf(file), 'SHUTDOWN_TIMEOUT_MS', GRACE_MARGIN_SECONDS)).toEqual([]);
  });

  it('WHEN rendered THEN every resource name carries the release name', () => {
    const names = objectsOf(file).map((o) => o.metadata.name);
    for (const n of names) expect(n.startsWith(c.release)).toBe(true);
  });
});

describe('GIVEN the default values', () => {
  const objs = () => objectsOf('default-values.yaml');

  it('WHEN the apps parse the environment the chart gives them THEN both start in production mode', () => {
    const secret = getObject(objs(), 'Secret', 'todo');
    const secretEnv = Object.fromEntries(
      Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]),
    );
    const backend = parseEnv(backendEnv, {
      ...getObject(objs(), 'ConfigMap', 'todo-backend').data,
      ...secretEnv,
    });
    expect(backend.NODE_ENV).toBe('production');
    expect(backend.MIGRATE_ON_START).toBe(false);
    expect(backend.DATABASE_URL).toMatch(/^postgres:\/\/todo:[A-Za-z0-9]{32}@todo-postgresql:5432\/todo$/);
    expect(backend.BETTER_AUTH_SECRET?.length).toBe(48);
    const frontend = parseEnv(frontendEnv, getObject(objs(), 'ConfigMap', 'todo-frontend').data ?? {});
    expect(frontend.BACKEND_URL).toBe('http://todo-backend:8080');
    expect(frontend.HOSTNAME).toBe('0.0.0.0');
  });

  it('WHEN rendered THEN the frontend is a LoadBalancer, the backend ClusterIP, and Postgres keeps data in a PVC', () => {
    expect(getObject(objs(), 'Service', 'todo-frontend').spec.type).toBe('LoadBalancer');
    expect(getObject(objs(), 'Service', 'todo-backend').spec.type).toBe('ClusterIP');
    const pg = getObject(objs(), 'StatefulSet', 'todo-postgresql');
    expect(pg.spec.volumeClaimTemplates?.[0]?.spec.resources?.requests?.storage).toBe('1Gi');
  });

  it('WHEN rendered THEN Deployments roll with maxUnavailable 0, a preStop delay and config/secret checksums', () => {
    const backend = getObject(objs(), 'Deployment', 'todo-backend');
    expect(backend.spec.strategy?.rollingUpdate?.maxUnavailable).toBe(0);
    expect(backend.spec.template.spec.containers[0]?.lifecycle?.preStop?.exec?.command?.[0]).toBe('node');
    expect(Object.keys(backend.spec.template.metadata?.annotations ?? {})).toEqual([
      'checksum/config',
      'checksum/secret',
    ]);
    expect(backend.spec.replicas).toBe(2);
  });

  it('WHEN rendered THEN migrations run in a hook Job after install (the bundled database must exist first)', () => {
    const job = getObject(objs(), 'Job', 'todo-migrations');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('post-install,pre-upgrade');
    expect(job.spec.template.spec.containers[0]?.command).toEqual(['node', 'dist/migrate.js']);
  });

  it('WHEN rendered THEN no HPA, Ingress or kagent object exists (all off by default)', () => {
    const kinds = new Set(objs().map((o) => o.kind));
    for (const k of ['HorizontalPodAutoscaler', 'Ingress', 'Agent', 'RemoteMCPServer'])
      expect(kinds.has(k)).toBe(false);
  });

  it('WHEN the templates are read THEN no checksum hashes random or looked-up input, and the Secret reuses stored values', () => {
    const templates = new Map([...chart.files].filter(([p]) => p.startsWith('templates/')));
    expect(rules.checkChecksumInputs(templates)).toEqual([]);
    expect(templates.get('templates/secret.yaml')).toMatch(
      /lookup "v1" "Secret" \.Release\.Namespace \$name/,
    );
  });

  it('WHEN rendered twice THEN only the generated secrets differ', () => {
    const again = parseObjects(
      helmTemplate(chart.dir, 'todo', ['-f', join(chart.dir, 'ci/default-values.yaml')]),
    );
    const strip = (list: K8sObject[]) =>
      JSON.stringify(
        list.map((o) =>
          isKind(o, 'Secret')
            ? { ...o, data: Object.keys(o.data ?? {}) }
            : isWorkload(o) && o.spec.template.metadata?.annotations?.['checksum/secret']
              ? {
                  ...o,
                  spec: {
                    ...o.spec,
                    template: {
                      ...o.spec.template,
                      metadata: { ...o.spec.template.metadata, annotations: {} },
                    },
                  },
                }
              : o,
        ),
      );
    expect(strip(again)).toBe(strip(objs()));
  });
});

describe('GIVEN the other matrix cases', () => {
  it('WHEN Neon comes from existingSecret THEN no Secret or Postgres is rendered and migrations run pre-install', () => {
    const objs = objectsOf('external-neon-values.yaml');
    expect(objs.some((o) => o.kind === 'Secret' || o.kind === 'StatefulSet')).toBe(false);
    expect(getObject(objs, 'Job', 'todo-migrations').metadata.annotations?.['helm.sh/hook']).toBe(
      'pre-install,pre-upgrade',
    );
    const env = getObject(objs, 'Deployment', 'todo-backend').spec.template.spec.containers[0]?.env ?? [];
    expect(env.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef?.name).toBe('todo-secrets');
    const egress = (getObject(objs, 'NetworkPolicy', 'todo-backend').spec.egress ?? []).flatMap((r) =>
      (r.ports ?? []).map((p) => p.port),
    );
    expect(egress).toEqual(expect.arrayContaining([443, 5432]));
  });

  it('WHEN autoscaling is on THEN HPAs exist and the Deployments omit replicas', () => {
    const objs = objectsOf('autoscaling-values.yaml');
    const hpa = getObject(objs, 'HorizontalPodAutoscaler', 'todo-backend');
    expect(hpa.spec.metrics?.map((m) => m.resource?.name)).toEqual(['cpu', 'memory']);
    expect(getObject(objs, 'Deployment', 'todo-frontend').spec.replicas).toBeUndefined();
  });

  it('WHEN ingress is on THEN it routes the host to the frontend Service with TLS', () => {
    const ing = getObject(objectsOf('ingress-values.yaml'), 'Ingress', 'todo');
    expect(ing.spec.ingressClassName).toBe('nginx');
    expect(ing.spec.rules?.[0]?.http?.paths[0]?.backend.service?.name).toBe('todo-frontend');
    expect(ing.spec.tls?.[0]?.secretName).toBe('todo-tls');
  });

  it('WHEN ingress is on THEN the frontend trusts exactly the one proxy in front of it for the client address', () => {
    const hops = (file: string) =>
      parseEnv(frontendEnv, getObject(objectsOf(file), 'ConfigMap', 'todo-frontend').data ?? {})
        .TRUST_PROXY_HOPS;
    expect(hops('ingress-values.yaml')).toBe(1);
    expect(hops('default-values.yaml')).toBe(0);
  });

  it('WHEN externalTrafficPolicy is Local on a NodePort frontend THEN its Service keeps client addresses and the default leaves the field out', () => {
    expect(
      getObject(objectsOf('pull-never-values.yaml'), 'Service', 'todo-frontend').spec.externalTrafficPolicy,
    ).toBe('Local');
    expect(
      getObject(objectsOf('default-values.yaml'), 'Service', 'todo-frontend').spec.externalTrafficPolicy,
    ).toBe(undefined);
  });

  it('WHEN pullPolicy is Never THEN every app container uses it', () => {
    const containers = policy
      .podSources(objectsOf('pull-never-values.yaml'))
      .flatMap((s) => s.spec.containers)
      .filter((c) => c.image?.startsWith('todo-'));
    expect(containers.map((c) => c.imagePullPolicy)).toEqual(containers.map(() => 'Never'));
  });

  it('WHEN kagent is on THEN a RemoteMCPServer points at the backend /mcp with its token from a Secret', () => {
    const objs = objectsOf('kagent-values.yaml');
    const mcp = getObject(objs, 'RemoteMCPServer', 'todo-mcp');
    expect(mcp.spec.url).toBe('http://todo-backend.default.svc.cluster.local:8080/mcp');
    expect(mcp.spec.headersFrom?.[0]?.valueFrom).toEqual({
      type: 'Secret',
      name: 'todo-mcp-token',
      key: 'authorization',
    });
    const agent = getObject(objs, 'Agent', 'todo-agent');
    expect(agent.spec.declarative?.tools?.[0]?.mcpServer?.name).toBe('todo-mcp');
  });

  it('WHEN the release has another name THEN BACKEND_URL follows the release backend Service', () => {
    const objs = objectsOf('custom-release-values.yaml');
    expect(getObject(objs, 'ConfigMap', 'acme-tasks-prod-frontend').data?.BACKEND_URL).toBe(
      'http://acme-tasks-prod-backend:8080',
    );
    expect(
      getObject(objs, 'Deployment', 'acme-tasks-prod-backend').spec.template.spec.containers[0]?.image,
    ).toBe('registry.example.com/acme/todo-backend:0.1.0');
    expect(objs.some((o) => o.kind === 'NetworkPolicy')).toBe(false);
  });

  it('WHEN image.registry is set THEN it prefixes the app images only, never Postgres', () => {
    const objs = objectsOf('custom-release-values.yaml');
    const pg = getObject(objs, 'StatefulSet', 'acme-tasks-prod-postgresql');
    expect(pg.spec.template.spec.containers[0]?.image).toBe('postgres:15-alpine');
    const cleanup = getObject(objs, 'Pod', 'acme-tasks-prod-tests-cleanup');
    expect(cleanup.spec.containers[0]?.image).toBe('postgres:15-alpine');
  });

  it('WHEN migrations run pre-install (Neon) THEN their ServiceAccount is a pre-install hook created first', () => {
    const objs = objectsOf('external-neon-values.yaml');
    const job = getObject(objs, 'Job', 'todo-migrations');
    const sa = getObject(objs, 'ServiceAccount', job.spec.template.spec.serviceAccountName ?? 'default');
    expect(sa.metadata.annotations?.['helm.sh/hook']).toBe('pre-install,pre-upgrade');
    expect(Number(sa.metadata.annotations?.['helm.sh/hook-weight'])).toBeLessThan(
      Number(job.metadata.annotations?.['helm.sh/hook-weight']),
    );
  });
});

import { backendEnv } from '@todo/shared/env';
import { describe, expect, it } from 'vitest';
import {
  checkEnvCoverage,
  checkEnvResolvable,
  checkNoPlaintextSecrets,
  checkProbesAndResources,
  checkReferences,
  checkRestrictedPss,
  checkSelectors,
  podSources,
} from '../../src/validate/policy';
import type { Container, Deployment, K8sObject, PodSpec, StringMap } from '../../src/k8s/manifest';

const labels = { 'app.kubernetes.io/name': 'web', 'app.kubernetes.io/instance': 'r' };
const probe = { httpGet: { path: '/', port: 80 } };
const goodContainer = (): Container => ({
  name: 'web',
  image: 'web:1',
  ports: [{ name: 'http', containerPort: 80 }],
  startupProbe: probe,
  livenessProbe: probe,
  readinessProbe: probe,
  resources: { requests: { cpu: '10m', memory: '10Mi' }, limits: { memory: '20Mi' } },
  securityContext: {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  },
});
/** A compliant Deployment; `pod` and `container` override fields of its pod spec and of its one container. */
const deployment = ({
  pod = {},
  container = {},
  selector = labels,
}: { pod?: Partial<PodSpec>; container?: Partial<Container>; selector?: StringMap } = {}): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: {
    replicas: 1,
    selector: { matchLabels: { ...selector } },
    template: {
      metadata: { labels: { ...labels, 'app.kubernetes.io/version': '1' } },
      spec: {
        automountServiceAccountToken: false,
        securityContext: {
          runAsNonRoot: true,
          runAsUser: 10001,
          seccompProfile: { type: 'RuntimeDefault' },
        },
        containers: [{ ...goodContainer(), ...container }],
        ...pod,
      },
    },
  },
});
const service = (selector: Record<string, string>): K8sObject => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web' },
  spec: { selector, ports: [{ port: 80, targetPort: 'http' }] },
});

describe('checkRestrictedPss', () => {
  it('GIVEN a compliant pod WHEN checked THEN it passes', () => {
    expect(checkRestrictedPss(podSources([deployment()]))).toEqual([]);
  });

  it('GIVEN a root, writable, escalating container WHEN checked THEN each breach is reported', () => {
    const errors = checkRestrictedPss(
      podSources([
        deployment({
          pod: { securityContext: {}, automountServiceAccountToken: undefined },
          container: { securityContext: {} },
        }),
      ]),
    );
    for (const what of [
      'runAsNonRoot',
      'runAsUser',
      'seccompProfile',
      'allowPrivilegeEscalation',
      'drop ALL',
      'writable',
      'token',
    ]) {
      expect(errors.join('\n')).toContain(what);
    }
  });
});

describe('checkProbesAndResources', () => {
  it('GIVEN a container without readiness probe and limits WHEN checked THEN both are reported', () => {
    const errors = checkProbesAndResources(
      podSources([
        deployment({
          container: { readinessProbe: undefined, resources: { requests: { cpu: '10m', memory: '10Mi' } } },
        }),
      ]),
    );
    expect(errors).toEqual([
      'Deployment/web container web: no readinessProbe',
      'Deployment/web container web: no memory limit',
    ]);
  });
});

describe('checkSelectors and checkReferences', () => {
  it('GIVEN a selector on the version label WHEN checked THEN it is rejected (it changes on upgrade)', () => {
    const errors = checkSelectors([
      deployment({ selector: { ...labels, 'app.kubernetes.io/version': '1' } }),
    ]);
    expect(errors).toEqual(['Deployment/web: selector selects on app.kubernetes.io/version']);
  });

  it('GIVEN a Service whose selector matches no pod WHEN checked THEN it is reported', () => {
    expect(checkReferences([deployment(), service({ 'app.kubernetes.io/name': 'api' })])).toEqual([
      'Service/web: selects no pods of the release',
    ]);
    expect(checkReferences([deployment(), service(labels)])).toEqual([]);
  });
});

describe('checkEnvResolvable', () => {
  const withSecretRef = (optional: boolean) =>
    deployment({
      container: {
        env: [
          {
            name: 'TOKEN',
            valueFrom: { secretKeyRef: { name: 'creds', key: 'TOKEN', ...(optional ? { optional } : {}) } },
          },
        ],
      },
    });

  it('GIVEN a required key of a Secret the release does not render WHEN checked THEN it is reported', () => {
    expect(checkEnvResolvable([withSecretRef(false)], [])).toEqual([
      'Deployment/web container web: TOKEN reads Secret creds, which is not rendered',
    ]);
  });

  it('GIVEN the same key from an existingSecret or marked optional WHEN checked THEN it passes', () => {
    expect(checkEnvResolvable([withSecretRef(false)], ['creds'])).toEqual([]);
    expect(checkEnvResolvable([withSecretRef(true)], [])).toEqual([]);
  });
});

describe('checkNoPlaintextSecrets', () => {
  const configMap = (data: Record<string, string>): K8sObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'cfg' },
    data,
  });

  it('GIVEN a ConfigMap holding a secret variable or a password URL WHEN checked THEN both are reported', () => {
    const errors = checkNoPlaintextSecrets(
      [configMap({ BETTER_AUTH_SECRET: 'x', OTHER: 'postgres://u:pw@db/x' })],
      [backendEnv],
    );
    expect(errors).toEqual([
      'ConfigMap/cfg: secret variable BETTER_AUTH_SECRET in plain text',
      'ConfigMap/cfg: OTHER holds a URL with a password',
    ]);
  });

  it('GIVEN a Secret value copied into a ConfigMap WHEN checked THEN it is reported', () => {
    const secret: K8sObject = {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's' },
      data: { K: Buffer.from('s3cr3t-value').toString('base64') },
    };
    expect(checkNoPlaintextSecrets([secret, configMap({ NOTE: 'key is s3cr3t-value' })], [])).toEqual([
      'ConfigMap/cfg: NOTE holds a Secret value',
    ]);
  });
});

describe('checkEnvCoverage', () => {
  const spec = {
    A: { schema: backendEnv.HOST.schema, description: 'a' },
    B: { schema: backendEnv.HOST.schema, description: 'b' },
  };

  it('GIVEN a container missing one contract variable and setting one extra WHEN checked THEN both are reported', () => {
    const d = deployment({
      container: {
        env: [
          { name: 'A', value: '1' },
          { name: 'C', value: '1' },
        ],
      },
    });
    expect(checkEnvCoverage([d], { web: spec })).toEqual([
      'Deployment/web container web: B not provided',
      'Deployment/web container web: C is set but the app does not read it',
    ]);
  });

  it('GIVEN variables loaded whole from a ConfigMap WHEN checked THEN its keys count as provided', () => {
    const cm: K8sObject = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'cfg' },
      data: { A: '1', B: '2' },
    };
    const d = deployment({ container: { envFrom: [{ configMapRef: { name: 'cfg' } }] } });
    expect(checkEnvCoverage([d, cm], { web: spec })).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import {
  checkChecksumInputs,
  checkGeneratedSecretsKept,
  checkGracePeriods,
  checkPositiveFields,
  checkPreInstallReferences,
  checkStableChecksums,
  checkTestLogsReadable,
  checkWaitSatisfiable,
  helmWaits,
} from '../../src/validate/helm-rules';
import type { K8sObject, StringMap } from '../../src/k8s/manifest';

const obj = (kind: string, name: string, extra: Record<string, unknown> = {}): K8sObject => ({
  apiVersion: 'v1',
  kind,
  metadata: { name },
  ...extra,
});
const hook = (o: K8sObject, events: string, weight = '0', policy = 'before-hook-creation'): K8sObject => ({
  ...o,
  metadata: {
    ...o.metadata,
    annotations: {
      'helm.sh/hook': events,
      'helm.sh/hook-weight': weight,
      'helm.sh/hook-delete-policy': policy,
    },
  },
});
const job = (sa: string, secret = 'db'): K8sObject =>
  obj('Job', 'migrations', {
    spec: {
      activeDeadlineSeconds: 600,
      template: {
        spec: {
          serviceAccountName: sa,
          containers: [
            { name: 'm', env: [{ name: 'URL', valueFrom: { secretKeyRef: { name: secret, key: 'URL' } } }] },
          ],
        },
      },
    },
  });
const noUser = { secrets: [], serviceAccounts: [] };

describe('checkPreInstallReferences', () => {
  it('GIVEN a pre-install Job using the release ServiceAccount (an ordinary resource) WHEN checked THEN it is reported', () => {
    const objects = [obj('ServiceAccount', 'todo'), hook(job('todo'), 'pre-install,pre-upgrade')];
    expect(checkPreInstallReferences(objects, { secrets: ['db'], serviceAccounts: [] })).toEqual([
      'Job/migrations (pre-install hook) needs ServiceAccount/todo, which no earlier pre-install hook creates',
    ]);
  });

  it('GIVEN the ServiceAccount as a pre-install hook with a lower weight and a user-created Secret WHEN checked THEN it passes', () => {
    const objects = [
      hook(obj('ServiceAccount', 'mig'), 'pre-install', '-10'),
      hook(job('mig'), 'pre-install'),
    ];
    expect(checkPreInstallReferences(objects, { secrets: ['db'], serviceAccounts: [] })).toEqual([]);
  });

  it('GIVEN the ServiceAccount hook with a higher weight WHEN checked THEN it is reported (created too late)', () => {
    const objects = [hook(obj('ServiceAccount', 'mig'), 'pre-install', '5'), hook(job('mig'), 'pre-install')];
    expect(checkPreInstallReferences(objects, { secrets: ['db'], serviceAccounts: [] })).toEqual([
      'Job/migrations (pre-install hook) runs before ServiceAccount/mig is created (weight/kind)',
    ]);
  });

  it('GIVEN a post-install Job using ordinary resources WHEN checked THEN it passes (they exist by then)', () => {
    expect(checkPreInstallReferences([hook(job('todo'), 'post-install')], noUser)).toEqual([]);
  });
});

describe('checkPositiveFields', () => {
  it('GIVEN an HPA memory target of 0 (helm 3.18.0 truthy 0) WHEN checked THEN the field is reported', () => {
    const hpa = obj('HorizontalPodAutoscaler', 'web', {
      spec: {
        minReplicas: 2,
        maxReplicas: 4,
        metrics: [
          {
            type: 'Resource',
            resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 75 } },
          },
          {
            type: 'Resource',
            resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 0 } },
          },
        ],
      },
    });
    expect(checkPositiveFields([hpa])).toEqual([
      'HorizontalPodAutoscaler/web: spec.metrics[].resource.target.averageUtilization is 0, the API server needs >= 1 (autoscaling validation)',
    ]);
  });

  it('GIVEN a Job deadline and a container port of 0 WHEN checked THEN both are reported', () => {
    const j = obj('Job', 'migrations', {
      spec: {
        activeDeadlineSeconds: 0,
        template: {
          spec: { serviceAccountName: 'sa', containers: [{ name: 'm', ports: [{ containerPort: 0 }] }] },
        },
      },
    });
    expect(checkPositiveFields([j])).toHaveLength(2);
  });
});

describe('checkStableChecksums and checkChecksumInputs', () => {
  const deploy = (sum: string) =>
    obj('Deployment', 'api', {
      spec: { template: { metadata: { annotations: { 'checksum/secret': sum } } } },
    });

  it('GIVEN two renders with different checksum annotations WHEN compared THEN the annotation is reported', () => {
    expect(checkStableChecksums([deploy('a')], [deploy('b')])).toEqual([
      'Deployment/api checksum/secret differs between two renders',
    ]);
    expect(checkStableChecksums([deploy('a')], [deploy('a')])).toEqual([]);
  });

  it('GIVEN a checksum over a template that looks up the live Secret WHEN read THEN it is reported', () => {
    const templates = new Map([
      [
        'templates/deployment.yaml',
        '        checksum/secret: {{ include (print $.Template.BasePath "/secret.yaml") . | sha256sum }}',
      ],
      ['templates/secret.yaml', '{{- $previous := (lookup "v1" "Secret" .Release.Namespace $name) }}'],
    ]);
    expect(checkChecksumInputs(templates)).toEqual([
      'templates/deployment.yaml: checksum/secret hashes input that uses lookup',
    ]);
  });

  it('GIVEN a checksum over a define that hashes values only WHEN read THEN it passes', () => {
    const templates = new Map([
      ['templates/deployment.yaml', '        checksum/secret: {{ include "c.sum" . }}'],
      ['templates/_helpers.tpl', '{{- define "c.sum" -}}{{ toJson .Values.secrets | sha256sum }}{{- end }}'],
    ]);
    expect(checkChecksumInputs(templates)).toEqual([]);
  });
});

describe('checkGeneratedSecretsKept', () => {
  const secret = (value: string, keep: boolean): K8sObject => {
    const annotations: StringMap = keep ? { 'helm.sh/resource-policy': 'keep' } : {};
    return {
      ...obj('Secret', 'todo', { data: { PASSWORD: value, FIXED: 'eA==' } }),
      metadata: { name: 'todo', annotations },
    };
  };

  it('GIVEN a generated value in a Secret helm uninstall deletes WHEN checked THEN it is reported', () => {
    expect(checkGeneratedSecretsKept([secret('YQ==', false)], [secret('Yg==', false)])).toEqual([
      'Secret/todo: generates PASSWORD but is deleted by helm uninstall (no resource-policy: keep)',
    ]);
  });

  it('GIVEN the same Secret kept on uninstall, or with no generated value WHEN checked THEN it passes', () => {
    expect(checkGeneratedSecretsKept([secret('YQ==', true)], [secret('Yg==', true)])).toEqual([]);
    expect(checkGeneratedSecretsKept([secret('YQ==', false)], [secret('YQ==', false)])).toEqual([]);
  });
});

describe('checkWaitSatisfiable', () => {
  const lb = obj('Service', 'web', { spec: { type: 'LoadBalancer' } });

  it('GIVEN a LoadBalancer Service and helm --wait (or --atomic) WHEN checked THEN it is reported', () => {
    expect(checkWaitSatisfiable([lb], ['upgrade', '--install', '--wait'])).toHaveLength(1);
    expect(helmWaits(['--atomic'])).toBe(true);
  });

  it('GIVEN no --wait, or no LoadBalancer WHEN checked THEN it passes', () => {
    expect(checkWaitSatisfiable([lb], ['upgrade', '--install'])).toEqual([]);
    expect(
      checkWaitSatisfiable([obj('Service', 'api', { spec: { type: 'ClusterIP' } })], ['--wait']),
    ).toEqual([]);
  });
});

describe('checkTestLogsReadable', () => {
  const pod = (containers: number, policy: string) =>
    hook(
      obj('Pod', 't', {
        spec: { containers: Array.from({ length: containers }, (_, i) => ({ name: `c${i}` })) },
      }),
      'test',
      '0',
      policy,
    );

  it('GIVEN a test pod deleted on success, or with two containers WHEN checked THEN each is reported', () => {
    expect(checkTestLogsReadable([pod(1, 'before-hook-creation,hook-succeeded')])).toHaveLength(1);
    expect(checkTestLogsReadable([pod(2, 'before-hook-creation')])).toHaveLength(1);
    expect(checkTestLogsReadable([pod(1, 'before-hook-creation')])).toEqual([]);
  });
});

describe('checkGracePeriods', () => {
  const world = (grace: number): K8sObject[] => [
    obj('ConfigMap', 'api', { data: { SHUTDOWN_TIMEOUT_MS: '25000' } }),
    obj('Deployment', 'api', {
      spec: {
        template: {
          spec: {
            terminationGracePeriodSeconds: grace,
            containers: [
              {
                name: 'api',
                envFrom: [{ configMapRef: { name: 'api' } }],
                lifecycle: { preStop: { exec: { command: ['node', '-e', 'setTimeout(() => {}, 5000)'] } } },
              },
            ],
          },
        },
      },
    }),
  ];

  it('GIVEN a grace period equal to preStop + shutdown WHEN checked THEN it is reported (no margin)', () => {
    expect(checkGracePeriods(world(30), 'SHUTDOWN_TIMEOUT_MS', 5)).toEqual([
      'Deployment/api: terminationGracePeriodSeconds 30 < 35 (preStop 5000 ms + SHUTDOWN_TIMEOUT_MS 25000 ms + 5 s)',
    ]);
    expect(checkGracePeriods(world(40), 'SHUTDOWN_TIMEOUT_MS', 5)).toEqual([]);
  });
});

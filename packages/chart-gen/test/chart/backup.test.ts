import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartOnDisk, render, templateWithSet } from '../helpers/render';
import { findObject, getObject } from '../../src/k8s/manifest';

let chart: ReturnType<typeof chartOnDisk>;
beforeAll(() => (chart = chartOnDisk()));
afterAll(() => chart.dispose());

const selectorOf = (component: string) => ({
  'app.kubernetes.io/name': `todo-chatbot-${component}`,
  'app.kubernetes.io/instance': 'todo',
});

describe('backup CronJob', () => {
  it('GIVEN backup.enabled WHEN rendered THEN a CronJob writes to a kept PVC with the backend settings, and only the backup pods reach Postgres besides the app', () => {
    const objs = render(chart.dir, 'todo', { backup: { enabled: true, keep: 14 } });

    const cron = getObject(objs, 'CronJob', 'todo-backup');
    expect(cron.spec.schedule).toBe('0 3 * * *');
    expect(cron.spec.concurrencyPolicy).toBe('Forbid');
    const pod = cron.spec.jobTemplate.spec.template.spec;
    const container = pod.containers[0];
    expect(container?.command).toEqual([
      'node',
      'dist/backup.js',
      'backup',
      '--dir',
      '/backups',
      '--keep',
      '14',
    ]);
    // The database settings only: the LLM key and the auth secret stay with the backend's pods.
    expect(container?.envFrom).toBeUndefined();
    expect(container?.env?.map((e) => e.name)).toEqual(['DATABASE_URL', 'DATABASE_DRIVER']);
    expect(container?.env?.find((e) => e.name === 'DATABASE_URL')?.valueFrom?.secretKeyRef).toEqual({
      name: 'todo',
      key: 'DATABASE_URL',
    });
    expect(pod.volumes?.[0]).toEqual({
      name: 'backups',
      persistentVolumeClaim: { claimName: 'todo-backup' },
    });

    const pvc = getObject(objs, 'PersistentVolumeClaim', 'todo-backup');
    expect(pvc.metadata.annotations?.['helm.sh/resource-policy']).toBe('keep');
    expect(pvc.spec.resources?.requests?.storage).toBe('2Gi');

    const policy = getObject(objs, 'NetworkPolicy', 'todo-backup');
    expect(policy.spec.ingress).toEqual([]);
    expect(policy.spec.egress?.[1]?.to?.[0]?.podSelector?.matchLabels).toEqual(selectorOf('postgresql'));
    const pgPolicy = getObject(objs, 'NetworkPolicy', 'todo-postgresql');
    expect(pgPolicy.spec.ingress?.[0]?.from?.map((f) => f.podSelector?.matchLabels)).toContainEqual(
      selectorOf('backup'),
    );
  });

  it('GIVEN backups off (the default) WHEN rendered THEN no CronJob, PVC or backup policy, and Postgres does not admit backup pods', () => {
    const objs = render(chart.dir, 'todo', {});
    expect(objs.filter((o) => o.metadata.name === 'todo-backup')).toEqual([]);
    const pgPolicy = getObject(objs, 'NetworkPolicy', 'todo-postgresql');
    expect(pgPolicy.spec.ingress?.[0]?.from?.map((f) => f.podSelector?.matchLabels)).not.toContainEqual(
      selectorOf('backup'),
    );
  });

  it('GIVEN an external database and an existing claim WHEN rendered THEN the Job egresses to the database ports and uses that claim', () => {
    const objs = render(chart.dir, 'todo', {
      database: { mode: 'external' },
      existingSecret: 'todo-secrets',
      backup: { enabled: true, persistence: { existingClaim: 'nightly' } },
    });
    expect(findObject(objs, 'PersistentVolumeClaim', 'todo-backup')).toBeUndefined();
    const pod = getObject(objs, 'CronJob', 'todo-backup').spec.jobTemplate.spec.template.spec;
    expect(pod.volumes?.[0]?.persistentVolumeClaim?.claimName).toBe('nightly');
    const egress = getObject(objs, 'NetworkPolicy', 'todo-backup').spec.egress ?? [];
    // 5432 to any address; Neon's 443 only outside the cluster (test/chart/networkpolicy.test.ts).
    expect(egress.slice(1).flatMap((r) => (r.ports ?? []).map((p) => p.port))).toEqual([5432, 443]);
    expect(egress[2]?.to?.[0]?.ipBlock?.cidr).toBe('0.0.0.0/0');
  });

  it('GIVEN backup.keep=0 WHEN rendered THEN the values schema rejects it', () => {
    const res = templateWithSet(chart.dir, ['backup.enabled=true', 'backup.keep=0']);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/keep/);
  });
});

describe('embedded database guard', () => {
  const pglite = 'backend.config.DATABASE_DRIVER=pglite';

  it.each([
    [[pglite], 'the default 2 replicas'],
    [[pglite, 'backend.replicaCount=1', 'backend.autoscaling.enabled=true'], 'an HPA'],
    [[pglite, 'backend.replicaCount=3'], '3 replicas'],
  ])(
    'GIVEN --set %s (%s) WHEN rendered THEN helm fails saying the embedded database runs in one process',
    (sets) => {
      const res = templateWithSet(chart.dir, sets);
      expect(res.status).not.toBe(0);
      expect(res.stderr).toContain(
        'backend.config.DATABASE_DRIVER=pglite (the embedded database) runs in exactly one process: set backend.replicaCount=1 and backend.autoscaling.enabled=false',
      );
    },
  );

  it('GIVEN the embedded database with one replica WHEN rendered THEN it renders; WITH backup.enabled THEN it fails naming Postgres', () => {
    expect(templateWithSet(chart.dir, [pglite, 'backend.replicaCount=1']).status).toBe(0);
    const res = templateWithSet(chart.dir, [pglite, 'backend.replicaCount=1', 'backup.enabled=true']);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('backup.enabled needs Postgres (database.mode bundled or external)');
  });
});

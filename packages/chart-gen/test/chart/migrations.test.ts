import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chartOnDisk, render } from '../helpers/render';
import { getObject, type Container, type K8sObject } from '../../src/k8s/manifest';

let chart: ReturnType<typeof chartOnDisk>;
beforeAll(() => (chart = chartOnDisk()));
afterAll(() => chart.dispose());

const container = (objs: K8sObject[]): Container | undefined =>
  getObject(objs, 'Job', 'todo-migrations').spec.template.spec.containers[0];

describe('migration Job', () => {
  it.each([
    ['the defaults', {}],
    [
      'an LLM key and an auth secret in values',
      { backend: { secrets: { OPENAI_API_KEY: 'sk-test-0123456789', BETTER_AUTH_SECRET: 'x'.repeat(40) } } },
    ],
    ['an existingSecret', { existingSecret: 'todo-secrets' }],
    [
      'an external database URL',
      { database: { mode: 'external', url: 'postgres://u:p@db.example.com/todo' } },
    ],
  ])(
    'GIVEN %s WHEN rendered THEN the Job reads no secret but DATABASE_URL and loads no ConfigMap or Secret whole',
    (_, values) => {
      const c = container(render(chart.dir, 'todo', values));

      const fromSecrets = c?.env?.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
      expect(fromSecrets).toEqual(['DATABASE_URL']);
      expect(c?.envFrom).toBeUndefined();
      expect(c?.env?.map((e) => e.name).sort()).toEqual(['DATABASE_DRIVER', 'DATABASE_URL']);
    },
  );

  it("GIVEN the Job WHEN rendered THEN it keeps the image's production mode (migrate reads only the database settings)", () => {
    const c = container(render(chart.dir, 'todo', {}));

    expect(c?.env?.some((e) => e.name === 'NODE_ENV')).toBe(false);
  });

  it('GIVEN backend.config.DATABASE_DRIVER=neon WHEN rendered THEN the Job uses the same driver as the backend', () => {
    const c = container(render(chart.dir, 'todo', { backend: { config: { DATABASE_DRIVER: 'neon' } } }));

    expect(c?.env?.find((e) => e.name === 'DATABASE_DRIVER')?.value).toBe('neon');
  });
});

describe('MIGRATE_ON_START', () => {
  const migrateOnStart = (values: Record<string, unknown>): string | undefined =>
    getObject(render(chart.dir, 'todo', values), 'ConfigMap', 'todo-backend').data?.MIGRATE_ON_START;

  it('GIVEN Postgres (the default) WHEN rendered THEN the backend leaves migrations to the hook Job', () => {
    expect(migrateOnStart({})).toBe('false');
  });

  it('GIVEN the embedded database WHEN rendered THEN the backend migrates itself: the Job cannot reach its files', () => {
    expect(migrateOnStart({ backend: { replicaCount: 1, config: { DATABASE_DRIVER: 'pglite' } } })).toBe(
      'true',
    );
  });
});

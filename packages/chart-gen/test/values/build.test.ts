import { backendEnv, frontendEnv } from '@todo/shared/env';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todoChatbot } from '../../src/config/todo-chatbot';
import { buildValues } from '../../src/values/build';
import { toValues } from '../../src/values/tree';
import { chartOnDisk, templateWithSet } from '../helpers/render';

let chart: ReturnType<typeof chartOnDisk>;
beforeAll(() => (chart = chartOnDisk()));
afterAll(() => chart.dispose());

describe('buildValues', () => {
  const values = toValues(buildValues(todoChatbot)) as Record<
    string,
    Record<string, Record<string, unknown>>
  >;

  it('GIVEN the env contracts WHEN values are built THEN every non-managed variable has an entry, secrets without a default', () => {
    const managed = (key: string) =>
      Object.keys(todoChatbot.components.find((c) => c.key === key)?.env.managed ?? {});
    const backendKeys = [
      ...Object.keys(values.backend?.config ?? {}),
      ...Object.keys(values.backend?.secrets ?? {}),
    ];
    expect(backendKeys.sort()).toEqual(
      Object.keys(backendEnv)
        .filter((k) => !managed('backend').includes(k))
        .sort(),
    );
    expect(Object.keys(values.frontend?.config ?? {}).sort()).toEqual(
      Object.keys(frontendEnv)
        .filter((k) => !managed('frontend').includes(k))
        .sort(),
    );
    expect(Object.values(values.backend?.secrets ?? {})).toEqual(
      Object.values(values.backend?.secrets ?? {}).map(() => ''),
    );
  });

  it('GIVEN an integer variable WHEN values are built THEN its default is a number', () => {
    expect(values.backend?.config?.AUTH_RATE_LIMIT_MAX).toBe(10);
    expect(values.backend?.config?.AUTH_ACCOUNT_RATE_LIMIT_MAX).toBe(10);
  });

  it('GIVEN the backend behind the frontend pods WHEN values are built THEN only the pod network may forward client addresses', () => {
    // Not "trust everyone": a pod outside the range (or a client of a LoadBalancer) cannot spoof X-Forwarded-For.
    expect(values.backend?.config?.TRUSTED_PROXIES).toBe('10.244.0.0/16');
    expect(values.backend?.config).not.toHaveProperty('TRUST_PROXY');
  });
});

describe('values.schema.json (enforced by helm)', () => {
  it.each([
    ['backend.replicaCount=two', /replicaCount/],
    ['backend.replicas=2', /additional properties 'replicas' not allowed|replicas/],
    ['frontend.service.type=External', /type/],
    ['image.pullPolicy=Sometimes', /pullPolicy/],
    ['backend.config.LOG_LEVEL=loud', /LOG_LEVEL/],
    ['backend.config.AUTH_RATE_LIMIT_MAX=0', /AUTH_RATE_LIMIT_MAX/],
    ['backend.config.BETTER_AUTH_URL=not-a-url', /BETTER_AUTH_URL/],
    ['database.mode=cloud', /mode/],
    ['backend.config.PORT=9000', /PORT/],
  ])('GIVEN --set %s WHEN rendered THEN helm rejects it naming the key', (set, message) => {
    const res = templateWithSet(chart.dir, [set]);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toMatch(/values don't meet the specifications of the schema/);
    expect(res.stderr).toMatch(message);
  });

  it('GIVEN valid overrides WHEN rendered THEN helm accepts them', () => {
    const res = templateWithSet(chart.dir, [
      'backend.replicaCount=3',
      'backend.config.LOG_LEVEL=debug',
      'backend.config.BETTER_AUTH_URL=https://todo.example.com',
      'frontend.service.type=NodePort',
    ]);
    expect(res.stderr).toBe('');
    expect(res.status).toBe(0);
  });

  it('GIVEN an external database without url or existingSecret WHEN rendered THEN the render fails with what to set', () => {
    const res = templateWithSet(chart.dir, ['database.mode=external']);
    expect(res.status).not.toBe(0);
    expect(res.stderr).toContain('database.mode=external needs database.url or existingSecret');
  });
});

import { backendEnv } from '@todo/shared/env';
import { describe, expect, it } from 'vitest';
import { deriveSettings } from '../../src/env/settings';

const binding = { spec: backendEnv, managed: {}, defaults: {}, generated: {} };

describe('deriveSettings', () => {
  it('GIVEN the backend contract WHEN derived THEN secrets go to the Secret and the rest to the ConfigMap', () => {
    const byName = new Map(deriveSettings(binding).map((s) => [s.name, s]));
    expect(byName.get('DATABASE_URL')?.placement).toBe('secret');
    expect(byName.get('OPENAI_API_KEY')?.placement).toBe('secret');
    expect(byName.get('LOG_LEVEL')?.placement).toBe('config');
    expect(byName.get('LOG_LEVEL')?.schema).toMatchObject({
      type: 'string',
      enum: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    });
    expect(byName.get('PORT')?.schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 65535 });
    expect(byName.size).toBe(Object.keys(backendEnv).length);
  });

  it('GIVEN a managed variable WHEN derived THEN it gets no values entry', () => {
    const s = deriveSettings({ ...binding, managed: { PORT: { kind: 'containerPort', why: 'x' } } }).find(
      (x) => x.name === 'PORT',
    );
    expect(s?.placement).toBe('managed');
  });

  it('GIVEN a binding naming a variable the app does not read WHEN derived THEN it throws', () => {
    expect(() => deriveSettings({ ...binding, defaults: { NOT_READ: 'x' } })).toThrow(
      /NOT_READ is not a variable the app reads/,
    );
  });

  it('GIVEN a chart default the app would reject WHEN derived THEN it throws', () => {
    expect(() => deriveSettings({ ...binding, defaults: { LOG_LEVEL: 'loud' } })).toThrow(
      /LOG_LEVEL=loud is rejected/,
    );
  });

  it('GIVEN a generated non-secret variable WHEN derived THEN it throws', () => {
    expect(() => deriveSettings({ ...binding, generated: { HOST: { length: 8 } } })).toThrow(
      /must be a secret/,
    );
  });
});

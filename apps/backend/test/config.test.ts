import { describe, expect, it } from 'vitest';
import { loadDatabaseConfig, loadConfig } from '../src/config';

describe('loadConfig', () => {
  it('GIVEN no environment THEN PGlite, port 8080, migrations on start and a derived development secret', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      databaseDriver: 'pglite',
      PORT: 8080,
      HOST: '0.0.0.0',
      MIGRATE_ON_START: true,
      authSecretSource: 'derived',
    });
    expect(c.BETTER_AUTH_SECRET).toHaveLength(64);
    expect(loadConfig({}).BETTER_AUTH_SECRET).toBe(c.BETTER_AUTH_SECRET);
  });

  it.each([
    ['postgres://u:p@db:5432/todo', 'pg'],
    ['postgresql://u:p@127.0.0.1/todo', 'pg'],
    ['postgres://u:p@ep-cool-1234.eu-central-1.aws.neon.tech/neondb?sslmode=require', 'neon'],
  ])('GIVEN DATABASE_URL=%s THEN the %s driver', (url, driver) => {
    expect(loadConfig({ DATABASE_URL: url }).databaseDriver).toBe(driver);
  });

  it('GIVEN DATABASE_DRIVER=neon with a local URL THEN Neon is forced', () => {
    expect(
      loadConfig({ DATABASE_URL: 'postgres://127.0.0.1/x', DATABASE_DRIVER: 'neon' }).databaseDriver,
    ).toBe('neon');
  });

  it('GIVEN production without BETTER_AUTH_SECRET THEN it refuses, naming the variable', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrowError(/BETTER_AUTH_SECRET.*production/);
    expect(loadConfig({ NODE_ENV: 'production', BETTER_AUTH_SECRET: 'x'.repeat(32) }).authSecretSource).toBe(
      'env',
    );
  });

  it('GIVEN DATABASE_DRIVER=pg without a URL THEN it refuses, naming DATABASE_URL', () => {
    expect(() => loadConfig({ DATABASE_DRIVER: 'pg' })).toThrowError(/DATABASE_URL/);
  });

  it('GIVEN MIGRATE_ON_START=false THEN migrations are left to the migrate command', () => {
    expect(loadConfig({ MIGRATE_ON_START: 'false' }).MIGRATE_ON_START).toBe(false);
  });
});

describe('loadDatabaseConfig (migrate, backup)', () => {
  it('GIVEN production mode with only the database URL THEN it loads: the one-shot commands never need the auth secret', () => {
    const config = loadDatabaseConfig({
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://u:p@db:5432/todo',
    });
    expect(config).toMatchObject({ databaseDriver: 'pg', DATABASE_URL: 'postgres://u:p@db:5432/todo' });
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u:p@db:5432/todo' })).toThrow(
      /BETTER_AUTH_SECRET/,
    );
  });

  it.each([
    [{ DATABASE_DRIVER: 'pg' }, /DATABASE_URL/],
    [{ DATABASE_URL: 'not a url' }, /DATABASE_URL/],
    [{ DATABASE_POOL_MAX: '0' }, /DATABASE_POOL_MAX/],
  ])('GIVEN %j THEN one line naming the variable', (env, name) => {
    expect(() => loadDatabaseConfig(env)).toThrow(name);
  });
});

import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app';
import { loadConfig, type AppConfig, type DatabaseDriver } from '../../src/config';
import { openTestDatabase, type TestDatabase } from './db';

export interface TestApp {
  readonly app: FastifyInstance;
  readonly config: AppConfig;
  readonly db: TestDatabase;
  close(): Promise<void>;
}

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123';

/** The app's config as tests run it: quiet, a fixed secret, a per-address limit out of the way. */
export function testConfig(env: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    BETTER_AUTH_SECRET: TEST_SECRET,
    AUTH_RATE_LIMIT_MAX: '1000',
    ...env,
  });
}

/** The real app on a fresh database of `driver`, with test-friendly config overrides. */
export async function createTestApp(
  driver: DatabaseDriver = 'pglite',
  env: Record<string, string> = {},
): Promise<TestApp> {
  const db = await openTestDatabase(driver);
  const config = testConfig(env);
  const app = await buildApp({ config, database: db.database, logger: false });
  await app.ready();
  return {
    app,
    config,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export interface TestUser {
  readonly id: string;
  readonly email: string;
  readonly token: string;
  readonly cookie: string;
}

let counter = 0;

/** Signs up a new user through the real auth endpoint. */
export async function signUp(app: FastifyInstance, name = 'User'): Promise<TestUser> {
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${process.pid}-${++counter}-${Date.now()}@example.test`;
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/sign-up/email',
    // A distinct client address per sign-up keeps the credential rate limit out of unrelated tests.
    headers: {
      origin: 'http://localhost:80',
      'x-forwarded-for': `10.1.${counter % 250}.${(counter * 7) % 250}`,
    },
    payload: { name, email, password: 'correct horse battery' },
  });
  if (res.statusCode !== 200) throw new Error(`sign-up failed: ${res.statusCode} ${res.body}`);
  const body = res.json<{ token: string; user: { id: string } }>();
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  return { id: body.user.id, email, token: body.token, cookie };
}

/** Request helper acting as `user` with a bearer token. */
export function as(app: FastifyInstance, user: TestUser) {
  return (method: InjectOptions['method'], url: string, payload?: unknown): Promise<LightMyRequestResponse> =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${user.token}` },
      ...(payload === undefined ? {} : { payload: payload as InjectOptions['payload'] }),
    });
}

export type As = ReturnType<typeof as>;

/**
 * Creates a personal access token for `user` the only way the API allows: from the browser's cookie session.
 * `scopes` unset means the API's default (what MCP needs).
 */
export async function createAccessToken(
  app: FastifyInstance,
  user: TestUser,
  name = 'mcp',
  scopes?: readonly string[],
): Promise<{ id: string; token: string; scopes: string[] }> {
  const res = await app.inject({
    method: 'POST',
    url: `/api/${user.id}/tokens`,
    headers: { cookie: user.cookie },
    payload: { name, ...(scopes ? { scopes } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`token creation failed: ${res.statusCode} ${res.body}`);
  return res.json();
}

/** A fresh app of `driver` with two users, Alice and Bob, and request helpers acting as each: the isolation setup. */
export async function twoUsers(
  driver: DatabaseDriver,
  env: Record<string, string> = {},
): Promise<{ t: TestApp; alice: TestUser; bob: TestUser; a: As; b: As }> {
  const t = await createTestApp(driver, env);
  const alice = await signUp(t.app, 'Alice');
  const bob = await signUp(t.app, 'Bob');
  return { t, alice, bob, a: as(t.app, alice), b: as(t.app, bob) };
}

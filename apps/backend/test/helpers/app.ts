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
    // Sign-ups wait for nobody here; test/auth/sign-up.test.ts runs the production default.
    AUTH_SIGN_UP_MIN_MS: '0',
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

/** The origin and a distinct client address per account, so the credential rate limit stays out of unrelated tests. */
const authHeaders = (n: number) => ({
  origin: 'http://localhost:80',
  'x-forwarded-for': `10.1.${n % 250}.${(n * 7) % 250}`,
});

export interface Account {
  readonly name: string;
  readonly email: string;
  readonly password: string;
}

/**
 * Sign-up never signs in (auth/sign-up.ts): the real client flow is sign-up, then sign-in with the same email
 * and password, both sent with `request` (headers, client address). Answers both responses.
 */
export async function signUpThenIn(
  app: FastifyInstance,
  account: Account,
  request: Pick<InjectOptions, 'headers' | 'remoteAddress'> = {},
): Promise<{ signUp: LightMyRequestResponse; signIn: LightMyRequestResponse }> {
  const post = (url: string, payload: object) => app.inject({ method: 'POST', url, payload, ...request });
  const signUp = await post('/api/auth/sign-up/email', account);
  if (signUp.statusCode !== 200) return { signUp, signIn: signUp };
  const signIn = await post('/api/auth/sign-in/email', { email: account.email, password: account.password });
  return { signUp, signIn };
}

/** Signs up a new user through the real auth endpoints and signs it in. */
export async function signUp(app: FastifyInstance, name = 'User'): Promise<TestUser> {
  const n = ++counter;
  const email = `${name.toLowerCase().replace(/\W/g, '')}-${process.pid}-${n}-${Date.now()}@example.test`;
  const { signIn } = await signUpThenIn(
    app,
    { name, email, password: 'correct horse battery' },
    { headers: authHeaders(n) },
  );
  if (signIn.statusCode !== 200) throw new Error(`sign-up failed: ${signIn.statusCode} ${signIn.body}`);
  const body = signIn.json<{ token: string; user: { id: string } }>();
  const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
  return { id: body.user.id, email, token: body.token, cookie };
}

/** The same flow over real HTTP against a running server at `base` (shared with the e2e tests and the benches). */
export { signUpOverHttp } from '@todo/testkit/http';

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

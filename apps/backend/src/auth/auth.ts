// The minimal build (no Kysely) and the bearer plugin alone: the full entry points load ~0.4 s more code.
import { betterAuth } from 'better-auth/minimal';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { bearer } from 'better-auth/plugins/bearer';
import type { AppConfig } from '../config';
import type { Db } from '../db/client';
import { accounts, sessions, users, verifications } from '../db/schema';

export const AUTH_BASE_PATH = '/api/auth';

/** Better Auth over the app's own Drizzle schema: email + password, cookie sessions, bearer tokens. */
export function createAuth(db: Db, config: AppConfig) {
  return betterAuth({
    appName: 'todo-chatbot',
    basePath: AUTH_BASE_PATH,
    // Unset: inferred per request from the (forwarded) host, so one image works behind any address.
    baseURL: config.BETTER_AUTH_URL,
    secret: config.BETTER_AUTH_SECRET,
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: { user: users, session: sessions, account: accounts, verification: verifications },
    }),
    // No sign-in on sign-up: an answer with a session would tell a new email from a registered one (auth/sign-up.ts).
    emailAndPassword: { enabled: true, autoSignIn: false, minPasswordLength: 8, maxPasswordLength: 128 },
    plugins: [bearer()],
    // Fastify rate-limits sign-in/sign-up itself (one mechanism, our error shape).
    rateLimit: { enabled: false },
    telemetry: { enabled: false },
    trustedOrigins: (request) => [
      ...config.AUTH_TRUSTED_ORIGINS,
      ...(request ? [requestOrigin(request)] : []),
    ],
    advanced: {
      // Better Auth turns the Origin (CSRF) check off when it sees NODE_ENV=test; we want it always on.
      disableOriginCheck: false,
      useSecureCookies: config.BETTER_AUTH_URL?.startsWith('https://') ?? false,
      database: { generateId: () => crypto.randomUUID() },
    },
    logger: { disabled: config.NODE_ENV === 'test' || config.LOG_LEVEL === 'silent' },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/**
 * The origin the browser used, as reconstructed from the request URL (which the auth bridge builds from
 * X-Forwarded-Proto/Host when the frontend proxy sets them). Same-origin requests pass the CSRF check.
 */
function requestOrigin(request: Request): string {
  return new URL(request.url).origin;
}

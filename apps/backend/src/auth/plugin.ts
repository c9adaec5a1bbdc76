import type { AuthErrorDetails, TokenScope } from '@todo/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config';
import type { Database } from '../db/client';
import { AppError, sendError } from '../http/errors';
import { AUTH_BASE_PATH, createAuth, type Auth } from './auth';
import { scopeBetterAuthStorages } from './context-storage';
import { rateLimiter, sendRateLimited, type RateLimiter } from './rate-limit';
import { routeTokenScopes } from './scopes';
import { sessionResolver } from './session';
import { revealsSessions, withoutSessionTokens } from './session-tokens';
import { passwordProblem } from './password-policy';
import { holdUntil, SIGN_UP_PATH, signUpBody } from './sign-up';
import { bearerAccessToken, tokenRepository, type TokenRepository } from './tokens';

export interface AuthUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** How the acting user proved who they are; what a request may do depends on it. */
export type RequestCredential =
  /** The browser's session cookie: everything, including token and account management. */
  | { readonly kind: 'cookie' }
  /** Better Auth's session token as a bearer (API clients that signed in): everything but token management. */
  | { readonly kind: 'session-bearer' }
  /** A personal access token (`tcb_…`): only what its scopes allow, never token or account management. */
  | { readonly kind: 'token'; readonly tokenId: string; readonly scopes: readonly TokenScope[] };

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
    tokens: TokenRepository;
    /** Rate limits counted in the database, shared by every replica. */
    rateLimits: RateLimiter;
    /** onRequest hook: 401 unless the request carries a session cookie, a session bearer or an API token. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    user: AuthUser | null;
    credential: RequestCredential | null;
  }
}

/** Headers of a Fastify request as a Fetch API Headers object. */
export function toHeaders(raw: FastifyRequest['headers']): Headers {
  const headers = new Headers();
  for (const [k, v] of Object.entries(raw)) {
    if (v === undefined) continue;
    if (Array.isArray(v)) for (const x of v) headers.append(k, x);
    else headers.set(k, String(v));
  }
  return headers;
}

/** Mounts Better Auth at /api/auth/*, and resolves the acting user for protected routes. */
export const authPlugin = fp(
  async (app: FastifyInstance, opts: { database: Database; config: AppConfig }) => {
    const auth = createAuth(opts.database.db, opts.config);
    const tokens = tokenRepository(opts.database.db);
    const limits = rateLimiter(opts.database, {
      log: (err) => app.log.warn({ err }, 'rate limit sweep failed'),
    });
    const stopSweeping = limits.startSweeping();
    app.addHook('onClose', async () => stopSweeping());
    app.decorate('auth', auth);
    app.decorate('tokens', tokens);
    app.decorate('rateLimits', limits);
    app.decorateRequest('user', null);
    app.decorateRequest('credential', null);
    const context = await auth.$context;
    scopeBetterAuthStorages();
    const sessions = sessionResolver(opts.database.db, {
      secret: context.secret,
      cookieName: context.authCookies.sessionToken.name,
      expiresIn: context.sessionConfig.expiresIn,
      updateAge: context.sessionConfig.updateAge,
    });

    const perAddress = { max: opts.config.AUTH_RATE_LIMIT_MAX, windowSeconds: 60 };
    const perAccount = {
      max: opts.config.AUTH_ACCOUNT_RATE_LIMIT_MAX,
      windowSeconds: ACCOUNT_WINDOW_SECONDS,
    };
    // The account bucket a request was charged to, refunded when its password turned out right.
    const charged = new WeakMap<FastifyRequest, string>();

    /** The account a password check is about: the email signed in with, or the session's own user. */
    const accountOf = async (request: FastifyRequest, path: string): Promise<string | undefined> => {
      if (path === `${AUTH_BASE_PATH}/sign-in/email`) {
        const email = (request.body as { email?: unknown } | undefined)?.email;
        return typeof email === 'string' ? email.trim().toLowerCase() : undefined;
      }
      if (path === `${AUTH_BASE_PATH}/change-password`) {
        let user = await sessions.resolve(request.headers);
        if (user === undefined) {
          const session = await auth.api.getSession({ headers: toHeaders(request.headers) });
          user = session?.user ?? null;
        }
        return user?.email.toLowerCase();
      }
      return undefined;
    };

    app.route({
      method: ['GET', 'POST'],
      url: `${AUTH_BASE_PATH}/*`,
      schema: { hide: true },
      onRequest: async (request, reply) => {
        // Better Auth would only fail to find a session for it; say plainly that tokens never manage the account.
        if (bearerAccessToken(request.headers.authorization) !== undefined)
          return void sendError(
            reply,
            new AppError('forbidden', 'Access tokens cannot manage the account: sign in with a password'),
          );
        if (CREDENTIAL_PATH.test(request.url)) {
          // request.ip honours X-Forwarded-For only from TRUSTED_PROXIES, so rotating the header changes nothing.
          const verdict = await limits.hit(`auth:ip:${request.ip}`, perAddress);
          if (!verdict.allowed) return sendRateLimited(reply, verdict, 'Too many sign-in attempts');
        }
      },
      preHandler: async (request, reply) => {
        const path = request.url.split('?')[0]!;
        const weak = await newPasswordProblem(request, path);
        if (weak)
          return void sendError(
            reply,
            new AppError('validation_error', weak, { reason: 'password_too_common' }),
          );
        const account = await accountOf(request, path);
        if (account === undefined) return;
        // Counted before the check, refunded after a right password: concurrent guesses cannot all slip in
        // under the limit while earlier ones are still being checked.
        const key = `auth:account:${account}`;
        const verdict = await limits.hit(key, perAccount);
        if (!verdict.allowed)
          return sendRateLimited(reply, verdict, 'Too many failed password checks for this account');
        charged.set(request, key);
      },
      handler: async (request, reply) => {
        const headers = toHeaders(request.headers);
        headers.delete('content-length');
        const hasBody = request.method !== 'GET' && request.body !== undefined;
        // request.protocol/host honour X-Forwarded-* (trustProxy), so Better Auth sees the browser's origin.
        const webRequest = new Request(`${request.protocol}://${request.host}${request.url}`, {
          method: request.method,
          headers,
          body: hasBody ? JSON.stringify(request.body) : undefined,
        });
        let response: Response;
        try {
          response = await auth.handler(webRequest);
        } finally {
          // Sign-out, revocations, user updates…: whatever this request changed, no cached session outlives it.
          if (!(request.method === 'GET' && request.url.startsWith(`${AUTH_BASE_PATH}/get-session`)))
            sessions.cache.invalidate();
        }
        // Better Auth hides its own failures behind a bare 500; the app's error handler tells a lost database apart.
        if (response.status >= 500)
          throw new Error(`auth handler answered ${response.status}: ${await response.text()}`);
        const account = charged.get(request);
        if (account !== undefined && response.status < 400) await limits.refund(account);
        const path = request.url.split('?')[0]!;
        reply.status(response.status);
        // A refreshed session's cookie also comes as set-auth-token (the bearer plugin): not on session reads.
        const hidden = revealsSessions(path) ? 'set-auth-token' : undefined;
        response.headers.forEach((value, key) => {
          if (key !== 'set-cookie' && key !== 'content-length' && key !== hidden) reply.header(key, value);
        });
        // Behind TLS termination the browser speaks https while this server sees http; a trusted proxy says so
        // in X-Forwarded-Proto (request.protocol ignores it from anyone else), and then cookies must be Secure.
        const secure = request.protocol === 'https';
        const cookies = response.headers.getSetCookie().map((c) => (secure ? secureCookie(c) : c));
        if (cookies.length > 0) reply.header('set-cookie', cookies);
        const text = await response.text();
        if (path === SIGN_UP_PATH) await holdUntil(reply.elapsedTime, opts.config.AUTH_SIGN_UP_MIN_MS);
        if (response.status >= 400) return sendError(reply, authError(response.status, text));
        if (path === SIGN_UP_PATH) return reply.type('application/json').send(signUpBody());
        if (text === '') return reply.send(null);
        return reply.send(revealsSessions(path) ? withoutSessionTokens(text) : text);
      },
    });

    app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
      const authorization = request.headers.authorization;
      const accessToken = bearerAccessToken(authorization);
      if (accessToken !== undefined) {
        const verified = await tokens.verify(accessToken);
        request.user = verified?.user ?? null;
        request.credential = verified
          ? { kind: 'token', tokenId: verified.tokenId, scopes: verified.scopes }
          : null;
      } else {
        const fast = await sessions.resolve(request.headers);
        if (fast !== undefined) request.user = fast;
        else {
          const session = await auth.api.getSession({ headers: toHeaders(request.headers) });
          request.user = session
            ? { id: session.user.id, email: session.user.email, name: session.user.name }
            : null;
        }
        // A bearer header wins over the cookie in Better Auth too; when in doubt, the narrower kind.
        request.credential = request.user
          ? { kind: authorization && /^bearer\s/i.test(authorization) ? 'session-bearer' : 'cookie' }
          : null;
      }
      if (!request.user)
        return void sendError(
          reply,
          new AppError('unauthorized', 'Sign in first (session cookie or bearer token)'),
        );
    });
  },
);

/** The new password of a sign-up or a password change, when it is too easy to guess: why, for the user. */
async function newPasswordProblem(request: FastifyRequest, path: string): Promise<string | null> {
  const body = (request.body ?? {}) as Record<string, unknown>;
  const password =
    path === `${AUTH_BASE_PATH}/sign-up/email`
      ? body.password
      : path === `${AUTH_BASE_PATH}/change-password`
        ? body.newPassword
        : undefined;
  // Missing or malformed: Better Auth answers that itself, in its words.
  if (typeof password !== 'string' || password.length < 8 || password.length > 128) return null;
  const inputs = [body.email, body.name, request.user?.email, request.user?.name].filter(
    (x): x is string => typeof x === 'string',
  );
  return passwordProblem(password, inputs);
}

/** Sign-in, sign-up and password changes: what an address may try AUTH_RATE_LIMIT_MAX times a minute. */
const CREDENTIAL_PATH = /^\/api\/auth\/(sign-in\/|sign-up\/|change-password(\?|$))/;

/** The per-account window: long enough that AUTH_ACCOUNT_RATE_LIMIT_MAX guesses a window is slow guessing. */
export const ACCOUNT_WINDOW_SECONDS = 15 * 60;

/** Adds the Secure attribute unless the cookie already has it. */
function secureCookie(cookie: string): string {
  return /;\s*secure\s*(;|$)/i.test(cookie) ? cookie : `${cookie}; Secure`;
}

/** Better Auth answers `{code, message}`; the API always answers `{"error":{code,message}}`. */
function authError(status: number, text: string): AppError {
  let body: { code?: string; message?: string } = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    /* empty or non-JSON body */
  }
  const code =
    status === 401
      ? 'unauthorized'
      : status === 403
        ? 'forbidden'
        : status === 404
          ? 'not_found'
          : status === 429
            ? 'rate_limited'
            : 'validation_error';
  // Keep Better Auth's status (e.g. 422): it is more precise than the code's default.
  const details: AuthErrorDetails | undefined = body.code ? { reason: body.code.toLowerCase() } : undefined;
  return new AppError(code, body.message ?? 'Authentication request failed', details, status);
}

/**
 * Registers `routes` under /api/:user_id with authentication and the ownership check:
 * a path user id other than the signed-in user's is 403, before anything else is looked at.
 */
export function userScoped(routes: (app: FastifyInstance) => Promise<void>) {
  return async (app: FastifyInstance) => {
    app.addHook('onRequest', app.authenticate);
    app.addHook('onRequest', async (request, reply) => {
      if (reply.sent) return;
      const { user_id } = request.params as { user_id?: string };
      if (user_id !== request.user?.id) {
        return void sendError(reply, new AppError('forbidden', 'You can only access your own data'));
      }
      const credential = request.credential;
      if (credential?.kind !== 'token') return;
      // Deny by default: a route a token may use is listed in routeTokenScopes, everything else is session-only.
      const needed = routeTokenScopes(request.method, request.routeOptions.url);
      if (needed === null)
        return void sendError(
          reply,
          new AppError('forbidden', 'Access tokens cannot use this route: sign in instead'),
        );
      const missing = needed.filter((s) => !credential.scopes.includes(s));
      if (missing.length > 0)
        return void sendError(
          reply,
          new AppError('forbidden', `This access token lacks the scope ${missing.join(', ')}`, {
            missing_scopes: missing,
          }),
        );
    });
    await routes(app);
  };
}

/** onRequest hook for token management: only the browser's cookie session, never a bearer of any kind. */
export async function requireCookieSession(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  if (reply.sent || request.credential?.kind === 'cookie') return;
  return void sendError(
    reply,
    new AppError(
      'forbidden',
      'Access tokens are managed from a signed-in browser session only (not with a bearer token)',
    ),
  );
}

import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { AppConfig } from '../config';
import type { Db } from '../db/client';
import { AppError, sendError } from '../http/errors';
import { AUTH_BASE_PATH, createAuth, type Auth } from './auth';
import { scopeBetterAuthStorages } from './context-storage';
import { sessionResolver } from './session';
import { TOKEN_PREFIX, tokenRepository, type TokenRepository } from './tokens';

export interface AuthUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    auth: Auth;
    tokens: TokenRepository;
    /** onRequest hook: 401 unless the request carries a session cookie, a session bearer or an API token. */
    authenticate: (request: FastifyRequest, reply: FastifyReply) => Promise<void>;
  }
  interface FastifyRequest {
    user: AuthUser | null;
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
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; config: AppConfig }) => {
  const auth = createAuth(opts.db, opts.config);
  const tokens = tokenRepository(opts.db);
  app.decorate('auth', auth);
  app.decorate('tokens', tokens);
  app.decorateRequest('user', null);
  const context = await auth.$context;
  scopeBetterAuthStorages();
  const sessions = sessionResolver(opts.db, {
    secret: context.secret,
    cookieName: context.authCookies.sessionToken.name,
    expiresIn: context.sessionConfig.expiresIn,
    updateAge: context.sessionConfig.updateAge,
  });

  await app.register(rateLimit, { global: false });
  const limitCredentials = app.rateLimit({ max: opts.config.AUTH_RATE_LIMIT_MAX, timeWindow: 60_000 });

  app.route({
    method: ['GET', 'POST'],
    url: `${AUTH_BASE_PATH}/*`,
    schema: { hide: true },
    onRequest: async (request, reply) => {
      if (/\/(sign-in|sign-up)\//.test(request.url)) await limitCredentials.call(app, request, reply);
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
      reply.status(response.status);
      response.headers.forEach((value, key) => {
        if (key !== 'set-cookie' && key !== 'content-length') reply.header(key, value);
      });
      const cookies = response.headers.getSetCookie();
      if (cookies.length > 0) reply.header('set-cookie', cookies);
      const text = await response.text();
      if (response.status >= 400) return sendError(reply, authError(response.status, text));
      return reply.send(text === '' ? null : text);
    },
  });

  app.decorate('authenticate', async (request: FastifyRequest, reply: FastifyReply) => {
    const authorization = request.headers.authorization;
    if (authorization?.startsWith(`Bearer ${TOKEN_PREFIX}`)) {
      request.user = await tokens.verify(authorization.slice(7).trim());
    } else {
      const fast = await sessions.resolve(request.headers);
      if (fast !== undefined) request.user = fast;
      else {
        const session = await auth.api.getSession({ headers: toHeaders(request.headers) });
        request.user = session
          ? { id: session.user.id, email: session.user.email, name: session.user.name }
          : null;
      }
    }
    if (!request.user)
      return void sendError(
        reply,
        new AppError('unauthorized', 'Sign in first (session cookie or bearer token)'),
      );
  });
});

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
  // Keep Better Auth's status (e.g. 422 for an existing email): it is more precise than the code's default.
  const details = body.code ? { reason: body.code.toLowerCase() } : undefined;
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
    });
    await routes(app);
  };
}

import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError, sendError } from '../http/errors';
import type { RateLimiter } from './rate-limit';
import { sendRateLimited } from './rate-limit';
import { bearerAccessToken, type TokenRepository } from './tokens';

export interface McpGuardOptions {
  readonly tokens: TokenRepository;
  readonly limits: RateLimiter;
  /** MCP_RATE_LIMIT_MAX: JSON-RPC calls per access token per minute. */
  readonly rateLimitMax: number;
}

/** JSON-RPC calls in a body: a batch is as many calls as it has entries, not one request. */
export function jsonRpcCalls(body: unknown): number {
  return Array.isArray(body) ? Math.max(1, body.length) : 1;
}

/**
 * The MCP endpoint's door: `authenticate` (onRequest) admits a personal access token with the `mcp` scope,
 * `limit` (preHandler, once the body is parsed) charges its calls to the verified token's row. Keyed on the
 * token id, not the header text, so `bearer`/`BEARER`/extra spaces are one bucket; counted in the database, so
 * replicas share it.
 */
export function mcpGuard(opts: McpGuardOptions) {
  const limit = { max: opts.rateLimitMax, windowSeconds: 60 };
  return {
    async authenticate(this: void, request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const token = bearerAccessToken(request.headers.authorization);
      const verified = token === undefined ? null : await opts.tokens.verify(token);
      if (!verified) {
        reply.header('www-authenticate', 'Bearer realm="todo-chatbot", error="invalid_token"');
        return void sendError(
          reply,
          new AppError(
            'unauthorized',
            'A valid personal access token is required: Authorization: Bearer tcb_…',
          ),
        );
      }
      if (!verified.scopes.includes('mcp')) {
        reply.header(
          'www-authenticate',
          'Bearer realm="todo-chatbot", error="insufficient_scope", scope="mcp"',
        );
        return void sendError(
          reply,
          new AppError('forbidden', 'This access token lacks the scope mcp', { missing_scopes: ['mcp'] }),
        );
      }
      request.user = verified.user;
      request.credential = { kind: 'token', tokenId: verified.tokenId, scopes: verified.scopes };
    },
    async limit(this: void, request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const credential = request.credential;
      if (credential?.kind !== 'token') return;
      const verdict = await opts.limits.hit(`mcp:${credential.tokenId}`, limit, jsonRpcCalls(request.body));
      if (!verdict.allowed) sendRateLimited(reply, verdict, 'Too many MCP requests');
    },
  };
}

import { createdTokenSchema, createTokenBodySchema, errorBodySchema, tokenListSchema } from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../http/errors';
import { userIdParam } from '../http/params';
import { requireCookieSession } from './plugin';
import type { TokenRepository } from './tokens';

const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/**
 * Personal access tokens for MCP and API clients (mounted under /api/:user_id). Managed from the browser's
 * cookie session only: a leaked token, or a session token lifted from an API client, cannot mint a successor
 * that outlives its revocation or a password change.
 */
export function tokenRoutes(repo: TokenRepository) {
  return async (scope: FastifyInstance) => {
    scope.addHook('onRequest', requireCookieSession);
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['tokens'];
    const params = z.strictObject({ user_id: userIdParam });

    app.get('/tokens', {
      schema: {
        tags,
        summary: 'List access tokens',
        params,
        response: { 200: tokenListSchema, ...errors },
      },
      handler: async (req) => ({ items: await repo.list(req.user!.id) }),
    });

    app.post('/tokens', {
      schema: {
        tags,
        summary: 'Create an access token (shown once)',
        description:
          'scopes defaults to ["mcp","tasks:read","tasks:write"]: the MCP server with every task tool, no REST access. ' +
          'Add "api" for the REST task routes; drop "tasks:write" for a read-only token.',
        params,
        body: createTokenBodySchema,
        response: { 201: createdTokenSchema, ...errors },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await repo.create(req.user!.id, req.body.name, req.body.scopes)),
    });

    app.delete('/tokens/:id', {
      schema: {
        tags,
        summary: 'Revoke an access token',
        params: params.extend({ id: z.uuid() }),
        response: { 204: z.null(), ...errors },
      },
      handler: async (req, reply) => {
        if (!(await repo.revoke(req.user!.id, req.params.id))) throw notFound('Token');
        return reply.status(204).send(null);
      },
    });
  };
}

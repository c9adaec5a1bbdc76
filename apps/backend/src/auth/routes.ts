import { errorBodySchema } from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../http/errors';
import { userIdParam } from '../http/params';
import type { TokenRepository } from './tokens';

const tokenInfo = z.object({
  id: z.string(),
  name: z.string(),
  created_at: z.string(),
  last_used_at: z.string().nullable(),
});
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** Personal access tokens for MCP and API clients (mounted under /api/:user_id). */
export function tokenRoutes(repo: TokenRepository) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['tokens'];
    const params = z.strictObject({ user_id: userIdParam });

    app.get('/tokens', {
      schema: {
        tags,
        summary: 'List access tokens',
        params,
        response: { 200: z.object({ items: z.array(tokenInfo) }), ...errors },
      },
      handler: async (req) => ({ items: await repo.list(req.user!.id) }),
    });

    app.post('/tokens', {
      schema: {
        tags,
        summary: 'Create an access token (shown once)',
        params,
        body: z.strictObject({ name: z.string().trim().min(1).max(100) }),
        response: { 201: tokenInfo.extend({ token: z.string() }), ...errors },
      },
      handler: async (req, reply) => reply.status(201).send(await repo.create(req.user!.id, req.body.name)),
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

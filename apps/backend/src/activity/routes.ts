import {
  activityPageSchema,
  errorBodySchema,
  listActivityQuerySchema,
  undoRequestSchema,
  undoResultSchema,
} from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userIdParam } from '../http/params';
import { apiChange } from './context';
import type { ActivityRepository } from './repository';

const params = z.strictObject({ user_id: userIdParam });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The user's activity log and undo of their REST changes (mounted under /api/:user_id by userScoped). */
export function activityRoutes(repo: ActivityRepository) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['activity'];

    app.get('/activity', {
      schema: {
        tags,
        summary: 'List task changes from every surface, newest first',
        params,
        querystring: listActivityQuerySchema,
        response: { 200: activityPageSchema, ...errors },
      },
      handler: (req) => repo.list(req.user!.id, req.query),
    });

    app.post('/activity/undo', {
      schema: {
        tags,
        summary: 'Undo the latest changes made through the REST API (default: the last request)',
        params,
        body: undoRequestSchema.nullish(),
        response: { 200: undoResultSchema, ...errors, 409: errorBodySchema },
      },
      handler: (req) => repo.undo(apiChange(req.user!.id), { groups: req.body?.groups }),
    });
  };
}

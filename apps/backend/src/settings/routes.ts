import { errorBodySchema, settingsSchema, updateSettingsSchema } from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userIdParam } from '../http/params';
import type { SettingsRepository } from './repository';

const params = z.strictObject({ user_id: userIdParam });
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema };

/** The user's saved time zone and language (mounted under /api/:user_id by userScoped). */
export function settingsRoutes(repo: SettingsRepository) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['settings'];

    app.get('/settings', {
      schema: { tags, summary: 'Read saved settings', params, response: { 200: settingsSchema, ...errors } },
      handler: (req) => repo.getSettings(req.user!.id),
    });

    app.patch('/settings', {
      schema: {
        tags,
        summary: 'Change saved settings (null clears a field)',
        params,
        body: updateSettingsSchema,
        response: { 200: settingsSchema, ...errors },
      },
      handler: (req) => repo.updateSettings(req.user!.id, req.body),
    });
  };
}

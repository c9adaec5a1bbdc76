import {
  errorBodySchema,
  listRemindersQuerySchema,
  reminderListSchema,
  reminderSchema,
  SNOOZE_MINUTES_DEFAULT,
  snoozeReminderSchema,
} from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../http/errors';
import { userIdParam } from '../http/params';
import type { ReminderRepository } from './repository';

const REMINDER_ID = { message: 'reminder id must be a positive integer' };
const params = z.strictObject({
  user_id: userIdParam,
  id: z
    .string()
    .regex(/^\d{1,15}$/, REMINDER_ID)
    .transform(Number),
});
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };
const notFound = (id: number) => new AppError('not_found', `Reminder ${id} not found`);

/** The user's reminders: list, snooze, dismiss (mounted under /api/:user_id by userScoped). */
export function reminderRoutes(repo: ReminderRepository) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['reminders'];

    app.get('/reminders', {
      schema: {
        tags,
        summary: "List the user's reminders, latest fire time first (at most 200)",
        params: z.strictObject({ user_id: userIdParam }),
        querystring: listRemindersQuerySchema,
        response: { 200: reminderListSchema, ...errors },
      },
      handler: async (req) => ({ items: await repo.list(req.user!.id, req.query.state) }),
    });

    app.post('/reminders/:id/snooze', {
      schema: {
        tags,
        summary: 'Remind again in `minutes` (default 10) or at `until`; the snoozed reminder counts as seen',
        params,
        body: snoozeReminderSchema.nullish(),
        response: { 201: reminderSchema, ...errors, 409: errorBodySchema },
      },
      handler: async (req, reply) => {
        const { minutes = SNOOZE_MINUTES_DEFAULT, until } = req.body ?? {};
        const at = until ? new Date(until) : new Date(Date.now() + minutes * 60_000);
        if (at.getTime() <= Date.now()) throw new AppError('validation_error', 'until must be in the future');
        const outcome = await repo.snooze(req.user!.id, req.params.id, at);
        if ('error' in outcome) {
          if (outcome.error === 'not_found') throw notFound(req.params.id);
          throw new AppError(
            'conflict',
            'The task of this reminder is completed: there is nothing to snooze',
          );
        }
        return reply.code(201).send(outcome.reminder);
      },
    });

    app.post('/reminders/:id/dismiss', {
      schema: {
        tags,
        summary: 'Mark a reminder seen; a pending one will not fire',
        params,
        response: { 200: reminderSchema, ...errors },
      },
      handler: async (req) => {
        const reminder = await repo.dismiss(req.user!.id, req.params.id);
        if (!reminder) throw notFound(req.params.id);
        return reminder;
      },
    });
  };
}

import {
  completeTaskSchema,
  createTaskSchema,
  errorBodySchema,
  listTasksQuerySchema,
  taskIdSchema,
  taskListSchema,
  taskSchema,
  updateTaskSchema,
} from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { apiChange } from '../activity/context';
import { notFound } from '../http/errors';
import { userIdParam } from '../http/params';
import { rruleSchema } from './recurrence';
import type { TaskRepository } from './repository';

const taskParams = z.strictObject({ user_id: userIdParam, id: taskIdSchema });
// The shared schemas check an RRULE's shape; here it must also be one the scheduler can evaluate (400 otherwise).
const recurrence = { recurrence: rruleSchema.nullable().optional() };
const createBody = createTaskSchema.extend(recurrence);
const updateBody = updateTaskSchema.safeExtend(recurrence);
const errors = { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema, 404: errorBodySchema };

/** REST routes for one user's tasks (mounted under /api/:user_id by userScoped). Each request is one change group. */
export function taskRoutes(repo: TaskRepository) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const tags = ['tasks'];

    app.get('/tasks', {
      schema: {
        tags,
        summary: 'List tasks',
        params: z.strictObject({ user_id: userIdParam }),
        querystring: listTasksQuerySchema,
        response: { 200: taskListSchema, ...errors },
      },
      handler: (req) => repo.list(req.user!.id, req.query),
    });

    app.post('/tasks', {
      schema: {
        tags,
        summary: 'Create a task',
        params: z.strictObject({ user_id: userIdParam }),
        body: createBody,
        response: { 201: taskSchema, ...errors, 409: errorBodySchema },
      },
      handler: async (req, reply) =>
        reply.status(201).send(await repo.create(apiChange(req.user!.id), req.body)),
    });

    app.get('/tasks/:id', {
      schema: { tags, summary: 'Get a task', params: taskParams, response: { 200: taskSchema, ...errors } },
      handler: async (req) =>
        (await repo.get(req.user!.id, req.params.id)) ?? Promise.reject(notFound('Task')),
    });

    app.patch('/tasks/:id', {
      schema: {
        tags,
        summary: 'Update a task',
        params: taskParams,
        body: updateBody,
        response: { 200: taskSchema, ...errors },
      },
      handler: async (req) =>
        (await repo.update(apiChange(req.user!.id), req.params.id, req.body)) ??
        Promise.reject(notFound('Task')),
    });

    // Without a body this toggles (the UI's checkbox); with {completed} it sets, like the complete/reopen tools.
    app.patch('/tasks/:id/complete', {
      schema: {
        tags,
        summary: 'Complete a task: {"completed": true|false} sets it; no body toggles it',
        params: taskParams,
        body: completeTaskSchema.nullish(),
        response: { 200: taskSchema, ...errors },
      },
      handler: async (req) => {
        const patch = req.body ? { completed: req.body.completed } : { toggle: true };
        return (
          (await repo.update(apiChange(req.user!.id), req.params.id, patch)) ??
          Promise.reject(notFound('Task'))
        );
      },
    });

    app.delete('/tasks/:id', {
      schema: { tags, summary: 'Delete a task', params: taskParams, response: { 204: z.null(), ...errors } },
      handler: async (req, reply) => {
        if (!(await repo.remove(apiChange(req.user!.id), req.params.id))) throw notFound('Task');
        return reply.status(204).send(null);
      },
    });
  };
}

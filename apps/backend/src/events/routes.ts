import { errorBodySchema, eventsQuerySchema, type StreamEvent } from '@todo/shared';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { PassThrough } from 'node:stream';
import { z } from 'zod';
import { AppError } from '../http/errors';
import { userIdParam } from '../http/params';
import type { EventHub } from './hub';

export interface EventRoutesOptions {
  readonly hub: EventHub;
  /** How often an idle stream sends a comment, so proxies and browsers keep it open (default 15 s). */
  readonly keepaliveMs?: number;
}

const LAST_EVENT_ID = /^\d{1,15}$/;

/** GET /events: the user's task changes as server-sent events (mounted under /api/:user_id by userScoped). */
export function eventRoutes({ hub, keepaliveMs = 15_000 }: EventRoutesOptions) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const open = new Set<PassThrough>();
    // A stream never ends by itself: shutdown ends them, or the server would wait on them forever.
    scope.addHook('preClose', async () => {
      for (const stream of open) stream.end();
    });

    app.get('/events', {
      schema: {
        tags: ['events'],
        summary: 'Live task changes (SSE); Last-Event-ID or ?since= replays what was missed',
        description:
          'Events task.created, task.updated, task.deleted with data {id, type, action, surface, task, at}, and ' +
          'reminder with data {id, type, reminder, task, at} when a reminder fires; the SSE id is the event id. A reconnect replays up to 500 events of the last 24 hours; `reset` means more were ' +
          'missed: reload the list.',
        params: z.strictObject({ user_id: userIdParam }),
        querystring: eventsQuerySchema,
        response: { 400: errorBodySchema, 401: errorBodySchema, 403: errorBodySchema },
      },
      handler: async (req, reply) => {
        const userId = req.user!.id;
        const header = req.headers['last-event-id'];
        if (header !== undefined && (typeof header !== 'string' || !LAST_EVENT_ID.test(header)))
          throw new AppError('validation_error', 'Last-Event-ID must be an event id');
        const lastId = header !== undefined ? Number(header) : req.query.since;

        const stream = new PassThrough();
        stream.on('error', () => {}); // a write racing a client disconnect must not crash the process
        open.add(stream);
        const sent = new Set<number>();
        let replaying = lastId !== undefined;
        const held: StreamEvent[] = [];
        const write = (text: string) => !stream.destroyed && !stream.writableEnded && stream.write(text);
        const send = (event: StreamEvent) => {
          // Live and replayed events can overlap while a reconnect catches up; each id goes out once.
          if (sent.has(event.id)) return;
          sent.add(event.id);
          if (sent.size > 2000) sent.delete(sent.values().next().value!);
          write(`id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
        };
        // Subscribe before replaying, so nothing committed in between is lost; hold live events until the replay
        // is out, so the stream stays in order.
        const unsubscribe = hub.subscribe(userId, (event) => (replaying ? held.push(event) : send(event)));
        const keepalive = setInterval(() => write(': keepalive\n\n'), keepaliveMs);
        const stop = () => {
          clearInterval(keepalive);
          unsubscribe();
          open.delete(stream);
        };
        reply.raw.on('close', stop);
        stream.on('close', stop);

        write('retry: 2000\n: connected\n\n');
        if (lastId !== undefined) {
          void hub
            .replay(userId, lastId)
            .then(({ events, complete }) => {
              for (const event of events) send(event);
              if (!complete) write('event: reset\ndata: {}\n\n');
            })
            .catch((err: unknown) => {
              req.log.warn({ err }, 'event replay failed');
              write('event: reset\ndata: {}\n\n');
            })
            .finally(() => {
              replaying = false;
              for (const event of held.splice(0)) send(event);
            });
        }

        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          .header('x-accel-buffering', 'no')
          .send(stream as never); // streams skip the response serializer
      },
    });
  };
}

import { PassThrough } from 'node:stream';
import {
  chatRequestSchema,
  chatResponseSchema,
  conversationListSchema,
  conversationSchema,
  conversationMessagesQuerySchema,
  conversationWithMessagesSchema,
  errorBodySchema,
  listConversationsQuerySchema,
  renameConversationSchema,
  type ChatEvent,
  type ChatResponse,
} from '@todo/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendRateLimited } from '../auth/rate-limit';
import { AppError, notFound, toAppError } from '../http/errors';
import { userIdParam } from '../http/params';
import type { ConversationRepository } from './repository';
import type { ChatService } from './service';

export interface ChatRoutesOptions {
  /** Runs the turns (app.ts wires it to the agent, tasks and settings). */
  readonly chat: ChatService;
  readonly conversations: ConversationRepository;
  /** CHAT_RATE_LIMIT_MAX: turns per user per minute. */
  readonly rateLimitMax: number;
}

/** A comment line every so often keeps proxies from closing a stream while the model thinks. */
const SSE_KEEPALIVE_MS = 15_000;

const errors = {
  400: errorBodySchema,
  401: errorBodySchema,
  403: errorBodySchema,
  404: errorBodySchema,
  429: errorBodySchema,
};
const llmErrors = { 502: errorBodySchema, 503: errorBodySchema, 504: errorBodySchema };

const wantsEventStream = (req: FastifyRequest) => /\btext\/event-stream\b/i.test(req.headers.accept ?? '');

/** One server-sent event of a chat turn. */
const sseEvent = <E extends ChatEvent>(event: E['event'], data: E['data']) =>
  `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;

/** The stored answer of a resent turn, in the form the client asked for (nothing runs again). */
function replayed(req: FastifyRequest, reply: FastifyReply, response: ChatResponse) {
  if (!wantsEventStream(req)) return response;
  const events = [
    sseEvent('conversation', { conversation_id: response.conversation_id }),
    sseEvent('done', response),
  ];
  return reply
    .header('content-type', 'text/event-stream; charset=utf-8')
    .header('cache-control', 'no-cache, no-transform')
    .send(events.join(''));
}

/** Chat and conversation routes for one user (mounted under /api/:user_id by userScoped). */
export function chatRoutes(opts: ChatRoutesOptions) {
  return async (scope: FastifyInstance) => {
    const app = scope.withTypeProvider<ZodTypeProvider>();
    const { chat, conversations } = opts;
    const params = z.strictObject({ user_id: userIdParam });
    const conversationParams = params.extend({ id: z.uuid({ message: 'conversation id must be a UUID' }) });

    // Per user, after authentication (onRequest) so the key is the user, not a shared proxy IP; counted in the
    // database like the auth limits, so N replicas do not mean N times the turns (or N times the LLM bill).
    const chatLimit = { max: opts.rateLimitMax, windowSeconds: 60 };

    app.post('/chat', {
      schema: {
        tags: ['chat'],
        summary: 'Send a chat message; JSON reply, or an SSE stream with Accept: text/event-stream',
        description:
          'SSE events in order: conversation, (delta | tool_call | tool_result)*, then done (data = the JSON reply) or error {code,message}.',
        params,
        body: chatRequestSchema,
        response: { 200: chatResponseSchema, ...errors, 409: errorBodySchema, ...llmErrors },
      },
      handler: async (req, reply) => {
        const user = req.user!;
        const started = await chat.start(user.id, req.body, { key: `chat:${user.id}`, ...chatLimit });
        if (started.kind === 'limited')
          return sendRateLimited(reply, started.result, 'Too many chat messages');
        if (started.kind === 'replay') return replayed(req, reply, started.response);
        const { turn } = started;
        // Stop in the UI closes the request (the frontend proxy passes that on); so does a client that leaves.
        // Either way the model call is cancelled and what was produced is stored, marked stopped.
        const cancel = new AbortController();
        let open = true;
        reply.raw.on('close', () => {
          open = false;
          if (!reply.raw.writableFinished) cancel.abort();
        });
        if (req.raw.socket?.destroyed) cancel.abort(); // left while the user message was being stored
        if (!wantsEventStream(req)) return chat.finish(turn, { stream: false, signal: cancel.signal });

        const stream = new PassThrough();
        stream.on('error', () => {}); // a write racing a client disconnect must not crash the process
        const send = <E extends ChatEvent>(event: E['event'], data: E['data']) => {
          if (open && !stream.destroyed) stream.write(sseEvent<E>(event, data));
        };
        const keepalive = setInterval(
          () => open && !stream.destroyed && stream.write(': keepalive\n\n'),
          SSE_KEEPALIVE_MS,
        );
        send('conversation', { conversation_id: turn.conversationId });

        // Tracked: shutdown waits for the turn (a stopped one ends at once) before closing the database.
        void scope.inflight.track(
          chat
            .finish(turn, {
              stream: true,
              signal: cancel.signal,
              events: {
                delta: (text) => send('delta', { text }),
                toolCall: (call) => send('tool_call', call),
                toolResult: (result) => send('tool_result', result),
              },
            })
            .then((result) => send('done', result))
            .catch((err: unknown) => {
              const known = toAppError(err as Error);
              if (known) req.log.warn({ err }, `chat turn failed: ${known.message}`);
              else req.log.error({ err }, 'chat turn failed');
              const appError = known ?? new AppError('internal_error', 'Something went wrong on our side');
              send('error', { code: appError.code, message: appError.message });
            })
            .finally(() => {
              clearInterval(keepalive);
              stream.end();
            }),
        );

        return reply
          .header('content-type', 'text/event-stream; charset=utf-8')
          .header('cache-control', 'no-cache, no-transform')
          .header('x-accel-buffering', 'no')
          .send(stream as never); // streams skip the response serializer
      },
    });

    app.get('/conversations', {
      schema: {
        tags: ['chat'],
        summary: 'List conversations, most recently active first, a page at a time',
        description:
          'Pass next_cursor back as cursor for the next page; next_cursor is null on the last page.',
        params,
        querystring: listConversationsQuerySchema,
        response: { 200: conversationListSchema, ...errors },
      },
      handler: (req) => conversations.list(req.user!.id, req.query),
    });

    app.get('/conversations/:id', {
      schema: {
        tags: ['chat'],
        summary: 'Get a conversation with its newest messages (oldest first)',
        description:
          'messages_before, when not null, is the cursor of the older messages: pass it as before to get the page before.',
        params: conversationParams,
        querystring: conversationMessagesQuerySchema,
        response: { 200: conversationWithMessagesSchema, ...errors },
      },
      handler: async (req) => {
        const conversation = await conversations.get(req.user!.id, req.params.id);
        if (!conversation) throw notFound('Conversation');
        const { limit, before } = req.query;
        return { ...conversation, ...(await conversations.messagesPage(conversation.id, limit, before)) };
      },
    });

    app.patch('/conversations/:id', {
      schema: {
        tags: ['chat'],
        summary: 'Rename a conversation',
        params: conversationParams,
        body: renameConversationSchema,
        response: { 200: conversationSchema, ...errors },
      },
      handler: async (req) => {
        const renamed = await conversations.rename(req.user!.id, req.params.id, req.body.title);
        if (!renamed) throw notFound('Conversation');
        return renamed;
      },
    });

    app.delete('/conversations/:id', {
      schema: {
        tags: ['chat'],
        summary: 'Delete a conversation and its messages',
        params: conversationParams,
        response: { 204: z.null(), ...errors },
      },
      handler: async (req, reply) => {
        if (!(await conversations.remove(req.user!.id, req.params.id))) throw notFound('Conversation');
        return reply.status(204).send(null);
      },
    });
  };
}

import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler } from 'fastify-type-provider-zod';
import { API_BODY_LIMIT_BYTES } from '@todo/shared/limits';
import pkg from '../package.json' with { type: 'json' };
import { activityRepository } from './activity/repository';
import { activityRoutes } from './activity/routes';
import { authPlugin, userScoped } from './auth/plugin';
import { createAgent } from './agent';
import { conversationRepository } from './chat/repository';
import { chatRoutes } from './chat/routes';
import { chatService } from './chat/service';
import { tokenRoutes } from './auth/token-routes';
import type { AppConfig } from './config';
import type { Database } from './db/client';
import { docsPlugin } from './docs/plugin';
import { eventHub } from './events/hub';
import { eventRoutes } from './events/routes';
import { healthRoutes } from './health/routes';
import { clientErrorHandler, errorsPlugin, frameworkErrorHandler } from './http/errors';
import { responseHeadersPlugin } from './http/headers';
import { inflightPlugin } from './http/inflight';
import { responseSerializer } from './http/serializer';
import { mcpRoutes } from './mcp/routes';
import { reminderRoutes } from './reminders/routes';
import { startReminderScheduler } from './reminders/scheduler';
import { settingsRepository } from './settings/repository';
import { settingsRoutes } from './settings/routes';
import { metricsPlugin } from './metrics/plugin';
import { taskRepository } from './tasks/repository';
import { configuredQuotas } from './db/quotas';
import { taskRoutes } from './tasks/routes';

export interface BuildAppOptions {
  readonly config: AppConfig;
  /** Open database; the app does not close it (its owner does). */
  readonly database: Database;
  /** false silences logs (tests); otherwise JSON logs at config.LOG_LEVEL with secrets redacted. */
  readonly logger?: false;
  /** Where log lines go (default stdout); tests read them from here. */
  readonly logStream?: { write(line: string): void };
  /** The app's one clock: chat date phrases resolve against it (tests and `pnpm eval` pin it). */
  readonly clock?: () => Date;
  /** Keepalive period of the event stream (tests shorten it). */
  readonly eventKeepaliveMs?: number;
  /** Deliver reminders from this process (every replica does; tests that do not need it may skip). @default true */
  readonly reminders?: boolean;
  /** Longest time a client may take to send a whole request, headers and body (tests shorten it). @default 30000 */
  readonly requestTimeoutMs?: number;
}

export const BODY_LIMIT = API_BODY_LIMIT_BYTES;
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Builds the whole API from a config object and an open database (used by the server entry and tests). */
export async function buildApp({
  config,
  database,
  logger,
  logStream,
  clock,
  eventKeepaliveMs,
  reminders = true,
  requestTimeoutMs = 30_000,
}: BuildAppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? {
      level: config.LOG_LEVEL,
      redact: {
        paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
        censor: '[redacted]',
      },
      ...(logStream ? { stream: logStream } : {}),
    },
    bodyLimit: BODY_LIMIT,
    // A client that trickles its headers or body holds a socket (and, behind the proxy, an upstream connection):
    // Node answers 408 and closes it after requestTimeout, checked every second rather than its default 30 s.
    // Responses are not bounded by it (event streams and streamed chat replies run as long as they need).
    serverFactory: (handler) =>
      createServer(
        {
          requestTimeout: requestTimeoutMs,
          headersTimeout: Math.min(requestTimeoutMs, 15_000),
          connectionsCheckingInterval: Math.min(1000, requestTimeoutMs),
        },
        handler,
      ),
    // Only these peers may speak for the client (X-Forwarded-For/-Proto/-Host); anyone else is taken at its
    // socket address, so a spoofed header neither dodges a limit nor spends someone else's.
    trustProxy: [...config.TRUSTED_PROXIES],
    // genReqId validates the incoming header itself (Fastify would trust any value).
    requestIdHeader: false,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 256 },
    clientErrorHandler,
    frameworkErrors: frameworkErrorHandler,
    // During a graceful shutdown, requests already on open keep-alive connections are served (the database
    // stays open until close() resolves) instead of getting Fastify's bare 503.
    return503OnClosing: false,
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer(config.NODE_ENV));

  // JSON is the only body format of the API; anything else is a 415, not a string to validate.
  app.removeContentTypeParser('text/plain');
  await app.register(inflightPlugin);
  await app.register(errorsPlugin, { database });
  await app.register(responseHeadersPlugin);
  await app.register(metricsPlugin, { database });
  await app.register(docsPlugin, { version: pkg.version });
  await app.register(healthRoutes(database));
  await app.register(authPlugin, { database, config });

  const quotas = configuredQuotas(config);
  const tasks = taskRepository(database, quotas);
  const settings = settingsRepository(database);
  const conversations = conversationRepository(database, quotas);
  const chat = chatService({
    conversations,
    tasks,
    agent: await createAgent(config),
    historyMaxMessages: config.CHAT_HISTORY_MAX_MESSAGES,
    clock,
    savedTimeZone: async (userId) => (await settings.getSettings(userId)).time_zone,
    countHit: (limit) => app.rateLimits.hit(limit.key, limit),
  });
  // One LISTEN per process carries every replica's task changes to this process's open event streams.
  const events = eventHub(database, (err) => app.log.warn({ err }, 'event stream: database listener'));
  await events.start();
  app.addHook('onClose', () => events.close());
  if (reminders) {
    const scheduler = await startReminderScheduler(database, {
      log: (err) => app.log.warn({ err }, 'reminders: scheduler'),
    });
    // preClose: the queue stops taking jobs (and finishes the running ones) while the database is still open.
    app.addHook('preClose', () => scheduler.stop());
  }
  await app.register(
    userScoped(async (scope) => {
      await scope.register(taskRoutes(tasks));
      await scope.register(activityRoutes(activityRepository(database, quotas)));
      await scope.register(reminderRoutes(tasks.reminders));
      await scope.register(eventRoutes({ hub: events, keepaliveMs: eventKeepaliveMs }));
      await scope.register(settingsRoutes(settings));
      await scope.register(tokenRoutes(scope.tokens));
      await scope.register(chatRoutes({ chat, conversations, rateLimitMax: config.CHAT_RATE_LIMIT_MAX }));
    }),
    { prefix: '/api/:user_id' },
  );
  await app.register(
    mcpRoutes({
      tasks,
      settings,
      tokens: app.tokens,
      limits: app.rateLimits,
      version: pkg.version,
      rateLimitMax: config.MCP_RATE_LIMIT_MAX,
    }),
  );
  return app;
}

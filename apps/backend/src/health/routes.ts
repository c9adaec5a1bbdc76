import type { FastifyInstance } from 'fastify';
import type { Database } from '../db/client';
import { AppError, sendError } from '../http/errors';

/** Readiness answers within this bound even when the database hangs. */
export const READY_TIMEOUT_MS = 1500;

/** Liveness (process up) and readiness (database answers) for probes. */
export function healthRoutes(database: Database) {
  return async (app: FastifyInstance) => {
    app.get('/healthz', { schema: { hide: true }, logLevel: 'warn' }, async () => ({ status: 'ok' }));
    app.get('/readyz', { schema: { hide: true }, logLevel: 'warn' }, async (request, reply) => {
      try {
        await database.ping(READY_TIMEOUT_MS);
        return { status: 'ok', database: database.driver };
      } catch (err) {
        request.log.warn({ err }, 'readiness check failed');
        return sendError(reply, new AppError('database_unavailable', 'The database is not reachable'));
      }
    });
  };
}

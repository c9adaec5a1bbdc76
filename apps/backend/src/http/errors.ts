import { ERROR_CODES, type ErrorCode, type ValidationIssue } from '@todo/shared';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Database } from '../db/client';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/** An error the API reports to the client as `{"error":{"code","message","details?"}}`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Defaults to the code's status; set only where a more precise 4xx exists. */
    readonly status: number = ERROR_CODES[code],
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError('not_found', `${what} not found`);

// Fastify's own client errors → our stable codes.
const FASTIFY_CODES: Record<string, ErrorCode> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'validation_error',
};

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'validation_error',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  429: 'rate_limited',
  503: 'service_unavailable',
};

// Connection-level failures: the database is down or unreachable, not the request's fault.
const DB_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  '57P01',
  '57P02',
  '57P03',
  '08000',
  '08001',
  '08003',
  '08006',
]);
const DB_DOWN_MESSAGES =
  /connection terminated|timeout exceeded when trying to connect|connection error|did not answer within|Client has encountered a connection error|WebSocket/i;

/** An error and the causes it wraps, nearest first (at most five, so a cycle ends). */
export function causes(error: unknown): unknown[] {
  const out: unknown[] = [];
  for (let e = error; e && out.length < 5; e = (e as { cause?: unknown }).cause) out.push(e);
  return out;
}

/** True when the error (or its cause chain) means the database cannot be reached. */
export function isDatabaseUnavailable(error: unknown): boolean {
  return causes(error).some((e) => {
    const { code, message } = e as { code?: string; message?: string };
    return (
      (code !== undefined && DB_DOWN_CODES.has(code)) ||
      (typeof message === 'string' && DB_DOWN_MESSAGES.test(message))
    );
  });
}

/** Postgres data errors (class 22) that slipped past validation are the client's, not a 500. */
function postgresDataError(error: unknown): boolean {
  return causes(error).some((e) => /^22/.test(String((e as { code?: string }).code ?? '')));
}

export function toAppError(error: FastifyError | Error): AppError | null {
  if (error instanceof AppError) return error;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v): ValidationIssue => ({
      path: [error.validationContext, ...String(v.instancePath).split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'is invalid',
    }));
    const first = details[0];
    return new AppError(
      'validation_error',
      first ? `${first.path}: ${first.message}` : 'invalid request',
      details,
    );
  }
  const fe = error as FastifyError;
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new AppError(mapped, fe.message);
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return new AppError(STATUS_CODES[fe.statusCode] ?? 'validation_error', fe.message);
  }
  if (isDatabaseUnavailable(error)) return DB_DOWN();
  if (postgresDataError(error))
    return new AppError('validation_error', 'A value is out of range or malformed');
  return null;
}

export function sendError(reply: FastifyReply, error: AppError): FastifyReply {
  const body: { code: string; message: string; details?: unknown } = {
    code: error.code,
    message: error.message,
  };
  if (error.details !== undefined) body.details = error.details;
  if (error.code === 'database_unavailable') reply.header('retry-after', '5');
  return reply.status(error.status).type('application/json').send({ error: body });
}

const DB_DOWN = () => new AppError('database_unavailable', 'The database is unavailable; try again shortly');

/** One error handler and one not-found handler for the whole app. */
export const errorsPlugin = fp(async (app: FastifyInstance, opts: { database: Database }) => {
  app.setErrorHandler(async (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const appError = toAppError(error);
    if (appError) {
      if (appError.status >= 500) request.log.warn({ err: error }, appError.message);
      return sendError(reply, appError);
    }
    // Drivers word a lost database in many ways; an unexpected failure while the database does not
    // answer is reported as what it is (503, retry) rather than a bare 500.
    const databaseDown = await opts.database.ping(1000).then(
      () => false,
      () => true,
    );
    request.log.error({ err: error, databaseDown }, 'unhandled error');
    return sendError(
      reply,
      databaseDown ? DB_DOWN() : new AppError('internal_error', 'Something went wrong on our side'),
    );
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new AppError('not_found', `Route ${request.method} ${request.url.split('?')[0]} not found`),
    ),
  );
});

/** Fastify's own router failures (e.g. FST_ERR_BAD_URL for `%ZZ` in a path) in the API's error shape. */
export function frameworkErrorHandler(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  void sendError(reply, toAppError(error) ?? new AppError('validation_error', error.message));
}

/**
 * Requests Node's HTTP parser refuses (bad request line, oversized headers, timeouts) never reach a route;
 * they still get the API's error shape instead of Fastify's default body.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, appError] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [
          431,
          'Request Header Fields Too Large',
          new AppError('payload_too_large', 'The request headers are too large', undefined, 431),
        ]
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [
            408,
            'Request Timeout',
            new AppError('validation_error', 'The request was not received in time', undefined, 408),
          ]
        : [400, 'Bad Request', new AppError('validation_error', 'The HTTP request is malformed')];
  const body = JSON.stringify({ error: { code: appError.code, message: appError.message } });
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

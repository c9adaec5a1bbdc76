import type { Socket } from 'node:net';
import type { ErrorBody } from '@todo/shared';

/** Longest time a client may take to send a whole request, headers and body; the backend's own limit. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** Longest time a client may take to send its headers. */
export const HEADERS_TIMEOUT_MS = 15_000;

/**
 * Requests Node's HTTP parser refuses or times out (a bad request line, oversized headers, a client that trickles
 * its request) never reach a handler; they still get the API's JSON error shape, then the connection is closed.
 */
export function clientErrorHandler(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, reason, code, message] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'Request Header Fields Too Large', 'payload_too_large', 'The request headers are too large']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'Request Timeout', 'validation_error', 'The request was not received in time']
        : [400, 'Bad Request', 'validation_error', 'The HTTP request is malformed'];
  const body = JSON.stringify({ error: { code, message } } satisfies ErrorBody);
  // A response already under way on this socket (e.g. the backend answered early) must not be corrupted.
  const inFlight = (socket as Socket & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}

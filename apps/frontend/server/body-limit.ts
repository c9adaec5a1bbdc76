import type http from 'node:http';
import { Transform, type Readable } from 'node:stream';

/** Thrown from a streamed body that grew past the limit; the proxy answers 413 for it. */
export class BodyTooLarge extends Error {
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/** A declared Content-Length over the limit: refused before a byte goes to the backend. */
export function declaredTooLarge(req: http.IncomingMessage, limit: number): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && Number(declared) > limit;
}

/**
 * The request body, failing with BodyTooLarge once it passes `limit` bytes. A sized body needs no counting (Node's
 * parser delivers exactly Content-Length bytes, already checked); a chunked one is counted as it streams, so the
 * backend never has to cut off an upload mid-way — which the proxy would see only as a broken connection.
 * Piped rather than iterated: ending an iteration early would destroy the request and its socket, and with it the
 * chance to answer 413.
 */
export function limitedBody(req: http.IncomingMessage, limit: number): Readable {
  if (req.headers['content-length'] !== undefined) return req;
  let total = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      total += chunk.length;
      done(total > limit ? new BodyTooLarge(limit) : null, total > limit ? undefined : chunk);
    },
  });
  // Once the counter has failed, what is left of the upload is read and dropped, never sent on.
  counter.once('error', () => req.unpipe(counter).resume());
  return req.pipe(counter);
}

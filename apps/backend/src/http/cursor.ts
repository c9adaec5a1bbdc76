import { AppError } from './errors';

/*
 * The one codec of page cursors: a small JSON object in base64url. Opaque to clients; the server checks every
 * field of a decoded cursor before a value of it reaches SQL, and a cursor that fails is a 400, never a wrong page.
 */

export const encodeCursor = (payload: object): string =>
  Buffer.from(JSON.stringify(payload)).toString('base64url');

/**
 * The payload of `raw` if `accept` takes it; else a 400 validation_error naming the query parameter `param`.
 * `accept` sees an object whose fields are still unchecked.
 */
export function decodeCursor<T extends object>(
  raw: string,
  accept: (payload: Partial<Record<keyof T, unknown>>) => boolean,
  param = 'cursor',
): T {
  try {
    const payload: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (typeof payload === 'object' && payload !== null && !Array.isArray(payload) && accept(payload))
      return payload as T;
  } catch {
    /* not base64url JSON: fall through */
  }
  throw new AppError('validation_error', `${param} is invalid or belongs to another list or sort order`, [
    { path: `querystring.${param}`, message: 'invalid cursor' },
  ]);
}

import { pageTranslator } from '@/i18n/client';
import { isConnectionError, reportFailure, reportUp } from './connection';

/** A failed API call, carrying the backend's `{"error":{code,message,details}}` (or Better Auth's `{code,message}`). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The server could not be reached, in the UI's language. */
export const networkError = () => new ApiError(0, 'network_error', pageTranslator('common')('networkError'));

export interface ApiInit extends Omit<RequestInit, 'body'> {
  /** Sent as JSON. */
  json?: unknown;
}

/** Calls the same-origin API (the Next.js proxy forwards it) and returns the parsed JSON body. */
export async function api<T>(path: string, init: ApiInit = {}): Promise<T> {
  const { json, headers, ...rest } = init;
  let res: Response;
  try {
    res = await fetch(path, {
      ...rest,
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        ...(json !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : undefined,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw reported(networkError());
  }
  const text = await res.text();
  let body: unknown = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!res.ok) {
    // Worded by a module loaded on the first refusal (see error-text.ts): the page's first load does without it.
    const { toApiError } = await import('./error-text');
    throw reported(toApiError(res.status, body));
  }
  reportUp();
  return body as T;
}

/** Tells the connection state about a failure (a backend outage shows one banner) and returns it to throw. */
export function reported(err: ApiError): ApiError {
  if (isConnectionError(err)) reportFailure(err);
  else reportUp(); // the backend answered, if only to refuse
  return err;
}

/** A 401 means the session ended: go to sign-in instead of showing an error. */
export function authGuard(err: unknown) {
  if (err instanceof ApiError && err.status === 401) window.location.assign('/sign-in');
}

/** What a panel shows for a failed call: nothing for a backend outage (the one connection banner says it). */
export function panelError(err: unknown, fallback: string): string | null {
  if (isConnectionError(err)) return null;
  return err instanceof ApiError ? err.message : fallback;
}

import { pageLookup, pageTranslator, type Lookup, type Values } from '@/i18n/client';
import { ApiError } from './api';

/*
 * The words of a failed API call, in the UI's language. Loaded on the first refusal (and with the chat's contract
 * and the forms' field errors), not with the page: `/` has a first-load budget of 150 kB.
 */

interface ErrorShape {
  code?: unknown;
  message?: unknown;
  details?: unknown;
}

/** The field a validation issue's dotted path names: `body.title` → title, `body.tags.2` → tags. */
export const issueField = (path: string) => path.split('.')[1] ?? path;

/**
 * What an error says, in the UI's language. The one rule: a Better Auth reason (`errors.reason_<reason>`), else an
 * error code (`errors.<code>`), that the catalog knows is worded by the catalog in every language, with the details'
 * values (a quota's `limit`; the `field` a validation error's first issue names); anything else keeps the server's
 * message, else `fallback`.
 */
export function errorText(
  code: string,
  details: unknown,
  serverMessage: string | undefined,
  fallback: string,
  words: Lookup = pageLookup('errors'),
): string {
  const d = { ...(details as object) } as Values;
  const path = (details as { path?: unknown }[] | null | undefined)?.[0]?.path;
  const values = { ...d, field: typeof path === 'string' ? issueField(path) : '' };
  return (
    (typeof d.reason === 'string' && words(`reason_${d.reason}`, values)) ||
    words(code, values) ||
    serverMessage ||
    fallback
  );
}

/**
 * Turns any error body into an ApiError with a message a person can act on (see errorText); `fallback` defaults to
 * "Request failed (status)".
 */
export function toApiError(
  status: number,
  body: unknown,
  fallback = pageTranslator('common')('requestFailed', { status }),
  words?: Lookup,
): ApiError {
  const outer = (body ?? {}) as { error?: ErrorShape } & ErrorShape;
  const e: ErrorShape = typeof outer.error === 'object' && outer.error !== null ? outer.error : outer;
  const code = typeof e.code === 'string' ? e.code : `http_${status}`;
  const message = typeof e.message === 'string' ? e.message : undefined;
  return new ApiError(status, code, errorText(code, e.details, message, fallback, words), e.details);
}

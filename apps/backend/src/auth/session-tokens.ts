import { AUTH_BASE_PATH } from './auth';

// Better Auth's answers that describe sessions carry each session's raw token. The browser's cookie is HttpOnly
// precisely so page JavaScript (an injected script included) cannot read that token; a bearer client already
// holds its own, and nobody needs another session's. So these answers never carry one.
const SESSION_READS = new Set([`${AUTH_BASE_PATH}/get-session`, `${AUTH_BASE_PATH}/list-sessions`]);

/** Whether the auth path (no query) answers with sessions, and so must not reveal their tokens. */
export const revealsSessions = (path: string): boolean => SESSION_READS.has(path);

const dropToken = (session: unknown) => {
  if (session !== null && typeof session === 'object') delete (session as { token?: unknown }).token;
};

/**
 * A get-session (`{session, user}` or null) or list-sessions (`[session…]`) answer without the sessions' tokens.
 * Anything that is not JSON has no session in it and is returned as is.
 */
export function withoutSessionTokens(text: string): string {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return text;
  }
  if (Array.isArray(body)) body.forEach(dropToken);
  else if (body !== null && typeof body === 'object') dropToken((body as { session?: unknown }).session);
  return JSON.stringify(body);
}

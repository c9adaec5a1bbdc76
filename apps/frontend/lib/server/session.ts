import { sessionReplySchema, type SessionUser } from '@todo/shared';
import { cache } from 'react';
import { backendGet } from './backend';

export type { SessionUser };

export type SessionResult =
  { status: 'signed-in'; user: SessionUser } | { status: 'signed-out' } | { status: 'unavailable' };

/**
 * Asks the backend who the browser's cookies belong to (server side, so pages can redirect before rendering).
 * Once per request: the page and its language (lib/server/locale.ts) both ask.
 */
export const getSession = cache(async (): Promise<SessionResult> => {
  try {
    const res = await backendGet('/api/auth/get-session');
    if (res.status === 401) return { status: 'signed-out' };
    if (!res.ok) return { status: 'unavailable' };
    // Parsed, not cast: a reply of another shape is a backend fault, not a signed-out user with half a profile.
    const body = sessionReplySchema.safeParse(await res.json());
    if (!body.success) return { status: 'unavailable' };
    return body.data ? { status: 'signed-in', user: body.data.user } : { status: 'signed-out' };
  } catch {
    return { status: 'unavailable' };
  }
});

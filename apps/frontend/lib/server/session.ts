import { headers } from 'next/headers';
import { readEnv } from '../env';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export type SessionResult =
  { status: 'signed-in'; user: SessionUser } | { status: 'signed-out' } | { status: 'unavailable' };

/** Asks the backend who the browser's cookies belong to (server side, so pages can redirect before rendering). */
export async function getSession(): Promise<SessionResult> {
  const h = await headers();
  const { BACKEND_URL, PROXY_TIMEOUT_MS } = readEnv();
  try {
    const res = await fetch(`${BACKEND_URL.replace(/\/+$/, '')}/api/auth/get-session`, {
      headers: {
        cookie: h.get('cookie') ?? '',
        accept: 'application/json',
        'x-forwarded-host': h.get('x-forwarded-host') ?? h.get('host') ?? '',
        'x-forwarded-proto': h.get('x-forwarded-proto') ?? 'http',
      },
      cache: 'no-store',
      signal: AbortSignal.timeout(Math.min(PROXY_TIMEOUT_MS, 10_000)),
    });
    if (res.status === 401) return { status: 'signed-out' };
    if (!res.ok) return { status: 'unavailable' };
    const body = (await res.json()) as { user?: SessionUser } | null;
    return body?.user ? { status: 'signed-in', user: body.user } : { status: 'signed-out' };
  } catch {
    return { status: 'unavailable' };
  }
}

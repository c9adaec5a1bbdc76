import { backendGet } from './backend';

export interface SessionUser {
  id: string;
  email: string;
  name: string;
}

export type SessionResult =
  { status: 'signed-in'; user: SessionUser } | { status: 'signed-out' } | { status: 'unavailable' };

/** Asks the backend who the browser's cookies belong to (server side, so pages can redirect before rendering). */
export async function getSession(): Promise<SessionResult> {
  try {
    const res = await backendGet('/api/auth/get-session');
    if (res.status === 401) return { status: 'signed-out' };
    if (!res.ok) return { status: 'unavailable' };
    const body = (await res.json()) as { user?: SessionUser } | null;
    return body?.user ? { status: 'signed-in', user: body.user } : { status: 'signed-out' };
  } catch {
    return { status: 'unavailable' };
  }
}

import { headers } from 'next/headers';
import { readEnv } from '../env';

/**
 * GET from the backend during server rendering, as the browser that asked for the page (its cookies and the host
 * it used), so pages can decide what to render before any client code runs.
 */
export async function backendGet(path: string): Promise<Response> {
  const h = await headers();
  const { BACKEND_URL, PROXY_TIMEOUT_MS } = readEnv();
  return fetch(`${BACKEND_URL.replace(/\/+$/, '')}${path}`, {
    headers: {
      cookie: h.get('cookie') ?? '',
      accept: 'application/json',
      'x-forwarded-host': h.get('x-forwarded-host') ?? h.get('host') ?? '',
      'x-forwarded-proto': h.get('x-forwarded-proto') ?? 'http',
    },
    cache: 'no-store',
    signal: AbortSignal.timeout(Math.min(PROXY_TIMEOUT_MS, 10_000)),
  });
}

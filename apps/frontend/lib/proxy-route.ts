import { EnvError } from '@todo/shared/env';
import { readEnv } from './env';
import { errorResponse, forward } from './proxy';

/** Route handler for every method under a proxied prefix; the environment is read per request. */
export async function proxyHandler(req: Request): Promise<Response> {
  let env;
  try {
    env = readEnv();
  } catch (err) {
    if (err instanceof EnvError) return errorResponse(500, 'internal_error', err.message);
    throw err;
  }
  return forward(req, { backendUrl: env.BACKEND_URL, timeoutMs: env.PROXY_TIMEOUT_MS });
}

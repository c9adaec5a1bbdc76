import { frontendEnv, parseEnv, type EnvOf } from '@todo/shared/env';

export type FrontendEnv = EnvOf<typeof frontendEnv>;

let cache: { key: string; env: FrontendEnv } | undefined;

/**
 * The frontend's environment, read on every call so one image works in every cluster (BACKEND_URL is not baked
 * in at build time). Memoised on the raw values because the proxy calls it per request.
 */
export function readEnv(source: Readonly<Record<string, string | undefined>> = process.env): FrontendEnv {
  const key = Object.keys(frontendEnv)
    .map((name) => source[name] ?? '')
    .join('\u0000');
  if (cache?.key !== key) cache = { key, env: parseEnv(frontendEnv, source) };
  return cache.env;
}

import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import { EnvError, backendEnv, parseEnv, type EnvOf } from '@todo/shared/env';

export type DatabaseDriver = 'pglite' | 'pg' | 'neon';

/** The backend's whole configuration: its parsed env contract plus the few values derived from it. */
export type AppConfig = Omit<EnvOf<typeof backendEnv>, 'BETTER_AUTH_SECRET'> & {
  readonly BETTER_AUTH_SECRET: string;
  /** Where the auth secret came from; `derived` only outside production. */
  readonly authSecretSource: 'env' | 'derived';
  readonly databaseDriver: DatabaseDriver;
};

/** Parses and checks the environment; throws EnvError with one line naming the bad variable. */
export function loadConfig(source: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const env = parseEnv(backendEnv, source);
  const databaseDriver = resolveDriver(env.DATABASE_DRIVER, env.DATABASE_URL);
  if (databaseDriver !== 'pglite' && !env.DATABASE_URL) {
    throw new EnvError(
      'DATABASE_URL',
      `Missing environment variable DATABASE_URL: DATABASE_DRIVER=${databaseDriver} needs it`,
    );
  }
  let secret = env.BETTER_AUTH_SECRET;
  const authSecretSource = secret ? 'env' : 'derived';
  if (!secret) {
    if (env.NODE_ENV === 'production') {
      throw new EnvError(
        'BETTER_AUTH_SECRET',
        'Missing environment variable BETTER_AUTH_SECRET: required when NODE_ENV=production (32+ random characters)',
      );
    }
    // Stable across restarts on one machine, so local sessions survive a reload; never used in production.
    secret = createHash('sha256').update(`todo-chatbot-development:${hostname()}`).digest('hex');
  }
  return { ...env, BETTER_AUTH_SECRET: secret, authSecretSource, databaseDriver };
}

function resolveDriver(setting: 'auto' | DatabaseDriver, url: string | undefined): DatabaseDriver {
  if (setting !== 'auto') return setting;
  if (!url) return 'pglite';
  return new URL(url).hostname.endsWith('.neon.tech') ? 'neon' : 'pg';
}

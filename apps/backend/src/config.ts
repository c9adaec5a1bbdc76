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

/** The variables a command that only talks to the database reads (migrate, backup/restore). */
const DATABASE_VARS = ['DATABASE_URL', 'DATABASE_DRIVER', 'PGLITE_DATA_DIR', 'DATABASE_POOL_MAX'] as const;
const databaseEnv = Object.fromEntries(DATABASE_VARS.map((name) => [name, backendEnv[name]])) as Pick<
  typeof backendEnv,
  (typeof DATABASE_VARS)[number]
>;

export type DatabaseConfig = EnvOf<typeof databaseEnv> & { readonly databaseDriver: DatabaseDriver };

/**
 * The database settings alone, for the one-shot commands (the chart's migration and backup Jobs): they never sign
 * a session, so they neither need nor get the auth secret or an LLM key, in any NODE_ENV.
 */
export function loadDatabaseConfig(
  source: Readonly<Record<string, string | undefined>> = process.env,
): DatabaseConfig {
  const env = parseEnv(databaseEnv, source);
  return { ...env, databaseDriver: checkedDriver(env.DATABASE_DRIVER, env.DATABASE_URL) };
}

/** The driver the settings select; DATABASE_URL must be set for any but PGlite. */
function checkedDriver(setting: 'auto' | DatabaseDriver, url: string | undefined): DatabaseDriver {
  const databaseDriver = resolveDriver(setting, url);
  if (databaseDriver !== 'pglite' && !url) {
    throw new EnvError(
      'DATABASE_URL',
      `Missing environment variable DATABASE_URL: DATABASE_DRIVER=${databaseDriver} needs it`,
    );
  }
  return databaseDriver;
}

/** Parses and checks the environment; throws EnvError with one line naming the bad variable. */
export function loadConfig(source: Readonly<Record<string, string | undefined>> = process.env): AppConfig {
  const env = parseEnv(backendEnv, source);
  const databaseDriver = checkedDriver(env.DATABASE_DRIVER, env.DATABASE_URL);
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

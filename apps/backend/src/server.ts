import { EnvError } from '@todo/shared/env';
import { buildApp } from './app';
import { loadConfig, type AppConfig } from './config';
import { openConfiguredDatabase } from './db/client';
import { runMigrations } from './db/migrate';

/** Process entry: config → database → migrations → app → listen; graceful shutdown on SIGTERM/SIGINT. */
async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof EnvError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }

  const database = await openConfiguredDatabase(config);
  if (config.MIGRATE_ON_START) await runMigrations(database);

  const app = await buildApp({ config, database });
  if (config.authSecretSource === 'derived') {
    app.log.warn(
      'BETTER_AUTH_SECRET is not set: using a development secret derived from this machine. Set it in production.',
    );
  }

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing in-flight requests');
    const force = setTimeout(() => {
      app.log.error(
        { timeoutMs: config.SHUTDOWN_TIMEOUT_MS },
        'in-flight requests did not finish in time; exiting',
      );
      process.exit(1);
    }, config.SHUTDOWN_TIMEOUT_MS);
    force.unref();
    // close() stops accepting and waits for open connections; handlers of clients that already went away (and
    // chat turns finishing in the background) may still be running: wait for them (bounded by the force timer)
    // before the database closes under them.
    app
      .close()
      .then(() => app.inflight.idle(config.SHUTDOWN_TIMEOUT_MS))
      .then(() => database.close())
      .then(() => process.exit(0))
      .catch((err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  await app.listen({ host: config.HOST, port: config.PORT });
  app.log.info({ driver: database.driver, agent: config.OPENAI_API_KEY ? 'openai' : 'local' }, 'ready');
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? `Startup failed: ${err.message}` : err);
  process.exit(1);
});

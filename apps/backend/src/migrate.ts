import { EnvError } from '@todo/shared/env';
import { loadDatabaseConfig } from './config';
import { openConfiguredDatabase } from './db/client';
import { runMigrations } from './db/migrate';

/** `migrate` command: applies pending migrations under the advisory lock and exits (the chart's hook Job). */
async function main(): Promise<void> {
  const config = loadDatabaseConfig();
  const database = await openConfiguredDatabase(config, 2);
  try {
    await runMigrations(database);
    console.log(JSON.stringify({ level: 'info', msg: 'migrations applied', driver: database.driver }));
  } finally {
    await database.close();
  }
}

main().catch((err: unknown) => {
  console.error(
    err instanceof EnvError
      ? err.message
      : `Migration failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  process.exit(1);
});

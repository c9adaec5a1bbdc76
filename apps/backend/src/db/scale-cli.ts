/*
 * `tsx src/db/scale-cli.ts seed <url> <user> <tasks> <conversations> <messages>` loads a user's history (see scale.ts);
 * `tsx src/db/scale-cli.ts plans <url> <user>…` prints the rows each list statement reads for each user as JSON.
 * The bench's "big user" scenario runs both against its Postgres database.
 */
import { createDatabase } from './client';
import { explainCases, seedUser } from './scale';

const [command, url, ...args] = process.argv.slice(2);
const database = await createDatabase({ driver: 'pg', url: url!, poolMax: 2 });
try {
  if (command === 'seed') {
    const [user, tasks, conversations, messages] = args;
    await seedUser(database, user!, {
      tasks: Number(tasks),
      conversations: Number(conversations),
      messages: Number(messages),
    });
  } else if (command === 'plans') {
    const out: Record<string, Record<string, number>> = {};
    for (const user of args)
      for (const c of await explainCases(database, user))
        (out[c.name] ??= {})[user] = Math.max(0, ...c.statements.map((s) => s.rowsRead));
    console.log(JSON.stringify(out));
  } else {
    throw new Error(`unknown command ${command}`);
  }
} finally {
  await database.close();
}

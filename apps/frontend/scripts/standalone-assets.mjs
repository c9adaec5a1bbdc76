// `next build` leaves static assets out of the standalone server; copy them next to server.js so
// `node .next/standalone/apps/frontend/server.js` (and the container image) serve them.
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const app = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const server = path.join(app, '.next/standalone/apps/frontend');
if (!existsSync(path.join(server, 'server.js'))) {
  console.error(`standalone server missing at ${server}; is output: 'standalone' set?`);
  process.exit(1);
}
for (const [from, to] of [
  ['.next/static', '.next/static'],
  ['public', 'public'],
]) {
  const src = path.join(app, from);
  const dest = path.join(server, to);
  rmSync(dest, { recursive: true, force: true });
  if (existsSync(src)) cpSync(src, dest, { recursive: true });
}

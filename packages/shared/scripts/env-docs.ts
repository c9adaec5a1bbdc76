/**
 * Writes the environment-variable tables generated from the env contracts into the docs that list them
 * (`pnpm docs:env`); `--check` only compares and exits 1 when a file differs (CI).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as prettier from 'prettier';
import { backendEnv, frontendEnv } from '../src/env';
import { envTable, replaceRegion } from '../src/env/docs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Each file and the regions it holds. */
const TARGETS: Record<string, Record<string, string>> = {
  'docs/configuration.md': { 'backend env': envTable(backendEnv), 'frontend env': envTable(frontendEnv) },
  'apps/frontend/README.md': { 'frontend env': envTable(frontendEnv) },
};

const check = process.argv.includes('--check');
let stale = 0;
for (const [rel, regions] of Object.entries(TARGETS)) {
  const file = path.join(root, rel);
  const before = readFileSync(file, 'utf8');
  let text = before;
  for (const [name, table] of Object.entries(regions)) text = replaceRegion(text, name, table);
  // Formatted as `pnpm format` would, so the check and prettier agree on one spelling.
  const options = (await prettier.resolveConfig(file)) ?? {};
  const after = await prettier.format(text, { ...options, filepath: file });
  if (after === before) continue;
  if (check) {
    stale++;
    console.error(`${rel}: its environment tables differ from the env contracts (run pnpm docs:env)`);
  } else {
    writeFileSync(file, after);
    console.log(`updated ${rel}`);
  }
}
if (stale > 0) process.exit(1);

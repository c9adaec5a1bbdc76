#!/usr/bin/env node
// Copies a bundled Node app plus exactly the node_modules files its entries load, into a flat runtime tree.
//   node trace-deps.mjs <repo root> <app dir, relative> <out dir> <entry, relative to app dir>...
// Used by docker/backend.Dockerfile (with @vercel/nft installed next to this file): the tsup bundle keeps npm
// dependencies external, and `pnpm deploy --prod` drags in whole packages and optional peers (next, vite…),
// several hundred MB; tracing keeps only what `import`/`require`/`new URL(…, import.meta.url)` reach.
//
// Layout: <app dir>/X → <out>/X (dist/, package.json) and the pnpm store node_modules/.pnpm → <out>/node_modules/.pnpm,
// with the app's dependency symlinks re-pointed, so `node <out>/dist/server.js` resolves as before.
import { nodeFileTrace } from '@vercel/nft';
import { cpSync, lstatSync, mkdirSync, readlinkSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const [rootArg, appArg, outArg, ...entries] = process.argv.slice(2);
if (!rootArg || !appArg || !outArg || entries.length === 0) {
  console.error('usage: trace-deps.mjs <repo root> <app dir> <out dir> <entry>...');
  process.exit(2);
}
const root = path.resolve(rootArg);
const appDir = path.relative(root, path.resolve(root, appArg));
const out = path.resolve(outArg);

/** Repo-relative path → path inside the output tree (throws for files outside the app and node_modules). */
function mapPath(rel) {
  if (rel === appDir) return '';
  if (rel.startsWith(`${appDir}/`)) return rel.slice(appDir.length + 1);
  if (rel === 'node_modules' || rel.startsWith('node_modules/')) return rel;
  throw new Error(`traced file outside ${appDir} and node_modules: ${rel}`);
}

const { fileList, warnings } = await nodeFileTrace(
  entries.map((entry) => path.join(root, appDir, entry)),
  { base: root, processCwd: path.join(root, appDir) },
);
for (const warning of warnings) {
  // Unresolvable optional requires (pg-native, …) are expected; show them for the build log.
  if (!/Failed to resolve dependency/.test(String(warning.message)))
    console.warn(`trace: ${warning.message}`);
}

const seen = new Map();
let files = 0;
let bytes = 0;
for (const rel of [...fileList].sort()) {
  const target = mapPath(rel);
  if (seen.has(target) && seen.get(target) !== rel)
    throw new Error(`${rel} and ${seen.get(target)} both map to ${target}`);
  seen.set(target, rel);
  const src = path.join(root, rel);
  const dest = path.join(out, target);
  const stat = lstatSync(src);
  mkdirSync(path.dirname(dest), { recursive: true });
  if (stat.isSymbolicLink()) {
    const linkTarget = path.relative(root, path.resolve(path.dirname(src), readlinkSync(src)));
    symlinkSync(path.relative(path.dirname(dest), path.join(out, mapPath(linkTarget))), dest);
  } else if (stat.isFile()) {
    cpSync(src, dest);
    files += 1;
    bytes += stat.size;
  }
}
console.log(`traced ${files} files, ${(bytes / 1e6).toFixed(1)} MB → ${out}`);

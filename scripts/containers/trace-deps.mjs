#!/usr/bin/env node
// Copies a bundled Node app plus exactly the node_modules files its entries load, into a flat runtime tree.
//   node trace-deps.mjs <repo root> <app dir, relative> <out dir> <entry, relative to app dir>...
// Used by docker/backend.Dockerfile (with @vercel/nft installed next to this file): the tsup bundle keeps some npm
// dependencies external, and `pnpm deploy --prod` drags in whole packages and optional peers (next, vite…),
// several hundred MB; tracing keeps only what `import`/`require`/`new URL(…, import.meta.url)` reach.
//
// Layout: <app dir>/X → <out>/X (dist/, package.json) and the pnpm store node_modules/.pnpm → <out>/node_modules/.pnpm,
// with the app's dependency symlinks re-pointed, so `node <out>/dist/server.js` resolves as before.
import { nodeFileTrace } from '@vercel/nft';
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  realpathSync,
  symlinkSync,
} from 'node:fs';
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

/** Directories of the other workspace packages (pnpm-workspace.yaml entries `dir/*` or `dir`). */
function workspacePackageDirs() {
  const file = path.join(root, 'pnpm-workspace.yaml');
  if (!existsSync(file)) return [];
  const globs = [...readFileSync(file, 'utf8').matchAll(/^\s*-\s*['"]?([^'"\s#]+)/gm)].map((m) => m[1]);
  return globs
    .flatMap((glob) => {
      if (!glob.endsWith('/*')) return [glob];
      const parent = glob.slice(0, -2);
      const dir = path.join(root, parent);
      if (!existsSync(dir)) return [];
      return readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => `${parent}/${e.name}`);
    })
    .filter((dir) => dir !== appDir);
}
// The bundle inlines workspace packages, so nothing in them is read at run time. A glob-shaped read still reaches
// them through their node_modules links (Better Auth looks up node_modules/<any package>/package.json): skip those.
const workspaceDirs = workspacePackageDirs();
const inWorkspacePackage = (rel) => workspaceDirs.some((dir) => rel === dir || rel.startsWith(`${dir}/`));
// Packages a traced module can reach but the server never loads: cosmiconfig (under the reminder queue,
// graphile-worker) requires typescript only to read a .ts config file, and the queue is configured in code (8.8 MB).
const NEVER_LOADED = ['typescript'];
const neverLoaded = (rel) => NEVER_LOADED.some((name) => rel.includes(`/node_modules/${name}/`));
function ignore(rel) {
  if (inWorkspacePackage(rel) || neverLoaded(rel)) return true;
  try {
    const abs = path.join(root, rel);
    return lstatSync(abs).isSymbolicLink() && inWorkspacePackage(path.relative(root, realpathSync(abs)));
  } catch {
    return false;
  }
}

const { fileList, warnings } = await nodeFileTrace(
  entries.map((entry) => path.join(root, appDir, entry)),
  { base: root, processCwd: path.join(root, appDir), ignore },
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

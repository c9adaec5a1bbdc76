#!/usr/bin/env node
// Builds one app's container image: `node scripts/containers/build-image.mjs <backend|frontend>`.
// This is what each app's `docker` script runs, so `pnpm turbo docker` builds both images in parallel.
//
// Tags: <registry/>todo-<app>:<version from apps/<app>/package.json> and :<git short sha> in a git checkout.
// Environment (all optional):
//   IMAGE_REGISTRY        prefix such as ghcr.io/acme (no trailing slash needed)
//   NODE_IMAGE            base image for every stage (mirror, air-gapped registry, local base)
//   DOCKER                client binary (default docker; `podman` works too)
//   DOCKER_BUILD_NETWORK  network of RUN steps (default host, so installs reach the registry; "" = engine default)
//   DOCKER_BUILD_ARGS     extra arguments, split on whitespace (e.g. "--no-cache")
// Works unchanged after `eval $(minikube docker-env)`: the client talks to whatever DOCKER_HOST says.
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const apps = ['backend', 'frontend'];
const app = process.argv[2];
if (!apps.includes(app)) {
  console.error(`usage: build-image.mjs <${apps.join('|')}>`);
  process.exit(2);
}

const readJson = (file) => JSON.parse(readFileSync(path.join(root, file), 'utf8'));
const rootPkg = readJson('package.json');
const appPkg = readJson(`apps/${app}/package.json`);

function git(...args) {
  try {
    return execFileSync('git', args, { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .trim();
  } catch {
    return '';
  }
}

/** Source URL for the OCI label: the git remote as https, else package.json `repository`. */
function sourceUrl() {
  const remote = git('remote', 'get-url', 'origin');
  const scp = /^git@([^:]+):(.+?)(\.git)?$/.exec(remote);
  if (scp) return `https://${scp[1]}/${scp[2]}`;
  if (/^https?:\/\//.test(remote)) return remote.replace(/\.git$/, '').replace(/\/\/[^@/]+@/, '//');
  const repo = rootPkg.repository;
  return (typeof repo === 'string' ? repo : (repo?.url ?? '')).replace(/^git\+/, '').replace(/\.git$/, '');
}

/** Exact tool versions the builder stage installs, taken from the root package.json pins. */
function toolVersions() {
  const pnpm = /^pnpm@(\d+\.\d+\.\d+)/.exec(rootPkg.packageManager ?? '')?.[1];
  let turbo;
  try {
    turbo = JSON.parse(readFileSync(path.join(root, 'node_modules/turbo/package.json'), 'utf8')).version;
  } catch {
    turbo = /(\d+\.\d+\.\d+)/.exec(rootPkg.devDependencies?.turbo ?? '')?.[1];
  }
  return { pnpm, turbo };
}

const docker = process.env.DOCKER || 'docker';
const registry = (process.env.IMAGE_REGISTRY ?? '').replace(/\/+$/, '');
const repo = `${registry ? `${registry}/` : ''}todo-${app}`;
const version = appPkg.version;
const revision = git('rev-parse', 'HEAD');
const shortSha = git('rev-parse', '--short=12', 'HEAD');
const tags = [`${repo}:${version}`, ...(shortSha ? [`${repo}:${shortSha}`] : [])];
const { pnpm, turbo } = toolVersions();

const buildArgs = {
  NODE_IMAGE: process.env.NODE_IMAGE || undefined,
  PNPM_VERSION: pnpm,
  TURBO_VERSION: turbo,
  VERSION: version,
  REVISION: revision || undefined,
  SOURCE: sourceUrl() || undefined,
};
const network = process.env.DOCKER_BUILD_NETWORK ?? 'host';

const args = ['build', '-f', `docker/${app}.Dockerfile`];
for (const tag of tags) args.push('-t', tag);
for (const [key, value] of Object.entries(buildArgs)) if (value) args.push('--build-arg', `${key}=${value}`);
if (network) args.push('--network', network);
args.push(...(process.env.DOCKER_BUILD_ARGS ?? '').split(/\s+/).filter(Boolean));
args.push('.');

console.log(`$ ${docker} ${args.join(' ')}`);
const started = Date.now();
const code = await new Promise((resolve) => {
  const child = spawn(docker, args, { cwd: root, stdio: 'inherit' });
  child.on('error', (err) => {
    console.error(`cannot run ${docker}: ${err.message}`);
    resolve(127);
  });
  child.on('exit', (status, signal) => resolve(status ?? (signal ? 1 : 0)));
});
if (code !== 0) {
  console.error(`build of ${tags[0]} failed (exit ${code})`);
  process.exit(code);
}

/** Size in bytes of an image as the engine reports it, or undefined. */
function imageSize(ref) {
  try {
    const out = execFileSync(docker, ['image', 'inspect', '--format', '{{.Size}}', ref], {
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return Number(out.toString().trim());
  } catch {
    return undefined;
  }
}
const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;
const size = imageSize(tags[0]);
const base = process.env.NODE_IMAGE || 'node:22-slim'; // the Dockerfiles' default
const baseSize = imageSize(base);
const above = size !== undefined && baseSize !== undefined ? ` (+${mb(size - baseSize)} above ${base})` : '';
console.log(
  `built ${tags.join(', ')} in ${((Date.now() - started) / 1000).toFixed(0)} s` +
    (size !== undefined ? `: ${mb(size)}${above}` : ''),
);
